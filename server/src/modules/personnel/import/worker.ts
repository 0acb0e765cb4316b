/**
 * The background worker of personnel imports, on the one job mechanism (lib/jobs.ts: JobWorker's loop, JobLease's
 * claim / stale takeover / release on shutdown). One per app (started on ready, stopped on close). It claims a job
 * (queued, or running with a stale heartbeat / released by a process that stopped), counts and checks the file once
 * (header, row cap → the job fails at once with a clear message), then processes it chunk by chunk: each chunk is
 * one transaction that also advances the job's counters (chunk.ts), so a restart resumes after the last committed
 * chunk. The uploaded file (xlsx, xls or csv) is read by lib/excel.ts in a parsing thread and handed over in batches;
 * the open reader is kept between chunks, and reopened (skipping the rows already done) only after a takeover.
 *
 * Its work has no request: it runs on a context of its own (serviceContext(deps, null)), whose audit writer records
 * the end of each job as the importer's (chunk.ts auditJobEnd).
 *
 * Tests drive it by hand: stop() the loop, then processNextChunk(jobId) / runUntilIdle().
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { beijingDate } from '@hbzsgx/domain';
import { serviceContext } from '../../../context.js';
import type { AppDeps } from '../../../deps.js';
import { analyze, errorCode, isConnectionLost } from '../../../db/client.js';
import { files, importFailures, importJobs, personnel, users } from '../../../db/schema.js';
import { JobWorker } from '../../../lib/jobs.js';
import { cellText, SheetReadError, sheetRowCount, streamRows, type Cell, type SheetRow } from '../../../lib/excel.js';
import { IMPORT_KIND, headerProblem } from './columns.js';
import { isEmptyRow, parseRow, rowIdentity, rowTexts, type RowCheck } from './rows.js';
import { auditJobEnd, commitChunk, LostJobError, type ChunkRow, type JobRow, type WorkerContext } from './chunk.js';

export interface WorkerOptions {
  /** Rows per transaction (a few hundred: PGlite serialises everything behind one connection). */
  chunkSize: number;
  /** A running job whose heartbeat is older than this is taken over. */
  staleMs: number;
  /** How often an idle worker looks for work (uploads wake it at once). */
  pollMs: number;
  /** Data rows per file. */
  maxRows: number;
}
export const WORKER_DEFAULTS: WorkerOptions = { chunkSize: 500, staleMs: 60_000, pollMs: 2_000, maxRows: 50_000 }; // a 50,000-row file parses in ~250 MB; more rows must be split (issue 8: an upload stays under ~300 MB extra)
const MAX_ATTEMPTS = 3;
/** A chunk whose connection died is retried at once on a fresh one: this many times, backing off from this delay. */
const CONNECTION_RETRIES = 5;
const RETRY_BACKOFF_MS = 100;

type SheetRows = AsyncGenerator<SheetRow>;

interface Cursor {
  /** The job as of the last commit. */
  job: JobRow;
  rows: SheetRows;
  /** 证件号 blind index → the first row that carried it (duplicates inside the file). */
  seen: Map<string, number>;
  done: boolean;
}

/** Non-empty data rows, by a parsing pass (only for files whose rows cannot be counted from the zip). */
async function countRows(content: Buffer): Promise<number> {
  let n = -1;
  for await (const { cells } of streamRows(content)) if (n < 0 || !isEmptyRow(cells)) n++;
  return Math.max(0, n);
}

export class ImportWorker extends JobWorker<typeof importJobs> {
  options: WorkerOptions;
  private cursors = new Map<number, Cursor>();
  private attempts = new Map<number, number>();
  private readonly ctx: WorkerContext;

  constructor(deps: AppDeps, log: FastifyBaseLogger, options: Partial<WorkerOptions> = {}) {
    const opts = { ...WORKER_DEFAULTS, ...options };
    super(() => deps.database.db, log, importJobs, { staleMs: opts.staleMs, only: eq(importJobs.kind, IMPORT_KIND) });
    this.options = opts;
    this.ctx = serviceContext(deps, null);
  }

  /** Background work: JOB_STATEMENT_TIMEOUT_MS (the ANALYZE after a big import outlasts a page's timeout). */
  protected loopOptions() {
    return { pollMs: this.options.pollMs, statementTimeoutMs: this.ctx.deps.config.JOB_STATEMENT_TIMEOUT_MS };
  }

