/**
 * 我的工作台 (GET /api/me/overview): this year's progress judged by the year's policy, the gap as a sentence, the
 * deadline, own claims waiting, the latest decisions with their reasons, the past years — the person's own only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { beijingYear } from '@hbzsgx/domain';
import { claims, hourPolicies } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { transitionClaims } from '../ledger/service.js';

let ctx: TestCtx;
let me: Awaited<ReturnType<typeof newPerson>>, other: Awaited<ReturnType<typeof newPerson>>;
let empId: number, person: Client, admin: Client;
const year = beijingYear();

async function claim(personnelId: number, y: number, subjectType: 'public' | 'professional', hours: number, title: string) {
  const [c] = await ctx.db
    .insert(claims)
    .values({
      personnelId,
      year: y,
      source: 'employer',
      declaringOrgId: empId,
      title,
      subjectType,
      learningForm: 'faceToFace',
      hours,
      status: 'pending',
    })
    .returning({ id: claims.id });
  return c!.id;
}
const decide = (ids: number[], to: 'approved' | 'rejected' | 'revoked' | 'deleted', reason?: string) =>
  ctx.db.transaction((tx) => transitionClaims(tx, { ids, to, actorUserId: me.userId, reason }));

/** The year's policy as given (the seed has one for recent years; recognition rules refer to it, so it is updated). */
async function policy(y: number, p: { totalRequired: number; publicMin: number; professionalMin: number; closingDate: string }) {
  const [had] = await ctx.db.select().from(hourPolicies).where(eq(hourPolicies.year, y));
  if (had) await ctx.db.update(hourPolicies).set(p).where(eq(hourPolicies.year, y));
  else await ctx.db.insert(hourPolicies).values({ year: y, ...p });
}

beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  empId = (await newOrg(ctx, 'employer', ja.id, '工作台测试中学')).id;
  me = await newPerson(ctx, empId);
  other = await newPerson(ctx, empId);
  person = await loggedIn(ctx, me, 'personnel');
  admin = await loggedIn(ctx, await newAdmin(ctx, empId, { isSuper: true }), 'employer');
  await policy(year, { totalRequired: 90, publicMin: 30, professionalMin: 60, closingDate: `${year}-12-31` });
  await policy(year - 1, { totalRequired: 20, publicMin: 10, professionalMin: 10, closingDate: `${year - 1}-12-31` });
});
afterAll(async () => ctx?.close());

describe('我的工作台', () => {
  it('shows this year against the policy with the gap and deadline, waiting claims, decisions with reasons, and past years', async () => {
    const pub = await claim(me.personnelId, year, 'public', 30, '公需科目网络学习');
    const pro = await claim(me.personnelId, year, 'professional', 38, '课堂教学能力提升研修');
    const rej = await claim(me.personnelId, year, 'professional', 12, '校本研修');
    const del = await claim(me.personnelId, year, 'professional', 6, '重复的申报');
    await claim(me.personnelId, year, 'professional', 8, '待审核的培训');
    const last = [
      await claim(me.personnelId, year - 1, 'public', 10, '去年公需'),
      await claim(me.personnelId, year - 1, 'professional', 10, '去年专业'),
    ];
    await decide([pub, pro, ...last], 'approved');
    await decide([rej], 'rejected', '签到记录缺失');
    await decide([del], 'deleted', '与另一条申报重复');
    // someone else's hours are nobody's business here
    await decide([await claim(other.personnelId, year, 'professional', 60, '他人的培训')], 'approved');

    const r = await person.get('/api/me/overview');
    expect(r.status).toBe(200);
    const o = r.body;
    expect(o.year).toBe(year);
    expect(o.current).toMatchObject({
      totalRequired: 90,
      publicHours: 30,
      professionalHours: 38,
      totalHours: 68,
      completed: false,
      missing: { total: 22, public: 0, professional: 22 },
      gap: '还差 22 专业学时',
      closingDate: `${year}-12-31`,
    });
    expect(o.current.daysLeft).toBeGreaterThanOrEqual(0);
    expect(o.current.daysLeft).toBeLessThanOrEqual(366);
    expect(o.waiting).toEqual({ pendingEmployer: 0, pending: 1 });
    const byTitle = Object.fromEntries(o.recent.map((x: { title: string }) => [x.title, x]));
    expect(byTitle['校本研修']).toMatchObject({ statusName: '已驳回', reason: '签到记录缺失' });
    expect(byTitle['重复的申报']).toMatchObject({ statusName: '已删除', reason: '与另一条申报重复' });
    expect(o.recent.length).toBeLessThanOrEqual(5);
    expect(JSON.stringify(o)).not.toContain('他人的培训');
    expect(o.years[0]).toEqual({ year: year - 1, publicHours: 10, professionalHours: 10, totalHours: 20, completed: true });

    // complete: no gap left
    await decide([await claim(me.personnelId, year, 'professional', 22, '补足专业学时')], 'approved');
    const done = (await person.get('/api/me/overview')).body;
    expect(done.current).toMatchObject({ completed: true, gap: '', missing: { total: 0, public: 0, professional: 0 } });
  });

  it('a year without a policy is shown with its hours, not judged; an admin seat has no personal 工作台; signed out is 401', async () => {
    const old = year - 3; // the reference data has policies for this year and last year only
    expect(await ctx.db.select().from(hourPolicies).where(eq(hourPolicies.year, old))).toEqual([]);
    await decide([await claim(me.personnelId, old, 'professional', 16, '三年前的培训')], 'approved');
    const r = await person.get('/api/me/overview');
    expect(r.status).toBe(200);
    const y = r.body.years.find((x: { year: number }) => x.year === old);
    expect(y).toEqual({ year: old, publicHours: 0, professionalHours: 16, totalHours: 16, completed: null });
    const a = await admin.get('/api/me/overview');
    expect(a.status).toBe(400);
    expect(a.body.message).toContain('专业技术人员');
    const anon = await ctx.app.inject({ method: 'GET', url: '/api/me/overview' });
    expect(anon.statusCode).toBe(401);
  });
});
