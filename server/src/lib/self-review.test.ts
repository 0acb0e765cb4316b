/**
 * Nobody reviews their own request (lib/self-review.ts): in every review queue, the organisation or person a
 * request is about (and whoever filed it) never sees it in the list, the export or the 待办 count, and is refused
 * (403, nothing written) when deciding it — alone or inside a batch; the legitimate reviewer still decides it.
 * "Acting for" an organisation includes holding a live admin seat in it (a natural person may hold several).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { Permission } from '@hbzsgx/domain';
import {
  annualDocs,
  auditLogs,
  changeRequests,
  claims,
  hourPolicies,
  organizations,
  personnel,
  roles,
  adminRoles,
  trainingClasses,
  transfers,
} from '../db/schema.js';
import { insertAdmin, insertPersonnel } from '../db/seed/factory.js';
import { createTestApp, type Client, type Res, type TestCtx } from '../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../test/fixtures.js';
import { readXlsx } from '../../test/xlsx.js';

let ctx: TestCtx;
let city: Client; // 武汉市人社局: superior of the county HR departments below
const year = new Date().getFullYear();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

/** A second admin seat for the same natural person (a plain admin holding a role with `permissions`). */
async function extraSeat(u: { userId: number }, orgId: number, permissions: Permission[]) {
  const a = await insertAdmin(ctx.db, { orgId, userId: u.userId });
  const [r] = await ctx.db
    .insert(roles)
    .values({ orgId, name: `角色${a.id}`, permissions })
    .returning();
  await ctx.db.insert(adminRoles).values({ adminId: a.id, roleId: r!.id });
}
/** Data rows of an exported xlsx (the header row aside). */
const dataRows = async (r: Res) => (await readXlsx(r)).length - 1;
const ids = (r: Res) => (r.body.items as { id: number }[]).map((i) => i.id);
const todo = async (c: Client, key: string) => (await c.get('/api/dashboard')).body.todos.find((t: { key: string }) => t.key === key)?.count;
const refused = (r: Res) => {
  expect(r.status).toBe(403);
  expect(r.body.message).toContain('不能审核本单位或本人的申请');
};
const deniedAudits = async () =>
  (
    await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'review.own'), eq(auditLogs.result, 'denied')))
  ).length;

describe('注册审核管理', () => {
  it("an employer's admin never decides their own personnel registration; another admin of the employer does", async () => {
    const ja = await hrOrg(ctx, '420102');
    const emp = await newOrg(ctx, 'employer', ja.id, '自审测试中学');
    const me = await newAdmin(ctx, emp.id, { isSuper: true });
    const [mine] = await ctx.db
      .update(personnel)
      .set({ status: 'pending' })
      .where(
        eq(personnel.id, (await insertPersonnel(ctx.db, { userId: me.userId, orgId: emp.id, titleSeries: 'ZXXJ', titleLevel: 'intermediate' })).id),
      )
      .returning();
    const other = await newPerson(ctx, emp.id);
    await ctx.db.update(personnel).set({ status: 'pending' }).where(eq(personnel.id, other.personnelId));
    const mc = await loggedIn(ctx, me, 'employer');

    expect(ids(await mc.get('/api/reviews/registrations/personnel?tab=pending'))).toEqual([other.personnelId]);
    expect(await dataRows(await mc.get('/api/reviews/registrations/personnel/export?tab=pending'))).toBe(1);
    expect(await todo(mc, 'reg-personnel')).toBe(1);
    expect((await mc.get(`/api/reviews/registrations/personnel/${mine!.id}`)).status).toBe(404);
    const audits = await deniedAudits();
    refused(await mc.post('/api/reviews/registrations/personnel/decide', { ids: [mine!.id], decision: 'approve' }));
    refused(await mc.post('/api/reviews/registrations/personnel/decide', { ids: [other.personnelId, mine!.id], decision: 'approve' }));
    expect(await deniedAudits()).toBe(audits + 2);
    const rows = await ctx.db
      .select()
      .from(personnel)
      .where(inArray(personnel.id, [mine!.id, other.personnelId]));
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']); // the whole batch was refused

    const colleague = await loggedIn(ctx, await newAdmin(ctx, emp.id, { permissions: ['reg.review'] }), 'employer');
    expect(ids(await colleague.get('/api/reviews/registrations/personnel?tab=pending')).sort()).toEqual([mine!.id, other.personnelId].sort());
    expect(
      (await colleague.post('/api/reviews/registrations/personnel/decide', { ids: [mine!.id, other.personnelId], decision: 'approve' })).body,
    ).toEqual({ done: 2, skipped: 0 });
  });

  it('the registrant of an organisation never decides its registration from a seat in the superior', async () => {
    const jh = await hrOrg(ctx, '420103');
    const pending = await newOrg(ctx, 'employer', jh.id, '自审待注册设计院', '420103');
    await ctx.db.update(organizations).set({ status: 'pending' }).where(eq(organizations.id, pending.id));
    const registrant = await newAdmin(ctx, pending.id, { isSuper: true });
    await extraSeat(registrant, jh.id, ['reg.review']);
    const rc = await loggedIn(ctx, registrant, 'hr');
    expect(ids(await rc.get('/api/reviews/registrations/employer?tab=pending'))).not.toContain(pending.id);
    expect(await dataRows(await rc.get('/api/reviews/registrations/employer/export?tab=pending'))).toBe(0);
    expect(await todo(rc, 'reg-employer')).toBe(0);
    refused(await rc.post('/api/reviews/registrations/employer/decide', { ids: [pending.id], decision: 'approve' }));
    expect((await ctx.db.select().from(organizations).where(eq(organizations.id, pending.id)))[0]!.status).toBe('pending');

    const superior = await loggedIn(ctx, await newAdmin(ctx, jh.id, { isSuper: true }));
    expect(ids(await superior.get('/api/reviews/registrations/employer?tab=pending'))).toContain(pending.id);
    expect((await superior.post('/api/reviews/registrations/employer/decide', { ids: [pending.id], decision: 'approve' })).status).toBe(200);
  });
});

