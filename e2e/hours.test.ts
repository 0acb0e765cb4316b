/**
 * Journey (issue: training classes and credit hours): the demo base declares a class for the current year; the city HR
 * (武汉市, the base's reviewer) approves it in 审核培训计划申报; the base registers the demo teacher's score by hand and
 * imports an xlsx (made here with ExcelJS) of the teacher again, a colleague and a bad row, and sees the teacher refused
 * (该学员已登记: one registration per person and class) and the bad row as errors; the city HR batch-approves the claims
 * in 继续教育机构学时审核 and marks the colleague's 审验不通过 in 学时审验; the teacher opens 我的学时 and sees 24 学时
 * counted (once) and 未完成; she declares an academic conference of her own with its 学习起止日期, 撤回 it (confirmed)
 * and sees 已撤回, 再次申报 it (prefilled) on dates inside the class, sees it flagged 重点审核 for the overlap, and her
 * school's reviewer (本单位人员学时申报) sees the reason naming the class.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, asc, eq } from 'drizzle-orm';
import type { Locator } from 'playwright-core';
import { organizations, personnel, users } from '../server/src/db/schema.js';
import { createPii } from '../server/src/lib/pii.js';
import { TEST_KEY } from '../server/test/harness.js';
import { confirmPopover, enter, hasChromium, hasWebBuild, openMenu, pickOption, settled, shot, startPlatform, type Platform } from './support.js';

const SCHOOL = '武汉市江岸区育才中学';
/** A 1×1 PNG (the server recognises files by their content). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const CLASS_NAME = '中小学教师信息技术应用能力提升培训班';

/** Types a range into an antd RangePicker of `scope` (its 开始日期/结束日期 inputs). */
async function pickRange(scope: Locator, start: string, end: string) {
  const from = scope.getByPlaceholder('开始日期');
  await from.click();
  await from.fill(start);
  await from.press('Enter');
  const to = scope.getByPlaceholder('结束日期');
  await to.fill(end);
  await to.press('Enter');
}

