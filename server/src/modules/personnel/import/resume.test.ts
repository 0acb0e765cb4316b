/**
 * A restart in the middle of an import: one chunk is committed, the worker is thrown away (no release, as in a
 * crash), a new app is built on the same database; it leaves the job alone while the heartbeat is fresh, takes it
 * over once stale, resumes after the committed chunk and finishes with exactly the right rows — no duplicates,
 * duplicates inside the file still named by their first row, and the old worker cannot commit any more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { importJobs, personnel, users } from '../../../db/schema.js';
import { makeIdNumber } from '../../../db/seed/codes.js';
import { buildApp } from '../../../app.js';
import { serviceContext } from '../../../context.js';
import { createTestApp, type Client, type TestCtx } from '../../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg } from '../../../../test/fixtures.js';
import { importWorkerOf } from '../routes.js';
import ExcelJS from 'exceljs';
import { HEADERS } from './columns.js';
import { commitChunk, LostJobError } from './chunk.js';

async function xlsxOf(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专技人员');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let ctx: TestCtx;
let hr: Client;
let empCode: string;
beforeAll(async () => {
  ctx = await createTestApp();
  await importWorkerOf(ctx.app).stop();
  const ja = await hrOrg(ctx, '420102');
  empCode = (await newOrg(ctx, 'employer', ja.id)).creditCode;
  hr = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('导入任务 crash and resume', () => {
  it('resumes after the last committed chunk on a new app and imports every row exactly once', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => makeIdNumber('420102', `1980${String(1 + (i % 12)).padStart(2, '0')}15`, 500 + i));
    const row = (name: string, id: string) => [name, '', id, '', '', '', empCode, '', '中小学教师', '中级', '', '', ''];
    const rows = ids.map((id, i) => row(`人员${i + 1}`, id));
    // rows 12 and 30 of the sheet repeat people of the first chunk (sheet rows 3 and 5)
    rows.splice(10, 0, row('重复甲', ids[1]!));
    rows.splice(28, 0, row('重复乙', ids[3]!));
    const up = await hr.upload('/api/personnel/import', {}, { name: '大批量.xlsx', content: await xlsxOf(rows) });
    expect(up.status).toBe(202);
    const jobId = up.body.id as number;

    const a = importWorkerOf(ctx.app);
    a.options.chunkSize = 7;
    const first = await a.processNextChunk(jobId);
    expect(first).toMatchObject({ status: 'running', total: 32, processed: 7, imported: 7, lockedBy: a.id });

    // the process dies here: worker A never releases the job. A new app starts on the same database.
    const b = await buildApp({ config: ctx.config, database: ctx.database, pii: ctx.pii }, { logger: { level: 'error' } });
    await b.ready();
    const wb = importWorkerOf(b);
    await wb.stop(); // driven by hand below
    wb.options.chunkSize = 6;
    await wb.runUntilIdle();
    expect((await ctx.db.select().from(importJobs).where(eq(importJobs.id, jobId)))[0]).toMatchObject({ processed: 7, lockedBy: a.id }); // fresh heartbeat: left alone

    await ctx.db
      .update(importJobs)
      .set({ heartbeatAt: sql`now() - interval '10 minutes'` })
      .where(eq(importJobs.id, jobId));
    await wb.runUntilIdle();
    const [job] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, jobId));
    expect(job).toMatchObject({ status: 'done', total: 32, processed: 32, imported: 30, failed: 2, lockedBy: null });

    const failures = (await hr.get(`/api/personnel/imports/${jobId}/failures`)).body.items;
    expect(failures).toEqual([
      { row: 12, name: '重复甲', idNumberMasked: expect.any(String), reason: '证件号：与第3行重复' },
      { row: 30, name: '重复乙', idNumberMasked: expect.any(String), reason: '证件号：与第5行重复' },
    ]);
    const made = await ctx.db
      .select({ hash: users.idNumberHash, n: sql<number>`count(${personnel.id})::int` })
      .from(users)
      .innerJoin(personnel, eq(personnel.userId, users.id))
      .where(
        inArray(
          users.idNumberHash,
          ids.map((i) => ctx.pii.blindIndex(i)),
        ),
      )
      .groupBy(users.idNumberHash);
    expect(made).toHaveLength(30);
    expect(made.every((m) => m.n === 1)).toBe(true);
    // no user without its profile (never half a row)
    const orphans = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(
        sql`not exists (select 1 from personnel p where p.user_id = ${users.id}) and not exists (select 1 from admins a where a.user_id = ${users.id})`,
      );
    expect(orphans[0]!.n).toBe(0);

    // the old worker wakes up: the job is not its own any more, nothing is written
    expect(await a.processNextChunk(jobId)).toBeNull();
    expect((await ctx.db.select().from(importJobs).where(eq(importJobs.id, jobId)))[0]).toMatchObject({
      status: 'done',
      processed: 32,
      imported: 30,
    });
    await b.close();
  });

  it("a chunk commits only while the job is still this worker's and at the row count it started from", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => makeIdNumber('420102', '19790101', 600 + i));
    const up = await hr.upload(
      '/api/personnel/import',
      {},
      {
        name: '抢占.xlsx',
        content: await xlsxOf(ids.map((id, i) => [`抢占${i}`, '', id, '', '', '', empCode, '', '中小学教师', '中级', '', '', ''])),
      },
    );
    const jobId = up.body.id as number;
    const a = importWorkerOf(ctx.app);
    a.options.chunkSize = 4;
    const held = (await a.processNextChunk(jobId))!;
    expect(held).toMatchObject({ processed: 4, lockedBy: a.id });
    const extra = makeIdNumber('420102', '19790202', 700);
    const rows = [
      {
        row: 99,
        texts: [],
        check: {
          ok: true as const,
          value: {
            name: '不该导入',
            idType: 'resident' as const,
            idNumber: extra,
            gender: null,
            birthDate: null,
            phone: null,
            creditCode: empCode,
            department: null,
            titleSeries: 'ZXXJ',
            titleLevel: 'intermediate' as const,
            titleName: null,
            titleDate: null,
            education: null,
          },
        },
      },
    ];
    // another worker id, or a stale row count (a chunk already committed by someone else): refused, nothing written
    await expect(
      commitChunk(serviceContext(ctx.app.deps, null), { job: held, workerId: 'someone-else', expectedProcessed: 4, rows, finished: false }),
    ).rejects.toBeInstanceOf(LostJobError);
    await expect(
      commitChunk(serviceContext(ctx.app.deps, null), { job: held, workerId: a.id, expectedProcessed: 0, rows, finished: false }),
    ).rejects.toBeInstanceOf(LostJobError);
    expect(
      await ctx.db
        .select()
        .from(users)
        .where(eq(users.idNumberHash, ctx.pii.blindIndex(extra))),
    ).toHaveLength(0);
    await a.runUntilIdle();
    const [job] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, jobId));
    expect(job).toMatchObject({ status: 'done', processed: 10, imported: 10, failed: 0 });
    const n = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(
        inArray(
          users.idNumberHash,
          ids.map((i) => ctx.pii.blindIndex(i)),
        ),
      );
    expect(n[0]!.n).toBe(10);
  });
});
