/**
 * The statistics' SQL completion rule must say what the domain's completion() says, for every person-year:
 * edge cases through the real LEFT JOIN on person_year_totals (incl. no totals row = 0 hours), and random totals and
 * policies evaluated in one query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { completion, type HourPolicy } from '@hbzsgx/domain';
import { personnel, personYearTotals } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, newOrg, newPerson } from '../../../test/fixtures.js';
import { completedSql } from './completion-sql.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const policy = (totalRequired: number, professionalMin: number, publicMin: number): HourPolicy => ({
  year: 2024,
  totalRequired,
  professionalMin,
  publicMin,
  closingDate: '2024-12-31',
});
const P90 = policy(90, 60, 30);

describe('completedSql() = completion()', () => {
  it('edge cases through person_year_totals (exactly at the minimums, public short, professional short, no totals row)', async () => {
    const org = await newOrg(ctx, 'employer', (await hrOrg(ctx, '420102')).id);
    // [public, professional] or null for "no totals row"; the expectation written out, then also checked against completion()
    const cases: { t: [number, number] | null; done: boolean; why: string }[] = [
      { t: [30, 60], done: true, why: 'exactly at every minimum' },
      { t: [30, 60.1], done: true, why: 'just over' },
      { t: [29.9, 60.1], done: false, why: 'total 90 but 公需 short by 0.1' },
      { t: [30, 59.9], done: false, why: '专业 and total short by 0.1' },
      { t: [45, 59.9], done: false, why: 'total met, 专业 short' },
      { t: [0, 90], done: false, why: 'total met, no 公需' },
      { t: [90, 0], done: false, why: 'total met, no 专业' },
      { t: [0, 0], done: false, why: 'a totals row of zeros' },
      { t: null, done: false, why: 'no totals row = 0 hours' },
      { t: [0.1, 0.2], done: false, why: 'decimals' },
    ];
    const ids: number[] = [];
    for (const c of cases) {
      const p = await newPerson(ctx, org.id);
      ids.push(p.personnelId);
      if (c.t)
        await ctx.db.insert(personYearTotals).values({ personnelId: p.personnelId, year: 2024, publicHours: c.t[0], professionalHours: c.t[1] });
      // another year's hours never count for 2024
      await ctx.db.insert(personYearTotals).values({ personnelId: p.personnelId, year: 2023, publicHours: 100, professionalHours: 100 });
    }
    const check = async (pol: HourPolicy) => {
      const rows = await ctx.db
        .select({ id: personnel.id, done: completedSql(pol) })
        .from(personnel)
        .leftJoin(personYearTotals, and(eq(personYearTotals.personnelId, personnel.id), eq(personYearTotals.year, 2024)))
        .where(inArray(personnel.id, ids))
        .orderBy(asc(personnel.id));
      return rows.map((r) => r.done);
    };
    const got = await check(P90);
    expect(got).toEqual(cases.map((c) => c.done));
    expect(got).toEqual(cases.map((c) => completion({ publicHours: c.t?.[0] ?? 0, professionalHours: c.t?.[1] ?? 0 }, P90).completed));
    // a total above the sum of the minimums: 30 + 50 meets both minimums but not 90
    const P90b = policy(90, 50, 30);
    expect(await check(P90b)).toEqual(cases.map((c) => completion({ publicHours: c.t?.[0] ?? 0, professionalHours: c.t?.[1] ?? 0 }, P90b).completed));
    // a year that requires nothing: everyone is complete, also without a totals row
    expect(await check(policy(0, 0, 0))).toEqual(cases.map(() => true));
  });

  it('property: random totals (one decimal, as the ledger stores them) and random policies agree, often at the boundaries', async () => {
    const tenth = (max: number) => fc.integer({ min: 0, max: max * 10 }).map((n) => n / 10);
    const r1 = (n: number) => Math.max(0, Math.round(n * 10) / 10);
    // null: a random value; otherwise a step of -0.1 / 0 / +0.1 from the boundary (the minimum, or what the total leaves)
    const snap = fc.constantFrom(null, -0.1, 0, 0.1);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ total: fc.integer({ min: 0, max: 120 }), pro: fc.integer({ min: 0, max: 80 }), pub: fc.integer({ min: 0, max: 40 }) }),
        fc.array(fc.record({ a: tenth(80), b: tenth(120), da: snap, db: snap, toTotal: fc.boolean() }), { minLength: 1, maxLength: 60 }),
        async (p, raw) => {
          const pol = policy(p.total, p.pro, p.pub);
          const totals = raw.map((x) => {
            const a = x.da == null ? x.a : r1(p.pub + x.da);
            const b = x.db == null ? x.b : r1((x.toTotal ? p.total - a : p.pro) + x.db);
            return [a, b] as const;
          });
          const values = sql.join(
            totals.map(([a, b], i) => sql`(${sql.raw(String(i))}, ${sql.raw(String(a))}::numeric(7,1), ${sql.raw(String(b))}::numeric(7,1))`),
            sql`, `,
          );
          const rows = await ctx.db
            .select({ i: sql<number>`v.i`, done: completedSql(pol, { publicHours: sql`v.pub`, professionalHours: sql`v.pro` }) })
            .from(sql`(values ${values}) as v(i, pub, pro)`)
            .orderBy(sql`v.i`);
          expect(rows.map((r) => r.done)).toEqual(totals.map(([a, b]) => completion({ publicHours: a, professionalHours: b }, pol).completed));
        },
      ),
      { numRuns: 60 },
    );
  });
});
