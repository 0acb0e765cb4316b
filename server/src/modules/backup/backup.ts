/**
 * Backup and restore. Embedded mode: PGlite's own dump of the data directory (a tarball, also the way across
 * PGlite major upgrades). PostgreSQL: pg_dump / pg_restore in custom format.
 *   npm run backup -- <file>      npm run restore -- <file> [--force]
 * The server must be stopped for an embedded-mode restore (one process per data dir).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';

export async function backupPglite(dataDir: string, file: string): Promise<void> {
  const dir = path.join(dataDir, 'pgdata');
  if (!fs.existsSync(dir)) throw new Error(`没有找到数据库目录 ${dir}`);
  const db = await PGlite.create(dir);
  try {
    await db.exec('CHECKPOINT');
    const blob = await db.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  } finally {
    await db.close();
  }
}

export async function restorePglite(dataDir: string, file: string, force = false): Promise<void> {
  const dir = path.join(dataDir, 'pgdata');
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    if (!force) throw new Error(`${dir} 已有数据；确认覆盖请加 --force（原目录会改名保留）`);
    fs.renameSync(dir, `${dir}.before-restore-${Date.now()}`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  await db.exec('CHECKPOINT');
  await db.close();
}

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} 失败（退出码 ${r.status ?? r.signal}）`);
}

export async function backup(opts: { databaseUrl?: string; dataDir: string }, file: string) {
  if (opts.databaseUrl) run('pg_dump', ['--format=custom', '--file', file, opts.databaseUrl]);
  else await backupPglite(opts.dataDir, file);
}

export async function restore(opts: { databaseUrl?: string; dataDir: string }, file: string, force: boolean) {
  if (!fs.existsSync(file)) throw new Error(`备份文件不存在：${file}`);
  if (opts.databaseUrl) run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--dbname', opts.databaseUrl, file]);
  else await restorePglite(opts.dataDir, file, force);
}
