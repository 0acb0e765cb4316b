/**
 * 单位培训学时审核 (HR) as the manual lists it: one row per unit training plan with claims in the tab; 查看 is the
 * per-claim queue of that plan (classId); 通过/驳回 of a row decides every claim of the plan still waiting, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { auditLogs, claims, hourPolicies } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let emp: Client, county: Client, sibling: Client, city: Client, employerSeat: Client;
let empId: number;
const year = new Date().getFullYear();

const plan = (name: string, subjectType = 'professional') => ({
  year,
  name,
  subjectType,
  learningForm: 'faceToFace',
  hours: 8,
  startDate: `${year}-03-01`,
  endDate: `${year}-03-01`,
  place: '本单位会议室',
  capacity: 50,
  targetSeries: [],
});

/** An approved unit plan of the employer with `n` staff declared (their claim ids). */
async function declared(name: string, n: number, subjectType?: string) {
  const id = (await emp.post('/api/classes', plan(name, subjectType))).body.id as number;
  expect((await county.post('/api/reviews/classes/decide', { ids: [id], decision: 'approve' })).status).toBe(200);
  const claimIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = await newPerson(ctx, empId);
    const r = await emp.post(`/api/classes/${id}/scores`, { idNumber: p.idNumber, qualified: true, score: '合格' });
    expect(r.status).toBe(200);
    claimIds.push(r.body.claimId);
  }
  return { id, claimIds };
}
const rows = async (c: Client, q = '') => (await c.get(`/api/reviews/claim-classes?${q}`)).body;
const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  empId = (await newOrg(ctx, 'employer', ja.id, '江岸培训学时测试医院')).id;
  emp = await loggedIn(ctx, await newAdmin(ctx, empId, { isSuper: true }), 'employer');
  employerSeat = emp;
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('单位培训学时审核: one row per unit training plan', () => {
  it('lists each plan once with its waiting claims, filtered by the manual four, for the county and the city; never for a sibling', async () => {
    const a = await declared('院感防控专题培训', 3);
    const b = await declared('公需科目集中学习', 1, 'public');
    const pending = await rows(county, 'tab=pending');
    expect(ids(pending)).toEqual(expect.arrayContaining([a.id, b.id]));
    const rowA = pending.items.find((r: { id: number }) => r.id === a.id);
    expect(rowA).toMatchObject({
      className: '院感防控专题培训',
      orgName: '江岸培训学时测试医院',
      year,
      claims: 3,
      pendingClaims: 3,
      status: 'pending',
    });
    expect(rowA.subjectTypeName).toBe('专业科目');
    expect(rowA.declaredAt).toBeTruthy();
    expect(ids(await rows(city, 'tab=pending'))).toContain(a.id);
    expect(ids(await rows(sibling, 'tab=pending'))).not.toContain(a.id);
    // 培训年度, 培训班名称, 学习科目, 所在单位
    expect(ids(await rows(county, `className=${encodeURIComponent('院感')}`))).toEqual([a.id]);
    expect(ids(await rows(county, 'subjectType=public'))).toEqual([b.id]);
    expect(ids(await rows(county, `orgName=${encodeURIComponent('培训学时测试')}&year=${year}`))).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids(await rows(county, `year=${year - 1}`))).toEqual([]);
    expect(ids(await rows(county, `orgName=${encodeURIComponent('没有这个单位')}`))).toEqual([]);
    // 查看: the plan's claims in the per-claim queue
    const inPlan = await county.get(`/api/reviews/claims?source=employer&classId=${a.id}`);
    expect(ids(inPlan.body).sort()).toEqual([...a.claimIds].sort());
    expect((await sibling.get(`/api/reviews/claims?source=employer&classId=${a.id}`)).body.items).toEqual([]);
  });

  it('通过 of a row approves every waiting claim of the plan in one decision; the row moves to 已审核 with its reviewer; a second 通过 is 409', async () => {
    const p = await declared('急救技能培训', 2);
    // one claim decided alone first: the row still waits for the other
    expect((await county.post('/api/reviews/claims/decide', { ids: [p.claimIds[0]], decision: 'reject', reason: '签到缺失' })).status).toBe(200);
    const half = (await rows(county, 'tab=pending')).items.find((r: { id: number }) => r.id === p.id);
    expect(half).toMatchObject({ claims: 1, pendingClaims: 1 });
    expect((await sibling.post('/api/reviews/claim-classes/decide', { ids: [p.id], decision: 'approve' })).status).toBe(404);
    const ok = await county.post('/api/reviews/claim-classes/decide', { ids: [p.id], decision: 'approve' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ done: 1, skipped: 0 });
    const states = await ctx.db
      .select({ id: claims.id, status: claims.status })
      .from(claims)
      .where(inArray(claims.id, p.claimIds))
      .orderBy(claims.id);
    expect(states.map((s) => s.status)).toEqual(['rejected', 'approved']);
    expect(ids(await rows(county, 'tab=pending'))).not.toContain(p.id);
    const done = (await rows(county, 'tab=done')).items.find((r: { id: number }) => r.id === p.id);
    expect(done).toMatchObject({ claims: 2, pendingClaims: 0, status: 'done' });
    expect(done.reviewedByName).toBeTruthy();
    const again = await county.post('/api/reviews/claim-classes/decide', { ids: [p.id], decision: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已被处理');
    const audits = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'claim.approve'), eq(auditLogs.targetId, String(p.claimIds[1]))));
    expect(audits).toHaveLength(1);
  });

  it('two reviewers approving the same plan at once: exactly one wins, the other gets 409', async () => {
    const p = await declared('两人同时审核的培训', 2);
    const [x, y] = await Promise.all([
      county.post('/api/reviews/claim-classes/decide', { ids: [p.id], decision: 'approve' }),
      city.post('/api/reviews/claim-classes/decide', { ids: [p.id], decision: 'approve' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const states = await ctx.db.select({ status: claims.status, by: claims.reviewedBy }).from(claims).where(inArray(claims.id, p.claimIds));
    expect(new Set(states.map((s) => s.status))).toEqual(new Set(['approved']));
    expect(new Set(states.map((s) => s.by)).size).toBe(1);
  });

  it('驳回 needs a reason and tells it on every claim; bad input is a 400 naming the field; other seats are refused', async () => {
    const p = await declared('驳回测试培训', 2);
    const noReason = await county.post('/api/reviews/claim-classes/decide', { ids: [p.id], decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('驳回原因');
    const rej = await county.post('/api/reviews/claim-classes/decide', { ids: [p.id], decision: 'reject', reason: '培训记录不完整' });
    expect(rej.body).toEqual({ done: 2, skipped: 0 });
    const reasons = await ctx.db.select({ r: claims.rejectReason }).from(claims).where(inArray(claims.id, p.claimIds));
    expect(reasons.map((r) => r.r)).toEqual(['培训记录不完整', '培训记录不完整']);

    expect((await county.get('/api/reviews/claim-classes?year=abc')).status).toBe(400);
    const big = await county.get('/api/reviews/claim-classes?page=99999999999');
    expect(big.status).toBe(400);
    const ctl = await county.get(`/api/reviews/claim-classes?className=${encodeURIComponent('a\u0007b')}`);
    expect(ctl.status).toBe(400);
    expect((await county.post('/api/reviews/claim-classes/decide', { ids: [2147483648], decision: 'approve' })).status).toBe(400);
    expect((await county.post('/api/reviews/claim-classes/decide', { ids: [999999], decision: 'approve' })).status).toBe(404);
    expect((await employerSeat.get('/api/reviews/claim-classes')).status).toBe(403);
    expect((await employerSeat.post('/api/reviews/claim-classes/decide', { ids: [p.id], decision: 'approve' })).status).toBe(403);
  });

  it('exports the list with the same filters (xlsx), audited', async () => {
    const p = await declared('导出测试培训', 1);
    const res = await county.get(`/api/reviews/claim-classes/export?tab=pending&className=${encodeURIComponent('导出测试')}`);
    const sheet = await readXlsx(res);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('单位培训学时审核（待审核）'));
    expect(column(sheet, '培训班名称')).toEqual(['导出测试培训']);
    expect(column(sheet, '所在单位')).toEqual(['江岸培训学时测试医院']);
    expect(column(sheet, '待审核人数')).toEqual(['1']);
    expect(p.id).toBeGreaterThan(0);
    const logged = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'export'), eq(auditLogs.targetType, 'claims.employer.classes')));
    expect(logged).toHaveLength(1);
  });

  it("the plans' counts (db/repeatable/plan-claims.sql) equal a recount from the claims after everything above", async () => {
    // and after a correction path the queue itself does not take: a deleted claim and a claim moved to another plan
    const p = await declared('计数校验培训', 2);
    const q = await declared('计数校验培训（二）', 1);
    await ctx.db.update(claims).set({ status: 'deleted' }).where(eq(claims.id, p.claimIds[0]!));
    await ctx.db.update(claims).set({ classId: q.id }).where(eq(claims.id, p.claimIds[1]!));
    const kept = await queryRows<Record<string, number>>(
      ctx.db,
      sql`SELECT class_id, city_hr_id, county_hr_id, pending, reviewed FROM plan_claim_counts WHERE pending > 0 OR reviewed > 0 ORDER BY class_id`,
    );
    const recount = await queryRows<Record<string, number>>(
      ctx.db,
      sql`SELECT class_id, max(city_hr_id) AS city_hr_id, max(county_hr_id) AS county_hr_id,
                 count(*) FILTER (WHERE status = 'pending')::int AS pending,
                 count(*) FILTER (WHERE status IN ('approved', 'rejected', 'revoked') AND reviewed_by IS NOT NULL)::int AS reviewed
            FROM claims WHERE source = 'employer' AND class_id IS NOT NULL GROUP BY class_id
          HAVING count(*) FILTER (WHERE status = 'pending' OR (status IN ('approved', 'rejected', 'revoked') AND reviewed_by IS NOT NULL)) > 0
          ORDER BY class_id`,
    );
    expect(kept.length).toBeGreaterThan(5);
    expect(kept).toEqual(recount);
    expect(kept.find((r) => Number(r.class_id) === p.id)).toBeUndefined();
    expect(kept.find((r) => Number(r.class_id) === q.id)).toMatchObject({ pending: 2, reviewed: 0 });
  });
});
