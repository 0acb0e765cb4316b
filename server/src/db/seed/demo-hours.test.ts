/** The demo hours: consistent ledger, the journeys' people untouched, figures worth a chart, and quick to seed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { claims, organizations, personnel, personYearTotals, trainingClasses, users } from '../schema.js';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { seedDemo } from './demo.js';
import { queryRows } from '../client.js';
import { beijingDate } from '@hbzsgx/domain';

let ctx: TestCtx;
let seedMs = 0;
beforeAll(async () => {
  ctx = await createTestApp();
  const t = Date.now();
  await seedDemo(ctx.db, ctx.pii, { password: 'Demo@2026init', personnelCount: 400 });
  seedMs = Date.now() - t;
}, 120_000);
afterAll(async () => ctx?.close());

const YEAR = new Date().getFullYear();

describe('demo hours', () => {
  it('approved classes of both demo bases for last year and this year; claims for most people', async () => {
    const cls = await ctx.db.select({ year: trainingClasses.year, status: trainingClasses.status }).from(trainingClasses);
    expect(cls.length).toBe(2 * 2 * 14 + 2 * 4); // + 培训报名's upcoming classes (demo-enrolment.ts)
    expect(new Set(cls.map((c) => c.status))).toEqual(new Set(['approved']));
    const [withHours] = await ctx.db.select({ n: sql<number>`count(distinct ${claims.personnelId})::int` }).from(claims);
    const [active] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(personnel)
      .where(eq(personnel.status, 'active'));
    expect(withHours!.n / active!.n).toBeGreaterThan(0.8);
    expect(seedMs).toBeLessThan(30_000);
  });

  it('person_year_totals equal the approved claims, person by person (built through the ledger)', async () => {
    const approved = ctx.db
      .select({
        pid: claims.personnelId,
        year: claims.year,
        pub: sql<number>`sum(${claims.hours}) filter (where ${claims.subjectType} = 'public')`.as('pub'),
        pro: sql<number>`sum(${claims.hours}) filter (where ${claims.subjectType} = 'professional')`.as('pro'),
      })
      .from(claims)
      .where(eq(claims.status, 'approved'))
      .groupBy(claims.personnelId, claims.year)
      .as('a');
    const [diff] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(personYearTotals)
      .fullJoin(approved, and(eq(approved.pid, personYearTotals.personnelId), eq(approved.year, personYearTotals.year)))
      .where(
        sql`coalesce(${approved.pub}, 0) <> coalesce(${personYearTotals.publicHours}, 0) or coalesce(${approved.pro}, 0) <> coalesce(${personYearTotals.professionalHours}, 0)`,
      );
    expect(diff!.n).toBe(0);
    const [rows] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(personYearTotals);
    expect(rows!.n).toBeGreaterThan(500);
  });

  it('leaves the demo teacher without hours and 武汉 without waiting claims (the journeys assert both)', async () => {
    const [teacher] = await ctx.db
      .select({ id: personnel.id })
      .from(personnel)
      .innerJoin(users, eq(users.id, personnel.userId))
      .where(eq(users.name, '张雨萱'))
      .limit(1);
    expect(await ctx.db.select().from(claims).where(eq(claims.personnelId, teacher!.id))).toEqual([]);
    const [wuhan] = await ctx.db
      .select()
      .from(organizations)
      .where(and(eq(organizations.type, 'hr'), eq(organizations.divisionCode, '420100')));
    const pendingIn = (path: string) =>
      ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(claims)
        .innerJoin(organizations, eq(organizations.id, claims.declaringOrgId))
        .where(and(eq(claims.status, 'pending'), like(organizations.path, `${path}%`)));
    expect((await pendingIn(wuhan!.path))[0]!.n).toBe(0);
    expect((await pendingIn('/'))[0]!.n).toBeGreaterThan(0);
  });

  it('some people complete and some not, in both years (the charts have something to show)', async () => {
    for (const year of [YEAR - 1, YEAR]) {
      const [r] = await ctx.db
        .select({
          due: sql<number>`count(*)::int`,
          done: sql<number>`(count(*) filter (where ${personYearTotals.publicHours} >= 30 and ${personYearTotals.professionalHours} >= 60))::int`,
        })
        .from(personnel)
        .leftJoin(personYearTotals, and(eq(personYearTotals.personnelId, personnel.id), eq(personYearTotals.year, year)))
        .where(eq(personnel.status, 'active'));
      expect(r!.done / r!.due, String(year)).toBeGreaterThan(0.2);
      expect(r!.done / r!.due, String(year)).toBeLessThan(0.9);
    }
  });
});

describe('demo 培训报名', () => {
  it('upcoming classes of each base, one nearly full whose counter equals its enrolments', async () => {
    const list = await queryRows<{ capacity: number; enrolled_count: number; live: number }>(
      ctx.db,
      sql`
      select c.name, c.capacity, c.enrolled_count, c.start_date,
             (select count(*)::int from class_enrolments e where e.class_id = c.id and e.status = 'enrolled') as live
      from training_classes c where c.start_date > ${beijingDate()}`,
    );
    expect(list).toHaveLength(2 * 4);
    for (const r of list) expect(r.enrolled_count).toBe(r.live);
    const nearlyFull = list.filter((r) => r.capacity === 3);
    expect(nearlyFull.map((r) => r.enrolled_count)).toEqual([2, 2]);
  });
});
