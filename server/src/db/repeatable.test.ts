/**
 * db/repeatable/counters.sql is the one source of the counters' functions and triggers: after the migrations and
 * the repeatable file, the database holds exactly what the file defines (pg_get_functiondef / pg_get_triggerdef),
 * no migration after 0009 (which created the first versions; history) defines them again, and the file is applied
 * once per change: an unchanged file is skipped (no lock, no recount), a changed one is applied and recounts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './client.js';
import { applyRepeatable, REPEATABLE, repeatableStatements } from './repeatable.js';
import { counterDrift } from '../modules/statistics/counters.js';
import { openTestDatabase } from '../../test/harness.js';

const counters = REPEATABLE.find((r) => r.name === 'counters')!;
const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** A statement of the file without its leading comment lines and final semicolon. */
const bare = (s: string) =>
  s
    .trim()
    .replace(/^(--.*\n\s*)+/, '')
    .replace(/;$/, '');
const statements = repeatableStatements(counters).map(bare);
const fileFunctions = new Map(statements.flatMap((s) => [...s.matchAll(/^CREATE OR REPLACE FUNCTION (\w+)\(/g)].map((m) => [m[1]!, s] as const)));
const fileTriggers = new Map(statements.flatMap((s) => [...s.matchAll(/^CREATE OR REPLACE TRIGGER (\w+) /g)].map((m) => [m[1]!, s] as const)));

/** A function definition as header (whitespace collapsed, unqualified) and body (exact). */
function splitDef(def: string): { header: string; body: string } {
  const m = /^([\s\S]*?)\bAS (\$\w*\$)([\s\S]*)\2\s*$/.exec(def.trim());
  if (!m) throw new Error(`not a function definition: ${def.slice(0, 80)}`);
  return {
    header: m[1]!
      .replace(/\bpublic\./g, '')
      .replace(/\s+/g, ' ')
      .trim(),
    body: m[3]!,
  };
}

/** The names of counter functions or triggers that a migration's SQL creates, replaces, alters or drops. */
function definedIn(migrationSql: string, names: string[]): string[] {
  return names.filter((n) =>
    new RegExp(`\\b(CREATE|DROP|ALTER)\\s+(OR\\s+REPLACE\\s+)?(FUNCTION|TRIGGER)\\s+(IF\\s+EXISTS\\s+)?("?public"?\\.)?"?${n}"?\\b`, 'i').test(
      migrationSql,
    ),
  );
}

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

describe('db/repeatable/counters.sql is the one source of the counters', () => {
  it('defines every counter trigger function, the recounts, and the triggers on the four base tables', () => {
    expect([...fileFunctions.keys()].sort()).toEqual(
      [
        'recount_stat_counters',
        'stat_claims_trg',
        'stat_delta_source',
        'stat_org_claims_recount',
        'stat_org_ledger_recount',
        'stat_org_personnel_recount',
        'stat_personnel_trg',
        'stat_policy_trg',
        'stat_totals_trg',
      ].sort(),
    );
    expect(fileTriggers.size).toBe(12); // insert, update and delete on claims, person_year_totals, personnel and hour_policies
    expect(fileTriggers.has('stat_policy_del')).toBe(true);
  });

  it('the database holds exactly the functions the file defines (pg_get_functiondef), and none beside them', async () => {
    const live = await queryRows<{ name: string; def: string }>(
      database.db,
      sql`SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p
          WHERE p.pronamespace = 'public'::regnamespace AND (p.proname LIKE 'stat\_%' OR p.proname LIKE '%stat\_counters%')`,
    );
    expect(live.map((r) => r.name).sort()).toEqual([...fileFunctions.keys()].sort());
    for (const r of live) expect(splitDef(r.def), r.name).toEqual(splitDef(fileFunctions.get(r.name)!));
  });

  it('the database holds exactly the triggers the file defines (pg_get_triggerdef), and none beside them', async () => {
    const live = await queryRows<{ name: string; def: string }>(
      database.db,
      sql`SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t
          WHERE NOT t.tgisinternal AND (t.tgname LIKE 'stat\_%' OR t.tgfoid IN (SELECT oid FROM pg_proc WHERE proname LIKE 'stat\_%'))`,
    );
    expect(live.map((r) => r.name).sort()).toEqual([...fileTriggers.keys()].sort());
    for (const r of live)
      expect(r.def.replace(/\bpublic\./g, ''), r.name).toBe(fileTriggers.get(r.name)!.replace('CREATE OR REPLACE TRIGGER', 'CREATE TRIGGER'));
  });

  it('no migration after 0009 creates, replaces or drops a counter function or trigger (the repeatable file does)', () => {
    const names = [...fileFunctions.keys(), ...fileTriggers.keys()];
    // the check finds a copy (the one in 0009, and a planted one)
    expect(definedIn(fs.readFileSync(path.join(migrationsFolder, '0009_stat_counters.sql'), 'utf8'), names)).toContain('stat_policy_trg');
    expect(definedIn('create or replace function public.stat_totals_trg() returns trigger', names)).toEqual(['stat_totals_trg']);
    expect(definedIn('DROP TRIGGER IF EXISTS "stat_claims_ins" ON claims', names)).toEqual(['stat_claims_ins']);
    const later = fs
      .readdirSync(migrationsFolder)
      .filter((f) => f.endsWith('.sql') && f > '0009_stat_counters.sql')
      .sort();
    expect(later.length).toBeGreaterThan(0);
    for (const f of later) expect(definedIn(fs.readFileSync(path.join(migrationsFolder, f), 'utf8'), names), f).toEqual([]);
  });

  it('is applied once per change: an unchanged file is skipped (nothing recounted); a changed one is applied and recounts', async () => {
    const db = database.db;
    // a wrong counter and a missing trigger, as if someone had edited the database by hand
    await db.execute(
      sql`INSERT INTO stat_org_claims (org_id, year, status, learning_form, claims, hours) VALUES (1, 2001, 'approved', 'online', 3, 9)`,
    );
    await db.execute(sql`DROP TRIGGER stat_policy_del ON hour_policies`);
    expect(await applyRepeatable(db)).toEqual([]);
    expect((await counterDrift(db)).join('\n')).toMatch(/stat_org_claims 2001/);
    // the file changed (its recorded hash differs): applied again in one go, triggers restored, counters recounted
    await db.execute(sql`UPDATE repeatable_sql SET sha256 = 'older' WHERE name = 'counters'`);
    expect(await applyRepeatable(db)).toEqual(['counters']);
    expect(await counterDrift(db)).toEqual([]);
    const [t] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'stat_policy_del'`);
    expect(t!.n).toBe(1);
    expect(await applyRepeatable(db)).toEqual([]);
  });

  it('a statement that fails leaves nothing of the file applied and the old hash recorded (one transaction)', async () => {
    const db = database.db;
    await db.execute(sql`UPDATE repeatable_sql SET sha256 = 'older' WHERE name = 'counters'`);
    await db.execute(sql`DROP TRIGGER stat_policy_del ON hour_policies`);
    await db.execute(sql`ALTER TABLE stat_org_ledger RENAME TO stat_org_ledger_away`); // the ledger recount's CREATE fails
    await expect(applyRepeatable(db)).rejects.toThrow();
    await db.execute(sql`ALTER TABLE stat_org_ledger_away RENAME TO stat_org_ledger`);
    const [t] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'stat_policy_del'`);
    expect(t!.n).toBe(0);
    const [h] = await queryRows<{ sha256: string }>(db, sql`SELECT sha256 FROM repeatable_sql WHERE name = 'counters'`);
    expect(h!.sha256).toBe('older');
    expect(await applyRepeatable(db)).toEqual(['counters']);
    const [t2] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'stat_policy_del'`);
    expect(t2!.n).toBe(1);
  });
});
