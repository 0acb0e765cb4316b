/**
 * Scheduled jobs run once per slot (issue 10 item 6): on either database one scheduler settles a slot once and a
 * second one (another process) finds it settled; a failed run leaves its slot open. On PostgreSQL, two schedulers
 * over two pools of one database (as two processes) ticking at the same moments run each slot's work exactly once —
 * the loser neither runs it nor waits for the winner. stop() waits for the run in progress and ends the ticks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { openPostgres, queryRows, type Database, type Db } from '../db/client.js';
import { scheduledRuns } from '../db/schema.js';
import { openTestDatabase } from '../../test/harness.js';
import { Scheduler, type ScheduledJob } from './scheduler.js';

const MINUTE = 60_000;
const T0 = new Date('2026-12-01T08:00:00Z');

describe('scheduler', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.execute(sql`create table sched_effects (job text not null, slot bigint not null, by text not null)`);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  /** A job whose committed effect is one sched_effects row per run; `calls` counts the times its work began. */
  const job = (name: string, opts: { sleepS?: number; delayMs?: number; fail?: () => boolean; everyMs?: number } = {}) => {
    const j: ScheduledJob & { calls: number } = {
      calls: 0,
      name,
      everyMs: opts.everyMs ?? MINUTE,
      run: async (tx: Db, now: Date) => {
        j.calls++;
        if (opts.sleepS) await tx.execute(sql`select pg_sleep(${opts.sleepS})`);
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
        await tx.execute(sql`insert into sched_effects values (${name}, ${Math.floor(now.getTime() / j.everyMs)}, 'x')`);
        if (opts.fail?.()) throw new Error('job failed');
        return `第 ${j.calls} 次`;
      },
    };
    return j;
  };
  const effects = async (name: string) =>
    (await queryRows<{ slot: string }>(database.db, sql`select slot::text from sched_effects where job = ${name} order by slot`)).map((r) =>
      Number(r.slot),
    );
  const runs = (name: string) => database.db.select().from(scheduledRuns).where(eq(scheduledRuns.job, name)).orderBy(scheduledRuns.slot);

  it('one run per slot: again in the same slot it is settled, here (in memory) and in another process (its row)', async () => {
    const j = job('once');
    const a = new Scheduler(database.db, { statementTimeoutMs: 0 }).add(j);
    expect(await a.runDue(T0)).toEqual({ once: 'ran' });
    expect(await a.runDue(new Date(T0.getTime() + 30_000))).toEqual({ once: 'skipped' });
    const b = new Scheduler(database.db, { statementTimeoutMs: 0 }).add(j);
    expect(await b.runDue(new Date(T0.getTime() + 59_999))).toEqual({ once: 'settled' });
    expect(await b.runDue(new Date(T0.getTime() + MINUTE))).toEqual({ once: 'ran' });
    expect(await a.runDue(new Date(T0.getTime() + MINUTE + 1))).toEqual({ once: 'settled' });
    expect(j.calls).toBe(2);
    expect(await effects('once')).toEqual([T0.getTime() / MINUTE, T0.getTime() / MINUTE + 1]);
    const rows = await runs('once');
    expect(rows.map((r) => [r.slot.getTime(), r.ranBy, r.outcome])).toEqual([
      [T0.getTime(), a.id, '第 1 次'],
      [T0.getTime() + MINUTE, b.id, '第 2 次'],
    ]);
    expect(a.id).not.toBe(b.id);
  });

  it('a failed run rolls back with its slot row: the slot stays open and is retried (after retryMs)', async () => {
    let failing = true;
    const j = job('flaky', { fail: () => failing });
    const errors: string[] = [];
    const a = new Scheduler(database.db, {
      statementTimeoutMs: 0,
      retryMs: 60_000,
      log: { info: () => undefined, error: (m) => errors.push(m) },
    }).add(j);
    expect(await a.runDue(T0)).toEqual({ flaky: 'failed' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^定时任务 flaky（2026-12-01T08:00:00.000Z）失败，稍后重试/);
    expect(await effects('flaky')).toEqual([]);
    expect(await runs('flaky')).toEqual([]);
    failing = false;
    expect(await a.runDue(new Date(T0.getTime() + 1000))).toEqual({ flaky: 'skipped' }); // not before retryMs
    // another process is not held back by this one's failure
    const b = new Scheduler(database.db, { statementTimeoutMs: 0 }).add(j);
    expect(await b.runDue(new Date(T0.getTime() + 2000))).toEqual({ flaky: 'ran' });
    expect(await effects('flaky')).toEqual([T0.getTime() / MINUTE]);
    expect((await runs('flaky')).map((r) => r.ranBy)).toEqual([b.id]);
  });

  it('stop() waits for the run in progress and ends the ticks', async () => {
    const j = job('ticking', { everyMs: 1000, delayMs: 300 });
    const s = new Scheduler(database.db, { statementTimeoutMs: 0, tickMs: 50 }).add(j);
    s.start();
    for (let t = Date.now(); j.calls < 2 && Date.now() - t < 10_000;) await new Promise((r) => setTimeout(r, 10));
    expect(j.calls).toBe(2); // the first second's slot done, the next one's run in progress
    await s.stop();
    expect((await effects('ticking')).length).toBe(2); // stop() returned after the run in progress had committed
    await new Promise((r) => setTimeout(r, 1500));
    expect(j.calls).toBe(2);
    expect((await effects('ticking')).length).toBe(2);
  });

  describe.skipIf(!process.env.DATABASE_URL)('two processes (PostgreSQL only: the embedded database has one)', () => {
    let other: Database;
    beforeAll(async () => {
      const [{ name }] = (await queryRows<{ name: string }>(database.db, sql`select current_database() as name`)) as [{ name: string }];
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${name}`;
      other = openPostgres(u.toString(), 3);
    });
    afterAll(async () => {
      await other?.close();
    });

    it('ticking at the same moments, each slot is worked once: the other finds it busy (no wait) or settled', async () => {
      const ja = job('shared', { sleepS: 0.3 });
      const a = new Scheduler(database.db, { statementTimeoutMs: 0 }).add(ja);
      const b = new Scheduler(other.db, { statementTimeoutMs: 0 }).add(ja);
      for (let i = 0; i < 5; i++) {
        const at = new Date(T0.getTime() + i * MINUTE);
        const t0 = performance.now();
        const [ra, rb] = await Promise.all([a.runDue(at), b.runDue(at)]);
        const ms = performance.now() - t0;
        expect([ra.shared, rb.shared].sort()).toEqual(['busy', 'ran']);
        expect(ms).toBeLessThan(1500); // the loser did not wait for the winner's 0.3 s and run after it
        // the loser looks again at its next tick: settled
        const [ra2, rb2] = await Promise.all([a.runDue(new Date(at.getTime() + 1000)), b.runDue(new Date(at.getTime() + 1000))]);
        expect([ra2.shared, rb2.shared].sort()).toEqual(['settled', 'skipped']);
      }
      expect(ja.calls).toBe(5); // the work began once per slot in all (both schedulers run the same job object)
      expect(await effects('shared')).toEqual([0, 1, 2, 3, 4].map((i) => T0.getTime() / MINUTE + i));
      const rows = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(scheduledRuns)
        .where(and(eq(scheduledRuns.job, 'shared')));
      expect(rows[0]!.n).toBe(5);
    }, 30_000);
  });
});
