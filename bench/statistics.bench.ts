/**
 * 查询统计 benchmark: on the shared data set (bench/dataset.ts), measures the province HR's
 *   1. 继教完成情况 by region (the 17 cities; the target: < 300 ms on PostgreSQL at 200k personnel / 2M claims),
 *   2. 继教完成情况 by employer (first page, sorted by rate) and by 职称系列,
 *   3. 职称系列分布 (series × level),
 *   4. 继教综合统计 (personnel, organisations, classes, claims by status, hours by subject and form, rows per city),
 * and a city's completion by region for comparison. Each is the service call the route makes (median of runs). At the
 * end every counter is compared with its recount (counterDrift): the run fails if they differ.
 * Usage: npx tsx bench/statistics.bench.ts [--personnel 200000] [--claims 2000000] [--runs 7]
 *        (PGlite in a temporary directory by default; DATABASE_URL=postgres://… for PostgreSQL.)
 */
import { eq, sql } from 'drizzle-orm';
import { serviceContext } from '../server/src/context.js';
import { organizations, personYearTotals } from '../server/src/db/schema.js';
import { counterDrift } from '../server/src/modules/statistics/counters.js';
import { completionStats, overviewStats, titleStats, type CompletionQuery } from '../server/src/modules/statistics/service.js';
import { arg, benchDeps, generateDataset, median, ms, openBenchDatabase, YEAR } from './dataset.js';

const PERSONNEL = arg('personnel', 200_000);
const CLAIMS = arg('claims', 2_000_000);
const RUNS = arg('runs', 7);

async function time(f: () => Promise<unknown>): Promise<number> {
  await f(); // warm-up (plans, caches)
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await f();
    xs.push(ms(t));
  }
  return Math.round(median(xs) * 10) / 10;
}

async function main() {
  const { database, cleanup } = await openBenchDatabase();
  const db = database.db;
  try {
    const ds = await generateDataset(database, { personnel: PERSONNEL, claims: CLAIMS });
    // The shared data set's totals are its approved claims' (~2.3 claims a person-year: few complete the 90 学时).
    // Lift 60% of the person-years by 90 学时 so that the completion figures are realistic (the statistics read only
    // the totals, kept by the counters' triggers; the claims are left as they are, so totals ≠ claims here — a
    // measurement set, not a ledger).
    await db
      .update(personYearTotals)
      .set({ publicHours: sql`${personYearTotals.publicHours} + 30`, professionalHours: sql`${personYearTotals.professionalHours} + 60` })
      .where(sql`${personYearTotals.personnelId} % 10 < 6`);
    await db.execute(sql.raw('VACUUM ANALYZE person_year_totals'));
    const deps = benchDeps(database, ds.pii);
    const province = serviceContext(deps, ds.actorOf(ds.province));
    const [wuhan] = await db.select().from(organizations).where(eq(organizations.divisionCode, '420100'));
    const city = serviceContext(deps, ds.actorOf(wuhan!));
    const q = (groupBy: CompletionQuery['groupBy'], sort: CompletionQuery['sort'] = 'total'): CompletionQuery => ({
      year: YEAR,
      groupBy,
      page: 1,
      pageSize: 20,
      sort,
      order: 'desc',
    });

    const sample = await completionStats(province, q('region'));
    const result = {
      db: database.kind,
      personnel: PERSONNEL,
      claims: CLAIMS,
      generateSeconds: ds.generateSeconds,
      provinceCompletion: `${sample.summary.completed}/${sample.summary.total} (${sample.summary.rate}%)`,
      completionByRegionMs: await time(() => completionStats(province, q('region'))),
      completionByEmployerMs: await time(() => completionStats(province, q('employer', 'rate'))),
      completionBySeriesMs: await time(() => completionStats(province, q('series'))),
      titleDistributionMs: await time(() => titleStats(province, {})),
      overviewMs: await time(() => overviewStats(province, { year: YEAR })),
      cityCompletionByRegionMs: await time(() => completionStats(city, q('region'))),
    };
    // the counters the figures came from agree with their recount from the data (the bulk load's recount, then the
    // triggers through the lift above)
    const drift = await counterDrift(db);
    if (drift.length) throw new Error(`statistics counters differ from their recount:\n${drift.join('\n')}`);
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
