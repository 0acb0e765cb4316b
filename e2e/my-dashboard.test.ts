/**
 * Journey (issue 12, 我的工作台): the demo 专业技术人员 (张雨萱, whose year the demo seed leaves empty) is given, before
 * she logs in, part of this year's hours (32 公需 + 24 专业 approved through the ledger, so 专业 is short), one claim
 * waiting for HR and last year's hours (so 往年完成情况 has a completed year). She logs in and lands on the dashboard:
 * 公需/专业/合计 against the year's policy are what person_year_totals and hour_policies say, judged as the domain's
 * completion()/gapText() judge them, with the gap ("还需 …") and the deadline in the Alert and 未完成 on the card.
 * A claim of hers is rejected with a reason through the ledger: after a reload 最近审核结果 shows it first, 已驳回 and
 * "原因：…". Then enough hours are approved to complete the year: 已完成, 下载学时证明, which opens /me/certificates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { beijingDate, beijingYear, completion, gapText } from '@hbzsgx/domain';
import { claims, hourPolicies, organizations, personnel, personYearTotals, users } from '../server/src/db/schema.js';
import { transitionClaims } from '../server/src/modules/ledger/service.js';
import { approvedBaseClaims, enter, hasChromium, hasWebBuild, settled, shot, startPlatform, type Platform } from './support.js';

const YEAR = beijingYear();
const BASE = '武汉城市职业学院继续教育基地';
const REJECTED = '校本研修：教学反思与课例研究';
const REASON = '签到记录缺失，请补充培训签到表后重新申报';
const WAITING = '湖北省中小学教师学科素养提升网络培训';
const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

describe.skipIf(!hasChromium || !hasWebBuild)("journey: a professional's 我的工作台 — progress, decisions, completion", () => {
  let p: Platform;
  let me: { personnelId: number; userId: number };
  let baseId: number;

  /** Her claims of `year`, inserted pending (as the base's 学员成绩 would be), then moved by the ledger when `to` is given. */
  async function claimsOf(
    year: number,
    items: { title: string; subjectType: 'public' | 'professional'; hours: number }[],
    to?: 'approved' | 'rejected',
    reason?: string,
  ) {
    const ids = (
      await p.db
        .insert(claims)
        .values(
          items.map((c) => ({
            ...c,
            personnelId: me.personnelId,
            year,
            source: 'base' as const,
            declaringOrgId: baseId,
            learningForm: 'faceToFace' as const,
            status: 'pending' as const,
          })),
        )
        .returning({ id: claims.id })
    ).map((r) => r.id);
    if (to) await p.db.transaction((tx) => transitionClaims(tx, { ids, to, actorUserId: me.userId, reason }));
    return ids;
  }

  /** This year as the platform keeps it (person_year_totals, hour_policies), judged by the domain. */
  async function expected() {
    const [t] = await p.db
      .select()
      .from(personYearTotals)
      .where(and(eq(personYearTotals.personnelId, me.personnelId), eq(personYearTotals.year, YEAR)));
    const [policy] = await p.db.select().from(hourPolicies).where(eq(hourPolicies.year, YEAR));
    expect(policy).toBeTruthy();
    const c = completion({ publicHours: Number(t?.publicHours ?? 0), professionalHours: Number(t?.professionalHours ?? 0) }, policy!);
    return { policy: policy!, c, gap: gapText(c.missing).replace(/^还差/, '还需') };
  }

  /** The three Statistic + Progress blocks show the expected figures against the policy. */
  async function checkBars(page: Page, e: Awaited<ReturnType<typeof expected>>) {
    const bars = [
      ['公需科目', e.c.publicHours, e.policy.publicMin],
      ['专业科目', e.c.professionalHours, e.policy.professionalMin],
      ['合计', e.c.totalHours, e.policy.totalRequired],
    ] as const;
    for (const [label, value, of] of bars) {
      const block = page.getByLabel(`${label}进度`);
      await expect.poll(() => block.innerText()).toMatch(new RegExp(`^${label}\\s*${value}\\s*/ ${of} 学时`));
      const percent = Math.min(100, Math.round((value / of) * 100));
      expect(await block.getByRole('progressbar').getAttribute('aria-valuenow')).toBe(String(percent));
    }
  }

  beforeAll(async () => {
    p = await startPlatform();
    const teacher = p.account('专业技术人员');
    const [person] = await p.db
      .select({ personnelId: personnel.id, userId: users.id })
      .from(personnel)
      .innerJoin(users, eq(users.id, personnel.userId))
      .where(eq(users.name, teacher.name));
    me = person!;
    const [base] = await p.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.name, BASE), eq(organizations.type, 'base')));
    baseId = base!.id;
  }, 120_000);
  afterAll(async () => p?.close());

  it('shows her year against the policy, a rejection with its reason, then 已完成 and the way to her certificate', { timeout: 180_000 }, async () => {
    const teacher = p.account('专业技术人员');
    // the seed leaves her year empty: part of it approved (专业 short), one claim waiting for HR, last year complete
    await approvedBaseClaims(p, teacher.name, BASE, [
      { title: '专业技术人员职业道德与诚信建设', subjectType: 'public', hours: 32 },
      { title: '新课程标准解读与大单元教学设计', subjectType: 'professional', hours: 24 },
    ]);
    await claimsOf(YEAR, [{ title: WAITING, subjectType: 'professional', hours: 12 }]);
    await claimsOf(
      YEAR - 1,
      [
        { title: `${YEAR - 1}年公需科目：数字经济与数字化转型`, subjectType: 'public', hours: 30 },
        { title: `${YEAR - 1}年中小学教师课堂教学能力提升研修班`, subjectType: 'professional', hours: 64 },
      ],
      'approved',
    );

    // ---- 1. she logs in and lands on 我的工作台: her real figures, the gap and the deadline, 未完成
    const page = await enter(p, '专业技术人员', '专业技术人员', 'Teacher@2026new');
    const main = page.locator('.ant-layout-content');
    const progress = main.locator('.ant-card').filter({ hasText: `${YEAR}年度学时进度` });
    await progress.waitFor();
    const before = await expected();
    expect(before.c.completed).toBe(false);
    expect(before.gap).toMatch(/^还需 /);
    await checkBars(page, before);
    await progress.locator('.ant-card-extra').getByText('未完成', { exact: true }).waitFor();
    const alert = progress.locator('.ant-alert');
    const days = Math.round(dayNumber(before.policy.closingDate) - dayNumber(beijingDate()));
    const alertText = await alert.innerText();
    expect(alertText).toContain(before.gap);
    expect(alertText).toContain(`${before.gap}，截止 ${monthDay(before.policy.closingDate)}（还有 ${days} 天）`);
    await alert.getByRole('button', { name: /申报学时/ }).waitFor();
    expect(await progress.getByRole('button', { name: /下载学时证明/ }).count()).toBe(0);

    // 申报进度: what waits is counted from her claims
    const waiting = main.locator('.ant-card').filter({ hasText: '申报进度' });
    const pending = await p.db
      .select({ id: claims.id })
      .from(claims)
      .where(and(eq(claims.personnelId, me.personnelId), eq(claims.status, 'pending')));
    expect(pending.length).toBe(1);
    await expect.poll(() => waiting.locator('.ant-statistic').filter({ hasText: '待人社部门审核' }).innerText()).toMatch(/待人社部门审核\s*1\s*条/);
    expect(await waiting.locator('.ant-statistic').filter({ hasText: '待单位审核' }).innerText()).toMatch(/待单位审核\s*0\s*条/);

    // 往年完成情况: last year, 94 学时, 已完成
    const past = main.locator('.ant-card').filter({ hasText: '往年完成情况' });
    const lastYear = past.locator('.ant-table-row').filter({ hasText: `${YEAR - 1}年度` });
    await lastYear.waitFor();
    expect((await lastYear.locator('td').allInnerTexts()).map((s) => s.trim())).toEqual([`${YEAR - 1}年度`, '30', '64', '94', '已完成']);
    await settled(page);
    await shot(page, 'my-dashboard-01-progress');

    // ---- 2. a decision with a reason: a claim rejected through the ledger shows first in 最近审核结果
    await claimsOf(YEAR, [{ title: REJECTED, subjectType: 'professional', hours: 16 }], 'rejected', REASON);
    await page.reload();
    const recent = waiting.locator('.ant-list-item');
    await recent.filter({ hasText: REJECTED }).waitFor();
    const newest = recent.first();
    expect(await newest.innerText()).toContain(REJECTED);
    await newest
      .locator('.ant-tag')
      .filter({ hasText: /^已驳回$/ })
      .waitFor();
    expect(await newest.innerText()).toContain(`原因：${REASON}`);
    expect(await newest.innerText()).toContain(`${YEAR}年度 · ${REJECTED}（16学时）`);
    // a rejection counts nothing: the year is as before
    await checkBars(page, await expected());
    expect(await progress.locator('.ant-alert').innerText()).toContain(before.gap);
    await settled(page);
    await shot(page, 'my-dashboard-02-decision');

    // ---- 3. enough hours approved to complete the year: 已完成 and 下载学时证明
    const m = before.c.missing;
    const rest = Math.max(0, m.total - m.public - m.professional);
    const items: { title: string; subjectType: 'public' | 'professional'; hours: number }[] = [];
    if (m.public > 0) items.push({ title: '专业技术人员公需科目：法治素养与职业道德', subjectType: 'public', hours: m.public });
    if (m.professional + rest > 0)
      items.push({ title: '中小学教师信息技术应用能力提升培训班', subjectType: 'professional', hours: m.professional + rest });
    expect(items.length).toBeGreaterThan(0);
    await approvedBaseClaims(p, teacher.name, BASE, items);
    const after = await expected();
    expect(after.c.completed).toBe(true);
    await page.reload();
    await progress.locator('.ant-card-extra').getByText('已完成', { exact: true }).waitFor();
    await checkBars(page, after);
    expect(await progress.locator('.ant-card-extra').getByText('未完成').count()).toBe(0);
    expect(await progress.locator('.ant-alert').innerText()).toContain(`已完成${YEAR}年度继续教育学时要求`);
    expect(await progress.getByRole('button', { name: /申报学时/ }).count()).toBe(0);
    const download = progress.getByRole('button', { name: /下载学时证明/ });
    await download.waitFor();
    await settled(page);
    await shot(page, 'my-dashboard-03-complete');
    await download.click();
    await page.waitForURL(/\/me\/certificates$/, { waitUntil: 'commit' });
    await main
      .locator('.ant-table-row')
      .filter({ hasText: `${YEAR}年度` })
      .filter({ hasText: '已完成' })
      .getByRole('button', { name: /下载学时证明/ })
      .waitFor();
  });
});