describe.skipIf(!hasChromium || !hasWebBuild)("journey: a class, its learners' hours, their review and audit, and the teacher's year", () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it("declares, approves, imports scores, approves claims, revokes one, and shows the teacher's hours", async () => {
    const year = new Date().getFullYear();
    const teacher = p.account('专业技术人员');

    // Two real people of the school (the demo teacher and a colleague), their 证件号 decrypted from the database.
    const pii = createPii(TEST_KEY);
    const staff = await p.db
      .select({ name: users.name, enc: users.idNumberEnc })
      .from(personnel)
      .innerJoin(users, eq(users.id, personnel.userId))
      .innerJoin(organizations, eq(organizations.id, personnel.orgId))
      .where(and(eq(organizations.name, SCHOOL), eq(personnel.status, 'active')))
      .orderBy(asc(personnel.id))
      .limit(5);
    const people = staff.map((s) => ({ name: s.name, idNumber: pii.decrypt(s.enc) }));
    const me = people.find((x) => x.idNumber === teacher.account)!;
    const colleague = people.find((x) => x.idNumber !== teacher.account)!;
    expect(me?.name).toBe(teacher.name);
    expect(colleague).toBeTruthy();

    // ---- the base declares a class for this year
    const base = await enter(p, '继续教育基地管理员', '继续教育基地', 'Base@2026new');
    await openMenu(base, ['培训班管理'], /training\/classes/);
    await base.waitForURL(/training\/classes/, { waitUntil: 'commit' });
    await base.getByRole('button', { name: /申报培训班/ }).click();
    const classModal = base.locator('.ant-modal').filter({ hasText: '培训班名称' });
    await classModal.getByLabel('培训班名称').fill(CLASS_NAME);
    await classModal.getByLabel('学时', { exact: true }).fill('24');
    await classModal.getByPlaceholder('开始日期').click();
    await classModal.getByPlaceholder('开始日期').fill(`${year}-01-12`);
    await classModal.getByPlaceholder('开始日期').press('Enter');
    await classModal.getByPlaceholder('结束日期').fill(`${year}-01-14`);
    await classModal.getByPlaceholder('结束日期').press('Enter');
    await classModal.getByLabel('计划人数').fill('120');
    await classModal.getByLabel('培训地点').fill('武汉城市职业学院继续教育楼201');
    await classModal.getByLabel('培训对象（职称系列）').click();
    await classModal.getByLabel('培训对象（职称系列）').fill('中小学');
    await base.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '中小学教师' }).first().click();
    await base.keyboard.press('Escape');
    await settled(base);
    await shot(base, 'hours-01-declare-class');
    await classModal.getByRole('button', { name: /提交审核/ }).click();
    await base.getByText('培训班已提交，待人社部门审核').waitFor();
    const classRow = base.locator('.ant-table-row').filter({ hasText: CLASS_NAME });
    await classRow.filter({ hasText: '待审核' }).waitFor();

    // ---- the city HR approves it in 审核培训计划申报
    const hr = await enter(p, '市州人社局管理员（武汉市）', '人社部门', 'City@2026new');
    await openMenu(hr, ['账户管理', '培训计划管理', '审核培训计划申报'], /training\/class-review/);
    await hr.waitForURL(/training\/class-review/, { waitUntil: 'commit' });
    const pendingClass = hr.locator('.ant-table-row').filter({ hasText: CLASS_NAME });
    await pendingClass.waitFor();
    expect(await pendingClass.innerText()).toContain('武汉城市职业学院继续教育基地');
    await confirmPopover(hr, pendingClass.getByRole('button', { name: /^通\s*过$/ }), /^通\s*过$/, hr.getByText(`已通过“${CLASS_NAME}”`));

    // ---- the base registers the teacher by hand, then imports an xlsx (the teacher again, a colleague, a bad row)
    await base.reload();
    await classRow.filter({ hasText: '已通过' }).waitFor();
    await classRow.getByRole('button', { name: '学员成绩' }).click();
    await base.waitForURL(/training\/scores\?classId=\d+/, { waitUntil: 'commit' });
    await base.getByText('学员名单').waitFor();

    await base.getByRole('button', { name: /登记成绩/ }).click();
    const scoreModal = base.locator('.ant-modal').filter({ hasText: '是否合格' });
    await scoreModal.getByLabel('证件号').fill(teacher.account);
    await scoreModal.getByLabel('成绩').fill('90');
    await scoreModal.getByRole('button', { name: /登\s*记/ }).click();
    await base.getByText(`已登记“${teacher.name}”的成绩`).waitFor();

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('学员成绩');
    ws.addRow(['证件类型', '证件号', '姓名', '成绩', '是否合格']);
    ws.addRow(['居民身份证', me.idNumber, me.name, '92', '是']);
    ws.addRow(['居民身份证', colleague.idNumber, colleague.name, '85', '是']);
    ws.addRow(['居民身份证', '42010219900101123', '错误示例', '80', '是']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());

    await base.getByRole('button', { name: /Excel导入/ }).click();
    const importModal = base.locator('.ant-modal').filter({ hasText: 'Excel导入学员成绩' });
    await importModal.locator('input[type=file]').setInputFiles({
      name: '学员成绩.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    await importModal.getByText('学员成绩.xlsx').waitFor();
    await importModal.getByRole('button', { name: /开始导入/ }).click();
    const result = base.locator('.ant-modal').filter({ hasText: '导入结果' });
    // the teacher again is refused (one registration per person and class), the bad row too
    await result.getByText('共 3 行，成功导入 1 行，失败 2 行').waitFor();
    const failedRow = result.locator('.ant-table-row');
    await expect.poll(() => failedRow.count()).toBe(2);
    expect(await failedRow.filter({ hasText: me.name }).innerText()).toContain('该学员已登记');
    expect(await failedRow.filter({ hasText: '错误示例' }).innerText()).toContain('证件号：居民身份证号应为18位');
    await result.getByRole('button', { name: /下载失败数据/ }).waitFor();
    await settled(base);
    await shot(base, 'hours-02-import-result');
    await result.getByRole('button', { name: /完\s*成/ }).click();
    const learners = base.locator('.ant-card').filter({ hasText: '学员名单' }).locator('.ant-table-row');
    await learners.filter({ hasText: colleague.name }).waitFor();
    await expect.poll(() => learners.count()).toBe(2);
    expect(await learners.filter({ hasText: '重点审核' }).count()).toBe(0);

    // ---- the city HR batch-approves the two claims in 继续教育机构学时审核
    await openMenu(hr, ['学时审核', '继续教育机构学时审核'], /hours\/review\/base/);
    await hr.waitForURL(/hours\/review\/base/, { waitUntil: 'commit' });
    const queue = hr.locator('.ant-table-row').filter({ hasText: CLASS_NAME });
    await queue.first().waitFor();
    await expect.poll(() => queue.count()).toBe(2);
    expect(await queue.filter({ hasText: '重点审核' }).count()).toBe(0);
    await hr.getByText('共 2 条').waitFor();
    await hr.locator('.ant-table-thead .ant-checkbox-input').first().check();
    await hr.getByText('已选择 2 条学时申报').waitFor();
    await settled(hr);
    await shot(hr, 'hours-03-claim-queue');
    await confirmPopover(hr, hr.getByRole('button', { name: /批量通过/ }), /^通\s*过$/, hr.getByText('已通过 2 条学时申报'));
    await hr.locator('.ant-table-placeholder').getByText('暂无待审核的学时申报').waitFor();
    await hr.getByRole('tab', { name: '已审核' }).click();
    await hr.locator('.ant-table-row').filter({ hasText: '已通过' }).nth(1).waitFor();

    // ---- 学时审验: the colleague's hours are marked 审验不通过
    await openMenu(hr, ['学时审验'], /hours\/audit/);
    await hr.waitForURL(/hours\/audit/, { waitUntil: 'commit' });
    await hr.locator('.ant-table-row').first().waitFor();
    await hr.getByLabel('姓名').fill(colleague.name);
    await hr.getByRole('button', { name: /查\s*询/ }).click();
    // (the colleague has the demo's hours too: the row of this class, the newest)
    const auditRow = hr.locator('.ant-table-row').filter({ hasText: colleague.name }).filter({ hasText: CLASS_NAME }).first();
    await auditRow.waitFor();
    await auditRow.getByRole('button', { name: '审验不通过' }).click();
    const revokeModal = hr.locator('.ant-modal').filter({ hasText: '审验不通过原因' });
    await revokeModal.getByLabel('审验不通过原因').fill('签到记录不全，核减学时');
    await settled(hr);
    await shot(hr, 'hours-04-audit');
    await revokeModal.getByRole('button', { name: /确认审验不通过/ }).click();
    await hr.getByText(/学时已从个人总数中扣除/).waitFor();
    await auditRow.waitFor({ state: 'detached' }); // no longer among the approved hours

    // ---- the teacher sees the year: 24 专业 学时 counted (registered once), 未完成
    const person = await enter(p, '专业技术人员', '专业技术人员', 'Teacher@2026new');
    await openMenu(person, ['我的学时'], /me\/hours/);
    await person.waitForURL(/me\/hours/, { waitUntil: 'commit' });
    await person.getByText(`${year}年度学时明细`).waitFor();
    const stats = person.locator('.hours-stat');
    expect(await stats.nth(0).innerText()).toMatch(/公需科目\s*0\s*\/ 30 学时/);
    expect(await stats.nth(1).innerText()).toMatch(/专业科目\s*24\s*\/ 60 学时/);
    expect(await stats.nth(2).innerText()).toMatch(/合计\s*24\s*\/ 90 学时/);
    await person.getByText('未完成', { exact: true }).waitFor();
    await person.getByText('未完成：公需科目还差 30 学时，专业科目还差 36 学时，合计还差 66 学时').waitFor();
    const claims = person.locator('.ant-table-row');
    await expect.poll(() => claims.count()).toBe(1);
    expect(await claims.filter({ hasText: '已通过' }).innerText()).toContain(CLASS_NAME);
    await settled(person);
    await shot(person, 'hours-05-my-hours');

    // ---- and declares an academic conference herself: the hours follow the year's rule, explained after submitting
    await person.getByRole('button', { name: /申报个人学时/ }).click();
    const declare = person.locator('.ant-modal').filter({ hasText: '证明材料' });
    await declare.getByLabel('学习内容').fill('参加湖北省教育学会学术年会');
    await pickOption(person, declare, '学习形式', '学术会议');
    await declare.getByLabel('数量').fill('1');
    await declare.getByText(/预计认定 8 学时/).waitFor();
    await pickRange(declare, `${year}-01-20`, `${year}-01-20`);
    await declare.locator('input[type=file]').setInputFiles({ name: '参会证明.png', mimeType: 'image/png', buffer: PNG });
    await declare.getByRole('button', { name: /提交申报/ }).click();
    const declared = person.locator('.ant-modal').filter({ hasText: '申报结果' });
    await declared.getByText('8 学时', { exact: true }).waitFor();
    expect(await declared.innerText()).toContain('学术会议 1次 × 8学时/次 = 8学时');
    await settled(person);
    await shot(person, 'hours-06-declared');
    await declared.getByRole('button', { name: /完\s*成/ }).click();
    const mine = claims.filter({ hasText: '参加湖北省教育学会学术年会' });
    await mine.filter({ hasText: '待单位审核' }).waitFor();
    expect(await mine.innerText()).toContain(`${year}-01-20`);
    expect(await stats.nth(2).innerText()).toMatch(/合计\s*24\s*\/ 90 学时/); // not counted before it is approved

    // ---- 撤回 (confirmed) while nobody has decided it: 已撤回, not counted; the class claim has no 撤回
    expect(
      await claims
        .filter({ hasText: CLASS_NAME })
        .getByRole('button', { name: /撤\s*回/ })
        .count(),
    ).toBe(0);
    await mine.getByRole('button', { name: /撤\s*回/ }).click();
    await person
      .locator('.ant-popconfirm:visible')
      .getByText(/确定撤回“参加湖北省教育学会学术年会”吗/)
      .waitFor();
    await settled(person);
    await shot(person, 'hours-07-withdraw-confirm');
    await person
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /撤\s*回/ })
      .click();
    await person.getByText('申报已撤回').waitFor();
    await mine.filter({ hasText: '已撤回' }).waitFor();
    expect(await mine.innerText()).toContain('（不计入）');
    expect(await mine.getByRole('button', { name: /撤\s*回/ }).count()).toBe(0);
    await settled(person);
    await shot(person, 'hours-08-withdrawn');

    // ---- 再次申报, prefilled, on a day inside the class (01-12 至 01-14 at the base): flagged 重点审核 for the overlap
    await mine.getByRole('button', { name: /再次申报/ }).click();
    const again = person.locator('.ant-modal').filter({ hasText: '证明材料' });
    await expect.poll(() => again.getByLabel('学习内容').inputValue()).toBe('参加湖北省教育学会学术年会');
    expect(await again.getByPlaceholder('开始日期').inputValue()).toBe(`${year}-01-20`);
    expect(await again.getByText('学术会议', { exact: true }).count()).toBe(1); // 学习形式 carried over too
    await again.getByLabel('数量').fill('1');
    await pickRange(again, `${year}-01-13`, `${year}-01-13`);
    await again.locator('input[type=file]').setInputFiles({ name: '参会证明.png', mimeType: 'image/png', buffer: PNG });
    await again.getByRole('button', { name: /提交申报/ }).click();
    const flagged = person.locator('.ant-modal').filter({ hasText: '申报结果' });
    const reason = `与「${CLASS_NAME}」（武汉城市职业学院继续教育基地，${year}-01-12至${year}-01-14）学习时间重叠`;
    await flagged.getByText('该申报将作为重点审核').waitFor();
    expect(await flagged.innerText()).toContain(reason);
    await settled(person);
    await shot(person, 'hours-09-overlap-flagged');
    await flagged.getByRole('button', { name: /完\s*成/ }).click();
    await claims.filter({ hasText: '待单位审核' }).waitFor();
    await expect.poll(() => claims.count()).toBe(3);

    // ---- the school's reviewer sees the declaration flagged, the reason naming the class, and its dates
    const school = await enter(p, '用人单位管理员', '用人单位', 'School@2026new');
    await openMenu(school, ['单位培训', '本单位人员学时申报'], /hours\/personal-review/);
    const row = school.locator('.ant-table-row').filter({ hasText: '参加湖北省教育学会学术年会' });
    await row.waitFor();
    await expect.poll(() => row.count()).toBe(1); // the withdrawn one is in no queue
    expect(await row.innerText()).toContain(`${year}-01-13`);
    await row.getByText('重点审核').hover();
    await school.locator('.ant-tooltip:visible').getByText(reason).waitFor();
    await settled(school);
    await shot(school, 'hours-10-unit-review-flagged');
  }, 240_000);
});
