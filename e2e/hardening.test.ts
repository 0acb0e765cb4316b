/**
 * Journey (issue 8, items 11 and 8):
 *  - 学时审核 删除 needs a reason: the demo teacher holds two approved claims of this year (given through the ledger
 *    before the browser starts) and sees 72 学时; the city HR (武汉市, the base's reviewer) opens 继续教育机构学时审核 →
 *    已审核, finds her, selects one claim and clicks 删除; the modal refuses an empty 删除原因, then deletes with a
 *    reason and the claim leaves the list; the teacher sees it as 已删除 with the reason and the lower total.
 *  - Nobody reviews their own request: 江岸区人社局 edits its own 单位信息; its own 机构信息修改审核 queue does not show
 *    the request and a decision on it is refused (403); the city HR (its superior) sees it, approves it, and the
 *    change goes live.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { changeRequests, claims, organizations } from '../server/src/db/schema.js';
import { OWN_REQUEST_MESSAGE } from '../server/src/lib/self-review.js';
import {
  approvedBaseClaims,
  confirmPopover,
  enter,
  hasChromium,
  hasWebBuild,
  openMenu,
  settled,
  shot,
  startPlatform,
  type Platform,
} from './support.js';

const YEAR = new Date().getFullYear();
const BASE = '武汉城市职业学院继续教育基地';
const KEPT = '专业技术人员职业道德与诚信建设';
const DELETED = '中小学教师课堂教学能力提升研修班';
const REASON = '该培训班学员名单录入错误，本人未参加此次培训';
const NEW_ADDRESS = '武汉市江岸区沿江大道188号人力资源大厦';

/** Two approved claims of this year for the teacher, as the base's claims would be after 学时审核 (32 公需 + 40 专业). */
async function giveTeacherHours(p: Platform, name: string) {
  await approvedBaseClaims(p, name, BASE, [
    { title: KEPT, subjectType: 'public', hours: 32, score: '88', qualified: true },
    { title: DELETED, subjectType: 'professional', hours: 40, score: '88', qualified: true },
  ]);
}

/** Opens a queue from the menu and returns its first list answer (the durable fact the page then shows). */
async function openQueue(page: Page, menu: string[], url: RegExp, api: string) {
  const answered = page.waitForResponse((r) => r.url().includes(api) && r.request().method() === 'GET' && r.url().includes('tab=pending'), {
    timeout: 30_000,
  });
  await openMenu(page, menu, url);
  const res = await answered;
  expect(res.status()).toBe(200);
  return (await res.json()) as { items: { id: number; orgName: string }[]; total: number };
}

