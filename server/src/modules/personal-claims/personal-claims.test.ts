import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { beijingDate } from '@hbzsgx/domain';
import { auditLogs, claims, hourPolicies, trainingClasses } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';

let ctx: TestCtx;
let emp: Client, county: Client, other: Client, person: Client, base: Client, otherPerson: Client;
let personIdNumber: string, otherIdNumber: string;
let empId: number;
const year = new Date().getFullYear();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
const decl = (over: Record<string, string | number> = {}) => ({
  year,
  title: '全国教育学术年会',
  subjectType: 'professional',
  learningForm: 'conference',
  units: 1,
  activityStart: `${year}-01-02`,
  activityEnd: `${year}-01-03`,
  ...over,
});

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  empId = (await newOrg(ctx, 'employer', ja.id, '江岸区第一中学')).id;
  emp = await loggedIn(ctx, await newAdmin(ctx, empId, { isSuper: true }), 'employer');
  other = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'employer', ja.id)).id, { isSuper: true }), 'employer');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  const p = await newPerson(ctx, empId);
  personIdNumber = p.idNumber;
  person = await loggedIn(ctx, p, 'personnel');
  const op = await newPerson(ctx, empId);
  otherIdNumber = op.idNumber;
  otherPerson = await loggedIn(ctx, op, 'personnel');
  base = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id, '江岸区继续教育基地')).id, { isSuper: true }), 'base');
});
afterAll(async () => ctx?.close());