  /** Open file streams are closed (the lease is released after this). */
  protected override async stopped() {
    for (const c of this.cursors.values()) await c.rows.return(undefined).catch(() => undefined);
    this.cursors.clear();
  }

  /** One chunk of some job: the one this worker holds first, else the oldest claimable. False when idle. */
  step(): Promise<boolean> {
    return this.exclusive(async () => {
      const id = await this.lease.nextId(this.db());
      if (id == null) return false;
      try {
        await this.chunk(id);
        return true;
      } catch (e) {
        await this.failedAttempt(id, e);
        return false; // the loop waits a poll interval before the next attempt
      }
    });
  }

  /** Claims the job if needed and processes its next chunk; null when the job is not (or no longer) this worker's. */
  processNextChunk(jobId: number): Promise<JobRow | null> {
    return this.exclusive(() => this.chunk(jobId));
  }

  private async fileOf(job: JobRow): Promise<Buffer> {
    const [f] = await this.db().select({ content: files.content }).from(files).where(eq(files.id, job.fileId));
    if (!f) throw new Error(`file ${job.fileId} of import job ${job.id} is missing`);
    return f.content;
  }

  private async chunk(jobId: number): Promise<JobRow | null> {
    let cur = this.cursors.get(jobId);
    if (!cur) {
      // not held with an open stream: claim it (queued, released, stale or ours after a reopen), then open the file
      let job = await this.lease.claim(this.db(), jobId);
      if (!job) return null;
      const content = await this.fileOf(job);
      if (job.total === 0 && job.processed === 0) {
        job = await this.prepare(job, content);
        if (!job || job.status !== 'running') return job;
      }
      cur = await this.open(job, content);
      this.cursors.set(jobId, cur);
    }
    // while the stream is open the claim is not repeated: the commit's guard (still ours, same row count) decides
    const job = cur.job;
    const batch: ChunkRow[] = [];
    const day = beijingDate(); // today in Beijing (dates in the file may not be later)
    while (batch.length < this.options.chunkSize) {
      const next = await cur.rows.next();
      if (next.done) {
        cur.done = true;
        break;
      }
      const { row, cells } = next.value;
      const texts = rowTexts(cells);
      if (texts.every((t) => t === '')) continue; // empty rows are skipped silently
      const first = this.remember(cur, row, cells);
      let check: RowCheck = parseRow(cells, day);
      if (first != null) {
        const dup = `证件号：与第${first}行重复`;
        check = { ok: false, reason: check.ok ? dup : `${dup}；${check.reason}` };
      }
      batch.push({ row, texts, check });
    }
    try {
      cur.job = await this.commit({ job, workerId: this.id, expectedProcessed: job.processed, rows: batch, finished: cur.done });
    } catch (e) {
      await this.drop(jobId); // the stream moved past rows that were not committed
      if (e instanceof LostJobError) return null;
      throw e;
    }
    this.attempts.delete(jobId);
    if (cur.done) {
      await this.drop(jobId);
      if (cur.job.status === 'done') await this.analyze(jobId);
    }
    return cur.job;
  }

