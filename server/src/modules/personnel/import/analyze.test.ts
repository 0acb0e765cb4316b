/**
 * Planner statistics are never missing: the reference seed leaves them (the test image is seeded, then cloned), and a
 * finished import analyses the tables it loaded (pg_stat_user_tables.analyze_count counts manual ANALYZE only, so
 * autovacuum on PostgreSQL cannot make this pass; PGlite has none).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/client.js';
import { makeIdNumber } from '../../../db/seed/codes.js';
import { createTestApp, type Client, type TestCtx } from '../../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg } from '../../../../test/fixtures.js';
import { importWorkerOf } from '../routes.js';
import { HEADERS } from './columns.js';

let ctx: TestCtx;
let hr: Client;
let empCode: string;
beforeAll(async () => {
  ctx = await createTestApp();
  await importWorkerOf(ctx.app).stop(); // driven by hand
  const ja = await hrOrg(ctx, '420102');
  empCode = (await newOrg(ctx, 'employer', ja.id)).creditCode;
  hr = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

const analyzeCount = async (table: string) =>
  (await queryRows<{ n: number }>(ctx.db, sql`select analyze_count::int as n from pg_stat_user_tables where relname = ${table}`))[0]?.n ?? 0;

describe('planner statistics', () => {
  it('the reference seed leaves statistics on the tables it filled', async () => {
    const rows = await queryRows<{ t: string; n: number }>(
      ctx.db,
      sql`select relname as t, reltuples::int as n from pg_class where relname in ('divisions', 'organizations')`,
    );
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.n, r.t).toBeGreaterThan(0); // -1: never analysed
  });

  it('a finished import analyses the tables it loaded', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专技人员');
    ws.addRow(HEADERS);
    for (let i = 0; i < 20; i++)
      ws.addRow([`统计${i}`, '', makeIdNumber('420102', '19850607', 300 + i), '', '', '', empCode, '', '中小学教师', '中级', '', '', '']);
    const before = { users: await analyzeCount('users'), personnel: await analyzeCount('personnel') };
    const up = await hr.upload('/api/personnel/import', {}, { name: '统计.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(up.status, JSON.stringify(up.body)).toBe(202);
    const w = importWorkerOf(ctx.app);
    w.options.chunkSize = 8;
    await w.processNextChunk(up.body.id); // not finished yet: no ANALYZE per chunk
    expect(await analyzeCount('personnel')).toBe(before.personnel);
    await w.runUntilIdle();
    expect((await hr.get(`/api/personnel/imports/${up.body.id}`)).body).toMatchObject({ status: 'done', imported: 20 });
    expect(await analyzeCount('users')).toBe(before.users + 1);
    expect(await analyzeCount('personnel')).toBe(before.personnel + 1);
  });
});
