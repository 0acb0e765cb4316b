/**
 * Journey (培训报名): the demo teacher, 24 专业 hours short of her year, sees the gap on 我的工作台, opens 培训报名 and
 * enrols (confirmed) in an upcoming class of the Wuhan base (剩余名额 drops by one; 我的报名 lists it); the base opens
 * 学员成绩管理 › 报名名单, sees her (证件号 masked) and registers the roster with 全部登记; the city HR approves the
 * claim in 继续教育机构学时审核; the teacher gets the message in the bell, her year is 已完成, she downloads her
 * 学时证明 in 电子证书 and a visitor verifies its code in the home page's 证书验证 box.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { classEnrolments, organizations, trainingClasses } from '../server/src/db/schema.js';
import { pdfPages } from '../server/src/modules/certificates/testing.js';
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
const CLASS = '中小学教师教学能力提升专题研修班';
const NEARLY_FULL = '专业技术人员职业道德与法治专题讲座';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: 培训报名 → 报名名单 → 学时审核 → 电子证书', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('the teacher enrols, the base scores the roster, HR approves, the certificate verifies', { timeout: 240_000 }, async () => {
    const teacher = p.account('专业技术人员');
    await approvedBaseClaims(p, teacher.name, BASE, [
      { title: '专业技术人员职业道德与诚信建设', subjectType: 'public', hours: 32 },
      { title: '中小学教师信息技术应用能力提升培训班', subjectType: 'professional', hours: 40 },
    ]);
    const [base] = await p.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.name, BASE), eq(organizations.type, 'base')));
    const [cls] = await p.db
      .select()
      .from(trainingClasses)
      .where(and(eq(trainingClasses.baseOrgId, base!.id), eq(trainingClasses.name, CLASS)));
    expect(cls!.hours).toBe(24);

    // ---- 1. 我的工作台: the gap
    const me = await enter(p, '专业技术人员', '专业技术人员', 'Teacher@2026enr');
    const progress = me.locator('.ant-layout-content .ant-card').filter({ hasText: `${YEAR}年度学时进度` });
    await progress
      .locator('.ant-alert')
      .getByText(/还需 .*学时/)
      .waitFor();
    await progress.locator('.ant-card-extra').getByText('未完成', { exact: true }).waitFor();
    await settled(me);
    await shot(me, 'enrolment-01-dashboard-gap');

    // ---- 2. 培训报名: the catalogue, 报名 confirmed
    await openMenu(me, ['培训报名'], /me\/enrolment/);
    const row = me.locator('.ant-table-row').filter({ hasText: CLASS });
    await row.filter({ hasText: '可报名' }).waitFor();
    expect(await row.innerText()).toContain(BASE);
    expect(await row.innerText()).toContain(`${cls!.capacity}`);
    // the nearly full class shows its last seat
    await me.locator('.ant-table-row').filter({ hasText: NEARLY_FULL }).filter({ hasText: '1 / 3' }).waitFor();
    await settled(me);
    await shot(me, 'enrolment-02-catalogue');
    await confirmPopover(me, row.getByRole('button', { name: /^报\s*名$/ }), /^报\s*名$/, me.getByText(`已报名“${CLASS}”`));
    await row.filter({ hasText: '已报名' }).getByRole('button', { name: '取消报名' }).waitFor();
    await row.filter({ hasText: `${cls!.capacity - 1} / ${cls!.capacity}` }).waitFor();
    await settled(me);
    await shot(me, 'enrolment-03-enrolled');
    await me.getByRole('tab', { name: '我的报名' }).click();
    await me.locator('.ant-table-row').filter({ hasText: CLASS }).filter({ hasText: '已报名' }).waitFor();
    const live = await p.db.select().from(classEnrolments).where(eq(classEnrolments.classId, cls!.id));
    expect(live.map((e) => e.status)).toEqual(['enrolled']);

    // ---- 3. the base: 学员成绩管理 › 报名名单, 全部登记
    const bs = await enter(p, '继续教育基地管理员', '继续教育基地', 'Base@2026enr');
    await openMenu(bs, ['学员成绩管理'], /training\/scores/);
    const picker = bs.getByLabel('选择培训班');
    await picker.click();
    await picker.fill('教学能力提升专题');
    await bs.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: CLASS }).first().click();
    await bs.waitForURL(new RegExp(`classId=${cls!.id}`), { waitUntil: 'commit' });
    await bs.getByRole('tab', { name: '报名名单' }).click();
    const learner = bs.locator('.ant-table-row').filter({ hasText: teacher.name });
    await learner.filter({ hasText: '未登记' }).waitFor();
    expect(await learner.innerText()).toMatch(/\*{10}/);
    expect(await learner.innerText()).not.toContain(teacher.account);
    await settled(bs);
    await shot(bs, 'enrolment-04-roster');
    await bs.getByRole('button', { name: /全部登记/ }).click();
    const modal = bs.locator('.ant-modal').filter({ hasText: '是否合格' });
    await modal.getByText(teacher.name).waitFor();
    await modal.getByLabel('成绩').fill('92');
    await settled(bs);
    await shot(bs, 'enrolment-05-roster-score');
    await modal.getByRole('button', { name: /登\s*记/ }).click();
    await bs.getByText('已为 1 名学员登记成绩').waitFor();
    await learner.filter({ hasText: '已登记' }).waitFor();
    // the same claim as 登记成绩 makes: it is on 学员成绩's list, waiting for HR
    await bs.getByRole('tab', { name: '学员成绩' }).click();
    await bs.locator('.ant-table-row').filter({ hasText: teacher.name }).filter({ hasText: '92' }).waitFor();

    // ---- 4. the city HR approves it in 继续教育机构学时审核
    const hr = await enter(p, '市州人社局管理员（武汉市）', '人社部门', 'City@2026enr');
    await openMenu(hr, ['学时审核', '继续教育机构学时审核'], /hours\/review\/base/);
    const claimRow = hr.locator('.ant-table-row').filter({ hasText: CLASS }).filter({ hasText: teacher.name });
    await claimRow.waitFor();
    await confirmPopover(hr, claimRow.getByRole('button', { name: /^通\s*过$/ }), /^通\s*过$/, claimRow, { gone: true });

    // ---- 5. the teacher: the message, 已完成, the certificate
    await me.reload();
    const bell = me.getByRole('button', { name: /^消息/ });
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 20_000 }).toBe('消息（1 条未读）');
    await bell.click();
    await me.locator('.ant-popover:visible').getByText(`学时申报已通过：${CLASS}`).waitFor();
    await settled(me);
    await shot(me, 'enrolment-06-message');
    await me.keyboard.press('Escape');
    await openMenu(me, ['电子证书'], /\/me\/certificates$/);
    const yearRow = me.locator('.ant-table-row').filter({ hasText: `${YEAR}年度` });
    await yearRow.filter({ hasText: '已完成' }).waitFor();
    const [download] = await Promise.all([me.waitForEvent('download'), yearRow.getByRole('button', { name: /下载学时证明/ }).click()]);
    const text = (await pdfPages(fs.readFileSync(await download.path())))[0]!.replace(/\s+/g, '');
    expect(text).toContain('年度学时完成情况：已完成');
    expect(text).toMatch(/专业科目64不少于60达到/);
    const code = /验证码：([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/.exec(text)?.[1];
    expect(code).toBeTruthy();
    await settled(me);
    await shot(me, 'enrolment-07-certificate');

    // ---- 6. a visitor verifies it on the home page
    const visitor = await p.newPage();
    await visitor.goto(`${p.baseUrl}/`);
    const box = visitor.locator('.portal-verify-card');
    await box.getByLabel('验证码').fill(code!);
    await box.getByRole('button', { name: /^验\s?证$/ }).click();
    await visitor.waitForURL(`${p.baseUrl}/verify/${code}`);
    await visitor.getByLabel('证书状态').filter({ hasText: '有效' }).waitFor();
    await settled(visitor);
    await shot(visitor, 'enrolment-08-verified');
  });
});
