/**
 * Background exports (issue 10 item 3): an export above EXPORT_SYNC_LIMIT becomes a job (202) that the export worker
 * runs as the requester — the stored query validated again, the actor and so the scope rebuilt at run time — writing
 * xlsx or csv (UTF-8 with BOM, masked) to a file only the requester may download (audited); progress advances batch
 * by batch; a stale job is taken over, a stopping worker hands its job back; files expire.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { adminRoles, auditLogs, exportJobs, users } from '../../db/schema.js';
import { createTestApp, type Client, type Res, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';
import { importWorkerOf } from '../personnel/routes.js';
import { exportWorkerOf } from './routes.js';
import { exportsDir, purgeExpiredExports } from './service.js';
import { ExportWorker } from './worker.js';

let ctx: TestCtx;
let owner: Client, colleague: Client, other: Client;
let ownerUser: { userId: number; adminId: number };
let empId: number;
const people: { idNumber: string; name: string }[] = [];
const worker = () => exportWorkerOf(ctx.app);

beforeAll(async () => {
  // a data directory of its own: the retention test purges the exports directory
  ctx = await createTestApp({ EXPORT_SYNC_LIMIT: '3', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'hbzsgx-exports-')) });
  await importWorkerOf(ctx.app).stop();
  await worker().stop(); // the tests run the jobs themselves
  worker().options.batch = 2;
  const ja = await hrOrg(ctx, '420102');
  const emp = await newOrg(ctx, 'employer', ja.id, '江岸区导出测试医院');
  empId = emp.id;
  for (let i = 1; i <= 7; i++) {
    const p = await newPerson(ctx, emp.id);
    const name = `导出测试${i}号`;
    await ctx.db.update(users).set({ name }).where(eq(users.id, p.userId));
    people.push({ idNumber: p.idNumber, name });
  }
  const a = await newAdmin(ctx, ja.id, { permissions: ['personnel.view'] });
  ownerUser = a;
  owner = await loggedIn(ctx, a);
  colleague = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['personnel.view'] }));
  other = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { permissions: ['personnel.view'] }));
});
afterAll(async () => {
  await ctx?.close();
  if (ctx) fs.rmSync(ctx.config.dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  worker().options.batch = 2;
});

/** Queues the owner's export of the hospital's people; answers the job's id. */
async function queue(client: Client, query = `orgId=${empId}`): Promise<number> {
  const r = await client.get(`/api/personnel/export?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  expect(r.body).toMatchObject({ queued: true, job: { status: 'queued', processed: 0, percent: 0 } });
  return r.body.job.id as number;
}

const job = async (id: number) => (await ctx.db.select().from(exportJobs).where(eq(exportJobs.id, id)))[0]!;
const filesOf = (id: number) =>
  (fs.existsSync(exportsDir(ctx.config)) ? fs.readdirSync(exportsDir(ctx.config)) : []).filter((f) => f.startsWith(`${id}-`));

describe('export above the synchronous limit', () => {
  it('up to the limit the file comes at once; above it a job is queued (202) and audited as queued, nothing written yet', async () => {
    const small = await readXlsx(await owner.get(`/api/personnel/export?orgId=${empId}&personName=${encodeURIComponent('导出测试1号')}`));
    expect(column(small, '姓名')).toEqual(['导出测试1号']);
    const id = await queue(owner);
    const row = await job(id);
    expect(row).toMatchObject({
      status: 'queued',
      route: '/api/personnel/export',
      format: 'xlsx',
      userId: ownerUser.userId,
      adminId: ownerUser.adminId,
    });
    // the raw query, sealed (a filter may be a 证件号), validated again when the job runs
    expect(JSON.parse(ctx.pii.decrypt(row.query.sealed as string))).toEqual({ orgId: String(empId) });
    const [a] = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'export')).orderBy(desc(auditLogs.id)).limit(1);
    expect(a?.detail).toMatchObject({ jobId: id, queued: true, rows: 7, format: 'xlsx', filters: { orgId: empId } });
    expect(filesOf(id)).toEqual([]);
    await worker().processJob(id); // leave no queued job behind for the next tests
  });

  it('progress advances batch by batch (rows done / total), then the file is done with every row once, masked', async () => {
    const id = await queue(owner);
    const seen: { processed: number; total: number | null; percent: number; status: string }[] = [];
    const w = worker();
    const beat = w.lease.beat.bind(w.lease);
    w.lease.beat = async (db, jobId, set) => {
      const r = await beat(db, jobId, set);
      if (set && 'processed' in set && !('status' in set)) seen.push((await owner.get(`/api/exports/${id}`)).body);
      return r;
    };
    try {
      const done = await w.processJob(id);
      expect(done).toMatchObject({ status: 'done', processed: 7, total: 7 });
    } finally {
      w.lease.beat = beat;
    }
    expect(seen.map((s) => [s.status, s.processed, s.total])).toEqual([
      ['running', 2, 7],
      ['running', 4, 7],
      ['running', 6, 7],
      ['running', 7, 7],
    ]);
    expect(seen.map((s) => s.percent)).toEqual([28, 57, 85, 99]);
    const view = (await owner.get(`/api/exports/${id}`)).body;
    expect(view).toMatchObject({ status: 'done', statusName: '已完成', percent: 100, processed: 7 });
    expect(view.fileSize).toBeGreaterThan(0);
    expect(new Date(view.expiresAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3600_000);
    const rows = await readXlsx(await owner.get(`/api/exports/${id}/download`));
    expect(column(rows, '姓名').sort()).toEqual(people.map((p) => p.name).sort());
    expect(column(rows, '证件号').every((v) => v.includes('**********'))).toBe(true);
    expect(rows.flat().join()).not.toContain(people[0]!.idNumber);
    expect(filesOf(id).every((f) => !f.endsWith('.part'))).toBe(true);
    const [end] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'export.finish'), eq(auditLogs.targetId, String(id))));
    expect(end).toMatchObject({ actorUserId: ownerUser.userId, result: 'success', detail: { rows: 7, format: 'xlsx' } });
  });

  it('only the requester sees and downloads it: another admin of the same organisation and one elsewhere get 404; the download is audited', async () => {
    const id = await queue(owner);
    await worker().processJob(id);
    for (const c of [colleague, other]) {
      expect((await c.get(`/api/exports/${id}`)).status).toBe(404);
      expect((await c.get(`/api/exports/${id}/download`)).status).toBe(404);
      expect((await c.get('/api/exports')).body.items.map((j: { id: number }) => j.id)).not.toContain(id);
    }
    expect((await owner.get('/api/exports')).body.items.map((j: { id: number }) => j.id)).toContain(id);
    expect((await owner.get(`/api/exports/${id}/download`)).status).toBe(200);
    const downloads = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'export.download'), eq(auditLogs.targetId, String(id))));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatchObject({ actorUserId: ownerUser.userId, targetType: 'export_job', detail: { rows: 7 } });
  });

  it('csv on request: UTF-8 with BOM, masked 证件号 and 手机号, the same rows', async () => {
    const id = await queue(owner, `orgId=${empId}&format=csv`);
    expect((await worker().processJob(id))?.status).toBe('done');
    const r: Res = await owner.get(`/api/exports/${id}/download`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-type'])).toContain('text/csv');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('.csv'));
    const buf = r.raw.rawPayload;
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = buf.subarray(3).toString('utf8').trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['姓名', '证件号', '手机号']));
    const cells = lines.slice(1).map((l) => l.split(','));
    expect(cells).toHaveLength(7);
    const col = (h: string) => cells.map((c) => c[header.indexOf(h)]!);
    expect(col('姓名').sort()).toEqual(people.map((p) => p.name).sort());
    expect(col('证件号').every((v) => /^\d{4}\*{10}[\dX]{4}$/.test(v))).toBe(true);
    expect(col('手机号').every((v) => v === '139****5678')).toBe(true);
    expect(buf.toString('utf8')).not.toContain(people[0]!.idNumber);
    // the small export takes the format too
    const now = await owner.get(`/api/personnel/export?orgId=${empId}&personName=${encodeURIComponent('导出测试2号')}&format=csv`);
    expect(now.status).toBe(200);
    expect([...now.raw.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('a bad format is refused with a Chinese message, nothing queued', async () => {
    const before = (await ctx.db.select().from(exportJobs)).length;
    const r = await owner.get(`/api/personnel/export?orgId=${empId}&format=pdf`);
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('导出格式：只能是 xlsx 或 csv');
    expect((await ctx.db.select().from(exportJobs)).length).toBe(before);
  });

  it('runs as the requester as of now: a permission revoked before the run fails the job with a message (audited), no file', async () => {
    const a = await newAdmin(ctx, (await hrOrg(ctx, '420102')).id, { permissions: ['personnel.view'] });
    const c = await loggedIn(ctx, a);
    const id = await queue(c);
    await ctx.db.delete(adminRoles).where(eq(adminRoles.adminId, a.adminId));
    const failed = await worker().processJob(id);
    expect(failed).toMatchObject({ status: 'failed', error: '导出人已不再拥有该列表的权限，导出未完成', file: null });
    expect(filesOf(id)).toEqual([]);
    const [end] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'export.finish'), eq(auditLogs.targetId, String(id))));
    expect(end).toMatchObject({ result: 'failure', actorUserId: a.userId });
  });

  it('the stored query is validated again by the route: a tampered one fails the job instead of exporting something else', async () => {
    const id = await queue(owner);
    await ctx.db
      .update(exportJobs)
      .set({ query: { sealed: ctx.pii.encrypt(JSON.stringify({ orgId: 'all' })) } })
      .where(eq(exportJobs.id, id));
    expect(await worker().processJob(id)).toMatchObject({ status: 'failed', error: '导出条件已不再有效，请重新导出' });
  });

  it('a 证件号 among the filters is not stored in clear, and the job finds that person', async () => {
    const config = ctx.app.deps.config;
    config.EXPORT_SYNC_LIMIT = 0; // even one row is a job here
    let id: number;
    try {
      id = await queue(owner, `idNumber=${people[3]!.idNumber}`);
    } finally {
      config.EXPORT_SYNC_LIMIT = 3;
    }
    expect(JSON.stringify(await job(id))).not.toContain(people[3]!.idNumber);
    expect(await worker().processJob(id)).toMatchObject({ status: 'done', processed: 1 });
    expect(column(await readXlsx(await owner.get(`/api/exports/${id}/download`)), '姓名')).toEqual([people[3]!.name]);
  });

  it('the scope is the one access layer, applied at run time: an out-of-scope unit exports nothing', async () => {
    // 江汉区 HR's admin asks for the 江岸区 hospital: the list's own scope admits none of it
    const r = await other.get(`/api/personnel/export?orgId=${empId}`);
    expect(r.status).toBe(404);
  });

  it('a job whose worker died (stale heartbeat) is taken over and finished by another worker; a stopping worker hands its job back', async () => {
    const id = await queue(owner);
    const dead = new ExportWorker(ctx.app.deps, ctx.app.log, { staleMs: 60_000, batch: 2 });
    expect(await dead.lease.claim(ctx.db, id)).toMatchObject({ status: 'running', lockedBy: dead.id });
    // held and fresh: nobody else may take it
    expect(await worker().lease.claim(ctx.db, id)).toBeNull();
    await ctx.db
      .update(exportJobs)
      .set({ heartbeatAt: new Date(Date.now() - 120_000) })
      .where(eq(exportJobs.id, id));
    expect(await worker().processJob(id)).toMatchObject({ status: 'done', processed: 7 });

    // graceful stop mid-export: the job goes back (not done, nobody's), its partial file is gone; the next run finishes it
    const id2 = await queue(owner);
    const w = new ExportWorker(ctx.app.deps, ctx.app.log, { staleMs: 60_000, batch: 2 });
    const beat = w.lease.beat.bind(w.lease);
    let stopping: Promise<void> | null = null;
    w.lease.beat = async (db, jobId, set) => {
      if (set && 'processed' in set && !stopping) stopping = w.stop();
      return beat(db, jobId, set);
    };
    w.start();
    for (let i = 0; i < 200 && !stopping; i++) await new Promise((r) => setTimeout(r, 10));
    await stopping;
    expect(await job(id2)).toMatchObject({ status: 'running', lockedBy: null, heartbeatAt: null, file: null });
    expect(filesOf(id2)).toEqual([]);
    expect(await worker().processJob(id2)).toMatchObject({ status: 'done', processed: 7 });
  });

  it('files are deleted after the retention period; the job says so and the download answers that it expired', async () => {
    const id = await queue(owner);
    await worker().processJob(id);
    const [file] = filesOf(id);
    expect(file).toBeDefined();
    expect(await purgeExpiredExports(ctx.db, ctx.config, new Date())).toBe(0); // not yet
    const stray = path.join(exportsDir(ctx.config), `${id}-stray.xlsx.part`);
    fs.writeFileSync(stray, 'partial');
    fs.utimesSync(stray, new Date(Date.now() - 100 * 3600_000), new Date(Date.now() - 100 * 3600_000));
    expect(await purgeExpiredExports(ctx.db, ctx.config, new Date(Date.now() + 73 * 3600_000))).toBeGreaterThanOrEqual(1);
    expect(filesOf(id)).toEqual([]);
    expect(await job(id)).toMatchObject({ status: 'expired', file: null });
    const r = await owner.get(`/api/exports/${id}/download`);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('已超过保留期限');
    expect((await owner.get(`/api/exports/${id}`)).body).toMatchObject({ status: 'expired', statusName: '已过期' });
  });
});

describe.runIf(process.env.DATABASE_URL)('one snapshot (PostgreSQL)', () => {
  it('rows added while the export runs are neither repeated nor shift others out (offset paging over one snapshot)', async () => {
    const id = await queue(owner);
    const w = worker();
    const beat = w.lease.beat.bind(w.lease);
    let added = 0;
    w.lease.beat = async (db, jobId, set) => {
      if (set && 'processed' in set && added < 2) {
        added++;
        const p = await newPerson(ctx, empId); // newest first: on a live read it would push a seen row into the next batch
        await ctx.db
          .update(users)
          .set({ name: `导出中新增${added}` })
          .where(eq(users.id, p.userId));
      }
      return beat(db, jobId, set);
    };
    try {
      expect(await w.processJob(id)).toMatchObject({ status: 'done', processed: 7 });
    } finally {
      w.lease.beat = beat;
    }
    const names = column(await readXlsx(await owner.get(`/api/exports/${id}/download`)), '姓名');
    expect(names.sort()).toEqual(people.map((p) => p.name).sort());
  });
});
