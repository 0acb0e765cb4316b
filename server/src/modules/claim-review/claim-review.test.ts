/**
 * 学时审核 › 删除: always with a reason (like 审验不通过), which is stored on the claim, audited, and shown to the
 * person (我的学时) and the declarer (学员成绩); approved hours leave the person's total in the same transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditLogs, claims, hourPolicies, personYearTotals } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';
import { withCountCap } from '../../lib/paging.js';
import { drawSample } from './service.js';

let ctx: TestCtx;
let base: Client, county: Client, sibling: Client;
let empId: number, classId: number;
const year = new Date().getFullYear();

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  base = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id, '江岸删除测试基地')).id, { isSuper: true }), 'base');
  empId = (await newOrg(ctx, 'employer', ja.id, '江岸删除测试中学')).id;
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
  classId = (
    await base.post('/api/classes', {
      year,
      name: '删除测试培训班',
      subjectType: 'professional',
      learningForm: 'faceToFace',
      hours: 24,
      startDate: `${year}-03-01`,
      endDate: `${year}-03-03`,
      place: '江岸',
      capacity: 100,
      targetSeries: [],
    })
  ).body.id;
  await county.post('/api/reviews/classes/decide', { ids: [classId], decision: 'approve' });
});
afterAll(async () => ctx?.close());

async function learner() {
  const p = await newPerson(ctx, empId);
  const r = await base.post(`/api/classes/${classId}/scores`, { idNumber: p.idNumber, score: '90', qualified: true });
  return { ...p, claimId: r.body.claimId as number };
}
const total = async (personnelId: number) =>
  (
    await ctx.db
      .select()
      .from(personYearTotals)
      .where(and(eq(personYearTotals.personnelId, personnelId), eq(personYearTotals.year, year)))
  )[0]?.professionalHours ?? 0;
const deleteAudits = async (ids: number[]) =>
  ctx.db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.action, 'claim.delete'), inArray(auditLogs.targetId, ids.map(String))));

describe('学时审核 › 删除', () => {
  it('deletes approved and pending claims with a reason: hours leave the total, the reason is audited and shown to the person and the declarer', async () => {
    const a = await learner();
    const b = await learner();
    expect((await county.post('/api/reviews/claims/decide', { ids: [a.claimId], decision: 'approve' })).status).toBe(200);
    expect(Number(await total(a.personnelId))).toBe(24);

    expect((await sibling.post('/api/reviews/claims/delete', { ids: [a.claimId], reason: '不在辖区' })).status).toBe(404);
    const del = await county.post('/api/reviews/claims/delete', { ids: [a.claimId, b.claimId], reason: '  签到记录与培训时间不符  ' });
    expect(del.body).toEqual({ done: 2, skipped: 0 });
    const rows = await ctx.db
      .select()
      .from(claims)
      .where(inArray(claims.id, [a.claimId, b.claimId]))
      .orderBy(claims.id);
    expect(rows.map((r) => [r.status, r.deleteReason])).toEqual([
      ['deleted', '签到记录与培训时间不符'],
      ['deleted', '签到记录与培训时间不符'],
    ]);
    expect(Number(await total(a.personnelId))).toBe(0);
    const audits = await deleteAudits([a.claimId, b.claimId]);
    expect(
      audits.map((x) => x.detail).sort((x, y) => String((x as { from: string }).from).localeCompare(String((y as { from: string }).from))),
    ).toEqual([
      { from: 'approved', reason: '签到记录与培训时间不符' },
      { from: 'pending', reason: '签到记录与培训时间不符' },
    ]);
    expect((await county.post('/api/reviews/claims/delete', { ids: [a.claimId], reason: '再次' })).status).toBe(409);

    // the person sees the deletion and why (list and export); the hours no longer count
    const pc = await loggedIn(ctx, a, 'personnel');
    const mine = await pc.get(`/api/me/hours?year=${year}`);
    expect(mine.body).toMatchObject({ professionalHours: 0, totalHours: 0 });
    expect(mine.body.claims.find((c: { id: number }) => c.id === a.claimId)).toMatchObject({
      status: 'deleted',
      statusName: '已删除',
      deleteReason: '签到记录与培训时间不符',
    });
    expect(column(await readXlsx(await pc.get(`/api/me/hours/export?year=${year}`)), '驳回/审验不通过/删除原因')).toEqual(['签到记录与培训时间不符']);

    // the declarer (the base) sees it in its learners' list and export
    const scores = await base.get(`/api/classes/${classId}/scores`);
    expect(scores.body.items.find((s: { claimId: number }) => s.claimId === a.claimId)).toMatchObject({
      status: 'deleted',
      deleteReason: '签到记录与培训时间不符',
    });
    const xlsx = await readXlsx(await base.get(`/api/classes/${classId}/scores/export`));
    expect(column(xlsx, '驳回/审验不通过/删除原因').filter((v) => v === '签到记录与培训时间不符')).toHaveLength(2);
    // a deleted learner may be registered again (the deletion is not a duplicate)
    const again = await base.post(`/api/classes/${classId}/scores`, { idNumber: a.idNumber, score: '91', qualified: true });
    expect(again.body).toMatchObject({ status: 'pending', flagged: false });
  });

  it('已审核 names who decided (审核人) beside 审核时间, in the list and its export', async () => {
    const ja = await hrOrg(ctx, '420102');
    const reviewer = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['claim.review'], name: '李审核' }));
    const p = await learner();
    expect((await reviewer.post('/api/reviews/claims/decide', { ids: [p.claimId], decision: 'approve' })).status).toBe(200);
    const done = await county.get(`/api/reviews/claims?source=base&tab=done&pageSize=100`);
    const row = done.body.items.find((r: { id: number }) => r.id === p.claimId);
    expect(row).toMatchObject({ reviewedByName: '李审核' });
    expect(row.reviewedAt).toBeTruthy();
    expect(row).not.toHaveProperty('reviewedBy');
    const pending = await county.get(`/api/reviews/claims?source=base&tab=pending&pageSize=100`);
    expect(pending.body.items.every((r: { reviewedByName?: string | null }) => !r.reviewedByName)).toBe(true);
    const rows = await readXlsx(await county.get(`/api/reviews/claims/export?source=base&tab=done`));
    expect(column(rows, '审核人')).toContain('李审核');
  });

  it('refuses a deletion without a reason (400, in Chinese) and writes nothing', async () => {
    const a = await learner();
    await county.post('/api/reviews/claims/decide', { ids: [a.claimId], decision: 'approve' });
    const auditsBefore = (await ctx.db.select().from(auditLogs)).length;
    for (const body of [{ ids: [a.claimId] }, { ids: [a.claimId], reason: '' }, { ids: [a.claimId], reason: '   ' }]) {
      const r = await county.post('/api/reviews/claims/delete', body);
      expect(r.status).toBe(400);
      expect(r.body.message).toContain('请填写删除原因');
    }
    expect((await county.post('/api/reviews/claims/delete', { ids: [a.claimId], reason: '长'.repeat(201) })).status).toBe(400);
    const [row] = await ctx.db.select().from(claims).where(eq(claims.id, a.claimId));
    expect(row).toMatchObject({ status: 'approved', deleteReason: null });
    expect(Number(await total(a.personnelId))).toBe(24);
    expect((await ctx.db.select().from(auditLogs)).length).toBe(auditsBefore);
  });
});

describe('学时审验 › 随机抽查 (drawSample)', () => {
  it('draws distinct claims of the selection only: uniformly up to the count cap, by random id points beyond it', async () => {
    const made: number[] = [];
    for (let i = 0; i < 8; i++) made.push((await learner()).claimId);
    const where = inArray(claims.id, made);
    const outside = and(where, eq(claims.source, 'base'))!;
    for (const draw of [() => drawSample(ctx.db, outside, 3), () => withCountCap(2, () => drawSample(ctx.db, outside, 3))]) {
      const seen = new Set<number>();
      for (let run = 0; run < 40; run++) {
        const ids = await draw();
        expect(ids).toHaveLength(3);
        expect(new Set(ids).size).toBe(3);
        for (const id of ids) {
          expect(made).toContain(id);
          seen.add(id);
        }
      }
      expect([...seen].sort()).toEqual([...made].sort()); // every claim can be drawn
    }
    // a sample larger than the selection is the whole selection; an empty selection draws nothing, capped or not
    expect((await drawSample(ctx.db, where, 20)).sort()).toEqual([...made].sort());
    expect(await withCountCap(2, () => drawSample(ctx.db, and(where, eq(claims.source, 'personal'))!, 3))).toEqual([]);
  });
});