  /**
   * Commits the chunk; when the connection dies under it (backend terminated, server restarted, network), the same
   * rows are committed again on a fresh connection from the pool, after a backoff, a bounded number of times. The
   * chunk is one transaction guarded by the job's row count: a chunk that did not commit left nothing behind, and
   * one whose COMMIT reached the server before the connection died makes the retry a LostJobError (the count moved),
   * after which the stream is reopened after the committed rows — every row is imported exactly once either way.
   */
  private async commit(p: Parameters<typeof commitChunk>[1]): Promise<JobRow> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await commitChunk(this.ctx, p);
      } catch (e) {
        if (!isConnectionLost(e) || attempt > CONNECTION_RETRIES || this.halted) throw e;
        const wait = Math.min(RETRY_BACKOFF_MS * 2 ** (attempt - 1), 5_000);
        // the code only: a driver error carries the statement's parameters
        this.log.warn(
          { jobId: p.job.id, attempt, code: errorCode(e) ?? 'connection ended', retryInMs: wait },
          'personnel import: database connection lost, retrying the chunk',
        );
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** A finished import loaded many rows at once: fresh planner statistics, or the lists that read them crawl. */
  private async analyze(jobId: number) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await analyze(this.db(), [users, personnel, importFailures]);
      } catch (e) {
        if (isConnectionLost(e) && attempt < 3 && !this.halted) continue; // the next pool client is a fresh connection
        this.log.warn({ jobId, code: errorCode(e) }, 'personnel import: ANALYZE after the import failed');
        return;
      }
    }
  }

  /** Registers the row's 证件号; answers the earlier row that carried it, if any. Same rule when resuming. */
  private remember(cur: Cursor, row: number, cells: Cell[]): number | null {
    const id = rowIdentity(cells);
    if (!id) return null;
    const h = this.ctx.deps.pii.blindIndex(id.idNumber);
    const first = cur.seen.get(h);
    if (first != null) return first;
    cur.seen.set(h, row);
    return null;
  }

  /** The file's stream positioned after the header and the rows already committed (rebuilding the duplicate map). */
  private async open(job: JobRow, buf: Buffer): Promise<Cursor> {
    const cur: Cursor = { job, rows: streamRows(buf), seen: new Map(), done: false };
    let skipped = 0;
    const header = await cur.rows.next();
    if (header.done) cur.done = true;
    while (!cur.done && skipped < job.processed) {
      const next = await cur.rows.next();
      if (next.done) {
        cur.done = true;
        break;
      }
      if (isEmptyRow(next.value.cells)) continue;
      this.remember(cur, next.value.row, next.value.cells);
      skipped++;
    }
    return cur;
  }

  /**
   * Before any row: the header (a wrong one fails the whole job at once) and the size — the row count read straight
   * from the zip (an upper bound: empty rows count too, the exact total is set when the job ends), or, for files laid
   * out otherwise, a counting pass. Too many rows fail the job before anything is imported.
   */
  private async prepare(job: JobRow, content: Buffer): Promise<JobRow | null> {
    let problem: string | null;
    let total = 0;
    try {
      const rows = streamRows(content, { limit: 1 });
      const header = await rows.next();
      await rows.return(undefined);
      problem = header.done ? '文件是空的：请按模板填写后上传' : headerProblem(header.value.cells.map((c) => cellText(c ?? null)));
      if (!problem) {
        const estimate = await sheetRowCount(content);
        total = estimate != null ? Math.max(0, estimate - 1) : await countRows(content);
        if (total > this.options.maxRows) problem = `文件行数超过上限：一次最多导入${this.options.maxRows}行，请拆分后分批导入`;
      }
    } catch (e) {
      problem = e instanceof SheetReadError ? e.message : '无法读取该Excel文件（文件损坏或解压后过大）';
    }
    if (problem) return this.finishFailed(job, problem);
    const finished = total === 0 ? { status: 'done' as const, finishedAt: new Date(), lockedBy: null } : {};
    const [after] = await this.db()
      .update(importJobs)
      .set({ total, heartbeatAt: new Date(), ...finished })
      .where(and(eq(importJobs.id, job.id), eq(importJobs.lockedBy, this.id), eq(importJobs.status, 'running')))
      .returning();
    if (after && total === 0) await auditJobEnd(this.ctx, this.db(), after, 'success');
    return after ?? null;
  }

  private async finishFailed(job: JobRow, error: string): Promise<JobRow | null> {
    return this.db().transaction(async (tx) => {
      const [after] = await tx
        .update(importJobs)
        .set({ status: 'failed', error, finishedAt: new Date(), lockedBy: null })
        .where(and(eq(importJobs.id, job.id), eq(importJobs.lockedBy, this.id), inArray(importJobs.status, ['running'])))
        .returning();
      if (after) await auditJobEnd(this.ctx, tx, after, 'failure');
      return after ?? null;
    });
  }

  /** An unexpected error (database down, bug): retried, and after a few attempts the job fails with a message. */
  private async failedAttempt(jobId: number, e: unknown) {
    const n = (this.attempts.get(jobId) ?? 0) + 1;
    this.attempts.set(jobId, n);
    this.log.error({ err: e, jobId, attempt: n }, 'personnel import chunk failed');
    if (n < MAX_ATTEMPTS) return;
    this.attempts.delete(jobId);
    const [job] = await this.db().select().from(importJobs).where(eq(importJobs.id, jobId));
    if (job) await this.finishFailed(job, '导入过程中发生内部错误，已导入的数据保留，请稍后重新提交剩余数据').catch(() => undefined);
  }

  private async drop(jobId: number) {
    const c = this.cursors.get(jobId);
    this.cursors.delete(jobId);
    if (c) await c.rows.return(undefined).catch(() => undefined);
  }
}