describe.skipIf(!hasChromium || !hasWebBuild)('journey: hardening — a deletion needs a reason, nobody reviews their own request', () => {
  let p: Platform;
  let city: Page;
  /** Every page of the journey on failure, so that a run under load shows where it stood. */
  const failureShots = async (what: string) => {
    for (const [i, page] of p.browser
      .contexts()
      .flatMap((c) => c.pages())
      .entries())
      await shot(page, `failure-hardening-${what}-${i}`).catch(() => undefined);
  };
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('deletes an approved claim with a reason, and the teacher sees the reason and the lower total', async () => {
    onTestFailed(() => failureShots('delete'));
    const teacher = p.account('专业技术人员');
    await giveTeacherHours(p, teacher.name);

    // ---- the teacher's year before: both claims counted
    const person = await enter(p, '专业技术人员', '专业技术人员', 'Teacher@2026new');
    await openMenu(person, ['我的学时'], /me\/hours/);
    await person.getByText(`${YEAR}年度学时明细`).waitFor();
    const stats = person.locator('.hours-stat');
    await stats
      .nth(2)
      .filter({ hasText: /合计\s*72\s*\/ 90 学时/ })
      .waitFor();
    expect(await person.locator('.ant-table-row').filter({ hasText: '已通过' }).count()).toBe(2);

    // ---- the city HR: 继续教育机构学时审核 → 已审核, her two claims
    city = await enter(p, '市州人社局管理员（武汉市）', '人社部门', 'City@2026new');
    await openMenu(city, ['学时审核', '继续教育机构学时审核'], /hours\/review\/base/);
    await city.getByRole('tab', { name: '已审核' }).click();
    await city.locator('.ant-tabs-tab-active').filter({ hasText: '已审核' }).waitFor();
    await city.getByLabel('姓名').fill(teacher.name);
    await city.getByRole('button', { name: /查\s*询/ }).click();
    const rows = city.locator('.ant-table-row').filter({ hasText: teacher.name });
    await city.getByText('共 2 条').waitFor();
    await rows.filter({ hasText: DELETED }).filter({ hasText: '已通过' }).waitFor();
    await expect.poll(() => rows.count()).toBe(2);

    // selects one claim and clicks 删除: the modal asks for 删除原因
    const target = rows.filter({ hasText: DELETED });
    await target.locator('.ant-checkbox-input').check();
    const bar = city.locator('.ant-alert').filter({ hasText: '已选择 1 条学时申报' });
    await bar.waitFor();
    const modal = city.locator('.ant-modal').filter({ hasText: '删除原因' });
    await bar.getByRole('button', { name: /删\s*除/ }).click();
    await modal.getByText('删除学时申报', { exact: true }).waitFor();
    expect(await modal.innerText()).toContain(`将删除“${teacher.name}”的“${DELETED}”学时申报`);
    await modal.getByText('已审核通过的学时删除后，将从个人年度学时中扣除。').waitFor();

    // 确认删除 without a reason: the form refuses, nothing is deleted
    const ok = modal.getByRole('button', { name: '确认删除' });
    await ok.click();
    await modal.getByText('请填写删除原因').waitFor();
    expect(await modal.isVisible()).toBe(true);
    const [still] = await p.db.select({ status: claims.status }).from(claims).where(eq(claims.title, DELETED));
    expect(still!.status).toBe('approved');

    await modal.getByLabel('删除原因').fill(REASON);
    await modal.getByText('请填写删除原因').waitFor({ state: 'detached' });
    await settled(city);
    await shot(city, 'hardening-01-delete-reason');
    // the durable outcome: the claim leaves 已审核
    await ok.click();
    await target.waitFor({ state: 'detached' });
    await city.getByText('共 1 条').waitFor();
    expect(await rows.filter({ hasText: KEPT }).count()).toBe(1);
    await modal.waitFor({ state: 'hidden' });

    // ---- the teacher: 已删除 with the reason, not counted, and the lower total
    await person.reload();
    await person.getByText(`${YEAR}年度学时明细`).waitFor();
    await stats
      .nth(2)
      .filter({ hasText: /合计\s*32\s*\/ 90 学时/ })
      .waitFor();
    expect(await stats.nth(1).innerText()).toMatch(/专业科目\s*0\s*\/ 60 学时/);
    const deleted = person.locator('.ant-table-row').filter({ hasText: DELETED });
    await deleted.filter({ hasText: '已删除' }).waitFor();
    expect(await deleted.innerText()).toContain(`删除原因：${REASON}`);
    expect(await deleted.innerText()).toContain('（不计入）');
    expect(await person.locator('.ant-table-row').filter({ hasText: KEPT }).filter({ hasText: '已通过' }).count()).toBe(1);
    await settled(person);
    await shot(person, 'hardening-02-my-hours-deleted');
  }, 240_000);

  it('keeps 江岸区人社局 out of its own 机构信息修改审核 and lets the city HR approve it', async () => {
    onTestFailed(() => failureShots('own-request'));
    const countyAcc = p.account('县区人社局管理员（江岸区）');
    const county = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'County@2026new');

    // ---- 基本信息管理 → 修改单位信息: a request for the superior
    await openMenu(county, ['账户管理', '本级机构管理', '基本信息管理'], /account\/org-info/);
    const edit = county.getByRole('button', { name: /修改单位信息/ });
    const modal = county.locator('.ant-modal').filter({ hasText: '修改后须经上级部门审核通过才能生效' });
    await edit.click();
    await modal.getByLabel('地址').fill(NEW_ADDRESS);
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    const pending = county.locator('.ant-alert').filter({ hasText: '以下修改待上级审核' });
    await pending.waitFor();
    expect(await pending.innerText()).toContain(NEW_ADDRESS);
    await county.locator('.ant-table-row').filter({ hasText: '单位信息修改' }).filter({ hasText: '待审核' }).waitFor();
    const [org] = await p.db
      .select({ id: organizations.id, address: organizations.address })
      .from(organizations)
      .where(eq(organizations.name, countyAcc.orgName));
    expect(org!.address).not.toBe(NEW_ADDRESS); // not live before the superior approves
    const [request] = await p.db
      .select({ id: changeRequests.id })
      .from(changeRequests)
      .where(and(eq(changeRequests.orgId, org!.id), eq(changeRequests.kind, 'org_info'), eq(changeRequests.status, 'pending')));
    expect(request).toBeTruthy();

    // ---- its own 机构信息修改审核: the request is not there
    const own = await openQueue(
      county,
      ['账户管理', '变更审核管理', '机构信息修改审核'],
      /account\/changes\/org-info/,
      '/api/reviews/changes/org-info',
    );
    expect(own.items.map((i) => i.id)).not.toContain(request!.id);
    expect(own.items.map((i) => i.orgName)).not.toContain(countyAcc.orgName);
    await county.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
    if (own.total === 0) await county.locator('.ant-table-placeholder').getByText('暂无待审核的申请').waitFor();
    else await county.locator('.ant-table-row').first().waitFor();
    expect(await county.locator('.ant-table-row').filter({ hasText: countyAcc.orgName }).count()).toBe(0);
    await settled(county);
    await shot(county, 'hardening-03-own-queue');

    // ... and deciding it anyway (a hand-made request from its session) is refused
    const refused = await county.evaluate(async (id) => {
      const r = await fetch('/api/reviews/changes/org-info/decide', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids: [id], decision: 'approve', reason: '' }),
      });
      return { status: r.status, body: (await r.json()) as { message?: string } };
    }, request!.id);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(OWN_REQUEST_MESSAGE);
    const [unchanged] = await p.db.select({ status: changeRequests.status }).from(changeRequests).where(eq(changeRequests.id, request!.id));
    expect(unchanged!.status).toBe('pending');

    // ---- the city HR (the superior) sees it and approves it
    const theirs = await openQueue(
      city,
      ['账户管理', '变更审核管理', '机构信息修改审核'],
      /account\/changes\/org-info/,
      '/api/reviews/changes/org-info',
    );
    expect(theirs.items.map((i) => i.id)).toContain(request!.id);
    const row = city.locator('.ant-table-row').filter({ hasText: countyAcc.orgName });
    await row.waitFor();
    expect(await row.innerText()).toContain(NEW_ADDRESS);
    await settled(city);
    await shot(city, 'hardening-04-superior-queue');
    await confirmPopover(city, row.getByRole('button', { name: /^通\s*过$/ }), /^通\s*过$/, row, { gone: true });
    await city.getByRole('tab', { name: '已审核' }).click();
    await city.locator('.ant-table-row').filter({ hasText: countyAcc.orgName }).filter({ hasText: '已通过' }).waitFor();

    // ---- live: 江岸区人社局's 基本信息管理 shows the new address, nothing pending (reloaded: the page's own copy is
    // up to 15 s old, and the decision was taken in another session)
    await openMenu(county, ['账户管理', '本级机构管理', '基本信息管理'], /account\/org-info/);
    const info = county.waitForResponse((r) => new URL(r.url()).pathname === '/api/org/info' && r.request().method() === 'GET', { timeout: 30_000 });
    await county.reload();
    expect(((await (await info).json()) as { address: string }).address).toBe(NEW_ADDRESS);
    await county.locator('.ant-descriptions').getByText(NEW_ADDRESS).waitFor();
    await county.locator('.ant-table-row').filter({ hasText: '单位信息修改' }).filter({ hasText: '已通过' }).waitFor();
    await expect.poll(() => pending.count()).toBe(0);
  }, 240_000);
});
