/**
 * Journey (issue: transfers): 武汉市江岸区育才中学 (江岸区) transfers a teacher to 武汉光谷软件技术有限公司 (洪山区);
 * the target confirms under 人员调入审核 choosing the department; 调转记录 shows the record on both sides and the person
 * now belongs to the target. The target has no demo admin: the test gives it one, directly in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { departments, organizations } from '../server/src/db/schema.js';
import { insertAdmin, insertUser } from '../server/src/db/seed/factory.js';
import { makeIdNumber } from '../server/src/db/seed/codes.js';
import { hashPassword } from '../server/src/lib/passwords.js';
import { createPii } from '../server/src/lib/pii.js';
import { TEST_KEY } from '../server/test/harness.js';
import {
  DEMO_PASSWORD,
  pickOption,
  forcedChange,
  hasChromium,
  hasWebBuild,
  login,
  openMenu,
  settled,
  shot,
  startPlatform,
  type Platform,
} from './support.js';

const TARGET = '武汉光谷软件技术有限公司';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: a person is transferred between employers of two counties', () => {
  let p: Platform;
  const target = { account: makeIdNumber('420111', '19850520', 601), password: 'Optics@2026', name: '马志强' };
  beforeAll(async () => {
    p = await startPlatform();
    // the target employer's super admin (the demo data has none for it)
    const [org] = await p.db.select().from(organizations).where(eq(organizations.name, TARGET));
    const [dept] = await p.db.select().from(departments).where(eq(departments.orgId, org!.id)).orderBy(asc(departments.id));
    const user = await insertUser(p.db, createPii(TEST_KEY), {
      idNumber: target.account,
      name: target.name,
      phone: '13986001234',
      email: 'mazq@example.cn',
      passwordHash: await hashPassword(target.password),
      mustChangePassword: false,
    });
    await insertAdmin(p.db, { orgId: org!.id, userId: user.id, isSuper: true, departmentId: dept!.id });
  }, 120_000);
  afterAll(async () => p?.close());

  it('starts 调出, the target confirms under 人员调入审核, both sides see the record', async () => {
    const sourceAcc = p.account('用人单位管理员');
    const personAcc = p.account('专业技术人员');

    // the source employer: 人员调出 → 发起调出
    const source = await p.newPage();
    await source.goto(p.baseUrl);
    await login(source, '用人单位', sourceAcc.account, DEMO_PASSWORD);
    await forcedChange(source, DEMO_PASSWORD, 'School@2026new');
    await openMenu(source, ['账户管理', '人员调转', '人员调出'], /account\/transfers\/outgoing/);
    await source.waitForURL(/account\/transfers\/outgoing/);
    await source.getByRole('button', { name: /发起调出/ }).click();
    const modal = source.locator('.ant-modal').filter({ hasText: '发起调出' });
    await modal.getByLabel('调出人员').click();
    await modal.getByLabel('调出人员').fill(personAcc.name);
    await source.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: personAcc.name }).first().click();
    // the person's data fills in (read-only)
    const filled = modal.locator('.ant-descriptions');
    await filled.getByText('中小学教师').waitFor();
    expect(await filled.innerText()).toContain('业务科');
    await modal.getByLabel('调入单位').click();
    await modal.getByLabel('调入单位').fill('光谷');
    await source.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: TARGET }).first().click();
    await modal.getByLabel('调转原因').fill('工作调动，调入软件企业从事技术培训');
    await settled(source);
    await shot(source, 'transfer-01-start');
    await modal.getByRole('button', { name: /提\s*交/ }).click();
    await source.getByText('已发起调出，待调入单位确认').waitFor();
    const outRow = source.locator('.ant-table-row').filter({ hasText: personAcc.name });
    await outRow.waitFor();
    expect(await outRow.innerText()).toContain(TARGET);
    expect(await outRow.innerText()).toContain('待确认');
    await shot(source, 'transfer-02-outgoing');

    // the target employer: the todo leads to 人员调入审核; 确认调转 into 人事科
    const dest = await p.newPage();
    await dest.goto(p.baseUrl);
    await login(dest, '用人单位', target.account, target.password);
    await dest.waitForURL(/dashboard/);
    await dest.getByRole('link', { name: /人员调入审核：1/ }).click();
    await dest.waitForURL(/account\/transfers\/incoming/);
    const inRow = dest.locator('.ant-table-row').filter({ hasText: personAcc.name });
    await inRow.waitFor();
    expect(await inRow.innerText()).toContain('武汉市江岸区育才中学');
    await inRow.getByRole('button', { name: '确认调转' }).click();
    const confirm = dest.locator('.ant-modal').filter({ hasText: '确认调转' });
    await pickOption(dest, confirm, '调入部门', '人事科');
    await confirm.getByRole('button', { name: /确认调入/ }).click();
    await dest.getByText(`已确认调转，“${personAcc.name}”已调入本单位`).waitFor();
    await dest.getByRole('tab', { name: '已审核' }).click();
    await dest.locator('.ant-table-row').filter({ hasText: personAcc.name }).filter({ hasText: '已调入' }).waitFor();

    // 调转记录 on the target's side, with the details drawer
    await openMenu(dest, ['调转记录'], /account\/transfers\/records/);
    await dest.waitForURL(/account\/transfers\/records/);
    const destRecord = dest.locator('.ant-table-row').filter({ hasText: personAcc.name });
    await destRecord.waitFor();
    expect(await destRecord.innerText()).toMatch(/调入[\s\S]*已调入/);
    const drawer = dest.locator('.ant-drawer').filter({ hasText: '调转详情' });
    await destRecord.getByRole('button', { name: '查看' }).click();
    await drawer.getByText('调转人员信息（发起调出时）').waitFor();
    expect(await drawer.innerText()).toContain('工作调动，调入软件企业从事技术培训');
    await settled(dest);
    await shot(dest, 'transfer-03-records-target');

    // 调转记录 on the source's side
    await openMenu(source, ['调转记录'], /account\/transfers\/records/);
    await source.waitForURL(/account\/transfers\/records/);
    const srcRecord = source.locator('.ant-table-row').filter({ hasText: personAcc.name });
    await srcRecord.filter({ hasText: '已调入' }).waitFor();
    expect(await srcRecord.innerText()).toMatch(/调出[\s\S]*武汉市江岸区育才中学[\s\S]*武汉光谷软件技术有限公司/);
    await source.getByRole('tab', { name: '调入' }).click();
    await source.locator('.ant-table-placeholder').waitFor();
    await source.getByRole('tab', { name: '调出' }).click();
    await source.locator('.ant-table-row').filter({ hasText: personAcc.name }).waitFor();
    await shot(source, 'transfer-04-records-source');

    // the person now belongs to the target, in the chosen department
    const person = await p.newPage();
    await person.goto(p.baseUrl);
    await login(person, '专业技术人员', personAcc.account, DEMO_PASSWORD);
    await forcedChange(person, DEMO_PASSWORD, 'Teacher@2026new');
    await openMenu(person, ['个人信息'], /me\/profile/);
    const basic = person.locator('.ant-descriptions').first();
    await basic.getByText(TARGET).waitFor();
    expect(await basic.innerText()).toContain('人事科');
  }, 180_000);
});
