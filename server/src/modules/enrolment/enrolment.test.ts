/**
 * 培训报名: catalogue, 报名/取消报名 with their refusals, the capacity race (on PGlite and, with DATABASE_URL, over two
 * PostgreSQL pools as two processes would), and the base's 报名名单 (scope, export, 登记成绩 / 全部登记).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { beijingDate } from '@hbzsgx/domain';
import { classEnrolments, claims, hourPolicies, trainingClasses } from '../../db/schema.js';
import { openPostgres, queryRows, type Database } from '../../db/client.js';
import { serviceContext } from '../../context.js';
import { seatActor } from '../../plugins/access.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';
import { enrol } from './service.js';

let ctx: TestCtx;
let base: Client, otherBase: Client, county: Client;
let baseId: number, otherBaseId: number, empId: number, jaId: number;
const year = new Date().getFullYear();
const today = beijingDate();
const future = (days: number) => beijingDate(new Date(Date.now() + days * 86_400_000));

async function newClass(over: Partial<typeof trainingClasses.$inferInsert> = {}) {
  const [c] = await ctx.db
    .insert(trainingClasses)
    .values({
      baseOrgId: baseId,
      year,
      name: '中小学教师信息技术应用能力提升培训',
      subjectType: 'professional',
      learningForm: 'faceToFace',
      hours: 24,
      startDate: future(10),
      endDate: future(12),
      place: '武汉市江岸区',
      capacity: 30,
      targetSeries: [],
      status: 'approved',
      createdBy: 1,
      ...over,
    })
    .returning();
  return c!;
}
const live = async (classId: number) =>
  (
    await ctx.db
      .select()
      .from(classEnrolments)
      .where(and(eq(classEnrolments.classId, classId), eq(classEnrolments.status, 'enrolled')))
  ).length;
const counter = async (classId: number) => (await ctx.db.select().from(trainingClasses).where(eq(trainingClasses.id, classId)))[0]!.enrolledCount;
const person = async () => {
  const p = await newPerson(ctx, empId);
  return { ...p, client: await loggedIn(ctx, p, 'personnel') };
};

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  jaId = ja.id;
  baseId = (await newOrg(ctx, 'base', ja.id, '江岸区继续教育中心')).id;
  otherBaseId = (await newOrg(ctx, 'base', (await hrOrg(ctx, '420103')).id, '江汉区继续教育中心')).id;
  empId = (await newOrg(ctx, 'employer', ja.id, '江岸区实验中学')).id;
  base = await loggedIn(ctx, await newAdmin(ctx, baseId, { isSuper: true }), 'base');
  otherBase = await loggedIn(ctx, await newAdmin(ctx, otherBaseId, { isSuper: true }), 'base');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('培训报名', () => {
  it('catalogue → 报名 → 我的报名 → 取消报名, audited; the counter follows the rows', async () => {
    const c = await newClass({ name: '师德师风专题培训', capacity: 5 });
    const elsewhere = await newClass({ baseOrgId: otherBaseId, name: '江汉区的培训班' });
    const pending = await newClass({ name: '待审核的培训班', status: 'pending' });
    const me = await person();

    const list = await me.client.get(`/api/me/classes?year=${year}`);
    expect(list.status).toBe(200);
    const names = list.body.items.map((i: { name: string }) => i.name);
    expect(names).toContain('师德师风专题培训');
    expect(names).not.toContain('江汉区的培训班'); // a base of another county serves other people
    expect(names).not.toContain('待审核的培训班');
    expect(list.body.items.find((i: { id: number }) => i.id === c.id)).toMatchObject({ remaining: 5, state: 'open', baseName: '江岸区继续教育中心' });
    const opts = await me.client.get(`/api/me/classes/options?year=${year}`);
    expect(opts.body.bases.map((b: { name: string }) => b.name)).toEqual(['江岸区继续教育中心']);
    expect(opts.body.cities.map((b: { name: string }) => b.name)).toHaveLength(1);
    const byCity = await me.client.get(`/api/me/classes?cityId=${opts.body.cities[0].id}`);
    expect(byCity.body.items.map((i: { id: number }) => i.id)).toContain(c.id);
    expect((await me.client.get(`/api/me/classes?cityId=${jaId}`)).body.total).toBe(0); // a county is not a 市州
    expect((await me.client.get(`/api/me/classes?baseId=${otherBaseId}`)).body.total).toBe(0);
    expect((await me.client.get('/api/me/classes?learningForm=online')).body.items.map((i: { id: number }) => i.id)).not.toContain(c.id);

    expect((await me.client.post(`/api/me/classes/${elsewhere.id}/enrol`)).status).toBe(404);
    const nope = await me.client.post(`/api/me/classes/${pending.id}/enrol`);
    expect([nope.status, nope.body.message]).toEqual([409, '该培训班尚未开放报名']);

    const ok = await me.client.post(`/api/me/classes/${c.id}/enrol`);
    expect(ok.status).toBe(200);
    expect(ok.body.remaining).toBe(4);
    const twice = await me.client.post(`/api/me/classes/${c.id}/enrol`);
    expect([twice.status, twice.body.message]).toEqual([409, '您已报名该培训班']);
    expect([await live(c.id), await counter(c.id)]).toEqual([1, 1]);
    const row = (await me.client.get('/api/me/classes')).body.items.find((i: { id: number }) => i.id === c.id);
    expect(row).toMatchObject({ state: 'enrolled', enrolmentId: ok.body.enrolmentId, remaining: 4 });

    const mine = await me.client.get('/api/me/enrolments');
    expect(mine.body.items[0]).toMatchObject({ classId: c.id, status: 'enrolled', cancellable: true, baseName: '江岸区继续教育中心' });
    // another person cannot cancel it
    const other = await person();
    expect((await other.client.post(`/api/me/enrolments/${ok.body.enrolmentId}/cancel`)).status).toBe(404);
    expect((await me.client.post(`/api/me/enrolments/${ok.body.enrolmentId}/cancel`)).status).toBe(200);
    const again = await me.client.post(`/api/me/enrolments/${ok.body.enrolmentId}/cancel`);
    expect([again.status, again.body.message]).toEqual([409, '该报名已取消']);
    expect([await live(c.id), await counter(c.id)]).toEqual([0, 0]);
    expect((await me.client.get('/api/me/enrolments?status=cancelled')).body.items[0]).toMatchObject({ status: 'cancelled', cancellable: false });
    // enrolling again after cancelling takes a new seat
    expect((await me.client.post(`/api/me/classes/${c.id}/enrol`)).status).toBe(200);
    expect([await live(c.id), await counter(c.id)]).toEqual([1, 1]);

    const audit = await queryRows<{ action: string }>(
      ctx.db,
      sql`select action from audit_logs where target_type = 'training_class' and target_id = ${c.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['enrolment.enrol', 'enrolment.cancel', 'enrolment.enrol']);
  });

  it('refuses a full, started, other-series class and a cancellation after the start; HR has no personnel routes', async () => {
    const me = await person();
    const full = await newClass({ name: '满员班', capacity: 1 });
    expect((await (await person()).client.post(`/api/me/classes/${full.id}/enrol`)).status).toBe(200);
    const r1 = await me.client.post(`/api/me/classes/${full.id}/enrol`);
    expect([r1.status, r1.body.message]).toEqual([409, '名额已满']);
    expect((await me.client.get('/api/me/classes')).body.items.find((i: { id: number }) => i.id === full.id)).toMatchObject({
      state: 'full',
      remaining: 0,
    });

    const started = await newClass({ name: '已开班', startDate: today, endDate: future(2) });
    const r2 = await me.client.post(`/api/me/classes/${started.id}/enrol`);
    expect([r2.status, r2.body.message]).toEqual([409, '报名已截止（培训班已开始）']);
    expect((await me.client.get('/api/me/classes')).body.items.map((i: { id: number }) => i.id)).not.toContain(started.id);
    expect((await me.client.get('/api/me/classes?upcoming=false')).body.items.find((i: { id: number }) => i.id === started.id).state).toBe('closed');

    const series = await newClass({ name: '工程技术人员培训', targetSeries: ['GCJS'] });
    const r3 = await me.client.post(`/api/me/classes/${series.id}/enrol`);
    expect([r3.status, r3.body.message]).toEqual([409, '该培训班不面向您的职称系列，不能报名']);
    expect((await me.client.get('/api/me/classes?series=GCJS')).body.items.map((i: { id: number }) => i.id)).toContain(series.id);
    const teachers = await newClass({ name: '教师专项培训', targetSeries: ['ZXXJ'] });
    expect((await me.client.post(`/api/me/classes/${teachers.id}/enrol`)).status).toBe(200);

    const soon = await newClass({ name: '即将开班' });
    const e = await me.client.post(`/api/me/classes/${soon.id}/enrol`);
    await ctx.db.update(trainingClasses).set({ startDate: today }).where(eq(trainingClasses.id, soon.id));
    const r4 = await me.client.post(`/api/me/enrolments/${e.body.enrolmentId}/cancel`);
    expect([r4.status, r4.body.message]).toEqual([409, '培训班已开始，不能取消报名']);
    expect([await live(soon.id), await counter(soon.id)]).toEqual([1, 1]);

    for (const [m, u] of [
      ['get', '/api/me/classes'],
      ['get', '/api/me/enrolments'],
      ['post', `/api/me/classes/${soon.id}/enrol`],
      ['post', `/api/me/enrolments/${e.body.enrolmentId}/cancel`],
    ] as const) {
      expect((await county[m](u)).status, u).toBe(403);
      expect((await base[m](u)).status, u).toBe(403);
    }
    expect([await live(soon.id), await counter(soon.id)]).toEqual([1, 1]);
  });

  it('bad inputs answer 400 in Chinese, nothing written', async () => {
    const me = await person();
    const before = (await ctx.db.select().from(classEnrolments)).length;
    for (const u of ['/api/me/classes/abc/enrol', '/api/me/classes/2147483648/enrol', '/api/me/classes/-1/enrol', '/api/me/enrolments/0/cancel']) {
      const r = await me.client.post(u);
      expect(r.status, u).toBe(400);
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    for (const q of [
      'year=1800',
      'subjectType=x',
      'learningForm=x',
      'baseId=abc',
      'cityId=2147483648',
      'series=XX',
      'upcoming=maybe',
      'pageSize=500',
      `keyword=${'长'.repeat(60)}`,
    ]) {
      expect((await me.client.get(`/api/me/classes?${q}`)).status, q).toBe(400);
    }
    expect((await me.client.get('/api/me/enrolments?status=x')).status).toBe(400);
    expect((await ctx.db.select().from(classEnrolments)).length).toBe(before);
  });
});

describe('培训报名 › the last seat', () => {
  it('N people racing for the last seat: exactly one gets it, the counter equals the rows', async () => {
    const c = await newClass({ name: '最后一个名额', capacity: 3 });
    for (let i = 0; i < 2; i++) expect((await (await person()).client.post(`/api/me/classes/${c.id}/enrol`)).status).toBe(200);
    const racers = await Promise.all(Array.from({ length: 8 }, () => person()));
    const res = await Promise.all(racers.map((r) => r.client.post(`/api/me/classes/${c.id}/enrol`)));
    expect(res.filter((r) => r.status === 200)).toHaveLength(1);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.message === '名额已满')).toBe(true);
    expect([await live(c.id), await counter(c.id)]).toEqual([3, 3]);
  });

  it('one person enrolling twice at once: one enrolment, one seat', async () => {
    const c = await newClass({ name: '同一人并发报名', capacity: 10 });
    const me = await person();
    const res = await Promise.all([1, 2, 3].map(() => me.client.post(`/api/me/classes/${c.id}/enrol`)));
    expect(res.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect([await live(c.id), await counter(c.id)]).toEqual([1, 1]);
  });

  describe.skipIf(!process.env.DATABASE_URL)('two processes (PostgreSQL)', () => {
    let other: Database;
    beforeAll(async () => {
      const [{ name }] = (await queryRows<{ name: string }>(ctx.db, sql`select current_database() as name`)) as [{ name: string }];
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${name}`;
      other = openPostgres(u.toString(), 5);
    });
    afterAll(async () => other?.close());

    it('people racing over two pools for the last two seats: exactly two get them', async () => {
      const c = await newClass({ name: '两个进程抢名额', capacity: 3 });
      expect((await (await person()).client.post(`/api/me/classes/${c.id}/enrol`)).status).toBe(200);
      const racers = await Promise.all(Array.from({ length: 12 }, () => newPerson(ctx, empId)));
      const outcome = await Promise.all(
        racers.map(async (p, i) => {
          const actor = await seatActor(ctx.app.deps, { userId: p.userId, adminId: null, personnelId: p.personnelId, loginType: 'personnel' });
          const deps = i % 2 ? { ...ctx.app.deps, database: other } : ctx.app.deps;
          return enrol(serviceContext(deps, actor!), c.id).then(
            () => 'ok',
            (e: { statusCode?: number; message: string }) => `${e.statusCode} ${e.message}`,
          );
        }),
      );
      expect(outcome.filter((o) => o === 'ok')).toHaveLength(2);
      expect(outcome.filter((o) => o !== 'ok').every((o) => o === '409 名额已满')).toBe(true);
      expect([await live(c.id), await counter(c.id)]).toEqual([3, 3]);
    });
  });
});

describe('报名名单', () => {
  it("the base's roster: masked, exported, scored per learner and all at once; another base's is 404", async () => {
    const c = await newClass({ name: '报名名单班', capacity: 10 });
    const people = await Promise.all([1, 2, 3].map(() => person()));
    for (const p of people) expect((await p.client.post(`/api/me/classes/${c.id}/enrol`)).status).toBe(200);
    const cancelled = await person();
    const ce = await cancelled.client.post(`/api/me/classes/${c.id}/enrol`);
    await cancelled.client.post(`/api/me/enrolments/${ce.body.enrolmentId}/cancel`);

    const r = await base.get(`/api/classes/${c.id}/roster`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    expect(r.body.items[0]).toMatchObject({ orgName: '江岸区实验中学', status: 'enrolled', scored: false, titleSeries: 'ZXXJ' });
    expect(r.body.items[0].idNumberMasked).toMatch(/\*{10}/);
    expect(JSON.stringify(r.body)).not.toContain(people[0]!.idNumber);
    expect((await base.get(`/api/classes/${c.id}/roster?status=cancelled`)).body.total).toBe(1);
    expect((await otherBase.get(`/api/classes/${c.id}/roster`)).status).toBe(404);
    expect((await otherBase.get(`/api/classes/${c.id}/roster/export`)).status).toBe(404);
    expect((await otherBase.post(`/api/classes/${c.id}/roster/scores`, { personnelIds: [people[0]!.personnelId], qualified: true })).status).toBe(
      404,
    );
    expect((await county.get(`/api/classes/${c.id}/roster`)).status).toBe(403);
    expect((await people[0]!.client.get(`/api/classes/${c.id}/roster`)).status).toBe(403);

    const xlsx = await readXlsx(await base.get(`/api/classes/${c.id}/roster/export`));
    expect(column(xlsx, '所在单位')).toEqual(['江岸区实验中学', '江岸区实验中学', '江岸区实验中学']);
    expect(column(xlsx, '证件号')[0]).toMatch(/\*{10}/);
    expect(JSON.stringify(xlsx)).not.toContain(people[0]!.idNumber);
    expect(column(xlsx, '状态')).toEqual(['已报名', '已报名', '已报名']);

    // bad input and a learner not on the roster: 400 / 404, nothing written
    const claimsBefore = (await ctx.db.select().from(claims).where(eq(claims.classId, c.id))).length;
    expect((await base.post(`/api/classes/${c.id}/roster/scores`, { personnelIds: [], qualified: true })).status).toBe(400);
    expect(
      (await base.post(`/api/classes/${c.id}/roster/scores`, { personnelIds: [people[0]!.personnelId], score: 'a\u0000', qualified: true })).status,
    ).toBe(400);
    expect((await base.post(`/api/classes/${c.id}/roster/scores`, { personnelIds: [people[0]!.personnelId] })).status).toBe(400);
    const notOnRoster = await base.post(`/api/classes/${c.id}/roster/scores`, {
      personnelIds: [people[0]!.personnelId, cancelled.personnelId],
      qualified: true,
    });
    expect(notOnRoster.status).toBe(404);
    expect((await ctx.db.select().from(claims).where(eq(claims.classId, c.id))).length).toBe(claimsBefore);

    // one learner (登记成绩), then the whole roster (全部登记): the scored one is skipped
    const one = await base.post(`/api/classes/${c.id}/roster/scores`, { personnelIds: [people[0]!.personnelId], score: '95', qualified: true });
    expect(one.body).toMatchObject({ done: 1, skipped: 0 });
    const all = await base.post(`/api/classes/${c.id}/roster/scores`, {
      personnelIds: people.map((p) => p.personnelId),
      score: '合格',
      qualified: true,
    });
    expect(all.body).toMatchObject({ done: 2, skipped: 1 });
    const scored = await ctx.db.select().from(claims).where(eq(claims.classId, c.id));
    expect(scored.map((s) => [s.status, s.source, s.declaringOrgId, Number(s.hours)])).toEqual(Array(3).fill(['pending', 'base', baseId, 24]));
    expect((await base.get(`/api/classes/${c.id}/roster`)).body.items.every((i: { scored: boolean }) => i.scored)).toBe(true);
    // the same claims as 登记成绩 makes: 学员成绩 lists them, 学时审核 decides them, the person gets the message
    expect((await base.get(`/api/classes/${c.id}/scores`)).body.items).toHaveLength(3);
    const queue = await county.get(`/api/reviews/claims?source=base&tab=pending`);
    const ids = queue.body.items.filter((i: { className: string }) => i.className === '报名名单班').map((i: { id: number }) => i.id);
    expect(ids).toHaveLength(3);
    expect((await county.post('/api/reviews/claims/decide', { ids, decision: 'approve' })).status).toBe(200);
    const msgs = await people[1]!.client.get('/api/messages');
    expect(msgs.body.items.some((m: { title: string }) => m.title.includes('报名名单班'))).toBe(true);
  });
});
