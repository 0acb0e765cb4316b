/**
 * 查询统计's counters (stat_org_personnel, stat_org_ledger, stat_org_claims; schema.ts) are kept by the triggers of
 * migration 0009_stat_counters. This file holds their slow truth: the same sums recounted from personnel,
 * person_year_totals, claims and hour_policies. counterDrift() lists every counter that differs from the recount
 * (tests assert it is empty after each kind of change); rebuildCounters() replaces them with the recount (repair).
 * Each organisation's roll-up rows have title_series (and title_level) '*'.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';

interface CounterTable {
  table: string;
  keys: string[];
  values: string[];
  recount: string;
}

const TABLES: CounterTable[] = [
  {
    table: 'stat_org_personnel',
    keys: ['title_series', 'org_id', 'title_level'],
    values: ['persons'],
    recount: `SELECT coalesce(coalesce(title_series, ''), '*') AS title_series, org_id, coalesce(coalesce(title_level, ''), '*') AS title_level,
        count(*)::int AS persons
      FROM personnel WHERE status = 'active'
      GROUP BY GROUPING SETS ((coalesce(title_series, ''), org_id, coalesce(title_level, '')), (org_id))`,
  },
  {
    table: 'stat_org_ledger',
    keys: ['year', 'title_series', 'org_id'],
    values: ['persons', 'completed', 'public_hours', 'professional_hours'],
    recount: `SELECT t.year, coalesce(coalesce(p.title_series, ''), '*') AS title_series, p.org_id, count(*)::int AS persons,
        (count(*) FILTER (WHERE hours_completed(t.public_hours, t.professional_hours, hp.total_required, hp.public_min, hp.professional_min)))::int AS completed,
        sum(t.public_hours) AS public_hours, sum(t.professional_hours) AS professional_hours
      FROM person_year_totals t JOIN personnel p ON p.id = t.personnel_id AND p.status = 'active'
      LEFT JOIN hour_policies hp ON hp.year = t.year
      GROUP BY GROUPING SETS ((t.year, coalesce(p.title_series, ''), p.org_id), (t.year, p.org_id))`,
  },
  {
    table: 'stat_org_claims',
    keys: ['year', 'org_id', 'status', 'learning_form'],
    values: ['claims', 'hours'],
    recount: `SELECT c.year, p.org_id, c.status, c.learning_form, count(*)::int AS claims, sum(c.hours) AS hours
      FROM claims c JOIN personnel p ON p.id = c.personnel_id GROUP BY 1, 2, 3, 4`,
  },
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
      FROM ${t.table} s FULL JOIN (${t.recount}) e ON ${on} WHERE ${differs} ORDER BY 1 LIMIT 20`),
    );
    for (const r of rows) out.push(`${t.table} ${r.key}: ${r.stored} ≠ ${r.expected}`);
  }
  return out;
}

/** Replaces every counter by its recount, with the counters locked against concurrent changes (repair, benches). */
export async function rebuildCounters(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const t of TABLES) {
      await tx.execute(sql.raw(`LOCK TABLE ${t.table} IN SHARE ROW EXCLUSIVE MODE`));
      await tx.execute(sql.raw(`DELETE FROM ${t.table}`));
      await tx.execute(sql.raw(`INSERT INTO ${t.table} (${[...t.keys, ...t.values].join(', ')}) ${t.recount}`));
    }
  });
}
