import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLogs, departments } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin, newPerson } from '../../../test/fixtures.js';

let ctx: TestCtx;
let c: Client;
let orgId: number;
let other: Client;
beforeAll(async () => {
  ctx = await createTestApp();
  orgId = (await freshHrOrg(ctx)).id;
  c = await loggedIn(ctx, await newAdmin(ctx, orgId, { isSuper: true }));
  other = await loggedIn(ctx, await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('管理内设部门', () => {
  it('adds, nests, renames, moves and lists departments with people counts', async () => {
    const a = await c.post('/api/departments', { name: '办公室' });
    expect(a.status).toBe(200);
    const b = await c.post('/api/departments', { name: '人事科', parentId: a.body.id });
    expect(b.body.parentId).toBe(a.body.id);
    expect((await c.patch(`/api/departments/${b.body.id}`, { name: '人事教育科' })).body.name).toBe('人事教育科');
    expect((await c.patch(`/api/departments/${b.body.id}`, { parentId: null })).body.parentId).toBeNull();
    await newPerson(ctx, orgId, b.body.id);
    const list = await c.get('/api/departments');
    const row = list.body.items.find((d: { id: number }) => d.id === b.body.id);
    expect(row).toMatchObject({ name: '人事教育科', personnelCount: 1 });
    const audit = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'department.update'));
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit[0]!.detail).toMatchObject({ before: { name: '人事科' }, after: { name: '人事教育科' } });
  });

  it('refuses a move under itself or a descendant', async () => {
    const p = await c.post('/api/departments', { name: '业务一处' });
    const k = await c.post('/api/departments', { name: '业务一组', parentId: p.body.id });
    const r = await c.patch(`/api/departments/${p.body.id}`, { parentId: k.body.id });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('不能移动到自身或其下级');
    expect((await c.patch(`/api/departments/${p.body.id}`, { parentId: p.body.id })).status).toBe(400);
  });

  it('refuses duplicate names under the same parent', async () => {
    await c.post('/api/departments', { name: '财务科' });
    const r = await c.post('/api/departments', { name: '财务科' });
    expect(r.status).toBe(409);
  });

  it('refuses to remove a department while people belong to it or it has children; removes an empty one', async () => {
    const d = await c.post('/api/departments', { name: '待撤销科' });
    const child = await c.post('/api/departments', { name: '子科', parentId: d.body.id });
    expect((await c.del(`/api/departments/${d.body.id}`)).body.message).toContain('下级部门');
    await newPerson(ctx, orgId, child.body.id);
    const r = await c.del(`/api/departments/${child.body.id}`);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('1名人员');
    const empty = await c.post('/api/departments', { name: '空科室' });
    expect((await c.del(`/api/departments/${empty.body.id}`)).status).toBe(200);
    expect(await ctx.db.select().from(departments).where(eq(departments.id, empty.body.id))).toHaveLength(0);
  });

  it('bad input: 400 naming the field, nothing written', async () => {
    const before = (await ctx.db.select().from(departments)).length;
    const r = await c.post('/api/departments', { name: '', parentId: 'abc' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('部门名称');
    expect(r.body.message).toContain('上级');
    expect((await c.post('/api/departments', { name: 'x'.repeat(51) })).body.message).toContain('不能超过50个字符');
    expect((await c.patch('/api/departments/abc', { name: 'x' })).status).toBe(400);
    expect((await ctx.db.select().from(departments)).length).toBe(before);
  });

  it("another organisation's departments answer 404 for reads-by-id, writes and parents", async () => {
    const mine = await c.post('/api/departments', { name: '本单位科室' });
    expect((await other.patch(`/api/departments/${mine.body.id}`, { name: '篡改' })).status).toBe(404);
    expect((await other.del(`/api/departments/${mine.body.id}`)).status).toBe(404);
    expect((await other.post('/api/departments', { name: '挂靠', parentId: mine.body.id })).status).toBe(404);
    const theirs = await other.get('/api/departments');
    expect(theirs.body.items.some((d: { id: number }) => d.id === mine.body.id)).toBe(false);
    const [still] = await ctx.db.select().from(departments).where(eq(departments.id, mine.body.id));
    expect(still!.name).toBe('本单位科室');
  });
});
