/**
 * Background jobs, one mechanism for every kind (personnel imports, list exports): a job is a row whose `status` goes
 * queued → running → done | failed, worked on by one process at a time under a LEASE — `locked_by` (the worker's id)
 * and `heartbeat_at` (its last report):
 *   - a worker claims a job with one guarded UPDATE (queued; or running and released, stale, or already its own), so
 *     of two processes claiming together exactly one gets the row;
 *   - it reports (heartbeat) while it works; every write of its progress is guarded by "still mine, still running";
 *   - a running job whose heartbeat is older than `staleMs` (the process died) is claimable again by anyone;
 *   - on graceful shutdown the worker releases what it holds (locked_by cleared): another process continues at once
 *     instead of after `staleMs`.
 * What "continues" means is the job kind's business: an import resumes after its last committed chunk; an export
 * starts its file again.
 *
 * JobWorker is the loop around it, one per job kind and app (started on ready, stopped on close): it looks for work
 * every `pollMs` (kick() looks at once), runs one step at a time (a step: one chunk of an import, one whole export),
 * lets requests in between steps, and runs as background work (runAsJob: JOB_STATEMENT_TIMEOUT_MS, no request).
 * Tests stop() the loop and drive the steps by hand.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { and, asc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { FastifyBaseLogger } from 'fastify';
import { runAsJob, type Db } from '../db/client.js';

/** A job table: any table with these columns (import_jobs, export_jobs). */
export type JobTable = PgTable & {
  id: PgColumn;
  status: PgColumn;
  lockedBy: PgColumn;
  heartbeatAt: PgColumn;
  startedAt: PgColumn;
};

