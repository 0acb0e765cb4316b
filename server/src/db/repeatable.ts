/**
 * Repeatable SQL: the database objects that are code, not data (the counters' trigger functions, triggers and
 * recount, db/repeatable/counters.sql), kept in one file each instead of a new migration per change. Every start
 * calls applyRepeatable() right after the migrations (db/client.ts migrate(), so main.ts, the test image and the
 * bench get it alike): in one transaction, a file whose SHA-256 differs from the one recorded in repeatable_sql is
 * run (each statement idempotent: CREATE OR REPLACE) followed by its afterChange statement (the counters' recount),
 * and the new hash recorded. An unchanged file costs one SELECT; nothing is locked or recounted.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'repeatable');

export interface Repeatable {
  name: string;
  file: string;
  /** Run once after the file was (re)applied: what its new definitions need of the existing data. */
  afterChange: string;
}

export const REPEATABLE: Repeatable[] = [
  { name: 'counters', file: 'counters.sql', afterChange: 'SELECT recount_stat_counters()' },
  { name: 'regions', file: 'regions.sql', afterChange: 'SELECT backfill_hr_regions()' },
  { name: 'year-totals', file: 'year-totals.sql', afterChange: 'SELECT backfill_year_totals()' },
  { name: 'plan-claims', file: 'plan-claims.sql', afterChange: 'SELECT recount_plan_claims()' },
  // the actor cache's invalidation triggers; new definitions: every running process drops its cached actors
  { name: 'actor-cache', file: 'actor-cache.sql', afterChange: "SELECT pg_notify('actor_cache', '*')" },
];

/** The file's text (read from server/src/db/repeatable). */
export function repeatableText(r: Repeatable): string {
  return fs.readFileSync(path.join(folder, r.file), 'utf8');
}

/** The file's statements, split at its `--> statement-breakpoint` lines (as in the migrations). */
export function repeatableStatements(r: Repeatable): string[] {
  return repeatableText(r)
    .split(/^--> statement-breakpoint\s*$/m)
    .filter((s) => s.replace(/^\s*--.*$/gm, '').trim() !== '');
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** Applies every repeatable file that changed since it was last applied (one transaction); answers their names. */
export async function applyRepeatable(db: PgDatabase<PgQueryResultHKT, typeof schema>): Promise<string[]> {
  return db.transaction(async (tx) => {
    const applied: string[] = [];
    for (const r of REPEATABLE) {
      const hash = sha256(repeatableText(r));
      const res = (await tx.execute(sql`SELECT sha256 FROM repeatable_sql WHERE name = ${r.name} FOR UPDATE`)) as unknown as {
        rows: { sha256: string }[];
      };
      if (res.rows[0]?.sha256 === hash) continue;
      for (const s of repeatableStatements(r)) await tx.execute(sql.raw(s));
      await tx.execute(sql.raw(r.afterChange));
      await tx.execute(sql`INSERT INTO repeatable_sql (name, sha256, applied_at) VALUES (${r.name}, ${hash}, now())
        ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, applied_at = excluded.applied_at`);
      applied.push(r.name);
    }
    return applied;
  });
}
