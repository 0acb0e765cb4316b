import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hourPolicies } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let base: Client, otherBase: Client, county: Client, sibling: Client;
let empId: number;
const year = new Date().getFullYear();
const cls = (name: string) => ({
  year,
  name,
  subjectType: 'professional',
  learningForm: 'faceToFace',
  hours: 24,
  startDate: `${year}-03-01`,
  endDate: `${year}-03-03`,
  place: '武汉市江岸区',
  capacity: 100,
  targetSeries: ['ZXXJ'],
});

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  base = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id, '江岸导出基地')).id, { isSuper: true }), 'base');
  otherBase = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id, '江岸另一基地')).id, { isSuper: true }), 'base');
  empId = (await newOrg(ctx, 'employer', ja.id, '江岸导出中学')).id;
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('培训班 › 导出', () => {
  it("exports own classes, the review queue and a class's learners with the list filters, masked, in scope", async () => {
    const a = (await base.post('/api/classes', cls('信息技术应用能力提升培训'))).body.id as number;
    await base.post('/api/classes', cls('师德师风专题培训'));
    await otherBase.post('/api/classes', cls('另一基地的培训班'));

    const own = await readXlsx(await base.get(`/api/classes/export?year=${year}&keyword=信息技术`));
    expect(column(own, '名称')).toEqual(['信息技术应用能力提升培训']);
    expect(column(own, '面向职称系列')).toEqual(['中小学教师']);
    expect(column(own, '状态')).toEqual(['待审核']);
    expect(column(await readXlsx(await base.get('/api/classes/export')), '名称')).not.toContain('另一基地的培训班');
    expect(column(await readXlsx(await base.get('/api/classes/export?status=approved')), '名称')).toEqual([]);

    const queue = await readXlsx(await county.get('/api/reviews/classes/export?tab=pending&orgType=base'));
    expect(column(queue, '名称').sort()).toEqual(['信息技术应用能力提升培训', '另一基地的培训班', '师德师风专题培训'].sort());
    expect(column(queue, '继续教育机构')).toContain('江岸导出基地');
    expect(column(await readXlsx(await sibling.get('/api/reviews/classes/export?tab=pending')), '名称')).toEqual([]);
    expect(column(await readXlsx(await county.get('/api/reviews/classes/export?tab=done')), '名称')).toEqual([]);

    await county.post('/api/reviews/classes/decide', { ids: [a], decision: 'approve' });
    const p = await newPerson(ctx, empId);
    expect((await base.post(`/api/classes/${a}/scores`, { idNumber: p.idNumber, score: '91', qualified: true })).status).toBe(200);
    const scores = await readXlsx(await base.get(`/api/classes/${a}/scores/export`));
    expect(column(scores, '所在单位')).toEqual(['江岸导出中学']);
    expect(column(scores, '证件号')[0]).toMatch(/\*{10}/);
    expect(JSON.stringify(scores)).not.toContain(p.idNumber);
    expect(column(scores, '成绩')).toEqual(['91']);
    expect((await otherBase.get(`/api/classes/${a}/scores/export`)).status).toBe(404);
    expect((await base.get('/api/classes/export?page=1&pageSize=20')).status).toBe(400);
  });
});
