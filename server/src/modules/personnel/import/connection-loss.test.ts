/**
 * The import worker's database connection dies mid-job (PostgreSQL only — PGlite is in-process, there is no
 * connection to lose): its backend is terminated with pg_terminate_backend while a chunk's transaction is open, twice.
 * The process stays up (the dead client's 'error' event is handled), /api/health answers, and the running worker
 * retries the chunk on a fresh connection: the job finishes without a restart, every row stored exactly once.
 * Afterwards the imported tables have been analysed (the planner statistics a bulk load otherwise leaves missing).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import ExcelJS from 'exceljs';
import { eq, inArray, sql } from 'drizzle-orm';
import { importJobs, personnel, users } from '../../../db/schema.js';
import { onConnectionError, queryRows } from '../../../db/client.js';
import { makeIdNumber } from '../../../db/seed/codes.js';
import { createTestApp, type Client, type TestCtx } from '../../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg } from '../../../../test/fixtures.js';
import { importWorkerOf } from '../routes.js';
import { HEADERS } from './columns.js';
import { IMPORT_APPLICATION_NAME } from './chunk.js';

const URL = process.env.DATABASE_URL;
const ROWS = 3000;
const KILLS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let ctx: TestCtx;
let hr: Client;
let empCode: string;
let admin: pg.Client;
beforeAll(async () => {
  if (!URL) return;
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  empCode = (await newOrg(ctx, 'employer', ja.id)).creditCode;
  hr = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  admin = new pg.Client({ connectionString: URL });
  admin.on('error', onConnectionError('test admin client'));
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await ctx?.close();
});

describe('导入任务 and a lost database connection', () => {
  it.skipIf(!URL)(
    'the server stays up and the running job finishes with every row exactly once',
    async () => {
      const ids = Array.from({ length: ROWS }, (_, i) => makeIdNumber('420102', `19${70 + Math.floor(i / 1000)}0315`, i % 1000));
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('专技人员');
      ws.addRow(HEADERS);
      ids.forEach((id, i) => ws.addRow([`断线${i}`, '', id, '', '', '', empCode, '', '中小学教师', '中级', '', '', '']));
      const worker = importWorkerOf(ctx.app); // the app's own worker, running as in production
      worker.options.chunkSize = 250;
      const [{ db: dbName }] = (await queryRows<{ db: string }>(ctx.db, sql`select current_database() as db`)) as [{ db: string }];
      const before = await analyzeCounts(['users', 'personnel']);
      const warn = vi.spyOn(ctx.app.log, 'warn');
      const error = vi.spyOn(ctx.app.log, 'error');

      const up = await hr.upload('/api/personnel/import', {}, { name: '断线.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
      expect(up.status, JSON.stringify(up.body)).toBe(202);
      const jobId = up.body.id as number;

      // terminate the worker's backend while a chunk's transaction is open (the chunk names itself), until the worker
      // has lost its connection under a chunk twice (a kill can also land just after a COMMIT: then nothing is lost)
      const retries = () => warn.mock.calls.filter((c) => String(c[1]).includes('retrying the chunk'));
      let kills = 0;
      let job: typeof importJobs.$inferSelect | undefined;
      let lastLook = 0;
      for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
        if (retries().length < KILLS) {
          const r = await admin.query<{ pid: number }>(
            "select pid from pg_stat_activity where datname = $1 and application_name = $2 and state in ('active', 'idle in transaction')",
            [dbName, IMPORT_APPLICATION_NAME],
          );
          for (const { pid } of r.rows) if ((await admin.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid])).rows[0]!.ok) kills++;
          if (r.rows.length) await sleep(300); // the next kill hits another attempt
        }
        if (Date.now() - lastLook > 100) {
          lastLook = Date.now();
          [job] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, jobId));
          if (job!.status === 'done' || job!.status === 'failed') break;
          if (retries().length < KILLS && job!.processed >= ROWS - 500) worker.options.chunkSize = 50; // keep chunks coming
        }
      }
      expect(kills).toBeGreaterThanOrEqual(KILLS);
      expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      expect(job).toMatchObject({ status: 'done', total: ROWS, processed: ROWS, imported: ROWS, failed: 0, lockedBy: null });
      expect((await hr.get(`/api/personnel/imports/${jobId}`)).body).toMatchObject({ status: 'done', imported: ROWS });
      // retried in place on a fresh connection (not given up and re-read after a poll), logged by code only
      expect(retries().length).toBeGreaterThanOrEqual(KILLS);
      for (const [fields] of retries()) expect(Object.keys(fields as object).sort()).toEqual(['attempt', 'code', 'jobId', 'retryInMs']);
      // no chunk was given up (a kill that lands just after a COMMIT may cost the next look for work a poll interval)
      expect(error.mock.calls.filter((c) => String(c[1]).includes('chunk failed'))).toEqual([]);

      const made = await ctx.db
        .select({ hash: users.idNumberHash, n: sql<number>`count(${personnel.id})::int` })
        .from(users)
        .leftJoin(personnel, eq(personnel.userId, users.id))
        .where(
          inArray(
            users.idNumberHash,
            ids.map((i) => ctx.pii.blindIndex(i)),
          ),
        )
        .groupBy(users.idNumberHash);
      expect(made).toHaveLength(ROWS);
      expect(made.filter((m) => m.n !== 1)).toEqual([]);

      // the finished import refreshed the planner statistics of the tables it loaded (the worker analyses after it
      // marked the job done, and a backend reports its statistics up to a second later: wait for them)
      for (const t of ['users', 'personnel'])
        await expect.poll(async () => (await analyzeCounts([t]))[t], { timeout: 20_000, interval: 250, message: t }).toBeGreaterThan(before[t]!);
    },
    180_000,
  );
});

/** Manual ANALYZE runs per table (autovacuum's own are counted apart, in autoanalyze_count). */
async function analyzeCounts(tables: string[]): Promise<Record<string, number>> {
  const rows = await queryRows<{ t: string; n: number }>(
    ctx.db,
    sql`select relname as t, analyze_count::int as n from pg_stat_user_tables where relname in ${tables}`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}
