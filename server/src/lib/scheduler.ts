/**
 * Scheduled jobs (audit retention purge, PGlite's planner statistics), each run once per slot — its period's
 * number since the epoch (a day, an hour) — however many processes share the database (issue 10 item 6).
 *
 * A run is one transaction:
 *   1. `pg_try_advisory_xact_lock(<job>)`: another process is running this job right now → skip, look again at the
 *      next tick (it may fail). No one waits on another's transaction, and the lock ends with the transaction, so a
 *      killed process holds nothing.
 *   2. the slot's `scheduled_runs` row exists → it ran (here or elsewhere) → nothing to do.
 *   3. the job runs in the transaction, then its (job, slot) row is inserted (`ON CONFLICT DO NOTHING`; a conflict
 *      would roll the run back: the primary key, not only the lock, guarantees once).
 * A job that fails rolls back with its row, so its slot stays open and any process retries it after RETRY_MS.
 * The slot row is what makes processes whose clocks tick at different moments agree (a lock alone would only keep
 * two runs from overlapping); the lock is what keeps the second process from running the job once more before the
 * first committed. Statements run as background work (runAsJob: JOB_STATEMENT_TIMEOUT_MS, no request).
 *
 * Every process ticks every `tickMs` (a minute) and touches the database only when a slot it has not seen settled
 * comes due. `stop()` (graceful shutdown) ends the ticks and waits for a run in progress.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { and, eq, lt, sql } from 'drizzle-orm';
import { queryRows, runAsJob, type Db } from '../db/client.js';
import { scheduledRuns } from '../db/schema.js';
import { safeErrorText } from './logging.js';

export interface ScheduledJob {
  /** Its key in scheduled_runs and its advisory lock. */
  name: string;
  /** The period: one run per `everyMs` slot (slots start at multiples of it since the epoch, UTC). */
  everyMs: number;
  /** The work, in the run's transaction; what it returns is kept as the run's outcome and logged. */
  run: (tx: Db, now: Date) => Promise<string | void>;
}

export type RunResult = 'ran' | 'settled' | 'busy' | 'failed';

export interface SchedulerOptions {
  /** How often each process looks for due slots. */
  tickMs?: number;
  /** After a failed run, this process tries the slot again no sooner than this. */
  retryMs?: number;
  /** statement_timeout of the runs (JOB_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  log?: { info: (msg: string) => void; error: (msg: string) => void };
  /** Slot rows kept per job (older ones are deleted by the job's next run). */
  keep?: number;
}

/** The advisory lock namespace of scheduled jobs (the two-key form: apart from the migration lock's one key). */
const LOCK_CLASS = 727275;

export class Scheduler {
  readonly id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  private readonly jobs: ScheduledJob[] = [];
  /** job → the latest slot known to be settled (ran here or elsewhere) */
  private readonly settled = new Map<string, number>();
  /** job → no retry before (ms) after a failure */
  private readonly retryAt = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly opts: Required<Omit<SchedulerOptions, 'log'>> & Pick<SchedulerOptions, 'log'>;

  constructor(
    private readonly db: Db,
    opts: SchedulerOptions,
  ) {
    this.opts = { tickMs: 60_000, retryMs: 10 * 60_000, keep: 100, ...opts };
  }

  add(job: ScheduledJob): this {
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(job.name) || this.jobs.some((j) => j.name === job.name)) throw new Error(`scheduled job name ${job.name}`);
    if (!Number.isInteger(job.everyMs) || job.everyMs < 1000) throw new Error(`scheduled job ${job.name}: period ${job.everyMs}`);
    this.jobs.push(job);
    return this;
  }

  /** Ticks from now on (the first one at once). */
  start() {
    if (this.timer || this.stopped) return;
    const tick = () => void this.runDue().catch(() => undefined);
    this.timer = setInterval(tick, this.opts.tickMs);
    this.timer.unref();
    tick();
  }

  /** No more ticks; resolves once a run in progress has ended. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running.catch(() => undefined);
  }

  /** Runs every job whose current slot is not settled; one tick at a time (ticks never overlap). */
  runDue(now = new Date()): Promise<Record<string, RunResult | 'skipped'>> {
    const next = this.running.then(
      () => this.tick(now),
      () => this.tick(now),
    );
    this.running = next;
    return next;
  }

  private async tick(now: Date) {
    const results: Record<string, RunResult | 'skipped'> = {};
    for (const job of this.jobs) {
      const slot = Math.floor(now.getTime() / job.everyMs);
      if (this.stopped || this.settled.get(job.name) === slot || (this.retryAt.get(job.name) ?? 0) > now.getTime()) {
        results[job.name] = 'skipped';
        continue;
      }
      results[job.name] = await this.runSlot(job, slot, now);
    }
    return results;
  }

  private async runSlot(job: ScheduledJob, slot: number, now: Date): Promise<RunResult> {
    const slotStart = new Date(slot * job.everyMs);
    const started = new Date();
    try {
      const result = await runAsJob(this.opts.statementTimeoutMs, () =>
        this.db.transaction(async (tx) => {
          const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${LOCK_CLASS}, hashtext(${job.name})) as ok`);
          if (!lock?.ok) return { state: 'busy' as const };
          const [done] = await tx
            .select({ ranBy: scheduledRuns.ranBy })
            .from(scheduledRuns)
            .where(and(eq(scheduledRuns.job, job.name), eq(scheduledRuns.slot, slotStart)));
          if (done) return { state: 'settled' as const };
          const outcome = (await job.run(tx, now)) ?? null;
          const inserted = await tx
            .insert(scheduledRuns)
            .values({ job: job.name, slot: slotStart, ranBy: this.id, startedAt: started, outcome })
            .onConflictDoNothing()
            .returning({ job: scheduledRuns.job });
          if (!inserted.length) throw new SlotTaken();
          await tx
            .delete(scheduledRuns)
            .where(and(eq(scheduledRuns.job, job.name), lt(scheduledRuns.slot, new Date((slot - this.opts.keep) * job.everyMs))));
          return { state: 'ran' as const, outcome };
        }),
      );
      if (result.state !== 'busy') this.settled.set(job.name, slot);
      if (result.state === 'ran')
        this.opts.log?.info(`定时任务 ${job.name}（${slotStart.toISOString()}）已完成${result.outcome ? `：${result.outcome}` : ''}`);
      return result.state;
    } catch (e) {
      if (e instanceof SlotTaken) {
        this.settled.set(job.name, slot);
        return 'settled';
      }
      this.retryAt.set(job.name, Date.now() + this.opts.retryMs);
      this.opts.log?.error(`定时任务 ${job.name}（${slotStart.toISOString()}）失败，稍后重试：${safeErrorText(e)}`);
      return 'failed';
    }
  }
}

/** The slot's row appeared under us (only without the lock, e.g. a hand-made row): the run is rolled back. */
class SlotTaken extends Error {}
