/**
 * Hours ledger benchmark: generates a realistic data set, then measures
 *   1. batch approval of 1,000 claims with the person-year totals updated (transitionClaims),
 *   2. one page of the 学时审核 queue with filters (listClaims, 20 per page, with the total count),
 *   3. a person's yearly view (personYear: totals + completion).
 * Usage: npx tsx bench/hours.bench.ts [--personnel 200000] [--claims 2000000]
 *        (PGlite in a temporary directory by default; DATABASE_URL=postgres://… for PostgreSQL — a scratch
 *         database named hbzsgx_bench is created and dropped there). Targets (PostgreSQL): 1 < 1 s, 2 < 100 ms, 3 < 20 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { openDatabase, openPostgres, type Database } from '../server/src/db/client.js';
import { claims, organizations } from '../server/src/db/schema.js';
import { seedReference } from '../server/src/db/seed/reference.js';
import { insertOrg } from '../server/src/db/seed/factory.js';
import { personYear, transitionClaims } from '../server/src/modules/ledger/service.js';
import { listClaims } from '../server/src/modules/claim-review/service.js';
import type { Actor } from '../server/src/plugins/access.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PERSONNEL = arg('personnel', 200_000);
const CLAIMS = arg('claims', 2_000_000);
const YEAR = new Date().getFullYear();

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function open(): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS hbzsgx_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE hbzsgx_bench');
    const u = new URL(url);
    u.pathname = '/hbzsgx_bench';
    const database = openPostgres(u.toString(), 4);
    const keep = process.argv.includes('--keep'); // leave the data set for EXPLAIN ANALYZE
    return { database, cleanup: async () => { await database.close(); if (!keep) await admin.query('DROP DATABASE IF EXISTS hbzsgx_bench WITH (FORCE)'); await admin.end(); } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbzsgx-bench-'));
  const database = await openDatabase({ dataDir: dir });
  return { database, cleanup: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

async function main() {
  const { database, cleanup } = await open();
  const db = database.db;
  try {
    let t = process.hrtime.bigint();
    await database.migrate();
    await seedReference(db);
    const counties = await db.select().from(organizations).where(and(eq(organizations.type, 'hr'), eq(organizations.hrLevel, 'county')));
    // one base and 20 employers per county, spread over the province
    const bases: number[] = [];
    const employers: number[] = [];
    for (const c of counties) {
      bases.push((await insertOrg(db, { type: 'base', name: `${c.name}继续教育基地`, parentId: c.id, divisionCode: c.divisionCode })).id);
      for (let i = 0; i < 20; i++) employers.push((await insertOrg(db, { type: 'employer', name: `${c.name}单位${i}`, parentId: c.id, divisionCode: c.divisionCode })).id);
    }
    const empArr = `{${employers.join(',')}}`;
    const baseArr = `{${bases.join(',')}}`;
    await db.execute(sql.raw(`
      INSERT INTO users (id_type, id_number_enc, id_number_hash, id_number_masked, name, password_hash, must_change_password)
      SELECT 'resident', 'bench', md5('u' || g), '4201**********' || lpad((g % 10000)::text, 4, '0'), '人员' || g, NULL, true
      FROM generate_series(1, ${PERSONNEL}) g`));
    await db.execute(sql.raw(`
      INSERT INTO personnel (user_id, org_id, title_series, title_level, status)
      SELECT u.id, ('${empArr}'::int[])[1 + (u.id % ${employers.length})], 'ZXXJ', 'intermediate', 'active' FROM users u WHERE u.id_number_enc = 'bench'`));
    const [{ minP, maxP }] = (await db.select({ minP: sql<number>`min(id)::int`, maxP: sql<number>`max(id)::int` }).from(sql`personnel`)) as [{ minP: number; maxP: number }];
    await db.execute(sql.raw(`
      INSERT INTO claims (personnel_id, year, source, declaring_org_id, title, subject_type, learning_form, hours, status, flagged)
      SELECT ${minP} + (g % ${maxP - minP + 1}), ${YEAR} - (g % 3), 'base', ('${baseArr}'::int[])[1 + (g % ${bases.length})],
             '培训班' || (g % 5000), CASE WHEN (g / 3) % 3 = 0 THEN 'public' ELSE 'professional' END, 'faceToFace', 8,
             CASE WHEN (g / 7) % 5 = 0 THEN 'pending' ELSE 'approved' END, (g / 11) % 50 = 0
      FROM generate_series(1, ${CLAIMS}) g`));
    await db.execute(sql.raw(`
      INSERT INTO person_year_totals (personnel_id, year, public_hours, professional_hours)
      SELECT personnel_id, year, coalesce(sum(hours) FILTER (WHERE subject_type = 'public'), 0), coalesce(sum(hours) FILTER (WHERE subject_type = 'professional'), 0)
      FROM claims WHERE status = 'approved' GROUP BY personnel_id, year`));
    // steady state: autovacuum has set the visibility map, so index-only scans apply
    await db.execute(sql.raw('VACUUM ANALYZE'));
    const genMs = ms(t);

    const [prov] = await db.select().from(organizations).where(eq(organizations.hrLevel, 'province'));
    const county = counties[0]!;
    const actorOf = (o: typeof prov): Actor => ({
      sessionId: 'bench', userId: 1, name: 'bench', kind: 'admin', loginType: 'hr',
      org: { id: o!.id, type: 'hr', hrLevel: o!.hrLevel as 'province', path: o!.path, name: o!.name },
      adminId: null, personnelId: null, isSuper: true, permissions: new Set(), mustChangePassword: false, registration: 'active',
    });

    // 1. batch approval of 1,000 pending claims (5 rounds, fresh claims each)
    const approve: number[] = [];
    for (let round = 0; round < 5; round++) {
      const ids = (await db.select({ id: claims.id }).from(claims).where(and(eq(claims.status, 'pending'), eq(claims.year, YEAR))).limit(1000)).map((r) => r.id);
      t = process.hrtime.bigint();
      await db.transaction((tx) => transitionClaims(tx, { ids, to: 'approved', actorUserId: 1 }));
      approve.push(ms(t));
    }
    // 2. one filtered queue page (province-wide and one county)
    const page = async (o: typeof prov) => {
      const xs: number[] = [];
      for (let i = 0; i < 10; i++) {
        t = process.hrtime.bigint();
        await listClaims(db, actorOf(o), { tab: 'pending', source: 'base', year: YEAR, subjectType: 'professional', flagged: 'true', page: 1 + (i % 3), pageSize: 20 });
        xs.push(ms(t));
      }
      return median(xs);
    };
    const queueProvince = await page(prov);
    const queueCounty = await page(county);
    // 3. a person's yearly view
    const view: number[] = [];
    for (let i = 0; i < 50; i++) {
      const pid = minP + Math.floor(Math.random() * (maxP - minP));
      t = process.hrtime.bigint();
      await personYear(db, pid, YEAR);
      await db.select().from(claims).where(and(eq(claims.personnelId, pid), eq(claims.year, YEAR), inArray(claims.status, ['pending', 'approved', 'rejected', 'revoked'])));
      view.push(ms(t));
    }
    const result = {
      db: database.kind, personnel: PERSONNEL, claims: CLAIMS, generateSeconds: Math.round(genMs / 100) / 10,
      batchApprove1000Ms: Math.round(median(approve)), queuePageProvinceMs: Math.round(queueProvince * 10) / 10,
      queuePageCountyMs: Math.round(queueCounty * 10) / 10, personYearMs: Math.round(median(view) * 10) / 10,
    };
    console.table(result);
    console.log(JSON.stringify(result));
  } finally {
    await cleanup();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
