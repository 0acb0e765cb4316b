/**
 * Journey (单位培训学时审核 by unit training plan): the demo employer (育才中学) declares a 单位培训计划, the county HR
 * of 江岸区 approves it in 单位培训计划审核, and the employer registers three of its staff by 证件号 in 单位培训学时.
 * A second plan of another employer (实验小学, with one waiting claim) is put in the database beside it. The county HR
 * then opens 学时审核 › 单位培训学时审核: one row per plan with its 待审核人数; 培训班名称 narrows the list to the
 * school's plan; 查看 opens the plan's claims in a drawer, one is 驳回 with a reason there (the drawer's list and the
 * row's count drop); the row's 通过 approves the remaining claims at once; the plan is found in 已审核 with 审核人;
 * the database holds exactly what was clicked, and the other plan's claim still waits. The list is photographed at
 * 1440×900 and checked to fit without sideways scrolling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { claims, organizations, personnel, trainingClasses, users } from '../server/src/db/schema.js';
import { createPii } from '../server/src/lib/pii.js';
import { TEST_KEY } from '../server/test/harness.js';
import { confirmPopover, enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

const SCHOOL = '武汉市江岸区育才中学';
const OTHER_SCHOOL = '武汉市江岸区实验小学';
const PLAN = '育才中学校本研修：班主任工作坊（第一期）';
const OTHER_PLAN = '实验小学校本研修：课堂观察与评课能力提升';
const REASON = '签到表显示该同志未参加第二天培训，请核实后重新申报';

/** Every table on the page fits its card: no sideways scrolling at this width. */
async function tablesFit(page: Page) {
  const over = await page.$$eval('.ant-table-content, .ant-table-body', (els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.scrollWidth}>${e.clientWidth}`),
  );
  expect(over).toEqual([]);
}

/** The text of a row's cell under the column headed `header` (in the row's own table). */
async function cell(table: Locator, row: Locator, header: string) {
  const headers = await table.locator('.ant-table-thead th').allInnerTexts();
  const at = headers.findIndex((h) => h.trim() === header);
  expect(at, `column ${header} in ${headers.join('|')}`).toBeGreaterThanOrEqual(0);
  return (await row.locator('td').nth(at).innerText()).trim();
}

describe.skipIf(!hasChromium || !hasWebBuild)('journey: 单位培训学时审核 lists plans, decides one claim in the drawer and the rest by row', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('an employer plan with three claims: filter, 查看 → 驳回 one, row 通过 of the rest, 已审核 with 审核人', async () => {
    const year = new Date().getFullYear();
    const pii = createPii(TEST_KEY);
    const staffOf = async (org: string, n: number) =>
      (
        await p.db
          .select({ personnelId: personnel.id, name: users.name, enc: users.idNumberEnc })
          .from(personnel)
          .innerJoin(users, eq(users.id, personnel.userId))
          .innerJoin(organizations, eq(organizations.id, personnel.orgId))
          .where(and(eq(organizations.name, org), eq(personnel.status, 'active')))
          .orderBy(asc(personnel.id))
          .limit(n)
      ).map((s) => ({ ...s, idNumber: pii.decrypt(s.enc) }));
    const staff = await staffOf(SCHOOL, 3);
    expect(staff).toHaveLength(3);
    expect(new Set(staff.map((s) => s.name)).size).toBe(3); // told apart by name below

    // ---- the employer declares its plan
    const emp = await enter(p, '用人单位管理员', '用人单位', 'Unit@2026new');
    await openMenu(emp, ['单位培训', '单位培训计划'], /training\/classes/);
    await emp.getByRole('button', { name: /申报单位培训计划/ }).click();
    const planModal = emp.locator('.ant-modal').filter({ hasText: '培训名称' });
    await planModal.getByLabel('培训名称').fill(PLAN);
    await planModal.getByLabel('学时', { exact: true }).fill('12');
    await planModal.getByPlaceholder('开始日期').click();
    await planModal.getByPlaceholder('开始日期').fill(`${year}-03-10`);
    await planModal.getByPlaceholder('开始日期').press('Enter');
    await planModal.getByPlaceholder('结束日期').fill(`${year}-03-11`);
    await planModal.getByPlaceholder('结束日期').press('Enter');
    await planModal.getByLabel('计划人数').fill('10');
    await planModal.getByLabel('培训地点').fill('育才中学三楼会议室');
    await planModal.getByRole('button', { name: /提交审核/ }).click();
    await emp.getByText('培训计划已提交，待人社部门审核').waitFor();

    // ---- the county HR approves it in 单位培训计划审核
    const hr = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'County@2026new');
    const hrName = p.account('县区人社局管理员（江岸区）').name;
    await openMenu(hr, ['学时审核', '单位培训计划审核'], /hours\/unit-plans/);
    const planRow = hr.locator('.ant-table-row').filter({ hasText: PLAN });
    await confirmPopover(hr, planRow.getByRole('button', { name: /^通\s*过$/ }), /^通\s*过$/, hr.getByText(`已通过“${PLAN}”`));

    // ---- the employer registers three of its staff by 证件号 (each claim goes to HR)
    await openMenu(emp, ['单位培训', '单位培训学时'], /training\/scores/);
    const picker = emp.getByLabel('选择培训计划');
    await picker.click();
    await picker.fill('班主任工作坊');
    await emp.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: PLAN }).first().click();
    await emp.waitForURL(/classId=\d+/, { waitUntil: 'commit' });
    const scoreModal = emp.locator('.ant-modal').filter({ hasText: '是否合格' });
    for (const s of staff) {
      await emp.getByRole('button', { name: /登记参训人员/ }).click();
      await scoreModal.getByLabel('证件号').fill(s.idNumber);
      await scoreModal.getByRole('button', { name: /^登\s*记$/ }).click();
      await emp.getByText(`已登记“${s.name}”的成绩，学时已提交人社部门审核`).waitFor();
      await scoreModal.waitFor({ state: 'detached' });
    }
    const learners = emp.locator('.ant-card').filter({ hasText: '参训人员名单' }).locator('.ant-table-row');
    await expect.poll(() => learners.count()).toBe(3);

    const [plan] = await p.db.select().from(trainingClasses).where(eq(trainingClasses.name, PLAN));
    expect(plan!.status).toBe('approved');
    const planClaims = () =>
      p.db
        .select({ personnelId: claims.personnelId, status: claims.status, rejectReason: claims.rejectReason, reviewedBy: claims.reviewedBy })
        .from(claims)
        .where(eq(claims.classId, plan!.id));
    expect((await planClaims()).map((c) => c.status)).toEqual(['pending', 'pending', 'pending']);

    // ---- beside it, another employer's approved plan with one waiting claim (not this journey's subject: the database)
    const [other] = await p.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.name, OTHER_SCHOOL), eq(organizations.type, 'employer')));
    const [otherPerson] = await staffOf(OTHER_SCHOOL, 1);
    const [otherPlan] = await p.db
      .insert(trainingClasses)
      .values({
        baseOrgId: other!.id,
        year,
        name: OTHER_PLAN,
        subjectType: 'professional',
        learningForm: 'faceToFace',
        hours: 8,
        startDate: `${year}-04-02`,
        endDate: `${year}-04-02`,
        place: '实验小学报告厅',
        capacity: 20,
        status: 'approved',
        reviewedAt: new Date(),
        createdBy: plan!.createdBy,
      })
      .returning({ id: trainingClasses.id });
    const [otherClaim] = await p.db
      .insert(claims)
      .values({
        personnelId: otherPerson!.personnelId,
        year,
        source: 'employer',
        declaringOrgId: other!.id,
        classId: otherPlan!.id,
        title: OTHER_PLAN,
        subjectType: 'professional',
        learningForm: 'faceToFace',
        hours: 8,
        status: 'pending',
      })
      .returning({ id: claims.id });

    // ---- 单位培训学时审核: one row per plan, with its 待审核人数
    await openMenu(hr, ['学时审核', '单位培训学时审核'], /\/hours\/review\/employer$/);
    const main = hr.locator('.ant-layout-content');
    const list = main.locator('.ant-table-wrapper').first();
    const rows = list.locator('.ant-table-tbody tr.ant-table-row');
    const row = rows.filter({ hasText: PLAN });
    const otherRow = rows.filter({ hasText: OTHER_PLAN });
    await row.waitFor();
    await otherRow.waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    expect((await list.locator('.ant-table-thead th').allInnerTexts()).map((h) => h.trim())).toEqual([
      '',
      '序号',
      '年度',
      '培训班名称',
      '所在单位',
      '学习科目',
      '待审核人数',
      '申报时间',
      '操作',
    ]);
    expect(await cell(list, row, '待审核人数')).toBe('3');
    expect(await cell(list, otherRow, '待审核人数')).toBe('1');
    expect(await cell(list, row, '所在单位')).toBe(SCHOOL);
    expect(await cell(list, row, '年度')).toBe(`${year}年度`);
    expect(await cell(list, row, '学习科目')).toBe('专业科目');
    await list.locator('.ant-pagination-total-text').getByText('共 2 条').waitFor();
    await hr.mouse.move(0, 0);
    await settled(hr);
    await tablesFit(hr);
    await shot(hr, 'plan-claims-01-list');

    // 培训班名称 narrows the list to the school's plan (the server searches)
    await main.getByLabel('培训班名称').fill('班主任工作坊');
    await main.getByRole('button', { name: /查\s*询/ }).click();
    await otherRow.waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(1);
    await row.waitFor();
    await list.locator('.ant-pagination-total-text').getByText('共 1 条').waitFor();

    // ---- 查看: the plan and its three claims in the drawer
    await row.getByRole('button', { name: /^查\s*看$/ }).click();
    const drawer = hr.locator('.ant-drawer').filter({ hasText: `单位培训学时 · ${PLAN}` });
    await drawer.waitFor();
    const desc = drawer.locator('.ant-descriptions');
    await desc.getByText(SCHOOL).waitFor();
    expect(await desc.innerText()).toMatch(/学时\s*12/);
    expect(await desc.innerText()).toContain(`${year}-03-10 至 ${year}-03-11`);
    const drawerTable = drawer.locator('.ant-table-wrapper');
    const claimRows = drawerTable.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => claimRows.count()).toBe(3);
    const names = await Promise.all([0, 1, 2].map((i) => cell(drawerTable, claimRows.nth(i), '姓名')));
    expect(names.sort()).toEqual(staff.map((s) => s.name).sort());
    await expect.poll(() => drawer.locator('.ant-tabs-tab').allInnerTexts()).toEqual(['待审核', '已审核']);
    for (const b of [/^通\s*过$/, /^驳\s*回$/]) await drawer.locator('.ant-drawer-extra').getByRole('button', { name: b }).waitFor();
    await drawerTable.locator('.ant-table-thead .ant-checkbox-input').waitFor();
    await settled(hr);
    await tablesFit(hr); // the drawer's claims too: 申报状态 and 操作 in sight without scrolling
    await shot(hr, 'plan-claims-02-drawer');

    // 驳回 one claim in the drawer, with a reason
    const rejected = staff[0]!;
    await claimRows
      .filter({ hasText: rejected.name })
      .getByRole('button', { name: /^驳\s*回$/ })
      .click();
    const reasonModal = hr.locator('.ant-modal').filter({ hasText: '驳回原因' });
    await reasonModal.getByText(`将驳回“${rejected.name}”的“${PLAN}”学时申报，驳回原因将告知申报方和本人。`).waitFor();
    await reasonModal.getByRole('button', { name: /确认驳回/ }).click();
    await reasonModal.getByText('请填写驳回原因').waitFor(); // a reason is required
    await reasonModal.getByLabel('驳回原因').fill(REASON);
    await settled(hr);
    await shot(hr, 'plan-claims-03-reject-one');
    await reasonModal.getByRole('button', { name: /确认驳回/ }).click();
    await hr.getByText(`已驳回“${rejected.name}”的“${PLAN}”学时申报`).waitFor();
    await reasonModal.waitFor({ state: 'detached' });
    await claimRows.filter({ hasText: rejected.name }).waitFor({ state: 'detached' });
    await expect.poll(() => claimRows.count()).toBe(2);

    // close: the row's 待审核人数 dropped to 2
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'detached' });
    await expect.poll(() => cell(list, row, '待审核人数')).toBe('2');

    // ---- the row's 通过: every claim of the plan still waiting, at once
    await row.getByRole('button', { name: /^通\s*过$/ }).click();
    const pop = hr.locator('.ant-popconfirm:visible');
    await pop.getByText(`确定通过“${PLAN}”的全部 2 条待审核学时申报吗？`).waitFor();
    await pop.getByRole('button', { name: /^通\s*过$/ }).click();
    await hr.getByText('已通过 2 条学时申报').waitFor();
    await row.waitFor({ state: 'detached' });
    await list.locator('.ant-table-placeholder').getByText('暂无待审核的单位培训学时').waitFor();

    // ---- 已审核: the plan, its three decided claims, 审核人
    await main.getByRole('tab', { name: '已审核' }).click();
    await row.waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await cell(list, row, '已审核人数')).toBe('3');
    expect(await cell(list, row, '审核人')).toBe(hrName);
    expect(await row.getByRole('button', { name: /^通\s*过$/ }).count()).toBe(0); // nothing left to decide
    await hr.mouse.move(0, 0);
    await settled(hr);
    await tablesFit(hr);
    await shot(hr, 'plan-claims-04-done');

    // the database holds what was clicked: one rejected with the reason, two approved, all by this HR admin
    const [hrUser] = await p.db.select({ id: users.id }).from(users).where(eq(users.name, hrName));
    const decided = await planClaims();
    const byPerson = new Map(decided.map((c) => [c.personnelId, c]));
    expect(byPerson.get(rejected.personnelId)).toMatchObject({ status: 'rejected', rejectReason: REASON, reviewedBy: hrUser!.id });
    for (const s of staff.slice(1)) expect(byPerson.get(s.personnelId)).toMatchObject({ status: 'approved', reviewedBy: hrUser!.id });
    expect(decided).toHaveLength(3);
    // the other plan was not touched: still waiting, still listed after 重置
    const [still] = await p.db.select({ status: claims.status }).from(claims).where(eq(claims.id, otherClaim!.id));
    expect(still!.status).toBe('pending');
    await main.getByRole('tab', { name: '待审核' }).click();
    await main.getByRole('button', { name: /重\s*置/ }).click();
    await otherRow.waitFor();
    // (the unfiltered list first shows its cached page, from before the decision, while it refetches)
    await row.waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await cell(list, otherRow, '待审核人数')).toBe('1');
  }, 240_000);
});