describe('个人申报学时', () => {
  it('declares with evidence; hours follow the rule; the unit reviews first, then HR; the cap applies', async () => {
    const r = await person.upload('/api/me/claims', decl(), { name: '参会证明.png', content: PNG });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ hours: 8, status: 'pendingEmployer' });
    expect(r.body.basis).toContain('学术会议 1次 × 8学时/次 = 8学时');
    expect((await county.get('/api/reviews/claims?source=personal')).body.total).toBe(0); // not HR's yet
    expect((await other.get('/api/reviews/personal-claims')).body.total).toBe(0);
    expect((await other.post('/api/reviews/personal-claims/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(404);
    const mineQ = await emp.get('/api/reviews/personal-claims');
    expect(mineQ.body.items[0]).toMatchObject({ id: r.body.id, hours: 8, statusName: '待单位审核' });
    const ev = await emp.get(`/api/claims/${r.body.id}/evidence`);
    expect(ev.status).toBe(200);
    expect(ev.headers['content-type']).toBe('image/png');
    expect((await other.get(`/api/claims/${r.body.id}/evidence`)).status).toBe(404);
    expect((await emp.post('/api/reviews/personal-claims/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    expect((await emp.post('/api/reviews/personal-claims/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(409);
    const hrQ = await county.get('/api/reviews/claims?source=personal');
    expect(hrQ.body.items.map((i: { id: number }) => i.id)).toEqual([r.body.id]);
    expect((await county.post('/api/reviews/claims/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    expect((await person.get(`/api/me/hours?year=${year}`)).body.professionalHours).toBe(8);

    // the yearly cap (24 for conferences): 2 more conferences fit, the next is cut, then refused
    expect((await person.upload('/api/me/claims', decl({ units: 2 }), { name: 'a.png', content: PNG })).body.hours).toBe(16);
    expect((await person.upload('/api/me/claims', decl(), { name: 'b.png', content: PNG })).status).toBe(409);
  });

  it('refuses a disguised file, bad fields, a closed year; admins cannot use it', async () => {
    const before = (await ctx.db.select().from(claims)).length;
    expect(
      (await person.upload('/api/me/claims', decl({ learningForm: 'furtherStudy' }), { name: 'x.png', content: Buffer.from('not an image') })).status,
    ).toBe(400);
    const bad = await person.upload('/api/me/claims', decl({ units: -1, subjectType: 'x' }), { name: 'x.png', content: PNG });
    expect(bad.body.message).toContain('数量');
    await ctx.db
      .update(hourPolicies)
      .set({ closingDate: `${year}-01-01` })
      .where(eq(hourPolicies.year, year));
    const late = await person.upload('/api/me/claims', decl({ learningForm: 'furtherStudy' }), { name: 'x.png', content: PNG });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('截止');
    await ctx.db
      .update(hourPolicies)
      .set({ closingDate: `${year}-12-31` })
      .where(eq(hourPolicies.year, year));
    expect((await emp.upload('/api/me/claims', decl(), { name: 'x.png', content: PNG })).status).toBe(400);
    expect((await ctx.db.select().from(claims)).length).toBe(before);
  });
});

const upload = (c: Client, over: Record<string, string | number> = {}) => c.upload('/api/me/claims', decl(over), { name: 'p.png', content: PNG });
const statusOf = async (id: number) => (await ctx.db.select({ s: claims.status }).from(claims).where(eq(claims.id, id)))[0]!.s;
const mine = async (c: Client) => (await c.get(`/api/me/hours?year=${year}`)).body.claims as { id: number; status: string; statusName: string }[];
const todo = async (c: Client, key: string): Promise<number> =>
  ((await c.get('/api/dashboard')).body.todos as { key: string; count: number }[]).find((t) => t.key === key)?.count ?? 0;

describe('撤回', () => {
  it('the person withdraws an undecided declaration: 已撤回, out of every queue and 待办, audited; may declare again', async () => {
    const c = await upload(person, { learningForm: 'faceToFace', title: '撤回测试一' });
    expect(c.status).toBe(200);
    const waitingUnit = await todo(emp, 'personal-claims');
    expect(waitingUnit).toBeGreaterThan(0);
    const r = await person.post(`/api/me/claims/${c.body.id}/withdraw`, {});
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: c.body.id, status: 'withdrawn', statusName: '已撤回' });
    expect(await statusOf(c.body.id)).toBe('withdrawn');
    expect((await mine(person)).find((x) => x.id === c.body.id)).toMatchObject({ status: 'withdrawn', statusName: '已撤回' });
    for (const tab of ['pending', 'done']) {
      const q = await emp.get(`/api/reviews/personal-claims?tab=${tab}`);
      expect(q.body.items.map((i: { id: number }) => i.id)).not.toContain(c.body.id);
    }
    expect(await todo(emp, 'personal-claims')).toBe(waitingUnit - 1);
    const [a] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'claim.withdraw'), eq(auditLogs.targetId, c.body.id)));
    expect(a).toMatchObject({ result: 'success', targetType: 'claim' });
    // the unit can no longer decide it
    expect((await emp.post('/api/reviews/personal-claims/decide', { ids: [c.body.id], decision: 'approve' })).status).toBe(409);
    // declared again: a new claim (the withdrawn one counts nowhere, not even against the yearly cap)
    const again = await upload(person, { learningForm: 'faceToFace', title: '撤回测试一' });
    expect(again.status).toBe(200);
    expect(again.body.id).not.toBe(c.body.id);
  });

  it("withdraws a claim waiting for HR (待审核); it leaves HR's queue and 待办", async () => {
    const c = await upload(person, { learningForm: 'faceToFace', title: '撤回测试二' });
    expect((await emp.post('/api/reviews/personal-claims/decide', { ids: [c.body.id], decision: 'approve' })).status).toBe(200);
    const hrQ = async () => (await county.get('/api/reviews/claims?source=personal')).body.items.map((i: { id: number }) => i.id);
    expect(await hrQ()).toContain(c.body.id);
    const hrTodo = await todo(county, 'claim-personal');
    expect((await person.post(`/api/me/claims/${c.body.id}/withdraw`, {})).status).toBe(200);
    expect(await hrQ()).not.toContain(c.body.id);
    expect(hrTodo).toBeGreaterThan(0);
    expect(await todo(county, 'claim-personal')).toBe(hrTodo - 1);
    expect((await county.post('/api/reviews/claims/decide', { ids: [c.body.id], decision: 'approve' })).status).toBe(409);
    expect(await statusOf(c.body.id)).toBe('withdrawn');
  });

  it("after a decision → 409 该申报已被审核，不能撤回 (HR approval, the unit's 驳回), nothing changed", async () => {
    const approved = await upload(person, { learningForm: 'faceToFace', title: '撤回测试三' });
    await emp.post('/api/reviews/personal-claims/decide', { ids: [approved.body.id], decision: 'approve' });
    expect((await county.post('/api/reviews/claims/decide', { ids: [approved.body.id], decision: 'approve' })).status).toBe(200);
    const hours = (await person.get(`/api/me/hours?year=${year}`)).body.totalHours;
    const late = await person.post(`/api/me/claims/${approved.body.id}/withdraw`, {});
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('该申报已被审核，不能撤回');
    expect(await statusOf(approved.body.id)).toBe('approved');
    expect((await person.get(`/api/me/hours?year=${year}`)).body.totalHours).toBe(hours);

    const rejected = await upload(person, { learningForm: 'faceToFace', title: '撤回测试四' });
    await emp.post('/api/reviews/personal-claims/decide', { ids: [rejected.body.id], decision: 'reject', reason: '材料不清晰' });
    const r = await person.post(`/api/me/claims/${rejected.body.id}/withdraw`, {});
    expect(r.status).toBe(409);
    expect(r.body.message).toBe('该申报已被审核，不能撤回');
    expect(await statusOf(rejected.body.id)).toBe('rejected');
  });

  it("someone else's claim → 404 (nothing changed); an admin seat → 404; a class claim of the person → 404; bad id → 400", async () => {
    const c = await upload(person, { learningForm: 'faceToFace', title: '撤回测试五' });
    expect((await otherPerson.post(`/api/me/claims/${c.body.id}/withdraw`, {})).status).toBe(404);
    expect((await emp.post(`/api/me/claims/${c.body.id}/withdraw`, {})).status).toBe(404);
    expect(await statusOf(c.body.id)).toBe('pendingEmployer');
    const [baseClaim] = await ctx.db.select({ id: claims.id }).from(claims).where(eq(claims.source, 'base')).limit(1);
    if (baseClaim) expect((await person.post(`/api/me/claims/${baseClaim.id}/withdraw`, {})).status).toBe(404);
    for (const bad of ['abc', '0', '-1', '99999999999']) {
      const r = await person.post(`/api/me/claims/${bad}/withdraw`, {});
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await person.post('/api/me/claims/2147483000/withdraw', {})).status).toBe(404);
  });

  it('a withdrawn claim counts nowhere in 查询统计 (like a deletion); the pending ones do', async () => {
    const withdrawn = await ctx.db.select({ id: claims.id }).from(claims).where(eq(claims.status, 'withdrawn'));
    expect(withdrawn.length).toBeGreaterThan(0);
    const r = await county.get(`/api/stats/overview?year=${year}`);
    expect(r.status).toBe(200);
    const byStatus = r.body.claims.byStatus as { status: string; count: number }[];
    expect(byStatus.map((b) => b.status)).not.toContain('withdrawn');
    expect(byStatus.find((b) => b.status === 'pendingEmployer')?.count).toBeGreaterThan(0);
  });

  it('two withdraws at once: one wins, the other 409', async () => {
    const c = await upload(person, { learningForm: 'faceToFace', title: '撤回测试六' });
    const rs = await Promise.all([person.post(`/api/me/claims/${c.body.id}/withdraw`, {}), person.post(`/api/me/claims/${c.body.id}/withdraw`, {})]);
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await statusOf(c.body.id)).toBe('withdrawn');
    expect(
      (
        await ctx.db
          .select()
          .from(auditLogs)
          .where(and(eq(auditLogs.action, 'claim.withdraw'), eq(auditLogs.targetId, c.body.id)))
      ).length,
    ).toBe(1);
  });

  it("a withdraw racing the unit's decision: exactly one wins", async () => {
    const c = await upload(person, { learningForm: 'faceToFace', title: '撤回测试七' });
    const [w, d] = await Promise.all([
      person.post(`/api/me/claims/${c.body.id}/withdraw`, {}),
      emp.post('/api/reviews/personal-claims/decide', { ids: [c.body.id], decision: 'reject', reason: '重复' }),
    ]);
    expect([w.status, d.status].sort()).toEqual([200, 409]);
    expect(await statusOf(c.body.id)).toBe(w.status === 200 ? 'withdrawn' : 'rejected');
  });
});

