/**
 * EXPLAIN (ANALYZE, BUFFERS) of the 学时审核 page's own statements (count and page, captured from the queue
 * definition's list call, claimQueue.list, as GET /api/reviews/claims runs it) on a kept bench database, for the
 * province, a city (武汉) and a county (江岸) HR admin, pages 1 and 500:
 *   DATABASE_URL=postgres://…/hbzsgx_bench_<pid> npx tsx bench/explain-claims.ts [--full] [--source base|employer|personal] [--tab pending|done]
 * (keep a data set with `scale.bench.ts --keep` or `hours.bench.ts --keep`). Prints each plan's top line and
 * execution time; `--full` prints the county's first-page plans whole.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../server/src/db/schema.js';
import type { Database, Db } from '../server/src/db/client.js';
import { serviceContext } from '../server/src/context.js';
import { claimQueue } from '../server/src/modules/claim-review/queue.js';
import { argText, benchDeps, loadDataset } from './dataset.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const seen: { sql: string; params: unknown[] }[] = [];
const db = drizzle(pool, { schema, logger: { logQuery: (sql, params) => seen.push({ sql, params }) } }) as unknown as Db;
const database = { db, kind: 'postgres', probe: db, migrate: async () => undefined, close: () => pool.end() } as Database;
const ds = await loadDataset(database);
const deps = benchDeps(database, ds.pii);
const source = (argText('source') ?? 'base') as 'base';
const tab = (argText('tab') ?? 'pending') as 'pending';
for (const [label, o] of [
  ['province', ds.province],
  ['city (武汉)', ds.cities.find((c) => c.divisionCode === '420100') ?? ds.cities[0]!],
  ['county (江岸)', ds.counties.find((c) => c.divisionCode === '420102') ?? ds.counties[0]!],
] as const) {
  const ctx = serviceContext(deps, ds.actorOf(o));
  for (const page of [1, 500]) {
    seen.length = 0;
    const t = Date.now();
    await claimQueue.list(ctx, undefined as never, { tab, source, page, pageSize: 20 });
    const wall = Date.now() - t;
    for (const q of seen) {
      const r = await pool.query(`explain (analyze, buffers) ${q.sql}`, q.params);
      const lines = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']);
      console.log(`${label} page ${page} (${wall} ms wall): ${lines[0]}  |  ${lines.at(-1)}`);
      if (process.argv.includes('--full') && label.startsWith('county') && page === 1) console.log(lines.join('\n'));
    }
  }
}
await pool.end();
