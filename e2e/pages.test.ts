/**
 * Journey (issue 11: every page as a real user expects it): the 江岸区 HR admin's dashboard shows the 待办 count beside
 * its label (never over it) and only queues a county can act on (no 人社部门注册审核); 机构注册详情 says who applied
 * (name, masked phone); after 通过, 已审核 shows 审核人 and 审核时间; 下属机构管理 offers 重置密码 only where the
 * organisation has a super admin; 修改密码's error clears once the user edits again; the province auditor's 审计日志
 * names its 对象 (机构 <name>), never a bare "#id"; a teacher's evidence viewer is titled by the file's original name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../server/src/db/client.js';
import { organizations } from '../server/src/db/schema.js';
import { writeAudit } from '../server/src/lib/audit.js';
import { enter, hasChromium, hasWebBuild, openMenu, pickOption, shot, startPlatform, type Platform } from './support.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe.skipIf(!hasChromium || !hasWebBuild)('journey: pages name things, offer only what can be done, and keep labels readable', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('dashboard, registration detail, 已审核 columns, 下属机构管理, 修改密码, 审计日志', { timeout: 120_000 }, async () => {
    const page = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'County@2026new');
    const main = page.locator('.ant-layout-content');

    // 待办事项: the count sits beside its label, not over it; a county has no 人社部门注册审核 card
    const title = main.locator('.todo-title');
    await title.locator('.ant-badge-count').waitFor();
    const label = await title.getByText('待办事项', { exact: true }).boundingBox();
    const badge = await title.locator('.ant-badge-count').boundingBox();
    expect(label && badge).toBeTruthy();
    expect(badge!.x).toBeGreaterThanOrEqual(label!.x + label!.width);
    await main.getByRole('link', { name: /^专技人员注册审核：\d+$/ }).waitFor();
    expect(await main.getByRole('link', { name: /^人社部门注册审核：/ }).count()).toBe(0);
    await shot(page, 'pages-01-dashboard');

    // 下属单位注册审核 › 查看: who applied, the phone masked
    await openMenu(page, ['账户管理', '注册审核管理', '下属单位注册审核'], /\/account\/registrations\/employer$/);
    const row = main.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '武汉江岸新建设计院有限公司' });
    await row.getByRole('button', { name: /查\s*看/ }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '机构注册详情' });
    await expect.poll(() => drawer.innerText()).toMatch(/申请人\s+何建平/);
    expect(await drawer.innerText()).toMatch(/申请人手机号\s+136\*{4}0000/);
    await shot(page, 'pages-02-registration-detail');
    await drawer.locator('.ant-drawer-close').click();

    // 通过, then 已审核: 审核人 (this admin) and 审核时间
    await row.getByRole('button', { name: /^通\s*过$/ }).click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /通\s*过/ })
      .click();
    await page.getByText('已通过“武汉江岸新建设计院有限公司”的注册').waitFor();
    await main.locator('.ant-tabs-tab').filter({ hasText: '已审核' }).click();
    const headers = main.locator('.ant-table-thead th');
    await expect.poll(() => headers.allInnerTexts()).toEqual(expect.arrayContaining(['审核人', '审核时间']));
    const doneRow = main.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '武汉江岸新建设计院有限公司' });
    await doneRow.filter({ hasText: '陈思远' }).waitFor();
    await expect.poll(() => doneRow.innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await shot(page, 'pages-03-done-reviewer');

    // 下属机构管理 › 机构列表: 重置密码 for 育才中学 (its admin 王晓燕), not for a unit without an admin seat
    const [bare] = await queryRows<{ name: string }>(
      p.db,
      sql`SELECT o.name FROM organizations o JOIN organizations hr ON hr.name LIKE '%江岸区%' AND hr.type = 'hr'
           WHERE o.type = 'employer' AND o.status = 'active' AND starts_with(o.path, hr.path)
             AND NOT EXISTS (SELECT 1 FROM admins a WHERE a.org_id = o.id) ORDER BY o.id LIMIT 1`,
    );
    expect(bare).toBeTruthy();
    await openMenu(page, ['账户管理', '下属机构管理'], /\/account\/suborgs/);
    await main.getByRole('tab', { name: /机构列表/ }).click();
    const list = main.locator('.ant-table-tbody tr.ant-table-row');
    const search = async (name: string) => {
      await main.getByLabel('名称/信用代码').fill(name);
      await main.getByRole('button', { name: /查\s*询/ }).click();
      await list.filter({ hasText: name }).first().waitFor();
      await expect.poll(() => list.count()).toBe(1);
      return list.first();
    };
    await (await search('武汉市江岸区育才中学')).getByRole('button', { name: /重置密码/ }).waitFor();
    const bareRow = await search(bare!.name);
    await bareRow.getByRole('button', { name: /停\s*用/ }).waitFor();
    expect(await bareRow.getByRole('button', { name: /重置密码/ }).count()).toBe(0);
    await shot(page, 'pages-04-suborgs');

    // 修改密码: a wrong 原密码 shows the server's error; editing again clears it
    await page.locator('.ant-layout-header').getByText('陈思远').hover();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '修改密码' });
    await dialog.getByLabel('原密码').fill('Wrong@2026pw');
    await dialog.getByLabel('新密码', { exact: true }).fill('County@2026next');
    await dialog.getByLabel('确认新密码').fill('County@2026next');
    await dialog.getByRole('button', { name: /确认修改/ }).click();
    const error = dialog.locator('.ant-alert-error');
    await error.waitFor();
    await dialog.getByLabel('原密码').fill('County@2026new');
    await error.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: /取\s*消/ }).click();

    // 审计日志 (the province's auditor): 对象 by name
    const [province] = await p.db.select().from(organizations).where(eq(organizations.hrLevel, 'province'));
    const [target] = await p.db.select().from(organizations).where(eq(organizations.name, '武汉江岸新建设计院有限公司'));
    await writeAudit(
      p.db,
      { actor: { userId: 1, name: '周建国', org: { id: province!.id, path: province!.path } }, ip: '127.0.0.1' },
      { action: 'org.update', targetType: 'organization', targetId: target!.id },
    );
    const auditor = await enter(p, '审计管理员（省人社厅）', '人社部门', 'Audit@2026new');
    await openMenu(auditor, ['系统管理', '审计日志'], /\/system\/audit/);
    const audit = auditor.locator('.ant-layout-content .ant-table-tbody');
    await audit.getByText('机构 武汉江岸新建设计院有限公司').first().waitFor();
    expect(await audit.innerText()).not.toMatch(/#\d/);
    await shot(auditor, 'pages-05-audit');

    // 我的学时: a declaration's evidence opens titled by its original file name
    const person = await enter(p, '专业技术人员', '专业技术人员', 'Teacher@2026new');
    await openMenu(person, ['我的学时'], /me\/hours/);
    await person.getByRole('button', { name: /申报个人学时/ }).click();
    const declare = person.locator('.ant-modal').filter({ hasText: '证明材料' });
    await declare.getByLabel('学习内容').fill('参加湖北省教育学会学术年会');
    await pickOption(person, declare, '学习形式', '学术会议');
    await declare.getByLabel('数量').fill('1');
    const day = `${new Date().getFullYear()}-01-20`; // 学习起止日期 (one day, in the year, not in the future)
    await declare.getByPlaceholder('开始日期').click();
    await declare.getByPlaceholder('开始日期').fill(day);
    await declare.getByPlaceholder('开始日期').press('Enter');
    await declare.getByPlaceholder('结束日期').fill(day);
    await declare.getByPlaceholder('结束日期').press('Enter');
    await declare.locator('input[type=file]').setInputFiles({ name: '参会证明.png', mimeType: 'image/png', buffer: PNG });
    await declare.getByRole('button', { name: /提交申报/ }).click();
    const declared = person.locator('.ant-modal').filter({ hasText: '申报结果' });
    await declared.getByRole('button', { name: /完\s*成/ }).click();
    const mine = person.locator('.ant-table-row').filter({ hasText: '待单位审核' });
    await mine.getByRole('button', { name: /查\s*看/ }).click();
    const viewer = person.getByRole('dialog').filter({ has: person.getByRole('button', { name: /下\s*载/ }) });
    await expect.poll(() => viewer.locator('.ant-modal-title').innerText()).toBe('参会证明.png');
    await shot(person, 'pages-06-evidence');
  });
});
