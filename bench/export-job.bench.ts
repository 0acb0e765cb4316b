/**
 * A background export of the whole province (issue 10 item 3): the province HR admin's 导出 of 专技人员信息 with no
 * filter — every person of the data set — asked through the route as the page asks it (202: queued as a job), then
 * written by the app's own export worker (xlsx, csv or both) into DATA_DIR/exports, polled through GET /api/exports/:id
 * as the progress window does. Measured in a fresh child process (the data set's generation does not weigh on it):
 * rows, seconds, rows/s, file size, and the process's peak RSS above its level before the export (sampled every 50 ms).
 *
 *   DATABASE_URL=postgres://… npx tsx bench/export-job.bench.ts --personnel 1000000 [--claims 1000000] [--format xlsx|csv|both]
 *   (--keep / --reuse <db> as bench/dataset.ts; without DATABASE_URL on PGlite)
 * Last line: EXPORT {"personnel":N,"runs":[{"format":"xlsx","rows":N,"seconds":…,"rowsPerSecond":…,"fileMb":…,"peakRssMb":…,"rssBeforeMb":…,"rssPeakMb":…}]}
 * (peakRssMb: the growth over the process's RSS before that export; rssPeakMb: the absolute peak)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { arg, argText, flag, generateDataset, loadDataset, openBenchDatabase } from './dataset.js';

const child = flag('child');
const formats = (argText('format') ?? 'both') === 'both' ? ['xlsx', 'csv'] : [argText('format')!];
const mb = (b: number) => Math.round(b / 1048576);

if (!child) {
  const { database, cleanup, reused, name } = await openBenchDatabase();
  let dropped = false;
  try {
    if (!reused) {
      await database.migrate();
      const ds = await generateDataset(database, { personnel: arg('personnel', 1_000_000), claims: arg('claims', 1_000_000) });
      console.error(`generated ${ds.personnel} personnel, ${ds.claims} claims in ${ds.generateSeconds} s`);
    }
    if (database.kind === 'pglite') await database.close(); // one process per data directory: the child's turn
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', import.meta.filename, '--child', '--reuse', name, '--format', argText('format') ?? 'both'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
    );
    process.stdout.write(out);
    if (database.kind === 'pglite') {
      dropped = true;
      if (!reused && !flag('keep')) fs.rmSync(name, { recursive: true, force: true });
      else console.error(`kept PGlite data directory ${name}`);
    }
  } finally {
    if (!dropped) await cleanup();
  }
} else {
  const { database, cleanup } = await openBenchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbzsgx-export-bench-'));
  try {
    const ds = await loadDataset(database);
    const config = loadConfig({ CAPTCHA: 'off', SEED_DEMO: 'off', LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    const app = await buildApp({ config, database, pii: ds.pii });
    await app.ready(); // the export worker runs from here on, as in production
    const admin = ds.hrAdmin(ds.province);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: 'localhost', origin: 'http://localhost' },
      payload: { loginType: 'hr', account: admin.account, password: 'Bench@2026hr' },
    });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    const cookie = `sid=${login.cookies.find((c) => c.name === 'sid')!.value}`;
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { host: 'localhost', cookie } });
    const runs = [];
    for (const format of formats) {
      (globalThis as { gc?: () => void }).gc?.();
      const base = process.memoryUsage().rss;
      let peak = base;
      const tick = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const t = Date.now();
      const queued = await get(`/api/personnel/export?format=${format}`);
      if (queued.statusCode !== 202) throw new Error(`export: ${queued.statusCode} ${queued.body.slice(0, 300)}`);
      const id = (queued.json() as { job: { id: number } }).job.id;
      let job: { status: string; processed: number; total: number | null; fileSize: number | null; error: string | null };
      let last = 0;
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        job = (await get(`/api/exports/${id}`)).json();
        if (Date.now() - last > 10_000) {
          last = Date.now();
          console.error(
            `${format}: ${job.status} ${job.processed}/${job.total ?? '?'} rows, ${Math.round((Date.now() - t) / 1000)} s, RSS ${mb(process.memoryUsage().rss)} MB`,
          );
        }
        if (job.status !== 'queued' && job.status !== 'running') break;
      }
      clearInterval(tick);
      if (job.status !== 'done') throw new Error(`export ${format} ended ${job.status}: ${job.error}`);
      const seconds = (Date.now() - t) / 1000;
      const run = {
        format,
        rows: job.processed,
        seconds: Math.round(seconds * 10) / 10,
        rowsPerSecond: Math.round(job.processed / seconds),
        fileMb: mb(job.fileSize ?? 0),
        peakRssMb: mb(peak - base),
        rssBeforeMb: mb(base),
        rssPeakMb: mb(peak),
      };
      console.error(JSON.stringify(run));
      runs.push(run);
    }
    await app.close();
    console.log(`EXPORT ${JSON.stringify({ personnel: ds.personnel, database: database.kind, runs })}`);
  } finally {
    await cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
