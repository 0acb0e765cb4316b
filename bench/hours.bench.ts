/**
 * Hours ledger benchmark: generates a realistic data set, then measures
 *   1. batch approval of 1,000 claims with the person-year totals updated (transitionClaims),
 *   2. one page of the 学时审核 queue with filters (listClaims, 20 per page, with the total count),
 *   3. a person's yearly view (personYear: totals + completion).
 * Usage: npx tsx bench/hours.bench.ts [--personnel 200000] [--claims 2000000]
 *        (PGlite in a temporary directory by default; DATABASE_URL=postgres://… for PostgreSQL — a scratch
 *         database named hbzsgx_bench is created and dropped there). Targets (PostgreSQL): 1 < 1 s, 2 < 100 ms, 3 < 20 ms.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { claims } from '../server/src/db/schema.js';
import { personYear, transitionClaims } from '../server/src/modules/ledger/service.js';
import { listClaims } from '../server/src/modules/claim-review/service.js';
import { arg, generateDataset, median, ms, openBenchDatabase, YEAR } from './dataset.js';

const PERSONNEL = arg('personnel', 200_000);
const CLAIMS = arg('claims', 2_000_000);

async function main() {
  const { database, cleanup } = await openBenchDatabase();
  const db = database.db;
  try {
    const ds = await generateDataset(database, { personnel: PERSONNEL, claims: CLAIMS });
    const { minP, maxP } = ds;
    let t: bigint;

    // 1. batch approval of 1,000 pending claims (5 rounds, fresh claims each)
    const approve: number[] = [];
    for (let round = 0; round < 5; round++) {
      const ids = (
        await db
          .select({ id: claims.id })
          .from(claims)
          .where(and(eq(claims.status, 'pending'), eq(claims.year, YEAR)))
          .limit(1000)
      ).map((r) => r.id);
      t = process.hrtime.bigint();
      await db.transaction((tx) => transitionClaims(tx, { ids, to: 'approved', actorUserId: 1 }));
      approve.push(ms(t));
    }
    // 2. one filtered queue page (province-wide and one county)
    const page = async (o: typeof ds.province) => {
      const xs: number[] = [];
      for (let i = 0; i < 10; i++) {
        t = process.hrtime.bigint();
        await listClaims(db, ds.actorOf(o), {
          tab: 'pending',
          source: 'base',
          year: YEAR,
          subjectType: 'professional',
          flagged: 'true',
          page: 1 + (i % 3),
          pageSize: 20,
        });
        xs.push(ms(t));
      }
      return median(xs);
    };
    const queueProvince = await page(ds.province);
    const queueCounty = await page(ds.counties[0]!);
    // 3. a person's yearly view
    const view: number[] = [];
    for (let i = 0; i < 50; i++) {
      const pid = minP + Math.floor(Math.random() * (maxP - minP));
      t = process.hrtime.bigint();
      await personYear(db, pid, YEAR);
      await db
        .select()
        .from(claims)
        .where(and(eq(claims.personnelId, pid), eq(claims.year, YEAR), inArray(claims.status, ['pending', 'approved', 'rejected', 'revoked'])));
      view.push(ms(t));
    }
    const result = {
      db: database.kind,
      personnel: PERSONNEL,
      claims: CLAIMS,
      generateSeconds: ds.generateSeconds,
      batchApprove1000Ms: Math.round(median(approve)),
      queuePageProvinceMs: Math.round(queueProvince * 10) / 10,
      queuePageCountyMs: Math.round(queueCounty * 10) / 10,
      personYearMs: Math.round(median(view) * 10) / 10,
    };
    console.table(result);
    console.log(JSON.stringify(result));
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