describe('变更审核管理', () => {
  it('机构信息修改: the county HR that edited its own 单位信息 neither sees nor approves it; the city does', async () => {
    const qk = await hrOrg(ctx, '420104'); // 硚口区人社局
    const own = await loggedIn(ctx, await newAdmin(ctx, qk.id, { isSuper: true }));
    const sub = await own.put('/api/org/info', { name: qk.name, contactName: '李自审', contactPhone: '13871230000', address: '硚口区新址' });
    expect(sub.body).toMatchObject({ applied: false });
    const id = sub.body.requestId as number;

    expect(ids(await own.get('/api/reviews/changes/org-info?tab=pending'))).not.toContain(id);
    expect(ids(await own.get('/api/reviews/changes/org-info?tab=done'))).not.toContain(id);
    expect(await dataRows(await own.get('/api/reviews/changes/org-info/export?tab=pending'))).toBe(0);
    expect(await todo(own, 'change-org-info')).toBe(0);
    refused(await own.post('/api/reviews/changes/org-info/decide', { ids: [id], decision: 'approve' }));
    const [still] = await ctx.db.select().from(organizations).where(eq(organizations.id, qk.id));
    expect(still!.address).not.toBe('硚口区新址');
    expect((await ctx.db.select().from(changeRequests).where(eq(changeRequests.id, id)))[0]).toMatchObject({
      status: 'pending',
      reviewerDecision: null,
    });

    expect(ids(await city.get('/api/reviews/changes/org-info?tab=pending'))).toContain(id);
    expect((await city.post('/api/reviews/changes/org-info/decide', { ids: [id], decision: 'approve' })).status).toBe(200);
    expect((await ctx.db.select().from(organizations).where(eq(organizations.id, qk.id)))[0]!.address).toBe('硚口区新址');
  });

  it('更换上级部门: the moving organisation never approves, not even from a seat in its new superior', async () => {
    const hy = await hrOrg(ctx, '420105'); // 汉阳区: former superior
    const wc = await hrOrg(ctx, '420106'); // 武昌区: new superior
    const former = await loggedIn(ctx, await newAdmin(ctx, hy.id, { isSuper: true }));
    const next = await loggedIn(ctx, await newAdmin(ctx, wc.id, { isSuper: true }));
    const moving = await newOrg(ctx, 'employer', hy.id, '自审搬迁单位', '420105');
    const mover = await newAdmin(ctx, moving.id, { isSuper: true });
    await extraSeat(mover, wc.id, ['change.review']);
    const asUnit = await loggedIn(ctx, mover, 'employer');
    const r = await asUnit.post('/api/org/reparent', { newParentId: wc.id, reason: '机构改革划转' });
    expect(r.status).toBe(200);

    refused(await asUnit.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'approve' }));
    const asNewSuperior = await loggedIn(ctx, mover, 'hr');
    expect(ids(await asNewSuperior.get('/api/reviews/changes/reparent?tab=pending'))).not.toContain(r.body.id);
    expect(await todo(asNewSuperior, 'change-reparent')).toBe(0);
    refused(await asNewSuperior.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'approve' }));
    expect((await ctx.db.select().from(changeRequests).where(eq(changeRequests.id, r.body.id)))[0]).toMatchObject({
      status: 'pending',
      secondDecision: null,
    });

    expect(ids(await next.get('/api/reviews/changes/reparent?tab=pending'))).toContain(r.body.id);
    expect((await next.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    expect((await former.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    expect((await ctx.db.select().from(organizations).where(eq(organizations.id, moving.id)))[0]!.parentId).toBe(wc.id);
  });

  it('审核人员信息修改: an admin never approves their own title change; a colleague does', async () => {
    const ja = await hrOrg(ctx, '420102');
    const emp = await newOrg(ctx, 'employer', ja.id, '自审职称中学');
    const me = await newAdmin(ctx, emp.id, { isSuper: true });
    await insertPersonnel(ctx.db, { userId: me.userId, orgId: emp.id, titleSeries: 'ZXXJ', titleLevel: 'intermediate' });
    const asPerson = await loggedIn(ctx, me, 'personnel');
    const r = await asPerson.post('/api/me/title-change', {
      titleSeries: 'ZXXJ',
      titleLevel: 'viceSenior',
      titleName: '高级教师',
      titleDate: '2025-12-01',
    });
    expect(r.status).toBe(200);
    const other = await newPerson(ctx, emp.id);
    const r2 = await (
      await loggedIn(ctx, other, 'personnel')
    ).post('/api/me/title-change', { titleSeries: 'ZXXJ', titleLevel: 'viceSenior', titleName: '高级教师', titleDate: '2025-12-01' });

    const asAdmin = await loggedIn(ctx, me, 'employer');
    expect(ids(await asAdmin.get('/api/reviews/changes/title?tab=pending'))).toEqual([r2.body.id]);
    expect(await dataRows(await asAdmin.get('/api/reviews/changes/title/export?tab=pending'))).toBe(1);
    expect(await todo(asAdmin, 'change-title')).toBe(1);
    refused(await asAdmin.post('/api/reviews/changes/title/decide', { ids: [r.body.id], decision: 'approve' }));
    refused(await asAdmin.post('/api/reviews/changes/title/decide', { ids: [r2.body.id, r.body.id], decision: 'approve' }));
    const rows = await ctx.db
      .select()
      .from(changeRequests)
      .where(inArray(changeRequests.id, [r.body.id, r2.body.id]));
    expect(rows.map((x) => x.status)).toEqual(['pending', 'pending']);

    const colleague = await loggedIn(ctx, await newAdmin(ctx, emp.id, { permissions: ['change.review'] }), 'employer');
    expect((await colleague.post('/api/reviews/changes/title/decide', { ids: [r.body.id, r2.body.id], decision: 'approve' })).body).toEqual({
      done: 2,
      skipped: 0,
    });
  });
});

