/**
 * Bulk access (lib/scope.ts requireAccess): a batch decision holding ANY id outside the actor's jurisdiction is
 * refused whole with 404 — nothing decided, nothing audited — instead of deciding the in-scope rest and skipping
 * the others. Each case then decides the in-scope id alone, so the refusal is the scope's and not the request's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { annualDocs, auditLogs, changeRequests, claims, files, hourPolicies, organizations, personnel, trainingClasses } from '../db/schema.js';
import { insertOrg } from '../db/seed/factory.js';
import { createTestApp, type Client, type TestCtx } from '../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../test/fixtures.js';

let ctx: TestCtx;
let county: Client, city: Client;
/** Who filed the requests and uploaded the documents (never the reviewer: that would be refused as its own, 403). */
let filer: number;
let jaId: number, jhId: number, jaEmp: number, jhEmp: number, jaBase: number, jhBase: number;
const year = new Date().getFullYear();

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  jaId = (await hrOrg(ctx, '420102')).id; // 江岸区 (武汉市)
  jhId = (await hrOrg(ctx, '420502')).id; // 西陵区 (宜昌市): outside both the county's and the city's jurisdiction
  jaEmp = (await newOrg(ctx, 'employer', jaId, '江岸批量测试中学')).id;
  jhEmp = (await newOrg(ctx, 'employer', jhId, '西陵批量测试中学', '420502')).id;
  jaBase = (await newOrg(ctx, 'base', jaId, '江岸批量测试基地')).id;
  jhBase = (await newOrg(ctx, 'base', jhId, '西陵批量测试基地', '420502')).id;
  county = await loggedIn(ctx, await newAdmin(ctx, jaId, { isSuper: true }));
  filer = (await newAdmin(ctx, jaEmp)).userId;
  city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

const audits = async (action: string, ids: number[]) =>
  ctx.db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, action), inArray(auditLogs.targetId, ids.map(String))));

async function claim(
  orgOfPerson: number,
  declaringOrgId: number,
  status: 'pending' | 'approved' | 'pendingEmployer',
  source: 'base' | 'personal' = 'base',
) {
  const p = await newPerson(ctx, orgOfPerson);
  const [c] = await ctx.db
    .insert(claims)
    .values({
      personnelId: p.personnelId,
      year,
      source,
      declaringOrgId,
      title: '批量测试学时',
      subjectType: 'professional',
      learningForm: 'faceToFace',
      hours: 8,
      status,
    })
    .returning();
  return c!.id;
}

