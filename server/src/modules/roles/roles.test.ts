import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { roles } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin, newOrg } from '../../../test/fixtures.js';

let ctx: TestCtx;
let c: Client;
let orgId: number;
beforeAll(async () => {
  ctx = await createTestApp();
  orgId = (await freshHrOrg(ctx)).id;
  c = await loggedIn(ctx, await newAdmin(ctx, orgId, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('角色管理', () => {
  it('the catalogue is per organisation type', async () => {
    const hr = await c.get('/api/roles/catalogue');
    const codes = hr.body.groups.flatMap((g: { permissions: { code: string }[] }) => g.permissions.map((p) => p.code));
    expect(codes).toContain('suborg.view');
    const emp = await newOrg(ctx, 'employer', orgId);
    const ec = await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true }), 'employer');
    const eCodes = (await ec.get('/api/roles/catalogue')).body.groups.flatMap((g: { permissions: { code: string }[] }) =>
      g.permissions.map((p) => p.code),
    );
    expect(eCodes).not.toContain('suborg.view');
    expect((await ec.post('/api/roles', { name: '越界', permissions: ['suborg.view'] })).status).toBe(400);
  });

  it('creates, lists, edits and deletes roles', async () => {
    const r = await c.post('/api/roles', { name: '审计员', description: '只读审计', permissions: ['audit.view'] });
    expect(r.status).toBe(200);
    expect((await c.post('/api/roles', { name: '审计员', permissions: ['audit.view'] })).status).toBe(409);
    const u = await c.put(`/api/roles/${r.body.id}`, { name: '审计员', description: '', permissions: ['audit.view', 'stats.view'] });
    expect(u.body.permissions).toEqual(['audit.view', 'stats.view']);
    const list = await c.get('/api/roles');
    expect(list.body.items.find((x: { id: number }) => x.id === r.body.id)).toMatchObject({ adminCount: 0 });
    expect((await c.del(`/api/roles/${r.body.id}`)).status).toBe(200);
  });

  it('refuses deleting a role in use', async () => {
    const r = await c.post('/api/roles', { name: '在用角色', permissions: ['dept.view'] });
    const a = await newAdmin(ctx, orgId);
    await c.put(`/api/admins/${a.adminId}/roles`, { roleIds: [r.body.id] });
    const d = await c.del(`/api/roles/${r.body.id}`);
    expect(d.status).toBe(409);
    expect(d.body.message).toContain('1名管理员');
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    const before = (await ctx.db.select().from(roles)).length;
    const r = await c.post('/api/roles', { name: '', permissions: [] });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('角色名称');
    expect(r.body.message).toContain('权限');
    expect((await c.post('/api/roles', { name: '假权限', permissions: ['root.everything'] })).body.message).toContain('权限');
    expect((await ctx.db.select().from(roles)).length).toBe(before);
  });

  it('a role manager cannot create or edit roles beyond their own permissions', async () => {
    const mgr = await loggedIn(ctx, await newAdmin(ctx, orgId, { permissions: ['role.manage', 'admin.view'] }));
    expect((await mgr.post('/api/roles', { name: '提权', permissions: ['pii.view'] })).status).toBe(403);
    expect((await mgr.post('/api/roles', { name: '可授', permissions: ['admin.view'] })).status).toBe(200);
    const strong = await c.post('/api/roles', { name: '强角色', permissions: ['pii.view'] });
    expect((await mgr.put(`/api/roles/${strong.body.id}`, { name: '强角色', permissions: ['admin.view'] })).status).toBe(403);
    expect((await mgr.del(`/api/roles/${strong.body.id}`)).status).toBe(403);
  });

  it("another organisation's roles answer 404 and stay unchanged", async () => {
    const r = await c.post('/api/roles', { name: '本单位角色', permissions: ['dept.view'] });
    const other = await loggedIn(ctx, await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true }));
    expect((await other.put(`/api/roles/${r.body.id}`, { name: 'x', permissions: ['dept.view'] })).status).toBe(404);
    expect((await other.del(`/api/roles/${r.body.id}`)).status).toBe(404);
    expect((await other.get('/api/roles')).body.items.some((x: { id: number }) => x.id === r.body.id)).toBe(false);
    const [still] = await ctx.db.select().from(roles).where(eq(roles.id, r.body.id));
    expect(still!.name).toBe('本单位角色');
  });
});
