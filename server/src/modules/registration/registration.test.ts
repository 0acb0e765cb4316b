import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLogs, organizations, personnel, users } from '../../db/schema.js';
import { makeCreditCode } from '../../db/seed/codes.js';
import { Client, createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, nextIdNumber } from '../../../test/fixtures.js';

let ctx: TestCtx;
let jiangan: { id: number }, jianghan: { id: number }, wuhan: { id: number };
let janC: Client, jhC: Client, whC: Client;
beforeAll(async () => {
  ctx = await createTestApp();
  wuhan = await hrOrg(ctx, '420100');
  jiangan = await hrOrg(ctx, '420102');
  jianghan = await hrOrg(ctx, '420103');
  whC = await loggedIn(ctx, await newAdmin(ctx, wuhan.id, { isSuper: true }));
  janC = await loggedIn(ctx, await newAdmin(ctx, jiangan.id, { isSuper: true }));
  jhC = await loggedIn(ctx, await newAdmin(ctx, jianghan.id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

let n = 0;
function orgBody(type: string, parentId: number, over: Record<string, unknown> = {}) {
  n++;
  const idNumber = nextIdNumber();
  return {
    type,
    name: `注册测试机构${n}`,
    creditCode: makeCreditCode('91', '420102', `reg-${n}-${Math.random()}`),
    divisionCode: '420102',
    parentId,
    contactName: '李四',
    contactPhone: '13812345678',
    address: '武汉市江岸区某路1号',
    admin: {
      idType: 'resident',
      idNumber,
      realName: '注册人',
      phone: '13912345678',
      email: 'r@example.cn',
      password: 'Reg@2026pw',
      confirmPassword: 'Reg@2026pw',
    },
    ...over,
  };
}

describe('机构注册 and 注册审核', () => {
  it('a base registers, logs in at once, sees 待审核 and can do nothing else; the county HR approves; then the menus open', async () => {
    const body = orgBody('base', jiangan.id);
    const r = await new Client(ctx).post('/api/register/org', body);
    expect(r.status).toBe(200);
    const reg = new Client(ctx);
    expect((await reg.login('base', body.admin.idNumber, 'Reg@2026pw')).status).toBe(200);
    const me = await reg.get('/api/auth/me');
    expect(me.body.registration).toBe('pending');
    expect(me.body.menus.map((m: { key: string }) => m.key)).toEqual(['registration']);
    const status = await reg.get('/api/registration/me');
    expect(status.body).toMatchObject({
      kind: 'org',
      status: 'pending',
      reviewerName: '江岸区人力资源和社会保障局',
      data: { divisionName: '江岸区' },
    });
    const detail = await janC.get(`/api/reviews/registrations/base/${r.body.id}`);
    expect(detail.body.registrant).toMatchObject({ name: '注册人', email: 'r@example.cn' });
    expect(detail.body.registrant.idNumberMasked).toMatch(/\*{10}/);
    // who applied, as 注册审核's detail shows it: name and masked phone (the full numbers only through 查看完整)
    expect(detail.body.registrant.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    const blocked = await reg.get('/api/departments');
    expect(blocked.status).toBe(403);
    expect(blocked.body.message).toContain('审核中');

    const queue = await janC.get('/api/reviews/registrations/base?tab=pending');
    expect(queue.body.items.map((i: { id: number }) => i.id)).toContain(r.body.id);
    const dash = await janC.get('/api/dashboard');
    expect(dash.body.todos.find((t: { key: string }) => t.key === 'reg-base').count).toBeGreaterThan(0);
    // the sibling county cannot see or decide it
    expect((await jhC.get('/api/reviews/registrations/base')).body.items.map((i: { id: number }) => i.id)).not.toContain(r.body.id);
    expect((await jhC.post('/api/reviews/registrations/base/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(404);

    expect((await janC.post('/api/reviews/registrations/base/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    const after = await reg.get('/api/auth/me');
    expect(after.body.registration).toBe('active');
    expect(JSON.stringify(after.body.menus)).toContain('继续教育机构信息管理');
    expect((await reg.get('/api/departments')).status).toBe(200);
    expect((await janC.post('/api/reviews/registrations/base/decide', { ids: [r.body.id], decision: 'reject', reason: 'x' })).status).toBe(409);
    const done = await janC.get('/api/reviews/registrations/base?tab=done');
    expect(done.body.items.find((i: { id: number }) => i.id === r.body.id).status).toBe('active');
  });

  it('the full identity of a registration (pii.view) is for its jurisdiction only: another county gets 404 and nothing is audited', async () => {
    const body = orgBody('employer', jiangan.id, { contactPhone: '13812340077' });
    const r = await new Client(ctx).post('/api/register/org', body);
    expect(r.status).toBe(200);
    const url = `/api/reviews/registrations/employer/${r.body.id}/identity`;
    const own = await janC.get(url);
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).toContain('13812340077');
    const views = async () =>
      (
        await ctx.db
          .select()
          .from(auditLogs)
          .where(and(eq(auditLogs.action, 'pii.view'), eq(auditLogs.targetId, String(r.body.id))))
      ).length;
    const before = await views();
    expect(before).toBe(1); // the jurisdiction's own view was audited
    const other = await jhC.get(url);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('13812340077');
    expect(await views()).toBe(before);
  });

  it('rejection: the registrant sees the reason, edits and resubmits', async () => {
    const body = orgBody('employer', jiangan.id);
    const r = await new Client(ctx).post('/api/register/org', body);
    const noReason = await janC.post('/api/reviews/registrations/employer/decide', { ids: [r.body.id], decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('驳回原因');
    await janC.post('/api/reviews/registrations/employer/decide', { ids: [r.body.id], decision: 'reject', reason: '信用代码与名称不符' });
    const reg = new Client(ctx);
    await reg.login('employer', body.admin.idNumber, 'Reg@2026pw');
    const s = await reg.get('/api/registration/me');
    expect(s.body).toMatchObject({ status: 'rejected', rejectReason: '信用代码与名称不符' });
    const { type: _t, admin: _a, ...fields } = body;
    const re = await reg.put('/api/registration/me/org', { ...fields, name: `${body.name}（更正）` });
    expect(re.status).toBe(200);
    expect((await reg.get('/api/registration/me')).body.status).toBe('pending');
    expect((await reg.put('/api/registration/me/org', fields)).status).toBe(409);
  });

  it('refuses duplicates, a wrong superior or region, and bad input — writing nothing', async () => {
    const count = async () => (await ctx.db.select().from(organizations)).length;
    const before = await count();
    const first = orgBody('employer', jiangan.id);
    expect((await new Client(ctx).post('/api/register/org', first)).status).toBe(200);
    const dupCode = await new Client(ctx).post('/api/register/org', orgBody('employer', jiangan.id, { creditCode: first.creditCode }));
    expect(dupCode.status).toBe(409);
    expect(dupCode.body.message).toContain('统一社会信用代码已注册');
    expect(dupCode.body.fields[0].field).toBe('creditCode');
    const dupId = orgBody('employer', jiangan.id);
    dupId.admin.idNumber = first.admin.idNumber;
    const dupIdRes = await new Client(ctx).post('/api/register/org', dupId);
    expect(dupIdRes.body.message).toContain('证件号已注册');
    expect(dupIdRes.body.fields[0].field).toBe('admin.idNumber');
    expect((await new Client(ctx).post('/api/register/org', orgBody('base', wuhan.id, { divisionCode: '420500' }))).body.message).toContain(
      '所属地区',
    );
    expect((await new Client(ctx).post('/api/register/org', orgBody('authority', jiangan.id + 100000))).status).toBe(404);
    const emp = await newOrg(ctx, 'employer', jiangan.id);
    expect((await new Client(ctx).post('/api/register/org', orgBody('base', emp.id))).body.message).toContain('上级');
    const bad = await new Client(ctx).post('/api/register/org', orgBody('employer', jiangan.id, { creditCode: '91420102MA4K00000X', name: '' }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('统一社会信用代码');
    expect(bad.body.message).toContain('名称');
    expect(await count()).toBe(before + 2); // the first registration and the test's own employer
  });

  it('an HR department registers under a city; its level follows the parent', async () => {
    const body = orgBody('hr', wuhan.id, { divisionCode: '420102', name: '江岸区某新设人社部门' });
    const r = await new Client(ctx).post('/api/register/org', body);
    expect(r.status).toBe(200);
    const [o] = await ctx.db.select().from(organizations).where(eq(organizations.id, r.body.id));
    expect(o!.hrLevel).toBe('county');
    expect((await whC.get('/api/reviews/registrations/hr')).body.items.map((i: { id: number }) => i.id)).toContain(r.body.id);
    expect((await janC.get('/api/reviews/registrations/hr')).body.items.map((i: { id: number }) => i.id)).not.toContain(r.body.id);
  });

  it('two concurrent approvals of the same registration: exactly one wins', async () => {
    const r = await new Client(ctx).post('/api/register/org', orgBody('authority', jiangan.id));
    const [a, b] = await Promise.all([
      janC.post('/api/reviews/registrations/authority/decide', { ids: [r.body.id], decision: 'approve' }),
      whC.post('/api/reviews/registrations/authority/decide', { ids: [r.body.id], decision: 'reject', reason: '重复' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('batch approval', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await new Client(ctx).post('/api/register/org', orgBody('employer', jiangan.id))).body.id);
    const r = await janC.post('/api/reviews/registrations/employer/decide', { ids, decision: 'approve' });
    expect(r.body).toEqual({ done: 3, skipped: 0 });
  });
});

describe('专业技术人员注册', () => {
  it('a person registers into an employer; the employer reviews first; HR of the jurisdiction can too', async () => {
    const emp = await newOrg(ctx, 'employer', jiangan.id, '江岸区某小学');
    const empAdmin = await newAdmin(ctx, emp.id, { isSuper: true });
    const ec = await loggedIn(ctx, empAdmin, 'employer');
    const deps = await new Client(ctx).get(`/api/register/orgs/${emp.id}/departments`);
    const idNumber = nextIdNumber();
    const body = {
      idType: 'resident',
      idNumber,
      realName: '新教师',
      phone: '13700001111',
      email: 't@example.cn',
      password: 'Tea@2026pw',
      confirmPassword: 'Tea@2026pw',
      orgId: emp.id,
      departmentId: deps.body.items[0].id,
      education: 'bachelor',
      titleSeries: 'ZXXJ',
      titleLevel: 'assistant',
      titleName: '二级教师',
      titleDate: '2020-09-01',
    };
    const r = await new Client(ctx).post('/api/register/personnel', body);
    expect(r.status).toBe(200);
    const pc = new Client(ctx);
    await pc.login('personnel', idNumber, 'Tea@2026pw');
    expect((await pc.get('/api/me/profile')).status).toBe(403);
    const q = await ec.get('/api/reviews/registrations/personnel');
    const item = q.body.items.find((i: { id: number }) => i.id === r.body.id);
    expect(item).toMatchObject({ name: '新教师', titleSeriesName: '中小学教师', titleLevelName: '助理级' });
    expect(item.idNumberMasked).not.toBe(idNumber);
    expect((await janC.get('/api/reviews/registrations/personnel')).body.items.map((i: { id: number }) => i.id)).toContain(r.body.id);
    expect((await jhC.get(`/api/reviews/registrations/personnel/${r.body.id}`)).status).toBe(404);
    expect((await ec.post('/api/reviews/registrations/personnel/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    expect((await pc.get('/api/me/profile')).status).toBe(200);
  });

  it('refuses a series/level that does not exist, an unknown employer, a department of another employer', async () => {
    const emp = await newOrg(ctx, 'employer', jiangan.id);
    const base = {
      idType: 'resident',
      idNumber: nextIdNumber(),
      realName: '某人',
      phone: '13700001111',
      email: 't@example.cn',
      password: 'Tea@2026pw',
      confirmPassword: 'Tea@2026pw',
      orgId: emp.id,
      departmentId: null,
      education: 'bachelor',
      titleSeries: 'GDJS',
      titleLevel: 'junior',
    };
    const r = await new Client(ctx).post('/api/register/personnel', base);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('高等学校教师系列没有员级');
    expect((await new Client(ctx).post('/api/register/personnel', { ...base, titleLevel: 'senior', orgId: 999999 })).status).toBe(404);
    const other = await newOrg(ctx, 'employer', jiangan.id);
    const [d] = await ctx.db
      .insert((await import('../../db/schema.js')).departments)
      .values({ orgId: other.id, name: '他部门' })
      .returning();
    expect((await new Client(ctx).post('/api/register/personnel', { ...base, titleLevel: 'senior', departmentId: d!.id })).status).toBe(404);
    const [{ n: cnt }] = [{ n: (await ctx.db.select().from(users)).length }];
    expect(cnt).toBeGreaterThan(0);
    expect(await ctx.db.select().from(personnel).where(eq(personnel.orgId, emp.id))).toHaveLength(0);
  });

  it('the public organisation picker lists only active organisations', async () => {
    const r = await new Client(ctx).get('/api/register/orgs?types=hr&keyword=江岸');
    expect(r.body.items[0].name).toBe('江岸区人力资源和社会保障局');
    const pending = await new Client(ctx).post('/api/register/org', orgBody('authority', jiangan.id, { name: '待审主管部门甲' }));
    expect(pending.status).toBe(200);
    expect((await new Client(ctx).get('/api/register/orgs?keyword=待审主管部门甲')).body.items).toHaveLength(0);
  });
});