describe('人员调转', () => {
  it('the person being transferred never confirms (or refuses) it from a seat in the target', async () => {
    const from = await newOrg(ctx, 'employer', (await hrOrg(ctx, '420102')).id, '自审调出单位');
    const to = await newOrg(ctx, 'employer', (await hrOrg(ctx, '420103')).id, '自审调入单位', '420103');
    const fromC = await loggedIn(ctx, await newAdmin(ctx, from.id, { isSuper: true }), 'employer');
    const toC = await loggedIn(ctx, await newAdmin(ctx, to.id, { isSuper: true }), 'employer');
    const p = await newPerson(ctx, from.id);
    await extraSeat(p, to.id, ['transfer.manage']);
    const t = await fromC.post('/api/transfers', { personnelId: p.personnelId, toOrgId: to.id, reason: '工作调动', transferDate: '2026-11-20' });
    expect(t.status).toBe(200);

    const self = await loggedIn(ctx, p, 'employer');
    expect(ids(await self.get('/api/transfers?direction=in&status=pending'))).toEqual([]);
    expect(ids(await self.get('/api/transfers'))).toEqual([]);
    expect(await dataRows(await self.get('/api/transfers/export?direction=in'))).toBe(0);
    expect(await todo(self, 'transfer-in')).toBe(0);
    refused(await self.post(`/api/transfers/${t.body.id}/confirm`, { departmentId: null }));
    refused(await self.post(`/api/transfers/${t.body.id}/refuse`, { reason: '不去了' }));
    expect((await ctx.db.select().from(transfers).where(eq(transfers.id, t.body.id)))[0]!.status).toBe('pending');
    expect((await ctx.db.select().from(personnel).where(eq(personnel.id, p.personnelId)))[0]!.orgId).toBe(from.id);

    expect(ids(await toC.get('/api/transfers?direction=in&status=pending'))).toEqual([t.body.id]);
    expect((await toC.post(`/api/transfers/${t.body.id}/confirm`, { departmentId: null })).status).toBe(200);
  });
});

