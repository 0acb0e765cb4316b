/**
 * The seats below HR (issue 11): 本单位人员 (用人单位: its own people), 所属单位人员 (主管部门: its subtree's), their
 * 完成情况 (by 内设部门 / by unit) and 本单位概况 on the 工作台 — the same list, rule and counters as HR's, scoped to
 * the seat; another employer's people, departments and units answer 404; HR's region statistics are not theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { beijingYear } from '@hbzsgx/domain';
import { hourPolicies, personnel, personYearTotals, users } from '../../db/schema.js';
import { insertDepartments } from '../../db/seed/factory.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { readXlsx } from '../../../test/xlsx.js';
import { importWorkerOf } from './routes.js';

let ctx: TestCtx;
let employer: Client, employerB: Client, authority: Client, hr: Client, noStats: Client;
const year = beijingYear();
let empA: number, empB: number, under: number, auth: number, deptA1: number, deptA2: number, deptB: number;
const ids: Record<string, number> = {};
let policy: { totalRequired: number; publicMin: number; professionalMin: number };

async function person(orgId: number, name: string, departmentId: number | null, hours?: [number, number]) {
  const p = await newPerson(ctx, orgId, departmentId);
  await ctx.db.update(users).set({ name }).where(eq(users.id, p.userId));
  if (hours) await ctx.db.insert(personYearTotals).values({ personnelId: p.personnelId, year, publicHours: hours[0], professionalHours: hours[1] });
  ids[name] = p.personnelId;
  return p;
}

beforeAll(async () => {
  ctx = await createTestApp();
  await importWorkerOf(ctx.app).stop();
  const [p] = await ctx.db.select().from(hourPolicies).where(eq(hourPolicies.year, year));
  policy = p!;
  const ja = await hrOrg(ctx, '420102');
  auth = (await newOrg(ctx, 'authority', ja.id, '江岸区卫生健康局')).id;
  empA = (await newOrg(ctx, 'employer', ja.id, '江岸区第一中学')).id;
  under = (await newOrg(ctx, 'employer', auth, '江岸区人民医院')).id;
  empB = (await newOrg(ctx, 'employer', ja.id, '江岸区第二中学')).id;
  [deptA1, deptA2] = (await insertDepartments(ctx.db, empA, ['语文组', '数学组'])).map((d) => d.id) as [number, number];
  deptB = (await insertDepartments(ctx.db, empB, ['英语组']))[0]!.id;
  const full: [number, number] = [policy.publicMin, policy.totalRequired - policy.publicMin];
  await person(empA, '甲一', deptA1, full); // 已完成
  await person(empA, '甲二', deptA1, [policy.publicMin, 10]); // 还差专业
  await person(empA, '甲三', deptA2); // nothing yet
  await person(empA, '甲四', null, full);
  await person(under, '医一', null, full);
  await person(under, '医二', null, [0, 0]);
  await person(auth, '局一', null);
  await person(empB, '乙一', deptB, full);
  employer = await loggedIn(ctx, await newAdmin(ctx, empA, { isSuper: true }), 'employer');
  employerB = await loggedIn(ctx, await newAdmin(ctx, empB, { isSuper: true }), 'employer');
  authority = await loggedIn(ctx, await newAdmin(ctx, auth, { isSuper: true }), 'authority');
  hr = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  noStats = await loggedIn(ctx, await newAdmin(ctx, empA, { permissions: ['org.info.view'] }), 'employer');
});
afterAll(async () => ctx?.close());

const names = (b: { items: { name: string }[] }) => b.items.map((i) => i.name).sort();

describe('本单位人员 / 所属单位人员', () => {
  it("an employer lists its own people only, with the year's hours, 完成情况 and the gap", async () => {
    const r = await employer.get(`/api/personnel?year=${year}&pageSize=100`);
    expect(r.status).toBe(200);
    expect(names(r.body)).toEqual(['甲一', '甲三', '甲二', '甲四']);
    expect(r.body.total).toBe(4);
    const row = (n: string) => r.body.items.find((i: { name: string }) => i.name === n);
    expect(row('甲一')).toMatchObject({ completed: true, gap: '', missing: { total: 0, public: 0, professional: 0 } });
    const lack = policy.totalRequired - policy.publicMin - 10;
    expect(row('甲二')).toMatchObject({ completed: false, missing: { public: 0, professional: policy.professionalMin - 10, total: lack } });
    expect(row('甲二').gap).toMatch(new RegExp(`^还差 ${policy.professionalMin - 10} 专业学时`));
    expect(row('甲三').gap).toContain(`${policy.publicMin} 公需学时`);
    expect(JSON.stringify(r.body)).not.toMatch(/\d{17}[\dX]/); // 证件号 masked
    expect(names((await employerB.get(`/api/personnel?pageSize=100`)).body)).toEqual(['乙一']);
  });

  it('filters by 内设部门 (its own; another employer’s is 404), 完成情况 and 姓名', async () => {
    const q = async (s: string) => names((await employer.get(`/api/personnel?year=${year}&pageSize=100&${s}`)).body);
    expect(await q(`departmentId=${deptA1}`)).toEqual(['甲一', '甲二']);
    expect(await q(`departmentId=${deptA2}`)).toEqual(['甲三']);
    expect(await q('completed=yes')).toEqual(['甲一', '甲四']);
    expect(await q('completed=no')).toEqual(['甲三', '甲二']);
    expect(await q(`completed=no&departmentId=${deptA1}`)).toEqual(['甲二']);
    expect(await q(`personName=${encodeURIComponent('甲二')}`)).toEqual(['甲二']);
    const other = await employer.get(`/api/personnel?departmentId=${deptB}`);
    expect(other.status).toBe(404);
    expect(other.body.message).toContain('内设部门');
    expect((await employer.get(`/api/personnel?orgId=${empB}`)).status).toBe(404);
    const bad = await employer.get('/api/personnel?departmentId=99999999999');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/工作部门|内设部门/);
  });

  it('the 内设部门 picker lists the own organisation’s (or a unit in scope’s) departments; another’s is 404', async () => {
    const own = await employer.get('/api/personnel/options/departments');
    expect(own.status).toBe(200);
    expect(own.body.items.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['语文组', '数学组']));
    expect(own.body.items.map((d: { name: string }) => d.name)).not.toContain('英语组');
    expect((await employer.get(`/api/personnel/options/departments?orgId=${empB}`)).status).toBe(404);
    expect((await authority.get(`/api/personnel/options/departments?orgId=${empA}`)).status).toBe(404);
    expect((await hr.get(`/api/personnel/options/departments?orgId=${empB}`)).body.items.map((d: { name: string }) => d.name)).toContain('英语组'); // (and its admin's)
    expect((await employer.get('/api/personnel/options/departments?orgId=abc')).status).toBe(400);
  });

  it('a 主管部门 lists its subtree (itself and its units), filters by unit, and not a sibling unit', async () => {
    const r = await authority.get(`/api/personnel?year=${year}&pageSize=100`);
    expect(r.status).toBe(200);
    expect(names(r.body)).toEqual(['医一', '医二', '局一']);
    expect(names((await authority.get(`/api/personnel?orgId=${under}`)).body)).toEqual(['医一', '医二']);
    expect((await authority.get(`/api/personnel?orgId=${empA}`)).status).toBe(404);
    expect(names((await authority.get(`/api/personnel?year=${year}&completed=yes`)).body)).toEqual(['医一']);
  });

  it('the detail is in scope only (another employer’s person: 404) and has the hour history', async () => {
    const d = await employer.get(`/api/personnel/${ids['甲一']}`);
    expect(d.status).toBe(200);
    expect(d.body.history.find((h: { year: number }) => h.year === year)).toMatchObject({ completed: true });
    expect((await employer.get(`/api/personnel/${ids['乙一']}`)).status).toBe(404);
    expect((await employerB.get(`/api/personnel/${ids['甲一']}`)).status).toBe(404);
    expect((await authority.get(`/api/personnel/${ids['甲一']}`)).status).toBe(404);
    // 重置密码 of the own staff (the unit answers 忘记密码): another unit's person 404; 批量导入 stays HR's
    expect((await employerB.post(`/api/personnel/${ids['甲一']}/reset-password`, {})).status).toBe(404);
    expect((await employer.post(`/api/personnel/${ids['乙一']}/reset-password`, {})).status).toBe(404);
    const reset = await employer.post(`/api/personnel/${ids['甲一']}/reset-password`, {});
    expect(reset.status).toBe(200);
    expect(reset.body.password).toMatch(/^Tmp#/);
  });

  it('exports the same filters with the gap column, masked', async () => {
    const rows = await readXlsx(await employer.get(`/api/personnel/export?year=${year}&completed=no`));
    const header = rows.find((r) => r.includes('姓名'))!;
    expect(header).toContain('尚差学时');
    const body = rows.slice(rows.indexOf(header) + 1).filter((r) => r.length > 1);
    expect(body.map((r) => r[0]).sort()).toEqual(['甲三', '甲二']);
    expect(JSON.stringify(rows)).not.toMatch(/\d{17}[\dX]/);
  });

  it('a seat without the permission is refused (403)', async () => {
    expect((await noStats.get('/api/personnel')).status).toBe(403);
    expect((await noStats.get(`/api/stats/workplace?year=${year}`)).status).toBe(403);
    expect((await noStats.get('/api/personnel/options/departments')).status).toBe(403);
    expect((await noStats.get(`/api/stats/workplace/export?year=${year}`)).status).toBe(403);
  });
});

describe('本单位完成情况 / 所属单位完成情况', () => {
  it('an employer sees its 内设部门 (and 未分配) against a hand count, the 合计 equal to HR’s row for the unit', async () => {
    const r = await employer.get(`/api/stats/workplace?year=${year}&sort=name&order=asc`);
    expect(r.status).toBe(200);
    expect(r.body.groupBy).toBe('department');
    const by = Object.fromEntries(r.body.rows.map((x: { name: string; total: number; completed: number }) => [x.name, [x.total, x.completed]]));
    expect(by).toEqual({ 语文组: [2, 1], 数学组: [1, 0], 未分配内设部门: [1, 1] });
    expect(r.body.summary).toMatchObject({ total: 4, completed: 2, uncompleted: 2, rate: 50 });
    // HR's 继教完成情况 by unit (the counters) says the same of this employer
    const h = await hr.get(`/api/stats/completion?year=${year}&groupBy=employer&pageSize=100`);
    const unit = h.body.rows.find((x: { orgId: number }) => x.orgId === empA);
    expect(unit).toMatchObject({ total: 4, completed: 2 });
  });

  it('a 主管部门 sees its units (itself included) from the counters; sorting works', async () => {
    const r = await authority.get(`/api/stats/workplace?year=${year}&sort=completed&order=desc`);
    expect(r.status).toBe(200);
    expect(r.body.groupBy).toBe('unit');
    expect(r.body.rows.map((x: { name: string; total: number; completed: number }) => [x.name, x.total, x.completed])).toEqual([
      ['江岸区人民医院', 2, 1],
      ['江岸区卫生健康局', 1, 0],
    ]);
    expect(r.body.summary).toMatchObject({ total: 3, completed: 1 });
  });

  it('exports the rows and the 合计 row', async () => {
    const rows = await readXlsx(await employer.get(`/api/stats/workplace/export?year=${year}&sort=name&order=asc`));
    const header = rows.find((x) => x.includes('内设部门'))!;
    const body = rows.slice(rows.indexOf(header) + 1).filter((x) => x.length > 1);
    expect(body.at(-1)?.slice(0, 3)).toEqual(['合计', '4', '2']);
  });

  it('HR has its region statistics, not these (404); units do not get HR’s (404); bad input is a Chinese 400', async () => {
    expect((await hr.get(`/api/stats/workplace?year=${year}`)).status).toBe(404);
    expect((await employer.get(`/api/stats/completion?year=${year}`)).status).toBe(404);
    expect((await authority.get(`/api/stats/overview?year=${year}`)).status).toBe(404);
    const bad = await employer.get('/api/stats/workplace?year=1899');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('年度');
    const noPolicy = await employer.get('/api/stats/workplace?year=2002');
    expect(noPolicy.status).toBe(400);
    expect(noPolicy.body.message).toContain('尚未设置学时要求');
    const sort = await employer.get(`/api/stats/workplace?year=${year}&sort=x`);
    expect(sort.status).toBe(400);
  });
});

describe('本单位概况', () => {
  it('the 工作台 shows people, this year’s 已完成 / 未完成 with links, and the waiting items', async () => {
    const r = await employer.get('/api/dashboard');
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.summary.map((s: { label: string; value: number; path?: string }) => [s.label, s]));
    expect(by['本单位专业技术人员']).toMatchObject({ value: 4, path: '/personnel' });
    expect(by[`${year}年度已完成`]).toMatchObject({ value: 2, path: `/personnel?year=${year}&completed=yes` });
    expect(by[`${year}年度未完成`]).toMatchObject({ value: 2, path: `/personnel?year=${year}&completed=no` });
    expect(by['待处理事项'].value).toBe(r.body.todos.reduce((n: number, t: { count: number }) => n + t.count, 0));
    const a = await authority.get('/api/dashboard');
    expect(a.body.summary.find((s: { label: string }) => s.label === '所属单位专业技术人员')?.value).toBe(3);
    // moving a person out changes it (no stale figure)
    await ctx.db.update(personnel).set({ orgId: empB }).where(eq(personnel.id, ids['甲三']!));
    const after = await employer.get('/api/dashboard');
    expect(after.body.summary.find((s: { label: string }) => s.label === '本单位专业技术人员')?.value).toBe(3);
    await ctx.db.update(personnel).set({ orgId: empA }).where(eq(personnel.id, ids['甲三']!));
  });
});
