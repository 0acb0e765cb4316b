/**
 * Personnel import benchmark (批量导入): a 50,000-row xlsx built with ExcelJS (2% bad checksums, 1% duplicates inside
 * the file) is imported by the background worker from upload to the end — the counting pass, the streaming read and
 * the chunked transactions — into a data set that already holds N personnel. Reports rows/s (target ≥ 2,000).
 * Usage: npx tsx bench/import.bench.ts [--rows 50000] [--personnel 20000] [--chunk 500]
 *        (PGlite in a temporary directory by default; DATABASE_URL=postgres://… for PostgreSQL).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import ExcelJS from 'exceljs';
import { eq, inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { files, importJobs, organizations, users } from '../server/src/db/schema.js';
import { makeIdNumber } from '../server/src/db/seed/codes.js';
import { userValues } from '../server/src/lib/people.js';
import { createPii } from '../server/src/lib/pii.js';
import { HEADERS } from '../server/src/modules/personnel/import/columns.js';
import { ImportWorker } from '../server/src/modules/personnel/import/worker.js';
import { arg, benchDeps, generateDataset, ms, openBenchDatabase } from './dataset.js';

const ROWS = arg('rows', 50_000);
const PERSONNEL = arg('personnel', 20_000);
const CHUNK = arg('chunk', 500);

const SERIES = ['中小学教师', '卫生技术人员', '工程技术人员', '会计', '经济'];
const LEVELS = ['中级', '副高级', '助理级', '中级'];

async function buildFile(codes: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('专技人员');
  ws.addRow(HEADERS);
  const baseId = (i: number) =>
    makeIdNumber(
      '420102',
      new Date(Date.UTC(1960, 0, 1) + (i % 14_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, ''),
      Math.floor(i / 14_000) + 100,
    );
  for (let i = 0; i < ROWS; i++) {
    let id = baseId(i);
    if (i % 50 === 7) id = id.slice(0, 17) + (id[17] === '1' ? '2' : '1'); // bad checksum
    if (i % 100 === 9) id = baseId(i - 1); // the previous row's person again
    ws.addRow([
      `导入人员${i}`,
      '',
      id,
      '',
      '',
      `139${String(i).padStart(8, '0')}`,
      codes[i % codes.length],
      '',
      SERIES[i % SERIES.length],
      LEVELS[i % LEVELS.length],
      '',
      i % 3 ? '2018-09-01' : new Date(Date.UTC(2015, 6, 1)),
      i % 2 ? '大学本科' : '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main() {
  const { database, cleanup } = await openBenchDatabase();
  const db = database.db;
  const pii = createPii(crypto.randomBytes(32));
  try {
    const ds = await generateDataset(database, { personnel: PERSONNEL, claims: 0 });
    const codes = (
      await db
        .select({ c: organizations.creditCode })
        .from(organizations)
        .where(inArray(organizations.id, ds.employers.slice(0, 200)))
    ).map((r) => r.c);
    const [importer] = await db
      .insert(users)
      .values(userValues(pii, { idNumber: makeIdNumber('420100', '19700101', 999), name: '导入管理员', passwordHash: null }))
      .returning();

    let t = process.hrtime.bigint();
    const content = await buildFile(codes);
    const buildSeconds = Math.round(ms(t) / 100) / 10;
    const sha256 = crypto.createHash('sha256').update(content).digest('hex');
    const [f] = await db
      .insert(files)
      .values({
        sha256,
        size: content.length,
        kind: 'xlsx',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        originalName: 'bench.xlsx',
        content,
        ownerOrgId: ds.province.id,
        uploadedBy: importer!.id,
      })
      .returning();
    const [job] = await db
      .insert(importJobs)
      .values({ kind: 'personnel', orgId: ds.province.id, fileId: f!.id, fileSha256: sha256, createdBy: importer!.id })
      .returning();

    const log = { error: (o: unknown, m?: string) => console.error(m ?? '', o) } as unknown as FastifyBaseLogger;
    const worker = new ImportWorker(benchDeps(database, pii), log, { chunkSize: CHUNK });
    t = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    await worker.runUntilIdle();
    const seconds = ms(t) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6; // on a shared machine wall time also counts other processes
    const [done] = await db.select().from(importJobs).where(eq(importJobs.id, job!.id));
    if (done!.status !== 'done') throw new Error(`job ended ${done!.status}: ${done!.error}`);
    const result = {
      db: database.kind,
      rows: ROWS,
      existingPersonnel: PERSONNEL,
      chunk: CHUNK,
      fileMB: Math.round(content.length / 1e5) / 10,
      buildFileSeconds: buildSeconds,
      imported: done!.imported,
      failed: done!.failed,
      importSeconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(ROWS / seconds),
      cpuSeconds: Math.round(cpuSeconds * 10) / 10,
      rowsPerCpuSecond: Math.round(ROWS / cpuSeconds),
      loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
    };
    console.log(JSON.stringify(result, null, 2));
    if (result.rowsPerSecond < 2000) console.log('SLOWER THAN THE TARGET (2,000 rows/s)');
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
