/**
 * person_year_totals' copy of its person and its year's policy (db/repeatable/year-totals.sql) stays true, property
 * style: after any sequence of 调转 (a person's organisation changes, to another county or city too), 更换上级部门
 * (a unit moves to another county), a registration state change, a policy inserted / changed / deleted and totals
 * written or changed, every row's copy equals what its person and its policy give (yearTotalsDrift, which judges
 * 已完成 with the domain's completion(), not with the SQL rule the trigger uses).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { hourPolicies, personnel, personYearTotals } from './schema.js';
import { yearTotalsDrift } from './year-totals.js';
import { createTestApp, type TestCtx } from '../../test/harness.js';
import { hrOrg, newOrg, newPerson } from '../../test/fixtures.js';
import { moveOrganization } from '../modules/change-review/service.js';

let ctx: TestCtx;
const hr: number[] = []; // three counties (two cities)
const units: number[] = [];
const people: number[] = [];
const YEARS = [2041, 2042];
beforeAll(async () => {
  ctx = await createTestApp();
  for (const code of ['420102', '420106', '420502']) hr.push((await hrOrg(ctx, code)).id);
  for (let i = 0; i < 3; i++) units.push((await newOrg(ctx, 'employer', hr[i]!)).id);
  for (let i = 0; i < 6; i++) people.push((await newPerson(ctx, units[i % 3]!)).personnelId);
});
afterAll(async () => ctx?.close());

const hours = fc.integer({ min: 0, max: 120 }).map((n) => n / 2);

describe('person_year_totals copy', () => {
  it('property: after any 调转, 更换上级部门, status change, policy change and totals change, every copy is true', async () => {
    const transfer = fc.record({ kind: fc.constant('transfer' as const), person: fc.nat(), to: fc.nat() });
    const move = fc.record({ kind: fc.constant('move' as const), unit: fc.nat(), to: fc.nat() });
    const status = fc.record({ kind: fc.constant('status' as const), person: fc.nat(), active: fc.boolean() });
    const policy = fc.record({
      kind: fc.constant('policy' as const),
      year: fc.constantFrom(...YEARS),
      drop: fc.boolean(),
      pub: hours,
      pro: hours,
      extra: hours,
    });
    const totals = fc.record({ kind: fc.constant('totals' as const), person: fc.nat(), year: fc.constantFrom(...YEARS), pub: hours, pro: hours });
    const op = fc.oneof(transfer, move, status, policy, totals);
    const seen = { yes: 0, no: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'transfer') {
            await ctx.db
              .update(personnel)
              .set({ orgId: units[o.to % units.length]! })
              .where(eq(personnel.id, people[o.person % people.length]!));
          } else if (o.kind === 'move') {
            await ctx.db.transaction((tx) => moveOrganization(tx, units[o.unit % units.length]!, hr[o.to % hr.length]!, new Date()));
          } else if (o.kind === 'status') {
            await ctx.db
              .update(personnel)
              .set({ status: o.active ? 'active' : 'pending' })
              .where(eq(personnel.id, people[o.person % people.length]!));
          } else if (o.kind === 'policy') {
            if (o.drop) await ctx.db.delete(hourPolicies).where(eq(hourPolicies.year, o.year));
            else
              await ctx.db
                .insert(hourPolicies)
                .values({
                  year: o.year,
                  publicMin: o.pub,
                  professionalMin: o.pro,
                  totalRequired: o.pub + o.pro + o.extra,
                  closingDate: `${o.year}-12-31`,
                })
                .onConflictDoUpdate({
                  target: hourPolicies.year,
                  set: { publicMin: o.pub, professionalMin: o.pro, totalRequired: o.pub + o.pro + o.extra },
                });
          } else {
            await ctx.db
              .insert(personYearTotals)
              .values({ personnelId: people[o.person % people.length]!, year: o.year, publicHours: o.pub, professionalHours: o.pro })
              .onConflictDoUpdate({
                target: [personYearTotals.personnelId, personYearTotals.year],
                set: { publicHours: o.pub, professionalHours: o.pro },
              });
          }
        }
        expect(await yearTotalsDrift(ctx.db)).toEqual([]);
        // what the run left judged (at its end the years may have no policy: then nothing is, rightly)
        const [judged] = await ctx.db
          .select({
            yes: sql<number>`count(*) FILTER (WHERE ${personYearTotals.completed})::int`,
            no: sql<number>`count(*) FILTER (WHERE NOT ${personYearTotals.completed})::int`,
          })
          .from(personYearTotals);
        seen.yes += judged!.yes;
        seen.no += judged!.no;
      }),
      { numRuns: 25 },
    );
    // the sequences did exercise the judgement (some run ended with judged rows)
    expect(seen.yes + seen.no).toBeGreaterThan(0);
  }, 180_000);

  it('a value written by hand is overwritten by the rule', async () => {
    const [t] = await ctx.db.select().from(personYearTotals).limit(1);
    expect(t).toBeDefined();
    await ctx.db
      .update(personYearTotals)
      .set({ completed: !t!.completed, cityHrId: 999999, personActive: !t!.personActive, orgId: units[0]! === t!.orgId ? units[1]! : units[0]! })
      .where(and(eq(personYearTotals.personnelId, t!.personnelId), eq(personYearTotals.year, t!.year)));
    expect(await yearTotalsDrift(ctx.db)).toEqual([]);
  });

  it('yearTotalsDrift sees a copy that is wrong (the check can fail)', async () => {
    const [t] = await ctx.db.select().from(personYearTotals).limit(1);
    await ctx.db.execute('ALTER TABLE person_year_totals DISABLE TRIGGER person_year_totals_set_copy');
    try {
      await ctx.db
        .update(personYearTotals)
        .set({ countyHrId: 999999, completed: t!.completed === null ? true : !t!.completed })
        .where(and(eq(personYearTotals.personnelId, t!.personnelId), eq(personYearTotals.year, t!.year)));
      const drift = await yearTotalsDrift(ctx.db);
      expect(drift.map((d) => d.field).sort()).toEqual(['completed', 'county_hr_id']);
    } finally {
      await ctx.db.execute('ALTER TABLE person_year_totals ENABLE TRIGGER person_year_totals_set_copy');
    }
    await ctx.db.execute(sql`SELECT backfill_year_totals()`);
    expect(await yearTotalsDrift(ctx.db)).toEqual([]);
  });
});
