/**
 * Hours ledger benchmark: generates the shared data set (bench/dataset.ts), then measures
 *   1. batch approval of 1,000 claims with the person-year totals updated (transitionClaims),
 *   2. the 学时审核 page as it opens (继续教育机构学时审核, 待审核, page 1 of 20, with its total) for the province, a city
 *      (武汉) and a county (江岸): the queue definition's own list call (claimQueue.list, what GET /api/reviews/claims
 *      runs) on the route's parsed query,
 *   3. a person's yearly view (personYear: totals + completion).
 * Usage: npx tsx bench/hours.bench.ts [--personnel 200000] [--claims 2000000] [--keep] [--reuse <db> (approves 5,000 of its claims)]
 *        (PGlite in a temporary directory by default; DATABASE_URL=postgres://… for PostgreSQL — a scratch
 *         database named hbzsgx_bench_<pid> is created and dropped there). Targets (PostgreSQL): 1 < 1 s, 2 < 100 ms, 3 < 20 ms.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { pageQuery } from '@hbzsgx/domain';
import { serviceContext } from '../server/src/context.js';
import { claims } from '../server/src/db/schema.js';
import { personYear, transitionClaims } from '../server/src/modules/ledger/service.js';
import { claimQueue } from '../server/src/modules/claim-review/queue.js';
import { arg, benchDeps, generateDataset, loadDataset, median, ms, openBenchDatabase, YEAR } from './dataset.js';

const PERSONNEL = arg('personnel', 200_000);
const CLAIMS = arg('claims', 2_000_000);

async function main() {
  const { database, cleanup, reused } = await openBenchDatabase();
  const db = database.db;
  try {
    const ds = reused ? await loadDataset(database) : await generateDataset(database, { personnel: PERSONNEL, claims: CLAIMS });
    const deps = benchDeps(database, ds.pii);
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
    // 2. the 学时审核 page as it opens: GET /api/reviews/claims?source=base&tab=pending&page=1&pageSize=20
    const query = pageQuery.extend(claimQueue.filters.shape).parse({ source: 'base', tab: 'pending', page: 1, pageSize: 20 }) as Parameters<
      typeof claimQueue.list
    >[2];
    const page = async (o: typeof ds.province) => {
      const ctx = serviceContext(deps, ds.actorOf(o));
      await claimQueue.list(ctx, undefined as never, query); // warm-up
      const xs: number[] = [];
      for (let i = 0; i < 10; i++) {
        t = process.hrtime.bigint();
        await claimQueue.list(ctx, undefined as never, query);
        xs.push(ms(t));
      }
      return median(xs);
    };
    const queueProvince = await page(ds.province);
    const queueCity = await page(ds.cities.find((c) => c.divisionCode === '420100') ?? ds.cities[0]!);
    const queueCounty = await page(ds.counties.find((c) => c.divisionCode === '420102') ?? ds.counties[0]!);
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
      queuePageCityMs: Math.round(queueCity * 10) / 10,
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
