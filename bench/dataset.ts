/**
 * The benchmarks' shared data set: a scratch database (PGlite in a temporary directory by default;
 * DATABASE_URL=postgres://… creates and drops a database named hbzsgx_bench_<pid>, so two benches can run at once) filled with the real Hubei tree,
 * one base and 20 employers per county, N personnel (title series and levels spread over the dictionary)
 * and M claims over three years, with person-year totals built from the approved ones.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { and, eq, sql } from 'drizzle-orm';
import { TITLE_SERIES } from '@hbzsgx/domain';
import { loadConfig } from '../server/src/config.js';
import type { AppDeps } from '../server/src/deps.js';
import { onConnectionError, openDatabase, openPostgres, type Database } from '../server/src/db/client.js';
import { organizations } from '../server/src/db/schema.js';
import { seedReference } from '../server/src/db/seed/reference.js';
import { insertOrg } from '../server/src/db/seed/factory.js';
import { createPii, type Pii } from '../server/src/lib/pii.js';
import { captchaService } from '../server/src/modules/auth/captcha.js';
import type { Actor } from '../server/src/plugins/access.js';

export const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
export const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const YEAR = new Date().getFullYear();

export async function openBenchDatabase(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    admin.on('error', onConnectionError('bench admin client'));
    await admin.connect();
    const name = `hbzsgx_bench_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = openPostgres(u.toString(), 4);
    const keep = process.argv.includes('--keep'); // leave the data set for EXPLAIN ANALYZE
    return {
      database,
      cleanup: async () => {
        await database.close();
        if (keep) console.log(`kept database ${name}`);
        else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbzsgx-bench-'));
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    cleanup: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What services are given, for calling them directly: `serviceContext(benchDeps(database), actor)` (server/src/context.ts). */
export function benchDeps(database: Database, pii: Pii = createPii(crypto.randomBytes(32))): AppDeps {
  const config = loadConfig({ CAPTCHA: 'off', SEED_DEMO: 'off', LOG_LEVEL: 'silent' });
  return { config, database, pii, captcha: captchaService(database.db, config) };
}

type OrgRow = typeof organizations.$inferSelect;

export interface Dataset {
  province: OrgRow;
  counties: OrgRow[];
  bases: number[];
  employers: number[];
  minP: number;
  maxP: number;
  generateSeconds: number;
  /** An actor (super admin) of an HR department, for calling services directly. */
  actorOf(o: OrgRow): Actor;
}

export async function generateDataset(database: Database, opts: { personnel: number; claims: number }): Promise<Dataset> {
  const db = database.db;
  const t = process.hrtime.bigint();
  await database.migrate();
  await seedReference(db);
  const counties = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.type, 'hr'), eq(organizations.hrLevel, 'county')));
  const bases: number[] = [];
  const employers: number[] = [];
  for (const c of counties) {
    bases.push((await insertOrg(db, { type: 'base', name: `${c.name}继续教育基地`, parentId: c.id, divisionCode: c.divisionCode })).id);
    for (let i = 0; i < 20; i++)
      employers.push((await insertOrg(db, { type: 'employer', name: `${c.name}单位${i}`, parentId: c.id, divisionCode: c.divisionCode })).id);
  }
  const empArr = `{${employers.join(',')}}`;
  const baseArr = `{${bases.join(',')}}`;
  const seriesArr = `{${TITLE_SERIES.map((s) => s.code).join(',')}}`;
  await db.execute(
    sql.raw(`
    INSERT INTO users (id_type, id_number_enc, id_number_hash, id_number_masked, name, password_hash, must_change_password)
    SELECT 'resident', 'bench', md5('u' || g), '4201**********' || lpad((g % 10000)::text, 4, '0'), '人员' || g, NULL, true
    FROM generate_series(1, ${opts.personnel}) g`),
  );
  await db.execute(
    sql.raw(`
    INSERT INTO personnel (user_id, org_id, title_series, title_level, status)
    SELECT u.id, ('${empArr}'::int[])[1 + (u.id % ${employers.length})], ('${seriesArr}'::text[])[1 + (u.id % ${TITLE_SERIES.length})],
           (ARRAY['senior','viceSenior','intermediate','intermediate','assistant','assistant'])[1 + ((u.id / 7) % 6)], 'active'
    FROM users u WHERE u.id_number_enc = 'bench'`),
  );
  const [{ minP, maxP }] = (await db.select({ minP: sql<number>`min(id)::int`, maxP: sql<number>`max(id)::int` }).from(sql`personnel`)) as [
    { minP: number; maxP: number },
  ];
  await db.execute(
    sql.raw(`
    INSERT INTO claims (personnel_id, year, source, declaring_org_id, title, subject_type, learning_form, hours, status, flagged)
    SELECT ${minP} + (g % ${maxP - minP + 1}), ${YEAR} - (g % 3), 'base', ('${baseArr}'::int[])[1 + (g % ${bases.length})],
           '培训班' || (g % 5000), CASE WHEN (g / 3) % 3 = 0 THEN 'public' ELSE 'professional' END, 'faceToFace', 8,
           CASE WHEN (g / 7) % 5 = 0 THEN 'pending' ELSE 'approved' END, (g / 11) % 50 = 0
    FROM generate_series(1, ${opts.claims}) g`),
  );
  await db.execute(
    sql.raw(`
    INSERT INTO person_year_totals (personnel_id, year, public_hours, professional_hours)
    SELECT personnel_id, year, coalesce(sum(hours) FILTER (WHERE subject_type = 'public'), 0), coalesce(sum(hours) FILTER (WHERE subject_type = 'professional'), 0)
    FROM claims WHERE status = 'approved' GROUP BY personnel_id, year`),
  );
  // steady state: autovacuum has set the visibility map, so index-only scans apply
  await db.execute(sql.raw('VACUUM ANALYZE'));
  const [province] = await db.select().from(organizations).where(eq(organizations.hrLevel, 'province'));
  return {
    province: province!,
    counties,
    bases,
    employers,
    minP,
    maxP,
    generateSeconds: Math.round(ms(t) / 100) / 10,
    actorOf: (o) => ({
      sessionId: 'bench',
      userId: 1,
      name: 'bench',
      kind: 'admin',
      loginType: 'hr',
      org: { id: o.id, type: 'hr', hrLevel: o.hrLevel as 'province', path: o.path, name: o.name },
      adminId: null,
      personnelId: null,
      isSuper: true,
      permissions: new Set(),
      mustChangePassword: false,
      registration: 'active',
    }),
  };
}
