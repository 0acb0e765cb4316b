import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { personnel, transfers } from '../../db/schema.js';
import { insertDepartments } from '../../db/seed/factory.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';

let ctx: TestCtx;
let fromC: Client, toC: Client, thirdC: Client;
let fromId: number, toId: number, toDept: number;
beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  const xl = await hrOrg(ctx, '420502'); // another city's county
  fromId = (await newOrg(ctx, 'employer', ja.id, '江岸区调出医院')).id;
  toId = (await newOrg(ctx, 'employer', xl.id, '西陵区调入医院', '420502')).id;
  const third = await newOrg(ctx, 'employer', ja.id, '无关单位');
  fromC = await loggedIn(ctx, await newAdmin(ctx, fromId, { isSuper: true }), 'employer');
  toC = await loggedIn(ctx, await newAdmin(ctx, toId, { isSuper: true }), 'employer');
  thirdC = await loggedIn(ctx, await newAdmin(ctx, third.id, { isSuper: true }), 'employer');
  toDept = (await insertDepartments(ctx.db, toId, ['内科']))[0]!.id;
});
afterAll(async () => ctx?.close());

describe('人员调转', () => {
  it('调出 → the target confirms → only then does the person move; both sides see the records', async () => {
    const p = await newPerson(ctx, fromId);
    const pick = await fromC.get(`/api/transfers/people/${p.personnelId}`);
    expect(pick.body).toMatchObject({ personnelId: p.personnelId, titleSeriesName: '中小学教师' });
    expect(pick.body.idNumberMasked).toMatch(/\*{10}/);
    const t = await fromC.post('/api/transfers', { personnelId: p.personnelId, toOrgId: toId, reason: '工作调动', transferDate: '2026-11-20' });
    expect(t.status).toBe(200);
    const again = await fromC.post('/api/transfers', { personnelId: p.personnelId, toOrgId: toId, reason: '重复', transferDate: '2026-11-20' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('未完成的调转');
    const [before] = await ctx.db.select().from(personnel).where(eq(personnel.id, p.personnelId));
    expect(before!.orgId).toBe(fromId);

    const incoming = await toC.get('/api/transfers?direction=in&status=pending');
    expect(incoming.body.items.map((i: { id: number }) => i.id)).toEqual([t.body.id]);
    expect((await toC.get('/api/dashboard')).body.todos.find((x: { key: string }) => x.key === 'transfer-in').count).toBe(1);
    expect((await thirdC.post(`/api/transfers/${t.body.id}/confirm`, { departmentId: null })).status).toBe(404);
    expect((await fromC.post(`/api/transfers/${t.body.id}/confirm`, { departmentId: null })).status).toBe(403); // its own request
    expect((await toC.post(`/api/transfers/${t.body.id}/confirm`, { departmentId: toDept })).status).toBe(200);
    expect((await toC.post(`/api/transfers/${t.body.id}/confirm`, { departmentId: toDept })).status).toBe(409);
    const [after] = await ctx.db.select().from(personnel).where(eq(personnel.id, p.personnelId));
    expect(after).toMatchObject({ orgId: toId, departmentId: toDept });

    const outRec = await fromC.get('/api/transfers?direction=out');
    expect(outRec.body.items[0]).toMatchObject({ status: 'confirmed', toOrgName: '西陵区调入医院', direction: 'out' });
    const inRec = await toC.get('/api/transfers?direction=in');
    expect(inRec.body.items[0]).toMatchObject({ status: 'confirmed', fromOrgName: '江岸区调出医院', reason: '工作调动', direction: 'in' });
    expect((await thirdC.get('/api/transfers')).body.total).toBe(0);
    // the person now belongs to the target: the old employer can no longer start a transfer for them
    expect((await fromC.get(`/api/transfers/people/${p.personnelId}`)).status).toBe(404);
    const xlsx = await toC.get('/api/transfers/export?direction=in');
    expect(xlsx.status).toBe(200);
  });

  it('the target may refuse (the person stays); the source may withdraw before a decision', async () => {
    const p = await newPerson(ctx, fromId);
    const t = await fromC.post('/api/transfers', { personnelId: p.personnelId, toOrgId: toId, reason: '调动', transferDate: '2026-11-21' });
    expect((await toC.post(`/api/transfers/${t.body.id}/refuse`, { reason: '' })).body.message).toContain('拒绝原因');
    expect((await toC.post(`/api/transfers/${t.body.id}/refuse`, { reason: '编制已满' })).status).toBe(200);
    const [row] = await ctx.db.select().from(personnel).where(eq(personnel.id, p.personnelId));
    expect(row!.orgId).toBe(fromId);
    expect((await fromC.get('/api/transfers?direction=out&status=refused')).body.items[0].refuseReason).toBe('编制已满');
    const t2 = await fromC.post('/api/transfers', { personnelId: p.personnelId, toOrgId: toId, reason: '再调', transferDate: '2026-11-22' });
    expect(t2.status).toBe(200);
    expect((await toC.post(`/api/transfers/${t2.body.id}/cancel`)).status).toBe(404);
    expect((await fromC.post(`/api/transfers/${t2.body.id}/cancel`)).status).toBe(200);
    const [t2row] = await ctx.db.select().from(transfers).where(eq(transfers.id, t2.body.id));
    expect(t2row!.status).toBe('cancelled');
  });

  it('refuses people of another organisation, itself as target, an unknown target, bad dates; two concurrent confirms: one wins', async () => {
    const stranger = await newPerson(ctx, toId);
    expect(
      (await fromC.post('/api/transfers', { personnelId: stranger.personnelId, toOrgId: toId, reason: 'x', transferDate: '2026-11-20' })).status,
    ).toBe(404);
    const p = await newPerson(ctx, fromId);
    expect(
      (await fromC.post('/api/transfers', { personnelId: p.personnelId, toOrgId: fromId, reason: 'x', transferDate: '2026-11-20' })).status,
    ).toBe(400);
    expect(
      (await fromC.post('/api/transfers', { personnelId: p.personnelId, toOrgId: 999999, reason: 'x', transferDate: '2026-11-20' })).status,
    ).toBe(404);
    const bad = await fromC.post('/api/transfers', { personnelId: p.personnelId, toOrgId: toId, reason: 'x', transferDate: '20261120' });
    expect(bad.body.message).toContain('调转日期');
    const t = await fromC.post('/api/transfers', { personnelId: p.personnelId, toOrgId: toId, reason: 'x', transferDate: '2026-11-20' });
    const [a, b] = await Promise.all([
      toC.post(`/api/transfers/${t.body.id}/confirm`, { departmentId: null }),
      toC.post(`/api/transfers/${t.body.id}/refuse`, { reason: '并发' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });
});
