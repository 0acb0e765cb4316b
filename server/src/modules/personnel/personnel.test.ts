/** 专技人员信息查询: list (filters, sorting, paging, masking), export, detail with hour history, identity, 重置密码. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { beijingYear } from '@hbzsgx/domain';
import { auditLogs, claims, personnel, personYearTotals, sessions, users } from '../../db/schema.js';
import { insertAdmin, insertDepartments } from '../../db/seed/factory.js';
import { createTestApp, Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson, PASSWORD } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';
import { importWorkerOf } from './routes.js';

let ctx: TestCtx;
let county: Client, city: Client, sibling: Client, viewer: Client, manager: Client;
let countyAdmin: { userId: number };
const year = beijingYear();
type Person = Awaited<ReturnType<typeof newPerson>> & { name: string };
let done: Person, short: Person, none: Person, engineer: Person, outside: Person;
let empId: number, emp2Id: number, jaId: number, jhId: number;

async function person(
  orgId: number,
  name: string,
  patch: Partial<typeof personnel.$inferInsert> = {},
  departmentId: number | null = null,
): Promise<Person> {
  const p = await newPerson(ctx, orgId, departmentId);
  await ctx.db.update(users).set({ name }).where(eq(users.id, p.userId));
  if (Object.keys(patch).length) await ctx.db.update(personnel).set(patch).where(eq(personnel.id, p.personnelId));
  return { ...p, name };
}

beforeAll(async () => {
  ctx = await createTestApp();
  await importWorkerOf(ctx.app).stop();
  const ja = await hrOrg(ctx, '420102');
  const jh = await hrOrg(ctx, '420103');
  jaId = ja.id;
  jhId = jh.id;
  const emp = await newOrg(ctx, 'employer', ja.id, '江岸区查询测试中学');
  empId = emp.id;
  const [dept] = await insertDepartments(ctx.db, emp.id, ['教务处']);
  emp2Id = (await newOrg(ctx, 'employer', ja.id, '江岸区查询测试设计院')).id;
  done = await person(emp.id, '张三丰', { titleLevel: 'viceSenior', education: 'master' }, dept!.id);
  short = await person(emp.id, '张无忌');
  none = await person(emp.id, '李寻欢', { titleLevel: 'assistant' });
  engineer = await person(emp2Id, '王工程', { titleSeries: 'GCJS', titleLevel: 'intermediate' });
  outside = await person((await newOrg(ctx, 'employer', jh.id)).id, '张外区');
  await ctx.db.insert(personYearTotals).values([
    { personnelId: done.personnelId, year, publicHours: 30, professionalHours: 64 },
    { personnelId: short.personnelId, year, publicHours: 30, professionalHours: 59.9 },
    { personnelId: engineer.personnelId, year, publicHours: 40, professionalHours: 80 },
    { personnelId: done.personnelId, year: year - 1, publicHours: 10, professionalHours: 0 },
  ]);
  await ctx.db.insert(claims).values([
    {
      personnelId: done.personnelId,
      year,
      source: 'employer',
      declaringOrgId: emp.id,
      title: '师德师风专题培训',
      subjectType: 'public',
      learningForm: 'faceToFace',
      hours: 30,
      status: 'approved',
    },
    {
      personnelId: done.personnelId,
      year,
      source: 'employer',
      declaringOrgId: emp.id,
      title: '学科教学能力提升',
      subjectType: 'professional',
      learningForm: 'online',
      hours: 64,
      status: 'approved',
    },
    {
      personnelId: done.personnelId,
      year,
      source: 'personal',
      declaringOrgId: emp.id,
      title: '待审的会议',
      subjectType: 'professional',
      learningForm: 'conference',
      hours: 8,
      status: 'pending',
    },
    {
      personnelId: done.personnelId,
      year,
      source: 'personal',
      declaringOrgId: emp.id,
      title: '删除的申报',
      subjectType: 'professional',
      learningForm: 'conference',
      hours: 8,
      status: 'deleted',
    },
    {
      personnelId: done.personnelId,
      year: year - 1,
      source: 'employer',
      declaringOrgId: emp.id,
      title: '去年的培训',
      subjectType: 'public',
      learningForm: 'faceToFace',
      hours: 10,
      status: 'approved',
    },
  ]);
  const admin = await newAdmin(ctx, ja.id, { isSuper: true });
  countyAdmin = admin;
  county = await loggedIn(ctx, admin);
  city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, jh.id, { isSuper: true }));
  viewer = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['personnel.view'] }));
  manager = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['personnel.view', 'personnel.manage'] }));
});
afterAll(async () => ctx?.close());

const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name).sort();

describe('专技人员列表', () => {
  it("lists the jurisdiction with masked 证件号/手机号, the year's hours and 完成情况", async () => {
    const r = await county.get('/api/personnel?pageSize=100');
    expect(r.status).toBe(200);
    expect(names(r.body)).toEqual(['张三丰', '张无忌', '李寻欢', '王工程']);
    expect(r.body).toMatchObject({ total: 4, year, hasPolicy: true });
    const row = r.body.items.find((i: { name: string }) => i.name === '张三丰');
    expect(row).toMatchObject({
      orgName: '江岸区查询测试中学',
      departmentName: '教务处',
      titleSeriesName: '中小学教师',
      titleLevelName: '副高级',
      educationName: '硕士研究生',
      publicHours: 30,
      professionalHours: 64,
      totalHours: 94,
      completed: true,
      idNumberMasked: done.idNumber.slice(0, 4) + '**********' + done.idNumber.slice(-4),
      phoneMasked: '139****5678',
    });
    expect(JSON.stringify(r.body)).not.toContain(done.idNumber);
    expect(JSON.stringify(r.body)).not.toContain('13900005678');
    expect(r.body.items.find((i: { name: string }) => i.name === '李寻欢')).toMatchObject({ totalHours: 0, completed: false });
    // the city sees its counties' people; the sibling county none of these
    expect(names((await city.get('/api/personnel?pageSize=100')).body)).toEqual(['张三丰', '张外区', '张无忌', '李寻欢', '王工程']);
    expect(names((await sibling.get('/api/personnel')).body)).toEqual(['张外区']);
  });

  it("judges the rows by the year's policy, says whether there is one where there are rows, and sends nothing else of it", async () => {
    const nobody = encodeURIComponent('查无此人');
    // the page's rows carry the policy; a page without rows has nothing to judge (the 完成情况 filter knows it anyway)
    expect((await county.get(`/api/personnel?year=${year}&personName=${nobody}`)).body).toMatchObject({ total: 0, items: [], hasPolicy: null });
    expect((await county.get(`/api/personnel?year=${year}&completed=yes&personName=${nobody}`)).body).toMatchObject({ total: 0, hasPolicy: true });
    const none = await county.get('/api/personnel?year=2001&pageSize=100');
    expect(none.body).toMatchObject({ total: 4, year: 2001, hasPolicy: false });
    expect(none.body.items.map((i: { completed: unknown; gap: unknown }) => [i.completed, i.gap])).toEqual(Array(4).fill([null, null]));
    expect((await county.get(`/api/personnel?year=2001&personName=${nobody}`)).body).toMatchObject({ total: 0, hasPolicy: null });
    expect((await county.get('/api/personnel?year=2001&completed=no')).status).toBe(400);
    const rows = (await county.get(`/api/personnel?year=${year}`)).body.items as Record<string, unknown>[];
    expect(rows.length).toBe(4);
    for (const r of rows) expect(Object.keys(r).filter((k) => k.startsWith('policy'))).toEqual([]);
  });

  it('filters by 姓名, 证件号 (exact, normalised), 所在单位, 区域, 职称系列/级别 and 完成情况', async () => {
    const q = async (s: string) => names((await county.get(`/api/personnel?pageSize=100&${s}`)).body);
    expect(await q(`personName=${encodeURIComponent('张')}`)).toEqual(['张三丰', '张无忌']);
    expect(await q(`personName=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await q(`idNumber=${encodeURIComponent(` ${short.idNumber.toLowerCase()} `)}`)).toEqual(['张无忌']);
    expect(await q(`idNumber=${short.idNumber.slice(0, 17)}`)).toEqual([]);
    // part of it: the last 4 characters, or the masked form the list shows (in scope only)
    expect(await q(`idNumber=${short.idNumber.slice(-4).toLowerCase()}`)).toContain('张无忌');
    const masked = short.idNumber.slice(0, 4) + '**********' + short.idNumber.slice(-4);
    expect(await q(`idNumber=${encodeURIComponent(masked)}`)).toEqual(['张无忌']);
    expect(await q(`idNumber=${encodeURIComponent('9999**********' + short.idNumber.slice(-4))}`)).toEqual([]);
    expect(await q(`idNumber=${outside.idNumber.slice(-4)}`)).not.toContain('张外区');
    expect(names((await sibling.get(`/api/personnel?idNumber=${outside.idNumber.slice(-4)}`)).body)).toContain('张外区');
    expect(await q(`idNumber=${short.idNumber.slice(-3)}`)).toEqual([]);
    expect(await q(`orgId=${emp2Id}`)).toEqual(['王工程']);
    expect(await q('titleSeries=GCJS')).toEqual(['王工程']);
    expect(await q('titleLevel=assistant')).toEqual(['李寻欢']);
    expect(await q(`completed=yes&year=${year}`)).toEqual(['张三丰', '王工程']);
    expect(await q(`completed=no&year=${year}`)).toEqual(['张无忌', '李寻欢']);
    expect(await q(`completed=yes&year=${year - 1}`)).toEqual([]);
    expect(names((await city.get(`/api/personnel?pageSize=100&regionId=${jhId}`)).body)).toEqual(['张外区']);
    expect(names((await city.get(`/api/personnel?pageSize=100&regionId=${jaId}&completed=no`)).body)).toEqual(['张无忌', '李寻欢']);
  });

  it("完成情况's 共 N 条 (from the statistics' counters where the filters allow) is the number of rows listed", async () => {
    const combos = [
      '',
      `&orgId=${emp2Id}`,
      '&titleSeries=GCJS',
      `&regionId=${jaId}`,
      `&personName=${encodeURIComponent('张')}`,
      '&titleLevel=assistant',
    ];
    for (const [who, client] of [
      ['county', county],
      ['city', city],
    ] as const)
      for (const completed of ['yes', 'no'])
        for (const y of [year, year - 1])
          for (const c of combos) {
            if (who === 'county' && c.startsWith('&regionId')) continue;
            const r = await client.get(`/api/personnel?pageSize=100&completed=${completed}&year=${y}${c}`);
            expect(r.status).toBe(200);
            expect(r.body.total, `${who} completed=${completed}&year=${y}${c}`).toBe(r.body.items.length);
            expect(r.body.totalCapped).toBe(false);
          }
  });

  it('已完成 (read from the completed totals) lists, in every sort, exactly the completed rows of the unfiltered list in its order', async () => {
    for (const sort of ['createdAt', 'name', 'orgName', 'titleSeries', 'titleLevel', 'totalHours'])
      for (const order of ['asc', 'desc'])
        for (const [who, client] of [
          ['county', county],
          ['city', city],
        ] as const)
          for (const c of ['', `&orgId=${emp2Id}`, '&titleSeries=GCJS', `&personName=${encodeURIComponent('张')}`]) {
            const at = `${who} sort=${sort}&order=${order}${c}`;
            const all = await client.get(`/api/personnel?pageSize=100&year=${year}&sort=${sort}&order=${order}${c}`);
            const yes = await client.get(`/api/personnel?pageSize=100&year=${year}&sort=${sort}&order=${order}&completed=yes${c}`);
            expect(yes.status, at).toBe(200);
            const ids = (b: { items: { id: number; completed: boolean }[] }, only: boolean) =>
              b.items.filter((i) => !only || i.completed).map((i) => i.id);
            expect(ids(yes.body, false), at).toEqual(ids(all.body, true));
            // (ties in the sort are broken by id in both)
          }
    expect(names((await city.get(`/api/personnel?pageSize=100&year=${year}&completed=yes`)).body)).toEqual(['张三丰', '王工程']);
  });

  it('refuses ids outside the jurisdiction (404) and bad filters (400, in Chinese)', async () => {
    const out = await county.get(
      `/api/personnel?orgId=${(await ctx.db.select().from(personnel).where(eq(personnel.id, outside.personnelId)))[0]!.orgId}`,
    );
    expect(out.status).toBe(404);
    expect((await county.get(`/api/personnel?regionId=${jhId}`)).status).toBe(404);
    expect((await county.get(`/api/personnel?regionId=${empId}`)).status).toBe(404); // not an HR department
    for (const [query, text] of [
      ['pageSize=0', '查询参数每页条数'],
      ['page=0', '查询参数页码'],
      ['completed=maybe', '查询参数完成情况'],
      ['titleSeries=XX', '查询参数职称系列'],
      ['titleLevel=chief', '查询参数职称级别'],
      ['year=1900', '查询参数年度'],
      ['sort=idNumber', '查询参数排序'],
      ['orgId=abc', '查询参数所在单位'],
      [`personName=${'长'.repeat(51)}`, '查询参数姓名'],
    ] as const) {
      const r = await county.get(`/api/personnel?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.message, query).toContain(text);
    }
    const noPolicy = await county.get('/api/personnel?completed=yes&year=2001');
    expect(noPolicy.status).toBe(400);
    expect(noPolicy.body.message).toBe('年度：2001年度尚未设置学时要求，无法按完成情况查询');
  });

  it('sorts and pages on the server with the total', async () => {
    const p1 = await county.get('/api/personnel?sort=totalHours&order=desc&pageSize=2');
    expect(p1.body.total).toBe(4);
    expect(p1.body.items.map((i: { name: string }) => i.name)).toEqual(['王工程', '张三丰']);
    const p2 = await county.get('/api/personnel?sort=totalHours&order=desc&pageSize=2&page=2');
    expect(p2.body.items.map((i: { name: string }) => i.name)).toEqual(['张无忌', '李寻欢']);
    const asc = await county.get('/api/personnel?sort=totalHours&order=asc&pageSize=1');
    expect(asc.body.items[0].name).toBe('李寻欢');
  });

  it('exports the same filters as xlsx, masked, and audits the export', async () => {
    const rows = await readXlsx(await county.get(`/api/personnel/export?completed=no&year=${year}`));
    expect(column(rows, '姓名').sort()).toEqual(['张无忌', '李寻欢']);
    expect(column(rows, '完成情况')).toEqual(['未完成', '未完成']);
    expect(column(rows, '证件号').every((v) => v.includes('**********'))).toBe(true);
    expect(rows.flat().join()).not.toContain(short.idNumber);
    const [a] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'export'), eq(auditLogs.targetType, 'personnel')));
    expect(a?.detail).toMatchObject({ rows: 2, filters: { completed: 'no', year } });
    expect((await county.get('/api/personnel/export?page=2')).status).toBe(400);
    expect((await sibling.get(`/api/personnel/export?orgId=${empId}`)).status).toBe(404);
  });
});

describe('筛选选项', () => {
  it("offers the jurisdiction's units (searchable) and regions only", async () => {
    const units = (await county.get('/api/personnel/options/units')).body.items.map((u: { name: string }) => u.name);
    expect(units).toEqual(expect.arrayContaining(['江岸区查询测试中学', '江岸区查询测试设计院']));
    expect(units.some((n: string) => n.startsWith('测试employer'))).toBe(false); // the 江汉区 unit of 张外区
    const found = await county.get(`/api/personnel/options/units?keyword=${encodeURIComponent('设计院')}`);
    expect(found.body.items.map((u: { name: string }) => u.name)).toEqual(['江岸区查询测试设计院']);
    expect((await county.get('/api/personnel/options/regions')).body.items.map((r: { id: number }) => r.id)).toEqual([jaId]);
    const cityRegions = (await city.get('/api/personnel/options/regions')).body.items.map((r: { id: number }) => r.id);
    expect(cityRegions).toEqual(expect.arrayContaining([jaId, jhId]));
    expect((await viewer.get('/api/personnel/options/units')).status).toBe(200);
    const bad = await county.get(`/api/personnel/options/units?keyword=${'长'.repeat(51)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('关键字');
  });
});

describe('专技人员详情', () => {
  it('shows the profile and the hour history by year with claims and completion', async () => {
    const r = await county.get(`/api/personnel/${done.personnelId}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: '张三丰',
      orgName: '江岸区查询测试中学',
      departmentName: '教务处',
      titleSeriesName: '中小学教师',
      titleLevelName: '副高级',
      educationName: '硕士研究生',
      hasPassword: true,
    });
    expect(JSON.stringify(r.body)).not.toContain(done.idNumber);
    expect(r.body.history.map((h: { year: number }) => h.year)).toEqual([year, year - 1]);
    const [now, last] = r.body.history;
    expect(now).toMatchObject({
      publicHours: 30,
      professionalHours: 64,
      totalHours: 94,
      completed: true,
      policy: { totalRequired: 90, publicMin: 30, professionalMin: 60 },
    });
    expect(now.claims.map((c: { title: string; statusName: string }) => `${c.title}:${c.statusName}`).sort()).toEqual([
      '学科教学能力提升:已通过',
      '师德师风专题培训:已通过',
      '待审的会议:待审核',
    ]);
    expect(last).toMatchObject({ totalHours: 10, completed: false, missing: { total: 80, public: 20, professional: 60 } });
    expect(last.claims).toHaveLength(1);
    expect((await city.get(`/api/personnel/${done.personnelId}`)).status).toBe(200);
  });

  it("answers 404 for another county's person and a person without profile, 400 for a bad id", async () => {
    expect((await sibling.get(`/api/personnel/${done.personnelId}`)).status).toBe(404);
    expect((await county.get(`/api/personnel/${outside.personnelId}`)).status).toBe(404);
    expect((await county.get('/api/personnel/99999999')).status).toBe(404);
    const bad = await county.get('/api/personnel/x1');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^路径参数编号：/);
  });
});

describe('完整证件号 (pii.view)', () => {
  it('shows the full 证件号 and 手机号 to a holder of pii.view, audited', async () => {
    const r = await county.get(`/api/personnel/${short.personnelId}/identity`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ idType: 'resident', idNumber: short.idNumber, phone: '13900005678' });
    const [a] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'pii.view'), eq(auditLogs.targetId, String(short.userId))));
    expect(a?.detail).toMatchObject({ via: 'personnel', personnelId: short.personnelId });
  });

  it('is refused without pii.view (403) and out of the jurisdiction (404)', async () => {
    expect((await viewer.get(`/api/personnel/${short.personnelId}/identity`)).status).toBe(403);
    expect((await sibling.get(`/api/personnel/${short.personnelId}/identity`)).status).toBe(404);
  });
});

describe('重置密码', () => {
  it("sets a one-time password that must be changed, ends the person's sessions, and is audited", async () => {
    const before = new Client(ctx);
    expect((await before.login('personnel', none.idNumber, PASSWORD)).status).toBe(200);
    expect((await before.get('/api/auth/me')).status).toBe(200);
    const r = await manager.post(`/api/personnel/${none.personnelId}/reset-password`);
    expect(r.status).toBe(200);
    expect(r.body.name).toBe('李寻欢');
    expect(r.body.password).toMatch(/^Tmp#[A-Za-z0-9]{8}$/);
    expect((await before.get('/api/auth/me')).status).toBe(401);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, none.userId))).toHaveLength(0);
    const [u] = await ctx.db.select().from(users).where(eq(users.id, none.userId));
    expect(u!.mustChangePassword).toBe(true);
    const fresh = new Client(ctx);
    expect((await fresh.login('personnel', none.idNumber, PASSWORD)).status).toBe(401);
    expect((await fresh.login('personnel', none.idNumber, r.body.password)).status).toBe(200);
    const blocked = await fresh.get('/api/me/hours?year=2025');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const audit = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'personnel.reset-password'), eq(auditLogs.targetId, String(none.userId))));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(r.body.password);
  });

  it('is refused without personnel.manage (403), out of the jurisdiction (404), and for an admin of this or a higher organisation (409)', async () => {
    expect((await viewer.post(`/api/personnel/${short.personnelId}/reset-password`)).status).toBe(403);
    expect((await sibling.post(`/api/personnel/${short.personnelId}/reset-password`)).status).toBe(404);
    // 王工程 also administers the county HR itself: his password opens that seat, so the county may not reset it
    await insertAdmin(ctx.db, { orgId: jaId, userId: engineer.userId });
    const own = await county.post(`/api/personnel/${engineer.personnelId}/reset-password`);
    expect(own.status).toBe(409);
    expect(own.body.message).toContain('管理员');
    // the city above may
    expect((await city.post(`/api/personnel/${engineer.personnelId}/reset-password`)).status).toBe(200);
    // an admin's own profile: 修改密码 instead
    const mine = await ctx.db
      .insert(personnel)
      .values({ userId: countyAdmin.userId, orgId: empId, titleSeries: 'ZXXJ', titleLevel: 'junior' })
      .returning();
    expect((await county.post(`/api/personnel/${mine[0]!.id}/reset-password`)).status).toBe(409);
    expect((await county.post('/api/personnel/abc/reset-password')).status).toBe(400);
  });
});