describe('学时', () => {
  it('学时审核: an HR admin never approves (or deletes) a claim whose person is themself; the batch is refused whole', async () => {
    const hs = await hrOrg(ctx, '420111'); // 洪山区
    const county = await loggedIn(ctx, await newAdmin(ctx, hs.id, { isSuper: true }));
    const emp = await newOrg(ctx, 'employer', hs.id, '洪山自审中学', '420111');
    const base = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', hs.id, '洪山自审基地', '420111')).id, { isSuper: true }), 'base');
    const officer = await newAdmin(ctx, hs.id, { permissions: ['claim.review'] });
    await insertPersonnel(ctx.db, { userId: officer.userId, orgId: emp.id, titleSeries: 'ZXXJ', titleLevel: 'intermediate' });
    const other = await newPerson(ctx, emp.id);
    const cls = await base.post('/api/classes', {
      year,
      name: '自审培训班',
      subjectType: 'professional',
      learningForm: 'faceToFace',
      hours: 24,
      startDate: `${year}-03-01`,
      endDate: `${year}-03-03`,
      place: '洪山',
      capacity: 100,
      targetSeries: [],
    });
    expect((await county.post('/api/reviews/classes/decide', { ids: [cls.body.id], decision: 'approve' })).status).toBe(200);
    const mine = (await base.post(`/api/classes/${cls.body.id}/scores`, { idNumber: officer.idNumber, score: '90', qualified: true })).body
      .claimId as number;
    const theirs = (await base.post(`/api/classes/${cls.body.id}/scores`, { idNumber: other.idNumber, score: '90', qualified: true })).body
      .claimId as number;

    const oc = await loggedIn(ctx, officer, 'hr');
    expect(ids(await oc.get('/api/reviews/claims?source=base&tab=pending'))).toEqual([theirs]);
    expect(await dataRows(await oc.get('/api/reviews/claims/export?source=base&tab=pending'))).toBe(1);
    expect(await todo(oc, 'claim-base')).toBe(1);
    refused(await oc.post('/api/reviews/claims/decide', { ids: [mine], decision: 'approve' }));
    refused(await oc.post('/api/reviews/claims/decide', { ids: [theirs, mine], decision: 'approve' }));
    refused(await oc.post('/api/reviews/claims/delete', { ids: [mine], reason: '重复申报' }));
    const rows = await ctx.db
      .select()
      .from(claims)
      .where(inArray(claims.id, [mine, theirs]));
    expect(rows.map((c) => c.status)).toEqual(['pending', 'pending']);

    expect(ids(await county.get('/api/reviews/claims?source=base&tab=pending')).sort()).toEqual([mine, theirs].sort());
    expect((await county.post('/api/reviews/claims/decide', { ids: [mine, theirs], decision: 'approve' })).body).toEqual({ done: 2, skipped: 0 });
  });

  it('个人申报 unit review: an admin never approves their own declaration; a colleague does', async () => {
    const emp = await newOrg(ctx, 'employer', (await hrOrg(ctx, '420102')).id, '自审申报中学');
    const me = await newAdmin(ctx, emp.id, { isSuper: true });
    await insertPersonnel(ctx.db, { userId: me.userId, orgId: emp.id, titleSeries: 'ZXXJ', titleLevel: 'intermediate' });
    const decl = {
      year,
      title: '全国教育学术年会',
      subjectType: 'professional',
      learningForm: 'conference',
      units: 1,
      activityStart: `${year}-01-02`,
      activityEnd: `${year}-01-03`,
    };
    const c = await (await loggedIn(ctx, me, 'personnel')).upload('/api/me/claims', decl, { name: '参会证明.png', content: PNG });
    expect(c.status).toBe(200);

    const asAdmin = await loggedIn(ctx, me, 'employer');
    expect(ids(await asAdmin.get('/api/reviews/personal-claims?tab=pending'))).toEqual([]);
    expect(await dataRows(await asAdmin.get('/api/reviews/personal-claims/export?tab=pending'))).toBe(0);
    expect(await todo(asAdmin, 'personal-claims')).toBe(0);
    refused(await asAdmin.post('/api/reviews/personal-claims/decide', { ids: [c.body.id], decision: 'approve' }));
    expect((await ctx.db.select().from(claims).where(eq(claims.id, c.body.id)))[0]!.status).toBe('pendingEmployer');

    const colleague = await loggedIn(ctx, await newAdmin(ctx, emp.id, { permissions: ['claim.unitReview'] }), 'employer');
    expect(ids(await colleague.get('/api/reviews/personal-claims?tab=pending'))).toEqual([c.body.id]);
    expect((await colleague.post('/api/reviews/personal-claims/decide', { ids: [c.body.id], decision: 'approve' })).status).toBe(200);
  });
});

