/**
 * 查询统计 against hand-computed figures on a small fixed data set (2024, requirement 80 学时: 专业 ≥ 50, 公需 ≥ 24):
 *
 *   武汉市 HR ─ 江岸区 HR ─ E1 江岸一中        p1 (24, 56) 完成 · p2 (23.5, 60) 公需差 · p3 无学时 · p4 待审核人员(不计)
 *            │           └ A1 江岸教育局 ─ E2 江岸实验小学  p5 (30, 50) 完成(恰好) · p6 (30, 49.5) 专业差
 *            ├ 洪山区 HR ─ E3 洪山软件公司     p7 (24, 50) 合计差 · p8 (40, 60) 完成
 *            ├ E4 武汉市直医院 (市本级)         p9 (24, 56) 完成
 *            └ B1 武汉基地 (classes)
 *   宜昌市 HR ─ 西陵区 HR ─ E5 西陵一中        p10 (30, 60) 完成 · p11 无学时
 *            └ B2 宜昌基地
 * (公需, 专业) are the 2024 ledger totals, built by approving claims through the ledger. Every expectation below
 * is written out by hand from this picture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import type { ClassStatus, LearningForm } from '@hbzsgx/domain';
import { auditLogs, claims, hourPolicies, personnel, personYearTotals, recognitionRules, trainingClasses } from '../../db/schema.js';
import { queryRows } from '../../db/client.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { transitionClaims } from '../ledger/service.js';
import { counterDrift, rebuildCounters } from './counters.js';

let ctx: TestCtx;
let province: Client, wuhan: Client, jiangan: Client, statsOnly: Client, noStats: Client;
const ids: Record<string, number> = {};
const Y = 2024;

type ClaimSpec = [
  person: string,
  subject: 'public' | 'professional',
  form: LearningForm,
  hours: number,
  to: 'approved' | 'pending' | 'rejected' | 'revoked',
  year?: number,
];

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .insert(hourPolicies)
    .values({ year: Y, totalRequired: 80, professionalMin: 50, publicMin: 24, closingDate: '2024-12-31' })
    .onConflictDoUpdate({ target: hourPolicies.year, set: { totalRequired: 80, professionalMin: 50, publicMin: 24 } });
  const hr = {
    wuhan: await hrOrg(ctx, '420100'),
    jiangan: await hrOrg(ctx, '420102'),
    hongshan: await hrOrg(ctx, '420111'),
    yichang: await hrOrg(ctx, '420500'),
    xiling: await hrOrg(ctx, '420502'),
    province: await hrOrg(ctx, '420000'),
  };
  for (const [k, o] of Object.entries(hr)) ids[k] = o.id;
  const a1 = await newOrg(ctx, 'authority', hr.jiangan.id, '江岸教育局');
  const orgs = {
    E1: await newOrg(ctx, 'employer', hr.jiangan.id, '江岸一中'),
    E2: await newOrg(ctx, 'employer', a1.id, '江岸实验小学'),
    E3: await newOrg(ctx, 'employer', hr.hongshan.id, '洪山软件公司', '420111'),
    E4: await newOrg(ctx, 'employer', hr.wuhan.id, '武汉市直医院', '420100'),
    B1: await newOrg(ctx, 'base', hr.wuhan.id, '武汉基地', '420100'),
    E5: await newOrg(ctx, 'employer', hr.xiling.id, '西陵一中', '420502'),
    B2: await newOrg(ctx, 'base', hr.yichang.id, '宜昌基地', '420500'),
  };
  for (const [k, o] of Object.entries(orgs)) ids[k] = o.id;

  const people: [string, keyof typeof orgs, string | null, string | null][] = [
    ['p1', 'E1', 'ZXXJ', 'intermediate'],
    ['p2', 'E1', 'ZXXJ', 'senior'],
    ['p3', 'E1', 'ZXXJ', 'intermediate'],
    ['p4', 'E1', 'ZXXJ', 'senior'],
    ['p5', 'E2', 'ZXXJ', 'assistant'],
    ['p6', 'E2', 'ZXXJ', 'intermediate'],
    ['p7', 'E3', 'GCJS', 'intermediate'],
    ['p8', 'E3', 'GCJS', 'viceSenior'],
    ['p9', 'E4', 'WSJS', null],
    ['p10', 'E5', 'ZXXJ', 'intermediate'],
    ['p11', 'E5', null, null],
  ];
  for (const [name, org, series, level] of people) {
    const p = await newPerson(ctx, orgs[org].id);
    await ctx.db
      .update(personnel)
      .set({ titleSeries: series, titleLevel: level, status: name === 'p4' ? 'pending' : 'active' })
      .where(eq(personnel.id, p.personnelId));
    ids[name] = p.personnelId;
  }

  const specs: ClaimSpec[] = [
    ['p1', 'public', 'online', 24, 'approved'],
    ['p1', 'professional', 'faceToFace', 40, 'approved'],
    ['p1', 'professional', 'conference', 16, 'approved'],
    ['p2', 'public', 'online', 23.5, 'approved'],
    ['p2', 'professional', 'faceToFace', 60, 'approved'],
    ['p3', 'public', 'online', 30, 'approved', 2023],
    ['p3', 'professional', 'faceToFace', 60, 'approved', 2023],
    ['p5', 'public', 'faceToFace', 30, 'approved'],
    ['p5', 'professional', 'online', 50, 'approved'],
    ['p6', 'public', 'faceToFace', 30, 'approved'],
    ['p6', 'professional', 'online', 49.5, 'approved'],
    ['p6', 'professional', 'conference', 8, 'pending'],
    ['p6', 'professional', 'faceToFace', 10, 'rejected'],
    ['p7', 'public', 'online', 24, 'approved'],
    ['p7', 'professional', 'faceToFace', 50, 'approved'],
    ['p8', 'public', 'online', 40, 'approved'],
    ['p8', 'professional', 'furtherStudy', 60, 'approved'],
    ['p9', 'public', 'online', 24, 'approved'],
    ['p9', 'professional', 'faceToFace', 56, 'approved'],
    ['p9', 'professional', 'conference', 16, 'revoked'],
    ['p10', 'public', 'online', 30, 'approved'],
    ['p10', 'professional', 'faceToFace', 60, 'approved'],
  ];
  const inserted = await ctx.db
    .insert(claims)
    .values(
      specs.map(([p, subjectType, learningForm, hours, , year]) => ({
        personnelId: ids[p]!,
        year: year ?? Y,
        source: 'base' as const,
        declaringOrgId: orgs.B1.id,
        title: '测试培训',
        subjectType,
        learningForm,
        hours,
        status: 'pending' as const,
      })),
    )
    .returning({ id: claims.id });
  const pick = (...to: ClaimSpec[4][]) => inserted.filter((_, i) => to.includes(specs[i]![4])).map((r) => r.id);
  await ctx.db.transaction(async (tx) => {
    await transitionClaims(tx, { ids: pick('approved', 'revoked'), to: 'approved', actorUserId: 1 });
    await transitionClaims(tx, { ids: pick('rejected'), to: 'rejected', actorUserId: 1 });
    await transitionClaims(tx, { ids: pick('revoked'), to: 'revoked', actorUserId: 1, reason: '审验不通过' });
  });

  const cls = (baseOrgId: number, status: ClassStatus, year = Y) => ({
    baseOrgId,
    year,
    name: '培训班',
    subjectType: 'public' as const,
    learningForm: 'faceToFace' as const,
    hours: 8,
    startDate: `${year}-03-01`,
    endDate: `${year}-03-01`,
    place: '武汉',
    capacity: 50,
    status,
    createdBy: 1,
  });
  await ctx.db
    .insert(trainingClasses)
    .values([
      cls(orgs.B1.id, 'approved'),
      cls(orgs.B1.id, 'approved'),
      cls(orgs.B1.id, 'pending'),
      cls(orgs.B1.id, 'approved', 2023),
      cls(orgs.E1.id, 'rejected'),
      cls(orgs.B2.id, 'approved'),
    ]);

  province = await loggedIn(ctx, await newAdmin(ctx, hr.province.id, { isSuper: true }));
  wuhan = await loggedIn(ctx, await newAdmin(ctx, hr.wuhan.id, { isSuper: true }));
  jiangan = await loggedIn(ctx, await newAdmin(ctx, hr.jiangan.id, { isSuper: true }));
  statsOnly = await loggedIn(ctx, await newAdmin(ctx, hr.wuhan.id, { permissions: ['stats.view'] }));
  noStats = await loggedIn(ctx, await newAdmin(ctx, hr.wuhan.id, { permissions: ['dept.view'] }));
}, 60_000);
afterAll(async () => ctx?.close());

const row = (rows: { name: string }[], name: string) => {
  const r = rows.find((x) => x.name === name);
  if (!r) throw new Error(`no row ${name} in ${rows.map((x) => x.name).join(',')}`);
  return r;
};
async function sheet(res: { raw: { rawPayload: Buffer } }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: unknown[][] = [];
  // a blank cell reads as '' (list exports stream inline strings, where an empty text is no cell at all; in Excel both show blank)
  ws.eachRow((r) => out.push(Array.from((r.values as unknown[]).slice(1), (v) => v ?? '')));
  return out;
}

describe('the data set', () => {
  it('was built through the ledger as drawn', async () => {
    const t = await ctx.db
      .select()
      .from(personYearTotals)
      .where(and(eq(personYearTotals.personnelId, ids.p9!), eq(personYearTotals.year, Y)));
    expect(t[0]).toMatchObject({ publicHours: 24, professionalHours: 56 });
  });
});

describe('继教完成情况查询', () => {
  it('by region: one row per county of 武汉市 (13) plus 武汉市本级, and the summary', async () => {
    const r = await wuhan.get(`/api/stats/completion?year=${Y}`);
    expect(r.status).toBe(200);
    expect(r.body.region).toMatchObject({ id: ids.wuhan, name: '武汉市' });
    expect(r.body.path).toEqual([{ id: ids.wuhan, name: '武汉市' }]);
    expect(r.body.summary).toEqual({ total: 8, completed: 4, uncompleted: 4, rate: 50 });
    expect(r.body.rows).toHaveLength(14);
    expect(r.body.rows[0]).toMatchObject({
      name: '江岸区',
      regionId: ids.jiangan,
      total: 5,
      completed: 2,
      uncompleted: 3,
      rate: 40,
      hasChildren: false,
    });
    expect(row(r.body.rows, '洪山区')).toMatchObject({ regionId: ids.hongshan, total: 2, completed: 1, rate: 50 });
    expect(row(r.body.rows, '武汉市本级')).toMatchObject({ regionId: null, total: 1, completed: 1, rate: 100 });
    expect(row(r.body.rows, '江汉区')).toMatchObject({ total: 0, completed: 0, rate: null });
  });

  it('the province drills down: cities, then 武汉市, with the breadcrumb', async () => {
    const top = await province.get(`/api/stats/completion?year=${Y}`);
    expect(top.body.summary).toEqual({ total: 10, completed: 5, uncompleted: 5, rate: 50 });
    expect(top.body.rows).toHaveLength(17);
    expect(row(top.body.rows, '武汉市')).toMatchObject({ regionId: ids.wuhan, total: 8, completed: 4, rate: 50, hasChildren: true });
    expect(row(top.body.rows, '宜昌市')).toMatchObject({ regionId: ids.yichang, total: 2, completed: 1, rate: 50 });
    const down = await province.get(`/api/stats/completion?year=${Y}&regionId=${ids.jiangan}`);
    expect(down.body.path).toEqual([
      { id: ids.province, name: '湖北省' },
      { id: ids.wuhan, name: '武汉市' },
      { id: ids.jiangan, name: '江岸区' },
    ]);
    expect(down.body.rows).toEqual([
      { key: 'own', name: '江岸区本级', regionId: null, hasChildren: false, total: 5, completed: 2, uncompleted: 3, rate: 40 },
    ]);
  });

  it('by employer: paged and sorted, with the total count', async () => {
    const byRate = await wuhan.get(`/api/stats/completion?year=${Y}&groupBy=employer&sort=rate&order=desc&pageSize=2`);
    expect(byRate.body.total).toBe(4);
    expect(
      byRate.body.rows.map((x: { name: string; total: number; completed: number; rate: number }) => [x.name, x.total, x.completed, x.rate]),
    ).toEqual([
      ['武汉市直医院', 1, 1, 100],
      ['江岸实验小学', 2, 1, 50],
    ]);
    const page2 = await wuhan.get(`/api/stats/completion?year=${Y}&groupBy=employer&sort=rate&order=desc&pageSize=2&page=2`);
    expect(page2.body.rows.map((x: { name: string; rate: number }) => [x.name, x.rate])).toEqual([
      ['洪山软件公司', 50],
      ['江岸一中', 33.3],
    ]);
    const past = await wuhan.get(`/api/stats/completion?year=${Y}&groupBy=employer&pageSize=2&page=3`);
    expect(past.body).toMatchObject({ rows: [], total: 4, summary: { total: 8, completed: 4, uncompleted: 4, rate: 50 } });
    expect(page2.body.summary).toEqual({ total: 8, completed: 4, uncompleted: 4, rate: 50 });
    const bySize = await wuhan.get(`/api/stats/completion?year=${Y}&groupBy=employer`);
    expect(bySize.body.rows.map((x: { name: string }) => x.name)).toEqual(['江岸一中', '江岸实验小学', '洪山软件公司', '武汉市直医院']);
    expect(bySize.body.rows[0]).toMatchObject({ orgTypeName: '用人单位', total: 3, completed: 1, uncompleted: 2 });
    const ascending = await wuhan.get(`/api/stats/completion?year=${Y}&groupBy=employer&sort=completed&order=asc&regionId=${ids.hongshan}`);
    expect(ascending.body.rows.map((x: { name: string }) => x.name)).toEqual(['洪山软件公司']);
  });

  it('by 职称系列, in dictionary order', async () => {
    const r = await wuhan.get(`/api/stats/completion?year=${Y}&groupBy=series`);
    expect(r.body.rows.map((x: { name: string; total: number; completed: number; rate: number }) => [x.name, x.total, x.completed, x.rate])).toEqual([
      ['卫生技术人员', 1, 1, 100],
      ['工程技术人员', 2, 1, 50],
      ['中小学教师', 5, 2, 40],
    ]);
    const all = await province.get(`/api/stats/completion?year=${Y}&groupBy=series`);
    expect(all.body.rows.at(-1)).toMatchObject({ name: '未填写', total: 1, completed: 0 });
    expect(row(all.body.rows, '中小学教师')).toMatchObject({ total: 6, completed: 3 });
  });

  it("another year reads that year's ledger (2023: only p3 has hours, and 2023's policy applies)", async () => {
    await ctx.db
      .insert(hourPolicies)
      .values({ year: 2023, totalRequired: 90, professionalMin: 60, publicMin: 30, closingDate: '2023-12-31' })
      .onConflictDoUpdate({ target: hourPolicies.year, set: { totalRequired: 90, professionalMin: 60, publicMin: 30 } });
    const r = await wuhan.get('/api/stats/completion?year=2023');
    expect(r.body.summary).toEqual({ total: 8, completed: 1, uncompleted: 7, rate: 12.5 });
  });

  it('exports what is shown (employer ranking with the current sort) as xlsx, audited', async () => {
    const r = await wuhan.get(`/api/stats/completion/export?year=${Y}&groupBy=employer&sort=rate&order=desc`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('继教完成情况_武汉市_按用人单位_2024.xlsx'));
    expect(await sheet(r)).toEqual([
      ['单位名称', '单位类型', '应完成人数', '已完成人数', '未完成人数', '完成率(%)'],
      ['武汉市直医院', '用人单位', 1, 1, 0, 100],
      ['江岸实验小学', '用人单位', 2, 1, 1, 50],
      ['洪山软件公司', '用人单位', 2, 1, 1, 50],
      ['江岸一中', '用人单位', 3, 1, 2, 33.3],
      ['合计', '', 8, 4, 4, 50],
    ]);
    const byRegion = await sheet(await wuhan.get(`/api/stats/completion/export?year=${Y}`));
    expect(byRegion[0]).toEqual(['区域', '应完成人数', '已完成人数', '未完成人数', '完成率(%)']);
    expect(byRegion[1]).toEqual(['江岸区', 5, 2, 3, 40]);
    expect(byRegion[2]).toEqual(['江汉区', 0, 0, 0, '—']);
    expect(byRegion.at(-2)).toEqual(['武汉市本级', 1, 1, 0, 100]);
    expect(byRegion.at(-1)).toEqual(['合计', 8, 4, 4, 50]);
    const logged = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'export'), eq(auditLogs.targetType, 'stats.completion')));
    expect(logged.length).toBe(2);
  });
});

describe('职称系列分布查询', () => {
  it('personnel by series × level for the region, with 未填写 where a level is missing', async () => {
    const r = await wuhan.get('/api/stats/titles');
    expect(r.status).toBe(200);
    expect(r.body.levels.map((l: { name: string }) => l.name)).toEqual(['正高级', '副高级', '中级', '助理级', '员级', '未填写']);
    expect(r.body.rows).toEqual([
      { key: 'WSJS', name: '卫生技术人员', counts: { senior: 0, viceSenior: 0, intermediate: 0, assistant: 0, junior: 0, none: 1 }, total: 1 },
      { key: 'GCJS', name: '工程技术人员', counts: { senior: 0, viceSenior: 1, intermediate: 1, assistant: 0, junior: 0, none: 0 }, total: 2 },
      { key: 'ZXXJ', name: '中小学教师', counts: { senior: 1, viceSenior: 0, intermediate: 3, assistant: 1, junior: 0, none: 0 }, total: 5 },
    ]);
    expect(r.body.totals).toEqual({ counts: { senior: 1, viceSenior: 1, intermediate: 4, assistant: 1, junior: 0, none: 1 }, total: 8 });
    const county = await jiangan.get('/api/stats/titles');
    expect(county.body.levels).toHaveLength(5);
    expect(county.body.rows).toEqual([
      { key: 'ZXXJ', name: '中小学教师', counts: { senior: 1, viceSenior: 0, intermediate: 3, assistant: 1, junior: 0 }, total: 5 },
    ]);
  });

  it('导出数据: the same table as xlsx', async () => {
    const r = await wuhan.get('/api/stats/titles/export');
    expect(r.status).toBe(200);
    expect(await sheet(r)).toEqual([
      ['职称系列', '正高级', '副高级', '中级', '助理级', '员级', '未填写', '合计', '占比'],
      ['卫生技术人员', 0, 0, 0, 0, 0, 1, 1, '12.5%'],
      ['工程技术人员', 0, 1, 1, 0, 0, 0, 2, '25%'],
      ['中小学教师', 1, 0, 3, 1, 0, 0, 5, '62.5%'],
      ['合计', 1, 1, 4, 1, 0, 1, 8, '100%'],
    ]);
  });
});

describe('继教综合统计查询', () => {
  it('counts for 武汉市 and 2024, with a row per county and 市本级', async () => {
    const r = await wuhan.get(`/api/stats/overview?year=${Y}`);
    expect(r.status).toBe(200);
    const o = r.body;
    expect(o.personnel).toBe(8);
    expect(o.orgs).toEqual({ hr: 14, authority: 1, employer: 4, base: 1 });
    expect(o.classes.total).toBe(4);
    expect(Object.fromEntries(o.classes.byStatus.map((s: { name: string; count: number }) => [s.name, s.count]))).toEqual({
      待审核: 1,
      已通过: 2,
      已驳回: 1,
      已撤回: 0,
    });
    expect(o.claims.total).toBe(18);
    expect(Object.fromEntries(o.claims.byStatus.map((s: { name: string; count: number }) => [s.name, s.count]))).toEqual({
      待单位审核: 0,
      待审核: 1,
      已通过: 15,
      已驳回: 1,
      审验不通过: 1,
    });
    expect(o.hours).toMatchObject({ public: 195.5, professional: 381.5, total: 577 });
    expect(Object.fromEntries(o.hours.byForm.map((f: { name: string; hours: number }) => [f.name, f.hours]))).toEqual({
      面授: 266,
      网络: 235,
      混合: 0,
      学术会议: 16,
      进修: 60,
      其他: 0,
    });
    expect(o.completion).toEqual({ total: 8, completed: 4, uncompleted: 4, rate: 50 });
    expect(o.rows).toHaveLength(14);
    expect(row(o.rows, '江岸区')).toEqual({
      key: String(ids.jiangan),
      regionId: ids.jiangan,
      name: '江岸区',
      hasChildren: false,
      personnel: 5,
      authorities: 1,
      employers: 2,
      bases: 0,
      classes: 0,
      publicHours: 107.5,
      professionalHours: 215.5,
      totalHours: 323,
      completed: 2,
      rate: 40,
    });
    expect(row(o.rows, '洪山区')).toMatchObject({ personnel: 2, employers: 1, publicHours: 64, professionalHours: 110, completed: 1, rate: 50 });
    expect(row(o.rows, '武汉市本级')).toMatchObject({
      regionId: null,
      personnel: 1,
      employers: 1,
      bases: 1,
      classes: 2,
      publicHours: 24,
      professionalHours: 56,
      completed: 1,
      rate: 100,
    });
  });

  it('the province sees every city; 宜昌市 holds its own figures', async () => {
    const o = (await province.get(`/api/stats/overview?year=${Y}`)).body;
    expect(o.personnel).toBe(10);
    expect(o.orgs).toMatchObject({ authority: 1, employer: 5, base: 2 });
    expect(o.rows).toHaveLength(17);
    expect(row(o.rows, '宜昌市')).toMatchObject({
      personnel: 2,
      employers: 1,
      bases: 1,
      classes: 1,
      publicHours: 30,
      professionalHours: 60,
      completed: 1,
      rate: 50,
      hasChildren: true,
    });
    expect(o.hours.total).toBe(667);
  });

  it('exports the region table with a 合计 row', async () => {
    const rows = await sheet(await wuhan.get(`/api/stats/overview/export?year=${Y}`));
    expect(rows[0]).toEqual([
      '区域',
      '专技人员',
      '主管部门',
      '用人单位',
      '继续教育基地',
      '培训班（已通过）',
      '公需科目学时',
      '专业科目学时',
      '合计学时',
      '已完成人数',
      '完成率(%)',
    ]);
    expect(rows[1]).toEqual(['江岸区', 5, 1, 2, 0, 0, 107.5, 215.5, 323, 2, 40]);
    expect(rows.at(-1)).toEqual(['合计', 8, 1, 4, 1, 2, 195.5, 381.5, 577, 4, 50]);
  });
});

describe('scope and permission', () => {
  it('a county HR sees only its own figures and gets 404 for a sibling county, another city or a non-HR organisation', async () => {
    const own = await jiangan.get(`/api/stats/completion?year=${Y}&groupBy=employer`);
    expect(own.body.summary).toEqual({ total: 5, completed: 2, uncompleted: 3, rate: 40 });
    expect(own.body.rows.map((x: { name: string }) => x.name)).toEqual(['江岸一中', '江岸实验小学']);
    expect((await jiangan.get(`/api/stats/overview?year=${Y}`)).body).toMatchObject({
      personnel: 5,
      orgs: { hr: 1, authority: 1, employer: 2, base: 0 },
      claims: { total: 11 },
    });
    for (const region of [ids.hongshan, ids.wuhan, ids.yichang, ids.E1]) {
      for (const url of [
        `/api/stats/overview?year=${Y}&regionId=${region}`,
        `/api/stats/overview/export?year=${Y}&regionId=${region}`,
        `/api/stats/completion?year=${Y}&regionId=${region}`,
        `/api/stats/completion/export?year=${Y}&regionId=${region}`,
        `/api/stats/titles?regionId=${region}`,
        `/api/stats/titles/export?regionId=${region}`,
      ]) {
        const r = await jiangan.get(url);
        expect(r.status, url).toBe(404);
        expect(r.body.message).toBe('区域不存在或无权访问');
      }
    }
    // 宜昌 is out of 武汉's jurisdiction too; the province may open it
    expect((await wuhan.get(`/api/stats/titles?regionId=${ids.yichang}`)).status).toBe(404);
    expect((await province.get(`/api/stats/titles?regionId=${ids.yichang}`)).body.totals.total).toBe(2);
    const tree = (await jiangan.get('/api/stats/regions')).body.items;
    expect(tree).toEqual([{ id: ids.jiangan, name: '江岸区', parentId: ids.wuhan, hrLevel: 'county' }]);
    expect((await wuhan.get('/api/stats/regions')).body.items).toHaveLength(14);
  });

  it('needs stats.view: a role holding just it may read, an admin without it gets 403', async () => {
    expect((await statsOnly.get(`/api/stats/completion?year=${Y}`)).body.summary.total).toBe(8);
    for (const url of [
      '/api/stats/regions',
      `/api/stats/overview?year=${Y}`,
      `/api/stats/completion?year=${Y}`,
      `/api/stats/completion/export?year=${Y}`,
      '/api/stats/titles',
      '/api/stats/titles/export',
    ]) {
      const r = await noStats.get(url);
      expect(r.status, url).toBe(403);
    }
  });

  it('bad input answers 400 in Chinese naming the field', async () => {
    const cases: [string, RegExp][] = [
      ['/api/stats/completion?year=1999', /查询参数年度：年度不正确/],
      ['/api/stats/completion?year=abc', /查询参数年度/],
      ['/api/stats/completion', /查询参数年度/],
      [`/api/stats/completion?year=${Y}&groupBy=city`, /查询参数统计维度：统计维度应为按区域、按用人单位或按职称系列/],
      [`/api/stats/completion?year=${Y}&groupBy=employer&sort=size`, /查询参数排序：/],
      [`/api/stats/completion?year=${Y}&pageSize=1000`, /查询参数每页条数/],
      [`/api/stats/overview?year=${Y}&regionId=-3`, /查询参数区域：区域不正确/],
      ['/api/stats/overview?year=2101', /查询参数年度：年度不正确/],
      ['/api/stats/titles?regionId=x', /查询参数区域/],
      ['/api/stats/overview?year=2035', /年度：2035年度尚未设置学时要求/],
      ['/api/stats/titles/export?keyword=x', /查询参数.*不支持的参数：keyword/],
      [`/api/stats/completion/export?year=${Y}&groupBy=employer&page=2`, /查询参数页码：导出包含全部符合条件的记录，不接受分页参数/],
    ];
    for (const [url, msg] of cases) {
      const r = await wuhan.get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.message, url).toMatch(msg);
    }
  });
});

describe('the counters follow every change, in the same transaction (db/repeatable/counters.sql, statistics/counters.ts)', () => {
  const summary = async (c: Client, regionId?: number) =>
    (await c.get(`/api/stats/completion?year=${Y}${regionId ? `&regionId=${regionId}` : ''}`)).body.summary;

  it('starts true: every counter equals its recount from the base tables', async () => {
    expect(await counterDrift(ctx.db)).toEqual([]);
  });

  it('the province changes the requirement: 已完成 is re-judged at once, and again when it is changed back', async () => {
    // 80 学时, 专业 ≥ 49, 公需 ≥ 23: p2 (23.5, 60) now completes; p6 (30, 49.5) is still 0.5 short of 80; p7 (24, 50) 6 short
    await ctx.db.update(hourPolicies).set({ professionalMin: 49, publicMin: 23 }).where(eq(hourPolicies.year, Y));
    expect(await summary(province)).toEqual({ total: 10, completed: 6, uncompleted: 4, rate: 60 });
    expect(await counterDrift(ctx.db)).toEqual([]);
    await ctx.db.update(hourPolicies).set({ professionalMin: 50, publicMin: 24 }).where(eq(hourPolicies.year, Y));
    expect(await summary(province)).toEqual({ total: 10, completed: 5, uncompleted: 5, rate: 50 });
  });

  it('a person who moves to another region (调转) takes their person, completion, hours and claims along', async () => {
    const claimsOf = async (regionId: number) => (await province.get(`/api/stats/overview?year=${Y}&regionId=${regionId}`)).body.claims.total;
    expect(await claimsOf(ids.yichang!)).toBe(2);
    await ctx.db.update(personnel).set({ orgId: ids.E5! }).where(eq(personnel.id, ids.p8!)); // p8 (40, 60) 完成, 2 claims
    expect(await summary(province, ids.wuhan)).toEqual({ total: 7, completed: 3, uncompleted: 4, rate: 42.9 });
    expect(await summary(province, ids.yichang)).toEqual({ total: 3, completed: 2, uncompleted: 1, rate: 66.7 });
    expect(await claimsOf(ids.yichang!)).toBe(4);
    expect((await province.get(`/api/stats/overview?year=${Y}&regionId=${ids.yichang}`)).body.hours).toMatchObject({ public: 70, professional: 120 });
    expect(await counterDrift(ctx.db)).toEqual([]);
    await ctx.db.update(personnel).set({ orgId: ids.E3! }).where(eq(personnel.id, ids.p8!));
    expect(await summary(province, ids.yichang)).toEqual({ total: 2, completed: 1, uncompleted: 1, rate: 50 });
  });

  it('an approved registration counts; a 职称系列 change moves the person between series', async () => {
    await ctx.db.update(personnel).set({ status: 'active' }).where(eq(personnel.id, ids.p4!)); // no hours: counted, not completed
    expect(await summary(jiangan)).toEqual({ total: 6, completed: 2, uncompleted: 4, rate: 33.3 });
    await ctx.db.update(personnel).set({ titleSeries: 'GCJS' }).where(eq(personnel.id, ids.p1!)); // p1 完成
    const series = (await wuhan.get(`/api/stats/completion?year=${Y}&groupBy=series`)).body.rows;
    expect(row(series, '工程技术人员')).toMatchObject({ total: 3, completed: 2 });
    expect(await counterDrift(ctx.db)).toEqual([]);
    await ctx.db.update(personnel).set({ titleSeries: 'ZXXJ' }).where(eq(personnel.id, ids.p1!));
    await ctx.db.update(personnel).set({ status: 'pending' }).where(eq(personnel.id, ids.p4!));
    expect(await summary(jiangan)).toEqual({ total: 5, completed: 2, uncompleted: 3, rate: 40 });
    expect(await counterDrift(ctx.db)).toEqual([]);
  });

  it('counterDrift() notices a counter that is wrong, and rebuildCounters() repairs it', async () => {
    await ctx.db.execute(sql`update stat_org_ledger set completed = completed + 1 where org_id = ${ids.E1!} and year = ${Y}`);
    expect((await counterDrift(ctx.db)).join('\n')).toMatch(/stat_org_ledger/);
    await rebuildCounters(ctx.db);
    expect(await counterDrift(ctx.db)).toEqual([]);
    expect(await summary(jiangan)).toEqual({ total: 5, completed: 2, uncompleted: 3, rate: 40 });
  });

  it("a year's policy deleted: nobody has completed that year, at once (the other years untouched); re-created: judged again", async () => {
    const completed = async () =>
      Object.fromEntries(
        (
          await queryRows<{ year: number; n: number }>(
            ctx.db,
            sql`select year, sum(completed)::int as n from stat_org_ledger where title_series = '*' group by year order by year`,
          )
        ).map((r) => [r.year, r.n]),
      );
    const before = await completed();
    expect(before[Y]).toBe(5);
    await ctx.db.transaction(async (tx) => {
      await tx.delete(recognitionRules).where(eq(recognitionRules.year, Y));
      await tx.delete(hourPolicies).where(eq(hourPolicies.year, Y));
    });
    expect(await completed()).toEqual({ ...before, [Y]: 0 });
    expect(await counterDrift(ctx.db)).toEqual([]);
    await ctx.db.insert(hourPolicies).values({ year: Y, totalRequired: 80, professionalMin: 50, publicMin: 24, closingDate: '2024-12-31' });
    expect(await completed()).toEqual(before);
    expect(await summary(province)).toEqual({ total: 10, completed: 5, uncompleted: 5, rate: 50 });
    expect(await counterDrift(ctx.db)).toEqual([]);
  });
});
