/**
 * The background worker of list exports, on the one job mechanism (lib/jobs.ts: JobWorker's loop, JobLease's claim /
 * stale takeover / release on shutdown) — one per app, started on ready, stopped on close. A step is one whole export:
 *
 *   claim the job (queued, released, or stale: another process died) → rebuild the requester's actor from the stored
 *   seat (plugins/access.ts seatActor: the permissions and organisation as of now; a seat removed, an account
 *   disabled, a permission revoked → the job fails with a message) → rebuild the export from the route registry
 *   (lib/export.ts rebuildExport: the route's own schemas validate the stored raw input again, its build() gives the
 *   list function, so the scope is the one access layer's, re-checked now) → stream its rows to
 *   DATA_DIR/exports/<id>-<random>.<format>.part, the first batch counting exactly (total), progress and heartbeat after
 *   every batch (guarded: still this worker's) → rename to the final name, done (expires after EXPORT_RETENTION_HOURS),
 *   audited as the requester's.
 *
 * On PostgreSQL the batches read one snapshot (a REPEATABLE READ, READ ONLY transaction around the whole export), so
 * rows that change while it runs are neither skipped nor repeated although the list pages by offset; progress is
 * written outside it on another connection. PGlite (one connection, small installations) reads batch by batch.
 *
 * An export that does not finish (process killed, graceful stop, lease lost) leaves no file behind but a partial one
 * that is deleted (or purged later) and is started again from its first row by whoever claims it next.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import { serviceContext, type ServiceContext } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import type { Db } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import { exportJobs, organizations } from '../../db/schema.js';
import { writeExport } from '../../lib/excel.js';
import { ExportRefusedError, EXPORT_BATCH, jobBatches, onExportQueued, rebuildExport } from '../../lib/export.js';
import { JobWorker } from '../../lib/jobs.js';
import { seatActor } from '../../plugins/access.js';
import { exportsDir } from './service.js';

export interface ExportWorkerOptions {
  /** A running job whose heartbeat is older than this is taken over (IMPORT_STALE_MS: one setting for all jobs). */
  staleMs: number;
  /** How often an idle worker looks for work (a queued export wakes it at once). */
  pollMs: number;
  /** Rows per query (tests lower it to see progress). */
  batch: number;
}

type JobRow = typeof exportJobs.$inferSelect;
const MAX_ATTEMPTS = 3;

/** The job is no longer this worker's (taken over after a stall, or the worker is stopping): give it up quietly. */
class GiveUp extends Error {}

export class ExportWorker extends JobWorker<typeof exportJobs> {
  options: ExportWorkerOptions;
  private attempts = new Map<number, number>();

  constructor(
    private readonly deps: AppDeps,
    log: FastifyBaseLogger,
    options: Partial<ExportWorkerOptions> = {},
  ) {
    const opts = { staleMs: deps.config.IMPORT_STALE_MS, pollMs: 2_000, batch: EXPORT_BATCH, ...options };
    super(() => deps.database.db, log, exportJobs, { staleMs: opts.staleMs });
    this.options = opts;
    onExportQueued(deps, () => this.kick());
  }

  protected loopOptions() {
    return { pollMs: this.options.pollMs, statementTimeoutMs: this.deps.config.JOB_STATEMENT_TIMEOUT_MS };
  }

  /** One whole export: the job this worker holds, else the oldest claimable. False when there was none. */
  step(): Promise<boolean> {
    return this.exclusive(async () => {
      const id = await this.lease.nextId(this.db());
      if (id == null) return false;
      // after a failed attempt the loop waits a poll interval before the next one
      return (await this.attempt(id)) !== 'retry';
    });
  }

  /** Runs one given job (tests); the finished row, or null when it was not (or no longer) this worker's. */
  processJob(id: number): Promise<JobRow | null> {
    return this.exclusive(async () => {
      const r = await this.attempt(id);
      return r === 'retry' ? null : r;
    });
  }

  /** An unexpected error (database down, disk full, bug) is retried; after a few attempts the job fails with a message. */
  private async attempt(id: number): Promise<JobRow | null | 'retry'> {
    try {
      const done = await this.run(id);
      this.attempts.delete(id);
      return done;
    } catch (e) {
      if (e instanceof GiveUp) return null;
      const n = (this.attempts.get(id) ?? 0) + 1;
      this.attempts.set(id, n);
      this.log.error({ err: e, jobId: id, attempt: n }, 'export job failed');
      if (n < MAX_ATTEMPTS) {
        await this.lease.releaseAll(this.db()).catch(() => undefined); // claimable again (by this or another process)
        return 'retry';
      }
      this.attempts.delete(id);
      return this.fail(id, null, '导出过程中发生内部错误，请稍后重新导出');
    }
  }