describe('a batch with an out-of-scope id is refused whole (404), nothing written', () => {
  it('注册审核: personnel and organisations', async () => {
    const mine = await newPerson(ctx, jaEmp);
    const theirs = await newPerson(ctx, jhEmp);
    const ids = [mine.personnelId, theirs.personnelId];
    await ctx.db.update(personnel).set({ status: 'pending' }).where(inArray(personnel.id, ids));
    const r = await county.post('/api/reviews/registrations/personnel/decide', { ids, decision: 'approve' });
    expect(r.status).toBe(404);
    expect((await ctx.db.select().from(personnel).where(inArray(personnel.id, ids))).map((p) => p.status)).toEqual(['pending', 'pending']);
    expect(await audits('registration.approve', ids)).toHaveLength(0);
    expect((await county.post('/api/reviews/registrations/personnel/decide', { ids: [mine.personnelId], decision: 'approve' })).body).toEqual({
      done: 1,
      skipped: 0,
    });

    const a = await insertOrg(ctx.db, { type: 'employer', name: '江岸待审单位', parentId: jaId, divisionCode: '420102', status: 'pending' });
    const b = await insertOrg(ctx.db, { type: 'employer', name: '西陵待审单位', parentId: jhId, divisionCode: '420502', status: 'pending' });
    const r2 = await county.post('/api/reviews/registrations/employer/decide', { ids: [a.id, b.id], decision: 'reject', reason: '材料不全' });
    expect(r2.status).toBe(404);
    expect(
      (
        await ctx.db
          .select()
          .from(organizations)
          .where(inArray(organizations.id, [a.id, b.id]))
      ).map((o) => o.status),
    ).toEqual(['pending', 'pending']);
    expect(await audits('registration.reject', [a.id, b.id])).toHaveLength(0);
    expect((await county.post('/api/reviews/registrations/employer/decide', { ids: [a.id], decision: 'reject', reason: '材料不全' })).body).toEqual({
      done: 1,
      skipped: 0,
    });
  });

  it('学时审核 (decide) and 学时审验 (revoke)', async () => {
    const ids = [await claim(jaEmp, jaBase, 'pending'), await claim(jhEmp, jhBase, 'pending')];
    expect((await county.post('/api/reviews/claims/decide', { ids, decision: 'approve' })).status).toBe(404);
    expect((await ctx.db.select().from(claims).where(inArray(claims.id, ids)).orderBy(claims.id)).map((c) => c.status)).toEqual([
      'pending',
      'pending',
    ]);
    expect(await audits('claim.approve', ids)).toHaveLength(0);
    expect((await county.post('/api/reviews/claims/decide', { ids: [ids[0]], decision: 'approve' })).body).toEqual({ done: 1, skipped: 0 });

    const approved = [await claim(jaEmp, jaBase, 'approved'), await claim(jhEmp, jhBase, 'approved')];
    expect((await city.post('/api/audits/claims/revoke', { ids: approved, reason: '抽查不符' })).status).toBe(404);
    expect((await ctx.db.select().from(claims).where(inArray(claims.id, approved)).orderBy(claims.id)).map((c) => c.status)).toEqual([
      'approved',
      'approved',
    ]);
    expect(await audits('claim.revoke', approved)).toHaveLength(0);
    expect((await city.post('/api/audits/claims/revoke', { ids: [approved[0]], reason: '抽查不符' })).body).toEqual({ done: 1, skipped: 0 });
  });

  it('培训班审核', async () => {
    const cls = {
      year,
      subjectType: 'professional',
      learningForm: 'faceToFace',
      hours: 24,
      startDate: `${year}-03-01`,
      endDate: `${year}-03-03`,
      place: '武汉',
      capacity: 50,
      targetSeries: [],
    };
    const jaB = await loggedIn(ctx, await newAdmin(ctx, jaBase, { isSuper: true }), 'base');
    const jhB = await loggedIn(ctx, await newAdmin(ctx, jhBase, { isSuper: true }), 'base');
    const ids = [
      (await jaB.post('/api/classes', { ...cls, name: '江岸批量测试班' })).body.id,
      (await jhB.post('/api/classes', { ...cls, name: '西陵批量测试班' })).body.id,
    ];
    expect((await county.post('/api/reviews/classes/decide', { ids, decision: 'approve' })).status).toBe(404);
    expect(
      (await ctx.db.select().from(trainingClasses).where(inArray(trainingClasses.id, ids)).orderBy(trainingClasses.id)).map((c) => c.status),
    ).toEqual(['pending', 'pending']);
    expect(await audits('class.approve', ids)).toHaveLength(0);
    expect((await county.post('/api/reviews/classes/decide', { ids: [ids[0]], decision: 'approve' })).body).toEqual({ done: 1, skipped: 0 });
  });

  it('个人申报 › 单位审核', async () => {
    const other = (await newOrg(ctx, 'employer', jaId, '江岸另一单位')).id;
    const emp = await loggedIn(ctx, await newAdmin(ctx, jaEmp, { isSuper: true }), 'employer');
    const ids = [await claim(jaEmp, jaEmp, 'pendingEmployer', 'personal'), await claim(other, other, 'pendingEmployer', 'personal')];
    expect((await emp.post('/api/reviews/personal-claims/decide', { ids, decision: 'approve' })).status).toBe(404);
    expect((await ctx.db.select().from(claims).where(inArray(claims.id, ids)).orderBy(claims.id)).map((c) => c.status)).toEqual([
      'pendingEmployer',
      'pendingEmployer',
    ]);
    expect((await emp.post('/api/reviews/personal-claims/decide', { ids: [ids[0]], decision: 'approve' })).body).toEqual({ done: 1, skipped: 0 });
  });

  it('变更审核 (单位信息变更)', async () => {
    const req = async (orgId: number, reviewerOrgId: number) =>
      (
        await ctx.db
          .insert(changeRequests)
          .values({
            kind: 'org_info',
            orgId,
            before: { address: '旧址' },
            after: { address: '新址' },
            reviewerOrgId,
            createdBy: filer,
          })
          .returning()
      )[0]!.id;
    const ids = [await req(jaEmp, jaId), await req(jhEmp, jhId)];
    expect((await county.post('/api/reviews/changes/org-info/decide', { ids, decision: 'reject', reason: '材料不全' })).status).toBe(404);
    expect(
      (await ctx.db.select().from(changeRequests).where(inArray(changeRequests.id, ids)).orderBy(changeRequests.id)).map((c) => c.status),
    ).toEqual(['pending', 'pending']);
    expect((await county.post('/api/reviews/changes/org-info/decide', { ids: [ids[0]], decision: 'reject', reason: '材料不全' })).body).toEqual({
      done: 1,
      skipped: 0,
    });
  });

  it('年度材料审核', async () => {
    const doc = async (orgId: number) => {
      const [f] = await ctx.db
        .insert(files)
        .values({
          sha256: '0'.repeat(64),
          size: 1,
          kind: 'pdf',
          mime: 'application/pdf',
          originalName: '计划.pdf',
          content: Buffer.from('x'),
          ownerOrgId: orgId,
          uploadedBy: filer,
        })
        .returning();
      return (
        await ctx.db
          .insert(annualDocs)
          .values({ orgId, kind: 'plan', year, description: '年度培训计划', fileId: f!.id, createdBy: filer })
          .returning()
      )[0]!.id;
    };
    const ids = [await doc(jaBase), await doc(jhBase)];
    expect((await county.post('/api/reviews/annual-docs/plan/decide', { ids, decision: 'approve' })).status).toBe(404);
    expect((await ctx.db.select().from(annualDocs).where(inArray(annualDocs.id, ids)).orderBy(annualDocs.id)).map((d) => d.status)).toEqual([
      'pending',
      'pending',
    ]);
    expect(await audits('annual.approve', ids)).toHaveLength(0);
    expect((await county.post('/api/reviews/annual-docs/plan/decide', { ids: [ids[0]], decision: 'approve' })).body).toEqual({ done: 1, skipped: 0 });
  });
});