/** A one-day approved class of the base with this learner's score: the registration's answer. */
async function scoreIn(name: string, day: string, idNumber: string, qualified = true) {
  const cls = await base.post('/api/classes', {
    year,
    name,
    subjectType: 'public',
    learningForm: 'faceToFace',
    hours: 8,
    startDate: day,
    endDate: day,
    place: '武汉',
    capacity: 50,
  });
  expect(cls.status).toBe(200);
  await ctx.db.update(trainingClasses).set({ status: 'approved' }).where(eq(trainingClasses.id, cls.body.id));
  const sc = await base.post(`/api/classes/${cls.body.id}/scores`, { idNumber, qualified, score: qualified ? '90' : '40' });
  expect(sc.status).toBe(200);
  return sc.body as { claimId: number; flagged: boolean; flagReasons: string[] };
}

describe('学习起止日期 and 重点审核 for overlapping study', () => {
  let classClaim: number;
  beforeAll(async () => {
    // a base's class (approved) with the person registered as a learner: a claim dated by the class
    const cls = await base.post('/api/classes', {
      year,
      name: '心理健康教育专题培训',
      subjectType: 'professional',
      learningForm: 'faceToFace',
      hours: 16,
      startDate: `${year}-03-10`,
      endDate: `${year}-03-12`,
      place: '武汉',
      capacity: 50,
    });
    expect(cls.status).toBe(200);
    await ctx.db.update(trainingClasses).set({ status: 'approved' }).where(eq(trainingClasses.id, cls.body.id));
    const sc = await base.post(`/api/classes/${cls.body.id}/scores`, { idNumber: personIdNumber, qualified: true, score: '90' });
    expect(sc.status).toBe(200);
    expect(sc.body.flagged).toBe(false);
    classClaim = sc.body.claimId;
    const [row] = await ctx.db.select().from(claims).where(eq(claims.id, classClaim));
    expect(row).toMatchObject({ activityStart: `${year}-03-10`, activityEnd: `${year}-03-12` });
  });

  it('a declaration overlapping the class is 重点审核, naming the class; the reviewers see the reason and the dates', async () => {
    const c = await upload(person, { learningForm: 'faceToFace', title: '重叠申报', activityStart: `${year}-03-12`, activityEnd: `${year}-03-14` });
    expect(c.status).toBe(200);
    const reason = `与「心理健康教育专题培训」（江岸区继续教育基地，${year}-03-10至${year}-03-12）学习时间重叠`;
    expect(c.body).toMatchObject({ flagged: true, flagReasons: [reason], activityStart: `${year}-03-12`, activityEnd: `${year}-03-14` });
    const unitRow = (await emp.get('/api/reviews/personal-claims')).body.items.find((i: { id: number }) => i.id === c.body.id);
    expect(unitRow).toMatchObject({ flagged: true, flagReasons: [reason], activityStart: `${year}-03-12`, activityEnd: `${year}-03-14` });
    await emp.post('/api/reviews/personal-claims/decide', { ids: [c.body.id], decision: 'approve' });
    const hrRow = (await county.get('/api/reviews/claims?source=personal&flagged=true')).body.items.find((i: { id: number }) => i.id === c.body.id);
    expect(hrRow).toMatchObject({ flagged: true, flagReasons: [reason], activityStart: `${year}-03-12`, activityEnd: `${year}-03-14` });
    const baseRow = (await county.get('/api/reviews/claims?source=base')).body.items.find((i: { id: number }) => i.id === classClaim);
    expect(baseRow).toMatchObject({ activityStart: `${year}-03-10`, activityEnd: `${year}-03-12`, flagged: false });
    expect((await mine(person)).find((x) => x.id === c.body.id)).toMatchObject({ activityStart: `${year}-03-12`, activityEnd: `${year}-03-14` });
  });

  it('no flag for non-overlapping dates, for the same provider (two own declarations), nor against a withdrawn claim', async () => {
    const apart = await upload(person, { learningForm: 'faceToFace', title: '不重叠', activityStart: `${year}-03-13`, activityEnd: `${year}-03-13` });
    // overlaps only the 重叠申报 above (also 个人申报: the same provider), not the class (ends 03-12)
    expect(apart.body).toMatchObject({ flagged: false, flagReasons: [] });
    const before = await upload(person, { learningForm: 'faceToFace', title: '之前', activityStart: `${year}-03-01`, activityEnd: `${year}-03-09` });
    expect(before.body.flagged).toBe(false);
    // a withdrawn claim is not live: a class over its dates later is not flagged for it
    const w = await upload(otherPerson, {
      learningForm: 'faceToFace',
      title: '将撤回',
      activityStart: `${year}-02-01`,
      activityEnd: `${year}-02-03`,
    });
    expect((await otherPerson.post(`/api/me/claims/${w.body.id}/withdraw`, {})).status).toBe(200);
    const sc = await scoreIn('二月培训', `${year}-02-02`, otherIdNumber);
    expect(sc).toMatchObject({ flagged: false, flagReasons: [] });
  });

  it('a class claim overlapping a live declaration of the person is flagged, naming the declaration', async () => {
    const own = await upload(otherPerson, {
      learningForm: 'faceToFace',
      title: '本人进修',
      activityStart: `${year}-04-01`,
      activityEnd: `${year}-04-05`,
    });
    expect(own.body.flagged).toBe(false);
    const sc = await scoreIn('四月培训班', `${year}-04-05`, otherIdNumber);
    expect(sc.flagReasons).toEqual([`与「本人进修」（个人申报，${year}-04-01至${year}-04-05）学习时间重叠`]);
    expect(sc.flagged).toBe(true);
    // an unqualified score claims no hours: not flagged
    expect((await scoreIn('四月培训班（补）', `${year}-04-03`, otherIdNumber, false)).flagged).toBe(false);
  });

  it('date validation: 400 naming the field, nothing written', async () => {
    const before = (await ctx.db.select().from(claims)).length;
    const cases: [Record<string, string>, string][] = [
      [{ activityEnd: `${year}-01-01`, activityStart: `${year}-01-05` }, '结束日期不能早于开始日期'],
      [{ activityStart: `${year - 1}-12-30`, activityEnd: `${year}-01-02` }, '学习起止日期应在申报年度内'],
      [{ activityStart: `${year}-02-30` }, '学习开始日期'],
      [{ activityStart: '' }, '学习开始日期'],
      [{ activityEnd: 'x\u0000' }, '学习结束日期'],
    ];
    for (const [over, msg] of cases) {
      const r = await upload(person, { learningForm: 'faceToFace', ...over });
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(r.body.message).toContain(msg);
    }
    const { activityStart: _s, activityEnd: _e, ...noDates } = decl({ learningForm: 'faceToFace' });
    const missing = await person.upload('/api/me/claims', noDates, { name: 'p.png', content: PNG });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('学习开始日期');
    const today = beijingDate();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (tomorrow.startsWith(`${year}-`)) {
      const future = await upload(person, { learningForm: 'faceToFace', activityStart: today, activityEnd: tomorrow });
      expect(future.status).toBe(400);
      expect(future.body.message).toBe('学习结束日期：不能晚于今天');
    }
    expect((await ctx.db.select().from(claims)).length).toBe(before);
  });
});
