import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { claims, hourPolicies } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let base: Client, county: Client, sibling: Client, city: Client, otherCity: Client, teacher: Client;
let p1: Awaited<ReturnType<typeof newPerson>>, p2: Awaited<ReturnType<typeof newPerson>>;
let classId: number;
const year = new Date().getFullYear();

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  base = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id, '江岸学时导出基地')).id, { isSuper: true }), 'base');
  const empId = (await newOrg(ctx, 'employer', ja.id, '江岸学时导出中学')).id;
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
  city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
  otherCity = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420500')).id, { isSuper: true }));
  // two classes of the same name (a person registers once per class): p1 in both, p2 in the first
  const declare = async () =>
    (
      await base.post('/api/classes', {
        year,
        name: '学时导出培训班',
        subjectType: 'professional',
        learningForm: 'faceToFace',
        hours: 24,
        startDate: `${year}-03-01`,
        endDate: `${year}-03-03`,
        place: '江岸',
        capacity: 100,
        targetSeries: [],
      })
    ).body.id as number;
  classId = await declare();
  const second = await declare();
  await county.post('/api/reviews/classes/decide', { ids: [classId, second], decision: 'approve' });
  p1 = await newPerson(ctx, empId);
  p2 = await newPerson(ctx, empId);
  await base.post(`/api/classes/${classId}/scores`, { idNumber: p1.idNumber, score: '90', qualified: true });
  const again = await base.post(`/api/classes/${second}/scores`, { idNumber: p1.idNumber, score: '90', qualified: true });
  await base.post(`/api/classes/${classId}/scores`, { idNumber: p2.idNumber, score: '85', qualified: true });
  // one claim marked 重点审核 (the rules themselves: training.test.ts, corrections.test.ts), for the export's filter
  await ctx.db
    .update(claims)
    .set({ flagged: true, flagReasons: ['同一人员在同一培训班重复申报'] })
    .where(eq(claims.id, again.body.claimId));
  teacher = await loggedIn(ctx, p1, 'personnel');
});
afterAll(async () => ctx?.close());

describe('学时审核 / 学时审验 / 我的学时 › 导出', () => {
  it("exports a review queue with the seven filters, masked, only the reviewer's jurisdiction", async () => {
    const all = await readXlsx(await county.get(`/api/reviews/claims/export?source=base&tab=pending&year=${year}`));
    expect(column(all, '培训班/学习内容')).toEqual(['学时导出培训班', '学时导出培训班', '学时导出培训班']);
    expect(column(all, '证件号').every((v) => /\*{10}/.test(v))).toBe(true);
    expect(JSON.stringify(all)).not.toContain(p1.idNumber);
    const flagged = await readXlsx(await county.get('/api/reviews/claims/export?source=base&tab=pending&flagged=true'));
    expect(column(flagged, '重点审核')).toEqual(['同一人员在同一培训班重复申报']);
    expect(column(await readXlsx(await county.get('/api/reviews/claims/export?source=base&tab=pending&orgName=没有')), '姓名')).toEqual([]);
    expect(column(await readXlsx(await county.get('/api/reviews/claims/export?source=employer&tab=pending')), '姓名')).toEqual([]);
    expect(column(await readXlsx(await sibling.get('/api/reviews/claims/export?source=base&tab=pending')), '姓名')).toEqual([]);
    expect((await county.get('/api/reviews/claims/export?source=base&tab=pending&page=1')).status).toBe(400);
  });

  it("exports 学时审验 (filters, or exactly the drawn sample), the city's jurisdiction only", async () => {
    const pending = (await county.get('/api/reviews/claims?source=base&tab=pending')).body.items.map((i: { id: number }) => i.id);
    await county.post('/api/reviews/claims/decide', { ids: pending, decision: 'approve' });
    const rows = await readXlsx(await city.get(`/api/audits/claims/export?year=${year}&baseName=学时导出`));
    expect(column(rows, '状态')).toEqual(['已通过', '已通过', '已通过']);
    const sample = await readXlsx(await city.get(`/api/audits/claims/export?ids=${pending[0]}`));
    expect(column(sample, '姓名')).toHaveLength(1);
    expect(column(await readXlsx(await otherCity.get(`/api/audits/claims/export?ids=${pending.join(',')}`)), '姓名')).toEqual([]);
    expect((await city.get('/api/audits/claims/export?ids=1,x')).status).toBe(400);
    expect((await county.get('/api/audits/claims/export')).status).toBe(403); // county HR has no 学时审验
  });

  it("exports the person's own year", async () => {
    const mine = await readXlsx(await teacher.get(`/api/me/hours/export?year=${year}`));
    expect(column(mine, '学习内容')).toEqual(['学时导出培训班', '学时导出培训班']);
    expect(column(mine, '学时')).toEqual(['24', '24']);
    expect((await county.get(`/api/me/hours/export?year=${year}`)).status).toBe(400);
    expect((await teacher.get('/api/me/hours/export')).status).toBe(400);
  });
});