describe('培训计划管理', () => {
  it("a base admin with a seat in the HR department never approves the base's own class or annual documents", async () => {
    const dxh = await hrOrg(ctx, '420112'); // 东西湖区
    const county = await loggedIn(ctx, await newAdmin(ctx, dxh.id, { isSuper: true }));
    const baseOrg = await newOrg(ctx, 'base', dxh.id, '东西湖自审基地', '420112');
    const both = await newAdmin(ctx, baseOrg.id, { isSuper: true });
    await extraSeat(both, dxh.id, ['class.review', 'annual.review']);
    const asBase = await loggedIn(ctx, both, 'base');
    const cls = await asBase.post('/api/classes', {
      year,
      name: '东西湖自审班',
      subjectType: 'public',
      learningForm: 'faceToFace',
      hours: 8,
      startDate: `${year}-04-01`,
      endDate: `${year}-04-01`,
      place: '东西湖',
      capacity: 50,
      targetSeries: [],
    });
    const doc = await asBase.upload('/api/annual-docs', { kind: 'plan', year, description: '年度培训计划' }, { name: '计划.pdf', content: PDF });
    expect([cls.status, doc.status]).toEqual([200, 200]);

    const asHr = await loggedIn(ctx, both, 'hr');
    expect(ids(await asHr.get('/api/reviews/classes?tab=pending&orgType=base'))).not.toContain(cls.body.id);
    expect(await dataRows(await asHr.get('/api/reviews/classes/export?tab=pending&orgType=base'))).toBe(0);
    expect(await todo(asHr, 'class-review')).toBe(0);
    refused(await asHr.post('/api/reviews/classes/decide', { ids: [cls.body.id], decision: 'approve' }));
    expect(ids(await asHr.get('/api/reviews/annual-docs/plan?tab=pending'))).not.toContain(doc.body.id);
    expect(await dataRows(await asHr.get('/api/reviews/annual-docs/plan/export?tab=pending'))).toBe(0);
    expect(await todo(asHr, 'annual-plan')).toBe(0);
    refused(await asHr.post('/api/reviews/annual-docs/plan/decide', { ids: [doc.body.id], decision: 'approve' }));
    expect((await ctx.db.select().from(trainingClasses).where(eq(trainingClasses.id, cls.body.id)))[0]!.status).toBe('pending');
    expect((await ctx.db.select().from(annualDocs).where(eq(annualDocs.id, doc.body.id)))[0]!.status).toBe('pending');

    expect((await county.post('/api/reviews/classes/decide', { ids: [cls.body.id], decision: 'approve' })).status).toBe(200);
    expect((await county.post('/api/reviews/annual-docs/plan/decide', { ids: [doc.body.id], decision: 'approve' })).status).toBe(200);
  });
});
