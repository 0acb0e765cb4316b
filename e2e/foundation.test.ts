/**
 * Journey (issue: the platform's foundation): a city HR demo admin logs in, is forced to change the password,
 * creates a custom role with two permissions, adds an admin (注册成为管理员) with that role, takes it away and gives
 * it back through 分配角色, logs out; the new admin logs in, changes the initial password and sees only the permitted
 * menus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../server/src/db/seed/codes.js';
import { DEMO_PASSWORD, forcedChange, hasChromium, hasWebBuild, login, logout, openMenu, shot, startPlatform, type Platform } from './support.js';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: city HR sets up a role and an admin', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it("clicks through login, forced change, role, admin, logout, and the new admin's menus", async () => {
    const page = await p.newPage();
    const city = p.account('市州人社局管理员（武汉市）');
    await page.goto(p.baseUrl);
    await page.getByText('管理人员登录').waitFor();
    await shot(page, 'foundation-01-login');

    // wrong password first: a clear Chinese message, nothing about which part was wrong
    await login(page, '人社部门', city.account, 'Wrong@pass1');
    await page.getByText('账号或密码错误').waitFor();

    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await forcedChange(page, DEMO_PASSWORD, 'City@2026new');
    await page.getByText('待办事项').first().waitFor();
    await shot(page, 'foundation-02-dashboard');

    // 角色管理 → 新增角色 with two permissions
    await openMenu(page, ['账户管理', '本级机构管理', '角色管理'], /account\/roles/);
    await page.getByRole('button', { name: /新增角色/ }).click();
    const roleModal = page.locator('.ant-modal').filter({ hasText: '角色名称' });
    await roleModal.getByLabel('角色名称').fill('信息维护员');
    for (const perm of ['查看基本信息', '查看内设部门']) {
      await roleModal.locator('.ant-tree-treenode').filter({ hasText: perm }).locator('.ant-tree-checkbox').first().click();
    }
    await roleModal.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-table').getByText('信息维护员').waitFor();
    await shot(page, 'foundation-03-roles');

    // 管理单位管理员 → 新增管理员, way b (注册成为管理员) with that role
    await openMenu(page, ['账户管理', '本级机构管理', '管理单位管理员'], /account\/admins/);
    await page.getByRole('button', { name: /新增管理员/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '填写管理员基本信息' });
    const way = modal.getByText('注册成为管理员(非本系统用户)');
    await way.click();
    await modal.locator('.ant-radio-wrapper-checked').filter({ hasText: '注册成为管理员' }).waitFor();
    await modal.getByRole('button', { name: /下一步/ }).click();
    await modal.getByLabel('证件号').waitFor();
    const newId = makeIdNumber('420103', '19910704', 777);
    await modal.getByLabel('证件号').fill(newId);
    await modal.getByLabel('密码', { exact: true }).fill('Init@2026ab');
    await modal.getByLabel('确认密码').fill('Init@2026ab');
    await modal.getByLabel('真实姓名').fill('吴新民');
    await modal.getByLabel('手机号').fill('13912340000');
    await modal.getByLabel('电子邮箱').fill('wuxm@example.cn');
    await modal.getByLabel('工作部门').click();
    await page.locator('.ant-select-dropdown:visible').getByText('办公室', { exact: true }).click();
    await modal.getByLabel('角色').click();
    await page.locator('.ant-select-dropdown:visible').getByText('信息维护员', { exact: true }).click();
    await page.keyboard.press('Escape');
    await modal.getByRole('button', { name: /提\s*交/ }).click();
    await modal.getByText('管理员添加成功').waitFor();
    await modal.getByRole('button', { name: /完\s*成/ }).click();
    await page.locator('.ant-table').getByText('吴新民').waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: '吴新民' });
    expect(await row.innerText()).toContain('信息维护员');
    expect(await row.innerText()).not.toContain(newId); // masked in the list
    await shot(page, 'foundation-04-admins');

    // 分配角色: take the role away (the row says 未分配角色), then give it back
    const assign = async (give: boolean) => {
      await row.getByRole('button', { name: '分配角色' }).click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '分配角色 — 吴新民' });
      const box = dialog.locator('.ant-checkbox-wrapper').filter({ hasText: '信息维护员' });
      await box.waitFor();
      expect(await box.locator('input').isChecked()).toBe(!give);
      await box.click();
      if (!give) await shot(page, 'foundation-04b-assign-roles');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
    };
    await assign(false);
    await expect.poll(() => row.innerText()).toContain('未分配角色');
    await assign(true);
    await expect.poll(() => row.innerText()).not.toContain('未分配角色');
    expect(await row.innerText()).toContain('信息维护员');

    // 退出登录 from the top-right dropdown
    await logout(page, '李文华');

    // the new admin: forced change, then only the permitted menus
    await login(page, '人社部门', newId, 'Init@2026ab');
    await forcedChange(page, 'Init@2026ab', 'Wxm@2026pass');
    await openMenu(page, ['账户管理', '本级机构管理', '基本信息管理'], /account\/org-info/);
    const sider = page.locator('.ant-layout-sider');
    await sider.getByText('管理内设部门').waitFor();
    const menuText = await sider.innerText();
    expect(menuText).toContain('基本信息管理');
    expect(menuText).toContain('管理内设部门');
    for (const hidden of ['管理单位管理员', '角色管理', '下属机构管理', '注册审核管理', '系统管理', '审计日志'])
      expect(menuText).not.toContain(hidden);
    await openMenu(page, ['账户管理', '本级机构管理', '管理内设部门'], /account\/departments/);
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, 'foundation-05-limited-menus');
    // a page outside the role is neither shown nor reachable
    await page.goto(`${p.baseUrl}/account/admins`);
    await page.getByText('无权访问').first().waitFor();
  }, 180_000);
});