  private async run(id: number): Promise<JobRow | null> {
    // a claim starts the file again: whatever another worker had written is not continued
    const job = await this.lease.claim(this.db(), id, { processed: 0, total: null, error: null });
    if (!job) return null;
    const actor = await seatActor(this.deps, job);
    if (!actor) return this.fail(id, null, '导出人的账号或身份已不可用，导出未完成');
    const ctx = serviceContext(this.deps, actor, { route: job.route });
    const dir = exportsDir(this.deps.config);
    await fs.promises.mkdir(dir, { recursive: true });
    const name = `${job.id}-${crypto.randomBytes(6).toString('hex')}.${job.format}`;
    const part = path.join(dir, `${name}.part`);
    // a batch deep in a big list may take a while: the lease is renewed meanwhile too
    const beat = setInterval(() => void this.lease.beat(this.db(), id).catch(() => undefined), Math.max(500, this.options.staleMs / 3));
    let rows = 0;
    try {
      rows = await this.inSnapshot(ctx, (runCtx) => this.write(runCtx, job, part));
      const fileSize = (await fs.promises.stat(part)).size;
      await fs.promises.rename(part, path.join(dir, name));
      const expiresAt = new Date(Date.now() + this.deps.config.EXPORT_RETENTION_HOURS * 3600_000);
      const done = await this.db().transaction(async (tx) => {
        const row = await this.lease.finish(tx, id, { status: 'done', processed: rows, total: rows, file: name, fileSize, expiresAt });
        if (row) await this.auditEnd(ctx, tx, row, 'success');
        return row;
      });
      if (!done) {
        await fs.promises.rm(path.join(dir, name), { force: true });
        throw new GiveUp();
      }
      return done;
    } catch (e) {
      await fs.promises.rm(part, { force: true });
      if (e instanceof ExportRefusedError) return this.fail(id, ctx, e.message);
      throw e;
    } finally {
      clearInterval(beat);
    }
  }

  /** The export's statements on one snapshot (PostgreSQL), or batch by batch (PGlite: one connection). */
  private inSnapshot<R>(ctx: ServiceContext, fn: (ctx: ServiceContext) => Promise<R>): Promise<R> {
    if (this.deps.database.kind !== 'postgres') return fn(ctx);
    return ctx.db.transaction((tx) => fn({ ...ctx, db: tx }), { isolationLevel: 'repeatable read', accessMode: 'read only' });
  }

  private async write(ctx: ServiceContext, job: JobRow, part: string): Promise<number> {
    const spec = await rebuildExport(ctx, job);
    let processed = 0;
    const report = async (set: Record<string, unknown>) => {
      if (this.closing) throw new GiveUp(); // stop(): released after this step, continued elsewhere
      if (!(await this.lease.beat(this.db(), job.id, set))) throw new GiveUp(); // taken over meanwhile
    };
    const out = fs.createWriteStream(part, { flags: 'wx', mode: 0o600 });
    const pages = jobBatches(spec, this.options.batch, {
      onTotal: (total) => report({ total }),
      onBatch: (n) => {
        processed += n;
        return report({ processed });
      },
    });
    try {
      await writeExport(out, job.format, spec.title, spec.columns, pages);
    } catch (e) {
      // the file is closed before the caller removes it: a stream still opening or flushing would create or keep it
      // after that removal (a .part left behind by a stopped export)
      out.destroy();
      await finished(out).catch(() => undefined);
      throw e;
    }
    return processed;
  }

  private async fail(id: number, ctx: ServiceContext | null, error: string): Promise<JobRow | null> {
    return this.db().transaction(async (tx) => {
      const row = await this.lease.finish(tx, id, { status: 'failed', error });
      if (row) await this.auditEnd(ctx, tx, row, 'failure');
      return row;
    });
  }

  /**
   * The end of a background export, as the requester's (what, how many rows, the error); when their actor could not
   * be rebuilt, the row names the requester's user and organisation itself.
   */
  private async auditEnd(ctx: ServiceContext | null, tx: Db, job: JobRow, result: 'success' | 'failure') {
    const entry = {
      action: 'export.finish',
      targetType: 'export_job',
      targetId: job.id,
      result,
      detail: { title: job.title, format: job.format, rows: job.processed, ...(job.error ? { error: job.error } : {}) },
    };
    if (ctx) return ctx.audit(entry, tx);
    const [org] = await tx.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, job.orgId));
    return serviceContext(this.deps, null).audit({ ...entry, userId: job.userId, orgId: job.orgId, orgPath: org?.path ?? null }, tx);
  }
}
