import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('角色管理 › 导出', () => {
  it('exports the own roles with their permissions in Chinese, nothing of another organisation', async () => {
    const org = await freshHrOrg(ctx);
    const c = await loggedIn(ctx, await newAdmin(ctx, org.id, { isSuper: true }));
    await c.post('/api/roles', { name: '导出审核员', description: '负责审核', permissions: ['reg.review', 'change.review'] });
    const other = await loggedIn(ctx, await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true }));
    await other.post('/api/roles', { name: '别人的角色', permissions: ['dept.view'] });

    const roles = await readXlsx(await c.get('/api/roles/export'));
    expect(column(roles, '角色名称')).toEqual(['导出审核员']);
    expect(column(roles, '说明')).toEqual(['负责审核']);
    expect(column(roles, '权限')[0]).toBe('注册审核（通过/驳回）、变更审核（人员信息、机构信息、更换上级部门）');
    const viewer = await loggedIn(ctx, await newAdmin(ctx, org.id, { permissions: ['org.info.view'] }));
    expect((await viewer.get('/api/roles/export')).status).toBe(403);
  });
});
