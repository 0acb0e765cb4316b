import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLogs, organizations } from '../../db/schema.js';
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

const valid = { name: '测试人社局', contactName: '王明', contactPhone: '027-88886666', address: '武汉市江岸区沿江大道1号' };

describe('基本信息管理', () => {
  it('shows the organisation with division and superior names', async () => {
    const r = await c.get('/api/org/info');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: orgId, type: 'hr', hrLevel: 'county', typeName: '人社部门', statusName: '正常' });
    expect(r.body.parentName).toMatch(/人力资源和社会保障局$/);
    expect(r.body.creditCode).toHaveLength(18);
  });

  it("an edit waits for the superior's review; the current data stays in force until approved", async () => {
    const before = (await c.get('/api/org/info')).body;
    const r = await c.put('/api/org/info', valid);
    expect(r.status).toBe(200);
    expect(r.body.name).toBe(before.name);
    expect(r.body.pendingChange).toMatchObject(valid);
    expect(r.body.applied).toBe(false);
    expect((await c.put('/api/org/info', valid)).status).toBe(409);
    const [o] = await ctx.db.select().from(organizations).where(eq(organizations.id, orgId));
    const city = await loggedIn(ctx, await newAdmin(ctx, o!.parentId!, { isSuper: true }));
    const q = await city.get('/api/reviews/changes/org-info');
    const item = q.body.items.find((i: { orgName: string }) => i.orgName === before.name);
    expect(item.changes.find((f: { field: string }) => f.field === 'name')).toMatchObject({
      before: before.name,
      after: '测试人社局',
      changed: true,
    });
    expect((await city.post('/api/reviews/changes/org-info/decide', { ids: [item.id], decision: 'approve' })).status).toBe(200);
    expect((await c.get('/api/org/info')).body).toMatchObject({ ...valid, pendingChange: null });
    const [log] = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'change.approve'));
    expect(log!.detail).toMatchObject({ before: { name: before.name }, after: { name: '测试人社局' } });
  });

  it('the province HR (no superior) edits directly, audited with before/after', async () => {
    const [prov] = await ctx.db.select().from(organizations).where(eq(organizations.hrLevel, 'province'));
    const p = await loggedIn(ctx, await newAdmin(ctx, prov!.id, { isSuper: true }));
    const r = await p.put('/api/org/info', { ...valid, name: '湖北省人力资源和社会保障厅' });
    expect(r.body).toMatchObject({ contactName: '王明', pendingChange: null, applied: true });
    const [log] = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'org.info.update'));
    expect(log!.detail).toMatchObject({ after: { contactName: '王明' } });
  });

  it('bad input: 400 naming each field, nothing written', async () => {
    const r = await c.put('/api/org/info', { name: '', contactName: '王', contactPhone: '12', address: '' });
    expect(r.status).toBe(400);
    for (const label of ['名称', '联系人', '联系电话', '地址']) expect(r.body.message).toContain(label);
    const [o] = await ctx.db.select().from(organizations).where(eq(organizations.id, orgId));
    expect(o!.name).toBe('测试人社局');
  });

  it('refuses a name already used by another organisation of the same type', async () => {
    const r = await c.put('/api/org/info', { ...valid, name: '武汉市人力资源和社会保障局' });
    expect(r.status).toBe(409);
  });

  it('each admin edits only their own organisation', async () => {
    const emp = await newOrg(ctx, 'employer', orgId, '某用人单位');
    const e = await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true }), 'employer');
    expect((await e.get('/api/org/info')).body.id).toBe(emp.id);
    expect((await e.put('/api/org/info', { ...valid, name: '某用人单位（改）' })).body.pendingChange.name).toBe('某用人单位（改）');
    const [hr] = await ctx.db.select().from(organizations).where(eq(organizations.id, orgId));
    expect(hr!.name).toBe('测试人社局');
    // the employer's change goes to its superior (this HR), not anywhere else
    expect((await c.get('/api/reviews/changes/org-info')).body.items.map((i: { orgName: string }) => i.orgName)).toContain('某用人单位');
  });
});