/** host:pid:random — also what scheduled_runs records as ran_by. */
export const newWorkerId = () => `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;

/**
 * The lease on the jobs of one table (optionally of one kind: `only`), held by one worker. Every method guards
 * its statement itself; none waits on a lock.
 */
export class JobLease<T extends JobTable> {
  constructor(
    private readonly table: T,
    readonly workerId: string,
    private readonly opts: { staleMs: number; only?: SQL },
  ) {}

  get staleMs() {
    return this.opts.staleMs;
  }

  private get t() {
    return this.table;
  }

  private stale(): SQL {
    return lt(this.t.heartbeatAt, sql`now() - (${this.opts.staleMs}::int * interval '1 millisecond')`);
  }

  /** Running and nobody's: released on shutdown, never reported, or its worker silent for staleMs. */
  private orphaned(): SQL {
    return or(isNull(this.t.lockedBy), isNull(this.t.heartbeatAt), this.stale())!;
  }

  private kind(cond: SQL | undefined): SQL | undefined {
    return this.opts.only ? and(this.opts.only, cond) : cond;
  }

  /** Held by this worker (running). */
  mine(): SQL {
    return and(eq(this.t.status, 'running'), eq(this.t.lockedBy, this.workerId))!;
  }

  /** The job this worker holds first, else the oldest one it may claim; null when there is none. */
  async nextId(db: Db): Promise<number | null> {
    const t = this.t as JobTable;
    const [mine] = await db.select({ id: t.id }).from(t).where(this.kind(this.mine())).orderBy(asc(t.id)).limit(1);
    if (mine) return mine.id as number;
    const [free] = await db
      .select({ id: t.id })
      .from(t)
      .where(this.kind(or(eq(t.status, 'queued'), and(eq(t.status, 'running'), this.orphaned()))))
      .orderBy(asc(t.id))
      .limit(1);
    return (free?.id as number | undefined) ?? null;
  }

  /**
   * Takes the job (queued, released, stale, or already this worker's): running, locked by this worker, heartbeat
   * now, started at its first claim; `set` adds columns of the kind's own. The WHERE makes two claimers exclusive.
   */
  async claim(db: Db, id: number, set: Record<string, unknown> = {}): Promise<T['$inferSelect'] | null> {
    const t = this.t as JobTable;
    const rows = (await db
      .update(t)
      .set({ status: 'running', lockedBy: this.workerId, heartbeatAt: new Date(), startedAt: sql`coalesce(${t.startedAt}, now())`, ...set } as never)
      .where(
        this.kind(and(eq(t.id, id), or(eq(t.status, 'queued'), and(eq(t.status, 'running'), or(eq(t.lockedBy, this.workerId), this.orphaned()))))),
      )
      .returning()) as T['$inferSelect'][];
    return rows[0] ?? null;
  }

  /**
   * Reports progress (`set`) and renews the heartbeat, only while the job is still this worker's and running; null
   * when it is not (taken over after a stall, or ended meanwhile): the worker must drop it. `tx`: inside the
   * transaction that commits the work the report is about.
   */
  async beat(db: Db, id: number, set: Record<string, unknown> = {}): Promise<T['$inferSelect'] | null> {
    const t = this.t as JobTable;
    const rows = (await db
      .update(t)
      .set({ heartbeatAt: new Date(), ...set } as never)
      .where(and(eq(t.id, id), this.mine()))
      .returning()) as T['$inferSelect'][];
    return rows[0] ?? null;
  }

  /** Ends the job (done or failed, with the kind's columns), only while it is this worker's; null when it was not. */
  async finish(db: Db, id: number, set: Record<string, unknown>): Promise<T['$inferSelect'] | null> {
    return this.beat(db, id, { lockedBy: null, finishedAt: new Date(), ...set });
  }

  /** Hands every job this worker holds back (graceful shutdown): another process takes them over at once. */
  async releaseAll(db: Db): Promise<void> {
    const t = this.t as JobTable;
    await db
      .update(t)
      .set({ lockedBy: null, heartbeatAt: null } as never)
      .where(this.kind(this.mine()));
  }
}

export interface JobWorkerOptions {
  /** How often an idle worker looks for work (kick() looks at once). */
  pollMs: number;
  /** statement_timeout of the worker's statements (JOB_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
}

/**
 * The loop of one job kind. Subclasses implement step() (one unit of work; false when there was none) and
 * loopOptions(), and may override stopped() (close what they hold open); the lease's releaseAll() runs on stop unless told otherwise.
 */
export abstract class JobWorker<T extends JobTable = JobTable> {
  readonly id = newWorkerId();
  readonly lease: JobLease<T>;
  private queue: Promise<unknown> = Promise.resolve();
  private idle = true;
  private closingNow = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    protected readonly db: () => Db,
    protected readonly log: FastifyBaseLogger,
    table: T,
    lease: { staleMs: number; only?: SQL },
  ) {
    this.lease = new JobLease(table, this.id, lease);
  }

  /** The loop is not running (before start(), after stop()): steps run only when called. */
  get halted(): boolean {
    return this.idle;
  }

  /** stop() is in progress: a long step checks this between its batches and gives its job up. */
  get closing(): boolean {
    return this.closingNow;
  }

  /** Its poll interval and statement timeout (read at each use: tests change them). */
  protected abstract loopOptions(): JobWorkerOptions;

  /** One unit of work; false when there was nothing to do. Steps never overlap (see exclusive()). */
  abstract step(): Promise<boolean>;

  /** After the loop ended and before the lease is released: close what the worker holds open. */
  protected async stopped(): Promise<void> {}

  start() {
    if (!this.idle) return;
    this.idle = false;
    this.loop = runAsJob(this.loopOptions().statementTimeoutMs, () => this.runLoop());
  }

  /** Stops the loop after the current step; `release` (default) hands held jobs back so another process continues. */
  async stop(opts: { release?: boolean } = {}) {
    this.idle = true;
    this.closingNow = true;
    try {
      this.wake?.();
      await this.loop;
      await this.queue.catch(() => undefined);
      await this.stopped();
      if (opts.release ?? true) await this.lease.releaseAll(this.db()).catch(() => undefined);
    } finally {
      this.closingNow = false;
    }
  }

  /** A job was queued: look now rather than at the next poll. */
  kick() {
    this.wake?.();
  }

  async runUntilIdle() {
    while (await this.step()) {
      /* until no job is left */
    }
  }

  /** Steps run one at a time per worker (the loop and a test's manual calls share this queue). */
  protected exclusive<R>(fn: () => Promise<R>): Promise<R> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runLoop() {
    while (!this.idle) {
      let worked = false;
      try {
        worked = await this.step();
      } catch (e) {
        this.log.error({ err: e }, `${this.constructor.name} step failed`);
      }
      if (this.idle) break;
      if (worked)
        await new Promise((r) => setImmediate(r)); // let requests in between steps
      else {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.loopOptions().pollMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }
}
