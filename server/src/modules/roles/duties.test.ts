/**
 * 三员分立 (SECURITY.md, packages/domain permissions.ts): the auditor reads the logs and changes nothing; nobody who
 * changes data holds the audit duty — not in one role, not across an admin's roles, not by editing a role later;
 * super admins appoint auditors but do not read the log; SEPARATION_OF_DUTIES=off restores the plain model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { dutyConflicts } from '@hbzsgx/domain';
import { adminRoles, admins, roles } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin, newPerson } from '../../../test/fixtures.js';

let ctx: TestCtx;
let orgId: number;
let sup: Client;
beforeAll(async () => {
  ctx = await createTestApp();
  orgId = (await freshHrOrg(ctx)).id;
  sup = await loggedIn(ctx, await newAdmin(ctx, orgId, { isSuper: true }));
});
afterAll(async () => ctx?.close());

const rowCount = async (t: typeof roles | typeof admins | typeof adminRoles) => (await ctx.db.select({ n: count() }).from(t))[0]!.n;

describe('dutyConflicts()', () => {
  it('names the permissions that change data beside the audit duty, and nothing else', () => {
    expect(dutyConflicts(['audit.view', 'stats.view', 'admin.view'])).toEqual([]);
    expect(dutyConflicts(['dept.manage', 'role.manage'])).toEqual([]);
    expect(dutyConflicts(['audit.view', 'dept.manage', 'stats.view', 'claim.review'])).toEqual(['dept.manage', 'claim.review']);
  });
});

describe('三员分立', () => {
  it('the super admin administers but does not read the audit log, and has no 审计日志 menu', async () => {
    expect((await sup.get('/api/audit-logs')).status).toBe(403);
    const me = (await sup.get('/api/auth/me')).body;
    expect(me.permissions).not.toContain('audit.view');
    expect(me.permissions).toContain('role.manage');
    expect(JSON.stringify(me.menus)).not.toContain('审计日志');
  });

  it('the super admin appoints an auditor, who reads the log and changes nothing', async () => {
    const role = await sup.post('/api/roles', { name: '审计管理员', description: '', permissions: ['audit.view', 'stats.view'] });
    expect(role.status).toBe(200);
    const a = await newAdmin(ctx, orgId);
    expect((await sup.put(`/api/admins/${a.adminId}/roles`, { roleIds: [role.body.id] })).status).toBe(200);
    const auditor = await loggedIn(ctx, a);
    expect((await auditor.get('/api/audit-logs?action=admin.roles')).body.total).toBeGreaterThan(0);
    expect((await auditor.post('/api/departments', { name: '审计员建的部门' })).status).toBe(403);
    expect((await auditor.post('/api/roles', { name: '自授', permissions: ['audit.view'] })).status).toBe(403);
  });

  it('a role mixing the audit duty with a permission that changes data is refused, naming them; nothing written', async () => {
    const before = await rowCount(roles);
    const r = await sup.post('/api/roles', { name: '混合', permissions: ['audit.view', 'dept.manage', 'dept.view'] });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('权限：查看审计日志只能与查看类权限组合（三员分立：审计员不能变更数据），不能同时拥有：添加/修改/删除内设部门');
    expect(r.body.fields[0].field).toBe('permissions');
    expect(await rowCount(roles)).toBe(before);
  });

  it('roles are refused together when their union mixes the duties: on assignment and when adding an admin', async () => {
    const aud = (await sup.post('/api/roles', { name: '审计', permissions: ['audit.view'] })).body.id;
    const dept = (await sup.post('/api/roles', { name: '部门维护', permissions: ['dept.view', 'dept.manage'] })).body.id;
    const a = await newAdmin(ctx, orgId);
    const assign = await sup.put(`/api/admins/${a.adminId}/roles`, { roleIds: [aud, dept] });
    expect(assign.status).toBe(400);
    expect(assign.body.message).toMatch(/^角色：查看审计日志只能与查看类权限组合.*添加\/修改\/删除内设部门$/);
    expect(await ctx.db.select().from(adminRoles).where(eq(adminRoles.adminId, a.adminId))).toEqual([]);

    const p = await newPerson(ctx, orgId);
    const adminsBefore = await rowCount(admins);
    const [d] = (await sup.get('/api/departments')).body.items;
    const add = await sup.post('/api/admins', { mode: 'select', userId: p.userId, departmentId: d.id, roleIds: [aud, dept] });
    expect(add.status).toBe(400);
    expect(add.body.fields[0].field).toBe('roleIds');
    expect(await rowCount(admins)).toBe(adminsBefore);
  });

  it('editing a role cannot slip a clash into an admin who holds it beside an auditor role', async () => {
    const aud = (await sup.post('/api/roles', { name: '审计2', permissions: ['audit.view'] })).body.id;
    const view = (await sup.post('/api/roles', { name: '只读统计', permissions: ['stats.view'] })).body.id;
    const a = await newAdmin(ctx, orgId, { name: '钱审计' });
    expect((await sup.put(`/api/admins/${a.adminId}/roles`, { roleIds: [aud, view] })).status).toBe(200);
    const edit = await sup.put(`/api/roles/${view}`, { name: '只读统计', description: '', permissions: ['stats.view', 'claim.review'] });
    expect(edit.status).toBe(400);
    expect(edit.body.message).toContain('该角色已分配给管理员钱审计');
    expect((await ctx.db.select().from(roles).where(eq(roles.id, view)))[0]!.permissions).toEqual(['stats.view']);
  });

  it('an admin who may manage roles but is no super admin cannot grant the audit duty', async () => {
    const ra = await loggedIn(ctx, await newAdmin(ctx, orgId, { permissions: ['role.manage', 'admin.view'] }));
    expect((await ra.post('/api/roles', { name: '想审计', permissions: ['audit.view'] })).status).toBe(403);
  });
});

describe('SEPARATION_OF_DUTIES=off', () => {
  it('super admins read the log again and a mixed role is accepted', async () => {
    const off = await createTestApp({ SEPARATION_OF_DUTIES: 'off' });
    try {
      const c = await loggedIn(off, await newAdmin(off, (await freshHrOrg(off)).id, { isSuper: true }));
      expect((await c.get('/api/audit-logs')).status).toBe(200);
      expect((await c.post('/api/roles', { name: '混合', permissions: ['audit.view', 'dept.manage'] })).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});
