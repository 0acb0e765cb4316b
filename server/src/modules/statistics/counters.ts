/**
 * 查询统计's counters (stat_org_personnel, stat_org_ledger, stat_org_claims; schema.ts) are kept by the triggers of
 * db/repeatable/counters.sql. Their slow truth is defined in that same file: <table>_recount() recounts each table
 * from personnel, person_year_totals, claims and hour_policies, and recount_stat_counters() replaces all three with
 * it. This file only compares and calls them: counterDrift() lists every counter that differs from the recount
 * (tests assert it is empty after each kind of change); rebuildCounters() replaces them with the recount (repair).
 * Each organisation's roll-up rows have title_series (and title_level) '*'.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

/** Each counter table's key and value columns (the counting itself is the SQL function `${table}_recount()`). */
const TABLES: { table: string; keys: string[]; values: string[] }[] = [
  { table: 'stat_org_personnel', keys: ['title_series', 'org_id', 'title_level'], values: ['persons'] },
  { table: 'stat_org_ledger', keys: ['year', 'title_series', 'org_id'], values: ['persons', 'completed', 'public_hours', 'professional_hours'] },
  { table: 'stat_org_claims', keys: ['year', 'org_id', 'status', 'learning_form'], values: ['claims', 'hours'] },
];

/** Every counter that differs from the recount, as "table key: stored ≠ recounted" (empty when all are true). */
export async function counterDrift(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const t of TABLES) {
    const on = t.keys.map((k) => `s.${k} = e.${k}`).join(' AND ');
    const differs = t.values.map((v) => `coalesce(s.${v}, 0) <> coalesce(e.${v}, 0)`).join(' OR ');
    const key = t.keys.map((k) => `coalesce(s.${k}::text, e.${k}::text)`).join(` || '/' || `);
    const stored = t.values.map((v) => `coalesce(s.${v}, 0)::text`).join(` || ',' || `);
    const expected = t.values.map((v) => `coalesce(e.${v}, 0)::text`).join(` || ',' || `);
    const rows = await queryRows<{ key: string; stored: string; expected: string }>(
      db,
      sql.raw(`SELECT ${key} AS key, ${stored} AS stored, ${expected} AS expected
      FROM ${t.table} s FULL JOIN ${t.table}_recount() e ON ${on} WHERE ${differs} ORDER BY 1 LIMIT 20`),
    );
    for (const r of rows) out.push(`${t.table} ${r.key}: ${r.stored} ≠ ${r.expected}`);
  }
  return out;
}

/** Replaces every counter by its recount, with the counters locked against concurrent changes (repair, benches). */
export async function rebuildCounters(db: Db): Promise<void> {
  await db.execute(sql`SELECT recount_stat_counters()`);
}
