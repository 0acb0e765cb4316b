/**
 * 学时提醒: on each reminder date of the year's policy the not yet complete get one message and each employer admin
 * one summary; the complete, the pending and removed admins get none; the same date run again (or on a day without
 * its own date) sends nothing more; the next date sends again. On PostgreSQL, two schedulers over two pools (two
 * processes) running the job at the same moment: one message each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { fromBeijing } from '@hbzsgx/domain';
import { openPostgres, queryRows, type Database } from '../../db/client.js';
import { admins, claims, hourPolicies, messages, personnel } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { Scheduler } from '../../lib/scheduler.js';
import { transitionClaims } from '../ledger/service.js';
import { runReminders } from './reminders.js';

const YEAR = 2031; // a year of its own: its policy and hours are this file's
const at = (date: string) => fromBeijing(`${date} 09:00`);

let ctx: TestCtx;
let empId: number, otherEmpId: number;
let done: Awaited<ReturnType<typeof newPerson>>, partial: Awaited<ReturnType<typeof newPerson>>, none: Awaited<ReturnType<typeof newPerson>>;
let pending: Awaited<ReturnType<typeof newPerson>>, elsewhere: Awaited<ReturnType<typeof newPerson>>;
let admin: Awaited<ReturnType<typeof newAdmin>>, removed: Awaited<ReturnType<typeof newAdmin>>;

async function approved(personnelId: number, subjectType: 'public' | 'professional', hours: number) {
  const [c] = await ctx.db
    .insert(claims)
    .values({
      personnelId,
      year: YEAR,
      source: 'employer',
      declaringOrgId: empId,
      title: '提醒测试',
      subjectType,
      learningForm: 'faceToFace',
      hours,
      status: 'pending',
    })
    .returning({ id: claims.id });
  await ctx.db.transaction((tx) => transitionClaims(tx, { ids: [c!.id], to: 'approved', actorUserId: done.userId }));
}
const remindersOf = (userId: number) =>
  ctx.db
    .select()
    .from(messages)
    .where(and(eq(messages.userId, userId), eq(messages.kind, 'reminder')))
    .orderBy(messages.id);

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .insert(hourPolicies)
    .values({ year: YEAR, totalRequired: 90, publicMin: 30, professionalMin: 60, closingDate: `${YEAR}-12-31`, reminderDays: [30, 7] });
  const ja = await hrOrg(ctx, '420102');
  empId = (await newOrg(ctx, 'employer', ja.id, '提醒测试中学')).id;
  otherEmpId = (await newOrg(ctx, 'employer', ja.id, '提醒测试医院')).id;
  done = await newPerson(ctx, empId);
  partial = await newPerson(ctx, empId);
  none = await newPerson(ctx, empId);
  pending = await newPerson(ctx, empId);
  elsewhere = await newPerson(ctx, otherEmpId);
  await ctx.db.update(personnel).set({ status: 'pending' }).where(eq(personnel.id, pending.personnelId));
  admin = await newAdmin(ctx, empId, { isSuper: true });
  removed = await newAdmin(ctx, empId);
  await ctx.db.update(admins).set({ removedAt: new Date() }).where(eq(admins.id, removed.adminId));
  await approved(done.personnelId, 'public', 30);
  await approved(done.personnelId, 'professional', 60);
  await approved(partial.personnelId, 'public', 10.5);
});
afterAll(async () => ctx?.close());

describe('学时提醒', () => {
  it('nothing before the first reminder date', async () => {
    expect(await runReminders(ctx.db, at(`${YEAR}-11-30`))).toEqual({ date: null, people: 0, unitAdmins: 0 });
    expect(await remindersOf(partial.userId)).toHaveLength(0);
  });

  it('on a reminder date: one message per person not complete, one summary per employer admin; repeated: nothing more', async () => {
    const first = await runReminders(ctx.db, at(`${YEAR}-12-01`));
    expect(first.date).toBe(`${YEAR}-12-01`);
    // every active incomplete person of the database (this file's, plus any the reference seed holds)
    const [{ n }] = (await queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from personnel p left join person_year_totals t on t.personnel_id = p.id and t.year = ${YEAR}
          where p.status = 'active' and t.completed is not true`,
    )) as [{ n: number }];
    expect(first.people).toBe(n);
    expect(n).toBeGreaterThanOrEqual(3);

    const [m] = await remindersOf(partial.userId);
    expect(m).toMatchObject({
      adminId: null,
      title: `学时提醒：您${YEAR}年度的继续教育学时尚未完成`,
      body: '已认定 公需 10.5 / 30、专业 0 / 60、合计 10.5 / 90 学时，请于12月31日前完成。',
      link: '/dashboard',
    });
    expect((await remindersOf(none.userId))[0]!.body).toBe('已认定 公需 0 / 30、专业 0 / 60、合计 0 / 90 学时，请于12月31日前完成。');
    expect(await remindersOf(done.userId)).toHaveLength(0);
    expect(await remindersOf(pending.userId)).toHaveLength(0);

    const summary = await remindersOf(admin.userId);
    expect(summary.map((s) => [s.adminId, s.title, s.link])).toEqual([
      [admin.adminId, `学时提醒：本单位尚有 2 人未完成${YEAR}年度继续教育学时`, '/personnel'],
    ]);
    expect(await remindersOf(removed.userId)).toHaveLength(0);

    // the same date again, and a later day whose latest reminder date is still 12-01
    expect(await runReminders(ctx.db, at(`${YEAR}-12-01`))).toEqual({ date: `${YEAR}-12-01`, people: 0, unitAdmins: 0 });
    expect(await runReminders(ctx.db, at(`${YEAR}-12-10`))).toEqual({ date: `${YEAR}-12-01`, people: 0, unitAdmins: 0 });
    expect(await remindersOf(partial.userId)).toHaveLength(1);
  });

  it('the next reminder date sends again, to those still not complete; after the closing date nothing', async () => {
    await approved(partial.personnelId, 'public', 19.5);
    await approved(partial.personnelId, 'professional', 60);
    const second = await runReminders(ctx.db, at(`${YEAR}-12-24`));
    expect(second.date).toBe(`${YEAR}-12-24`);
    expect(await remindersOf(partial.userId)).toHaveLength(1); // complete now: no second reminder
    expect(await remindersOf(none.userId)).toHaveLength(2);
    expect((await remindersOf(admin.userId)).at(-1)!.title).toBe(`学时提醒：本单位尚有 1 人未完成${YEAR}年度继续教育学时`);
    expect(await remindersOf(elsewhere.userId)).toHaveLength(2);
    expect((await runReminders(ctx.db, at(`${YEAR + 1}-01-01`))).date).toBeNull();
  });

  describe.skipIf(!process.env.DATABASE_URL)('two processes (PostgreSQL)', () => {
    let other: Database;
    beforeAll(async () => {
      await ctx.db
        .update(hourPolicies)
        .set({ reminderDays: [30, 7, 1] })
        .where(eq(hourPolicies.year, YEAR));
      const [{ name }] = (await queryRows<{ name: string }>(ctx.db, sql`select current_database() as name`)) as [{ name: string }];
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${name}`;
      other = openPostgres(u.toString(), 3);
    });
    afterAll(async () => other?.close());

    it('both schedulers running the reminders at the same moment send one message each', async () => {
      const job = {
        name: 'reminders',
        everyMs: 24 * 3600_000,
        run: async (tx: typeof ctx.db, now: Date) => JSON.stringify(await runReminders(tx, now)),
      };
      const a = new Scheduler(ctx.db, { statementTimeoutMs: 0 }).add(job);
      const b = new Scheduler(other.db, { statementTimeoutMs: 0 }).add(job);
      const now = at(`${YEAR}-12-30`);
      const results = await Promise.all([a.runDue(now), b.runDue(now)]);
      // exactly one ran it: the other either found the slot locked (busy) or, coming a moment later, already done (settled)
      const states = results.map((r) => r.reminders).sort();
      expect(states.filter((s) => s === 'ran')).toHaveLength(1);
      expect(['busy', 'settled']).toContain(states.find((s) => s !== 'ran'));
      // and run again by hand from the other pool (as a retry would): still one each
      expect((await runReminders(other.db, now)).people).toBe(0);
      expect(await remindersOf(none.userId)).toHaveLength(3);
      expect((await remindersOf(admin.userId)).filter((m) => m.dedupeKey === `reminder:${YEAR}:${YEAR}-12-30`)).toHaveLength(1);
    });
  });
});
