/**
 * Journey (三员分立): the province's super admin has no 审计日志 and cannot build a role that mixes reading the audit
 * log with changing data (the form says why before anything is sent); the province's auditor (demo 审计管理员) logs
 * in, sees only 查看 menus and 审计日志, and finds the super admin's login there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: separation of duties between the super admin and the auditor', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('the super admin cannot mix audit with changes; the auditor reads the log and nothing else', async () => {
    const admin = await enter(p, '省人社厅管理员', '人社部门', 'Prov@2026new');
    const adminMenu = admin.locator('.ant-layout-sider');
    await adminMenu.getByText('系统管理').waitFor();
    expect(await adminMenu.innerText()).not.toContain('审计日志');

    await openMenu(admin, ['账户管理', '本级机构管理', '角色管理'], /account\/roles/);
    const roleModal = admin.locator('.ant-modal').filter({ hasText: '角色名称' });
    await admin.getByRole('button', { name: /新增角色/ }).click();
    await roleModal.getByLabel('角色名称').waitFor();
    await roleModal.getByLabel('角色名称').fill('审计兼维护');
    await roleModal.getByText('审计职责：只能与查看类权限组合').waitFor();
    for (const perm of ['查看审计日志', '添加/修改/删除内设部门']) {
      await roleModal.locator('.ant-tree-treenode').filter({ hasText: perm }).locator('.ant-tree-checkbox').first().click();
    }
    await roleModal.getByRole('button', { name: /保\s*存/ }).click();
    await roleModal
      .locator('.ant-form-item-explain-error')
      .getByText(/查看审计日志只能与查看类权限组合.*添加\/修改\/删除内设部门/)
      .waitFor();
    await settled(admin);
    await shot(admin, 'duties-01-role-refused');
    await roleModal.getByRole('button', { name: /取\s*消/ }).click();
    await roleModal.waitFor({ state: 'hidden' });
    expect(await admin.locator('.ant-table').innerText()).not.toContain('审计兼维护');

    const auditor = await enter(p, '审计管理员（省人社厅）', '人社部门', 'Audit@2026new');
    const menu = auditor.locator('.ant-layout-sider');
    await menu.getByText('系统管理').waitFor();
    await openMenu(auditor, ['系统管理', '审计日志'], /system\/audit/);
    const text = await menu.innerText();
    for (const hidden of ['角色管理', '注册审核管理', '在线会话', '学时审核']) expect(text).not.toContain(hidden);
    const login = auditor.locator('.ant-table-row').filter({ hasText: '周建国' }).filter({ hasText: '登录' });
    await login.first().waitFor();
    await settled(auditor);
    await shot(auditor, 'duties-02-auditor-log');
  }, 180_000);
});
