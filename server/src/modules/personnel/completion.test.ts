/** The list's SQL 完成情况 filter says exactly what completion() says, on the edges and on random totals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { completion, type HourPolicy } from '@hbzsgx/domain';
import { personnel, personYearTotals } from '../../db/schema.js';
import { prng } from '../../db/seed/codes.js';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, newOrg, newPerson } from '../../../test/fixtures.js';
import { completedWhere } from './completion.js';

let ctx: TestCtx;
let orgId: number;
beforeAll(async () => {
  ctx = await createTestApp();
  orgId = (await newOrg(ctx, 'employer', (await hrOrg(ctx, '420102')).id)).id;
});
afterAll(async () => ctx?.close());

const YEAR = 2031;
const r1 = (n: number) => Math.round(n * 10) / 10;

async function check(policy: HourPolicy, totals: ({ publicHours: number; professionalHours: number } | null)[]) {
  const ids: number[] = [];
  for (const t of totals) {
    const p = await newPerson(ctx, orgId);
    ids.push(p.personnelId);
    if (t) await ctx.db.insert(personYearTotals).values({ personnelId: p.personnelId, year: YEAR, ...t });
  }
  const inSql = async (completed: boolean) =>
    new Set(
      (
        await ctx.db
          .select({ id: personnel.id })
          .from(personnel)
          .leftJoin(personYearTotals, and(eq(personYearTotals.personnelId, personnel.id), eq(personYearTotals.year, YEAR)))
          .where(and(inArray(personnel.id, ids), completedWhere(policy, completed, { id: personnel.id, year: YEAR })))
      ).map((r) => r.id),
    );
  const yes = await inSql(true);
  const no = await inSql(false);
  totals.forEach((t, i) => {
    const expected = completion(t ?? { publicHours: 0, professionalHours: 0 }, policy).completed;
    expect(yes.has(ids[i]!), `${JSON.stringify(t)} under ${JSON.stringify(policy)}`).toBe(expected);
    expect(no.has(ids[i]!), `${JSON.stringify(t)} (not)`).toBe(!expected);
  });
}

describe('completedWhere ≡ completion()', () => {
  it('agrees on the edges (exact minimums, 0.1 short, no totals row)', async () => {
    const policy: HourPolicy = { year: YEAR, totalRequired: 90, professionalMin: 60, publicMin: 30, closingDate: `${YEAR}-12-31` };
    await check(policy, [
      null,
      { publicHours: 0, professionalHours: 0 },
      { publicHours: 30, professionalHours: 60 },
      { publicHours: 29.9, professionalHours: 60.1 },
      { publicHours: 30, professionalHours: 59.9 },
      { publicHours: 90, professionalHours: 0 },
      { publicHours: 0, professionalHours: 90 },
      { publicHours: 30.1, professionalHours: 59.9 },
      { publicHours: 45.5, professionalHours: 60 },
      { publicHours: 0.1, professionalHours: 89.9 },
    ]);
  });

  it('agrees on random totals under random one-decimal policies', async () => {
    const rnd = prng(20260501);
    for (let k = 0; k < 3; k++) {
      const pub = r1(rnd() * 40),
        pro = r1(rnd() * 80);
      const policy: HourPolicy = {
        year: YEAR,
        totalRequired: r1(pub + pro + rnd() * 20),
        publicMin: pub,
        professionalMin: pro,
        closingDate: `${YEAR}-12-31`,
      };
      const near = (m: number) => Math.max(0, r1(m + (Math.floor(rnd() * 7) - 3) * 0.1 + (rnd() < 0.3 ? rnd() * 30 : 0)));
      await check(
        policy,
        Array.from({ length: 25 }, () => (rnd() < 0.1 ? null : { publicHours: near(pub), professionalHours: near(pro) })),
      );
    }
  });
});
