/**
 * Journey (issue 11, 继续教育基地): the demo base's admin sees its own 工作台 (classes under review, learners by state; no
 * 专技人员注册审核), declares a class and is told why 16 学时 in one day is too many (学时政策: 8 学时/天), withdraws it,
 * edits it and resubmits it (待审核 again); once it is approved, finds it in 学员成绩管理 by typing its name (a
 * server-side search), registers the demo teacher, corrects her score (修改), and after HR decides the claim sees it
 * locked (已审核). The base's list pages are photographed at 1440×900 and checked to fit without sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { claims, organizations, personnel, trainingClasses, users } from '../server/src/db/schema.js';
import { createPii } from '../server/src/lib/pii.js';
import { TEST_KEY } from '../server/test/harness.js';
import { transitionClaims } from '../server/src/modules/ledger/service.js';
import { confirmPopover, enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

const NAME = '基地更正旅程：中小学班主任工作能力提升培训班（第一期，面向全市中小学骨干班主任与德育工作者）';
const RENAMED = '基地更正旅程：中小学班主任工作能力提升培训班（第二期，面向全市中小学骨干班主任与德育工作者）';

/** Every table on the page fits its card: no sideways scrolling at this width. */
async function tablesFit(page: Page) {
  const over = await page.$$eval('.ant-table-content, .ant-table-body', (els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.scrollWidth}>${e.clientWidth}`),
  );
  expect(over).toEqual([]);
}

describe.skipIf(!hasChromium || !hasWebBuild)('journey: a base corrects a score, withdraws a class, edits and resubmits it', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('工作台, the per-day rule, 撤回 → 重新提交, the class search, 修改 of a score, then locked after HR decides', async () => {
    const year = new Date().getFullYear();
    const teacher = p.account('专业技术人员');
    const base = await enter(p, '继续教育基地管理员', '继续教育基地', 'Base@2026new');

    // ---- the base's 工作台: its classes and learners, nothing a base does not do
    await base.getByText('审核中的培训班').waitFor();
    for (const label of ['学员学时待审核', '学员学时已通过', '学员学时已驳回']) await base.getByText(label).waitFor();
    expect(await base.getByText('专技人员注册审核').count()).toBe(0);
    expect(await base.getByText('本单位专业技术人员').count()).toBe(0);
    expect(await base.locator('.ant-layout-sider').innerText()).not.toContain('注册审核');
    await settled(base);
    await shot(base, 'base-01-dashboard');

    // ---- 申报培训班: 16 学时 on one day is refused with the reason, over two days it fits
    await openMenu(base, ['培训班管理'], /training\/classes/);
    await base.getByRole('button', { name: /申报培训班/ }).click();
    const modal = base.locator('.ant-modal').filter({ hasText: '培训班名称' });
    await modal.getByLabel('培训班名称').fill(NAME);
    await modal.getByLabel('学时', { exact: true }).fill('16');
    await modal.getByPlaceholder('开始日期').click();
    await modal.getByPlaceholder('开始日期').fill(`${year}-01-20`);
    await modal.getByPlaceholder('开始日期').press('Enter');
    await modal.getByPlaceholder('结束日期').fill(`${year}-01-20`);
    await modal.getByPlaceholder('结束日期').press('Enter');
    await modal.getByLabel('计划人数').fill('1');
    await modal.getByLabel('培训地点').fill('武汉城市职业学院继续教育楼301');
    await modal.getByRole('button', { name: /提交审核/ }).click();
    await modal.getByText('培训学时16超过每天上限8学时×1天（最多8学时）').waitFor();
    await settled(base);
    await shot(base, 'base-02-hours-per-day');
    await modal.getByPlaceholder('结束日期').click();
    await modal.getByPlaceholder('结束日期').fill(`${year}-01-21`);
    await modal.getByPlaceholder('结束日期').press('Enter');
    await modal.getByLabel('学时', { exact: true }).click(); // leave the picker; the hours are judged again
    await modal.getByText('培训学时16超过每天上限8学时×1天（最多8学时）').waitFor({ state: 'detached' });
    await modal.getByRole('button', { name: /提交审核/ }).click();
    await base.getByText('培训班已提交，待人社部门审核').waitFor();
    const row = base.locator('.ant-table-row').filter({ hasText: '基地更正旅程' });
    await row.filter({ hasText: '待审核' }).waitFor();

    // ---- 撤回, then 重新提交 with a new name: 待审核 again
    await confirmPopover(base, row.getByRole('button', { name: /^撤\s*回$/ }), /^撤\s*回$/, base.getByText(`已撤回“${NAME}”`));
    await row.filter({ hasText: '已撤回' }).waitFor();
    expect(await row.getByRole('button', { name: /^删\s*除$/ }).count()).toBe(1); // never had learners
    await row.getByRole('button', { name: '重新提交' }).click();
    const edit = base.locator('.ant-modal').filter({ hasText: '修改培训班' });
    await edit.getByText('该培训班已撤回，修改后将重新提交人社部门审核。').waitFor();
    await edit.getByLabel('培训班名称').fill(RENAMED);
    await edit.getByRole('button', { name: '保存并重新提交' }).click();
    await base
      .getByText('培训班已修改，已重新提交人社部门审核')
      .waitFor({ timeout: 8000 })
      .catch(async (e) => {
        await shot(base, 'failure-resubmit');
        throw e;
      });
    await row.filter({ hasText: '第二期' }).filter({ hasText: '待审核' }).waitFor();
    await base.mouse.move(0, 0);
    await settled(base);
    await tablesFit(base);
    await shot(base, 'base-03-classes');
    // a long name is cut with an ellipsis and shown whole on hover
    await row.getByText(RENAMED).hover();
    await base.locator('.ant-tooltip:visible').getByText(RENAMED).waitFor();
    await base.mouse.move(0, 0);

    // HR's approval (its own journey: hours.test.ts) stands in here as the decision in the database
    const [cls] = await p.db.select().from(trainingClasses).where(eq(trainingClasses.name, RENAMED));
    await p.db.update(trainingClasses).set({ status: 'approved', reviewedAt: new Date() }).where(eq(trainingClasses.id, cls!.id));

    // ---- 学员成绩管理: the class is found by typing part of its name (the server searches), the teacher registered
    await openMenu(base, ['学员成绩管理'], /training\/scores/);
    const picker = base.getByLabel('选择培训班');
    await picker.click();
    await picker.fill('第二期');
    await base.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '第二期' }).first().click();
    await base.waitForURL(new RegExp(`classId=${cls!.id}`), { waitUntil: 'commit' });
    await base.getByText('学员名单').waitFor();
    await base.getByRole('button', { name: /登记成绩/ }).click();
    const scoreModal = base.locator('.ant-modal').filter({ hasText: '是否合格' });
    await scoreModal.getByLabel('证件号').fill(teacher.account);
    await scoreModal.getByLabel('成绩').fill('59');
    await scoreModal.getByRole('button', { name: /登\s*记/ }).click();
    await base.getByText(`已登记“${teacher.name}”的成绩`).waitFor();
    const learner = base.locator('.ant-card').filter({ hasText: '学员名单' }).locator('.ant-table-row').filter({ hasText: teacher.name });
    await learner.filter({ hasText: '59' }).waitFor();

    // the same person again is refused
    await base.getByRole('button', { name: /登记成绩/ }).click();
    await scoreModal.getByLabel('证件号').fill(teacher.account);
    await scoreModal.getByRole('button', { name: /登\s*记/ }).click();
    await scoreModal
      .getByText(/该学员已登记/)
      .first()
      .waitFor();
    await scoreModal.getByRole('button', { name: /取\s*消/ }).click();

    // ---- 修改: 59 → 88, still 待审核 (declared again)
    await learner.getByRole('button', { name: /^修\s*改$/ }).click();
    const fix = base.locator('.ant-modal').filter({ hasText: '修改学员成绩' });
    await fix.getByLabel('成绩').fill('88');
    await fix.getByRole('button', { name: /^保\s*存$/ }).click();
    await base.getByText(`已修改“${teacher.name}”的成绩，学时已重新提交人社部门审核`).waitFor();
    await learner.filter({ hasText: '88' }).filter({ hasText: '待审核' }).waitFor();
    expect(await base.locator('.ant-card').filter({ hasText: '学员名单' }).locator('.ant-table-row').count()).toBe(1);
    // one learner for a class planned for one: no warning yet; a colleague of the teacher makes two
    expect(await base.getByText(/超过计划人数/).count()).toBe(0);
    const [colleague] = await p.db
      .select({ name: users.name, enc: users.idNumberEnc })
      .from(personnel)
      .innerJoin(users, eq(users.id, personnel.userId))
      .innerJoin(organizations, eq(organizations.id, personnel.orgId))
      .where(and(eq(organizations.name, teacher.orgName), eq(personnel.status, 'active'), ne(users.name, teacher.name)))
      .orderBy(asc(personnel.id))
      .limit(1);
    await base.getByRole('button', { name: /登记成绩/ }).click();
    await scoreModal.getByLabel('证件号').fill(createPii(TEST_KEY).decrypt(colleague!.enc));
    await scoreModal.getByLabel('成绩').fill('75');
    await scoreModal.getByRole('button', { name: /登\s*记/ }).click();
    await base.getByText(`已登记“${colleague!.name}”的成绩`).waitFor();
    await base.getByText('已登记2人，超过计划人数1人（超出1人），请核对学员名单').waitFor();
    await settled(base);
    await tablesFit(base);
    await shot(base, 'base-04-scores');

    // ---- HR decides the claim (through the ledger): the base can no longer change it
    const [claim] = await p.db
      .select({ id: claims.id })
      .from(claims)
      .where(and(eq(claims.classId, cls!.id), eq(claims.status, 'pending')))
      .orderBy(asc(claims.id)); // the teacher's (registered first)
    await p.db.transaction((tx) => transitionClaims(tx, { ids: [claim!.id], to: 'approved', actorUserId: cls!.createdBy }));
    await base.reload();
    await learner
      .filter({ hasText: '已通过' })
      .waitFor({ timeout: 10_000 })
      .catch(async (e) => {
        await shot(base, 'failure-decided');
        throw e;
      });
    expect(await learner.getByRole('button', { name: /^修\s*改$/ }).count()).toBe(0);
    await learner.getByText('已审核').waitFor();
    const other = base.locator('.ant-card').filter({ hasText: '学员名单' }).locator('.ant-table-row').filter({ hasText: colleague!.name });
    await other.getByRole('button', { name: /^修\s*改$/ }).waitFor(); // still 待审核: still the base's to correct
    await settled(base);
    await tablesFit(base);
    await shot(base, 'base-05-scores-decided');

    // ---- the 工作台 card opens 培训班管理 filtered to the classes it counts
    await openMenu(base, ['工作台'], /dashboard/);
    await base.getByText('学员学时已通过').click();
    await base.waitForURL(/training\/classes\?learnerStatus=approved/, { waitUntil: 'commit' });
    await base.locator('.ant-table-row').filter({ hasText: '第二期' }).waitFor();
    await settled(base);
    await tablesFit(base);
    await shot(base, 'base-06-classes-filtered');
  }, 180_000);
});
