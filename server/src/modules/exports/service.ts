/**
 * 我的导出: the background exports of the signed-in requester — the user AND the seat they exported from (an admin
 * seat, or their personnel profile). Nobody else sees one: another user, even of the same organisation, and the
 * same user in another seat get 404. Downloads are audited. Finished files are deleted after EXPORT_RETENTION_HOURS
 * (purgeExpiredExports, a scheduled job).
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, count, desc, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { exportJobs } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { exportJobView } from '../../lib/export.js';
import { paging } from '../../lib/paging.js';
import type { Actor } from '../../plugins/access.js';

/** Where the files of background exports are written (shared by every process of an installation). */
export const exportsDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'exports');

/** The actor's own jobs: same user, same seat. */
function requester(actor: Actor): SQL {
  return and(
    eq(exportJobs.userId, actor.userId),
    actor.adminId == null ? isNull(exportJobs.adminId) : eq(exportJobs.adminId, actor.adminId),
    actor.personnelId == null ? isNull(exportJobs.personnelId) : eq(exportJobs.personnelId, actor.personnelId),
  )!;
}

export async function myExports(ctx: ServiceContext, q: { page: number; pageSize: number }) {
  const where = requester(ctx.actor);
  const [total] = await ctx.db.select({ n: count() }).from(exportJobs).where(where);
  const rows = await ctx.db.select().from(exportJobs).where(where).orderBy(desc(exportJobs.id)).limit(paging(q).limit).offset(paging(q).offset);
  return { total: total?.n ?? 0, items: rows.map(exportJobView) };
}

async function ownJob(ctx: ServiceContext, id: number) {
  const [job] = await ctx.db
    .select()
    .from(exportJobs)
    .where(and(eq(exportJobs.id, id), requester(ctx.actor)));
  if (!job) throw new NotFoundError('导出任务');
  return job;
}

/** One of the actor's jobs (progress), or 404. */
export async function myExport(ctx: ServiceContext, id: number) {
  return exportJobView(await ownJob(ctx, id));
}

/** The finished file of one of the actor's jobs, opened, and the download audited; 404 for anyone else's. */
export async function openExportFile(ctx: ServiceContext, id: number) {
  const job = await ownJob(ctx, id);
  if (job.status === 'expired') throw new ConflictError('导出文件已超过保留期限被删除，请重新导出', 'EXPORT_EXPIRED');
  if (job.status !== 'done' || !job.file) throw new ConflictError('导出尚未完成，请完成后再下载', 'EXPORT_NOT_READY');
  const file = path.join(exportsDir(ctx.deps.config), path.basename(job.file));
  let size: number;
  let stream: fs.ReadStream;
  try {
    size = (await fs.promises.stat(file)).size;
    stream = fs.createReadStream(file);
  } catch {
    throw new NotFoundError('导出文件');
  }
  await ctx.audit({
    action: 'export.download',
    targetType: 'export_job',
    targetId: job.id,
    detail: { title: job.title, rows: job.processed, format: job.format },
  });
  return { stream, size, title: job.title, format: job.format };
}

/**
 * Retention: finished jobs past their expiry become 'expired' (kept in 我的导出 as such) and their files are deleted;
 * partial files nobody finished (a process killed mid-export) go once they are as old as the retention period.
 * Runs in the scheduler's transaction; a file is deleted after its row changed in it (a failed run deletes nothing
 * it did not mark; a file already gone is fine). Answers how many jobs expired.
 */
export async function purgeExpiredExports(tx: Db, config: Pick<Config, 'dataDir' | 'EXPORT_RETENTION_HOURS'>, now: Date): Promise<number> {
  const expired = await tx
    .select({ id: exportJobs.id, file: exportJobs.file })
    .from(exportJobs)
    .where(and(eq(exportJobs.status, 'done'), lt(exportJobs.expiresAt, now)))
    .for('update');
  if (expired.length) {
    await tx
      .update(exportJobs)
      .set({ status: 'expired', file: null })
      .where(
        inArray(
          exportJobs.id,
          expired.map((r) => r.id),
        ),
      );
  }
  const dir = exportsDir(config);
  for (const r of expired) if (r.file) await fs.promises.rm(path.join(dir, path.basename(r.file)), { force: true });
  const before = now.getTime() - config.EXPORT_RETENTION_HOURS * 3600_000;
  const entries = await fs.promises.readdir(dir).catch(() => [] as string[]);
  for (const name of entries) {
    if (!name.endsWith('.part')) continue;
    const st = await fs.promises.stat(path.join(dir, name)).catch(() => null);
    if (st && st.mtimeMs < before) await fs.promises.rm(path.join(dir, name), { force: true });
  }
  return expired.length;
}
