/**
 * EXPLAIN (ANALYZE, BUFFERS) of the 学时审核 page's own statements (count and page) on a kept bench database, for a
 * province, a city and a county HR actor: `DATABASE_URL=postgres://…/hbzsgx_bench_<pid> npx tsx bench/explain-claims.ts`
 * (keep the data set with `hours.bench.ts --keep`). Prints each plan's top line and execution time; `--full` prints
 * the county's first-page plans whole. Measured at 200k/2M (PostgreSQL 15, this machine): the page's exact count
 * takes 125–210 ms for the province, 武汉 and 江岸 alike (all 395,000 pending base claims are read, then joined to
 * the 22 organisations of the county), page 500 up to 165 ms; page 1's rows 0.4–7 ms.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import * as schema from '../server/src/db/schema.js';
import type { Db } from '../server/src/db/client.js';
import { listClaims } from '../server/src/modules/claim-review/service.js';
import type { Actor } from '../server/src/plugins/access.js';
import { PERMISSION_CODES } from '@hbzsgx/domain';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const seen: { sql: string; params: unknown[] }[] = [];
const db = drizzle(pool, { schema, logger: { logQuery: (sql, params) => seen.push({ sql, params }) } }) as unknown as Db;
const hr = (level: string, division?: string) =>
  db
    .select()
    .from(schema.organizations)
    .where(
      and(
        eq(schema.organizations.type, 'hr'),
        eq(schema.organizations.hrLevel, level as 'city'),
        division ? eq(schema.organizations.divisionCode, division) : undefined,
      ),
    )
    .limit(1);
for (const [label, level, division] of [
  ['province', 'province', undefined],
  ['city (武汉)', 'city', '420100'],
  ['county (江岸)', 'county', '420102'],
] as const) {
  const [o] = await hr(level, division);
  if (!o) continue;
  const actor = {
    sessionId: 'x',
    userId: 1,
    name: 'x',
    kind: 'admin',
    loginType: 'hr',
    org: { id: o.id, type: o.type, hrLevel: o.hrLevel, path: o.path, name: o.name },
    adminId: 1,
    personnelId: null,
    isSuper: true,
    permissions: new Set(PERMISSION_CODES),
    mustChangePassword: false,
    registration: 'active',
  } as unknown as Actor;
  for (const page of [1, 500]) {
    seen.length = 0;
    const t = Date.now();
    await listClaims(db, actor, { tab: 'pending', source: 'base', page, pageSize: 20 });
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
