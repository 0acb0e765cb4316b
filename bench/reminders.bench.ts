/**
 * 学时提醒 benchmark (issue 12): the reminder run (modules/messages/reminders.ts — one statement: the people not yet
 * complete, their messages, the employer admins' summaries, deduplicated) on the shared data set, beside a bare
 * `INSERT … SELECT` of the same people's rows into messages (no text, no dedupe, no summaries): how much the real run
 * costs over the least a set-based insert of those rows can cost. Each is timed in a transaction that is rolled back,
 * so every run starts from the same table; then the run is committed and repeated (the repeat must send nothing: the
 * dedupe) and timed too.
 * Usage: npx tsx bench/reminders.bench.ts [--personnel 3000000] [--claims 3000000] [--runs 3]
 *        (PGlite in a temporary directory by default; DATABASE_URL=postgres://… for PostgreSQL, the issue's target.)
 */
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../server/src/db/client.js';
import { hourPolicies } from '../server/src/db/schema.js';
import { reminderStatement } from '../server/src/modules/messages/reminders.js';
import { arg, generateDataset, median, ms, openBenchDatabase, YEAR } from './dataset.js';

const PERSONNEL = arg('personnel', 3_000_000);
const CLAIMS = arg('claims', 3_000_000);
const RUNS = arg('runs', 3);

class Rollback extends Error {}

/** Median time of `f` in a transaction rolled back after it, and what it returned the last time. */
async function rolledBack<T>(db: Db, f: (tx: Db) => Promise<T>): Promise<{ ms: number; result: T }> {
  const xs: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    await db
      .transaction(async (tx) => {
        const t = process.hrtime.bigint();
        result = await f(tx);
        xs.push(ms(t));
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
  }
  return { ms: Math.round(median(xs)), result: result as T };
}

async function main() {
  const { database, cleanup } = await openBenchDatabase();
  const db = database.db;
  try {
    const ds = await generateDataset(database, { personnel: PERSONNEL, claims: CLAIMS });
    const [policy] = await db.select().from(hourPolicies).where(eq(hourPolicies.year, YEAR));
    if (!policy) throw new Error(`no policy for ${YEAR}`);
    const date = new Date(Date.parse(`${policy.closingDate}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
    const statement = reminderStatement(YEAR, policy.closingDate, date, policy);
    const run = async (tx: Db) => (await queryRows<{ people: number; units: number }>(tx, statement))[0]!;

    const bare = await rolledBack(db, async (tx) => {
      const r = await queryRows<{ n: number }>(
        tx,
        sql`WITH ins AS (
              INSERT INTO messages (user_id, kind, title)
              SELECT p.user_id, 'reminder', 'x'
              FROM personnel p LEFT JOIN person_year_totals t ON t.personnel_id = p.id AND t.year = ${YEAR}
              WHERE p.status = 'active' AND t.completed IS NOT TRUE
              RETURNING 1)
            SELECT count(*)::int AS n FROM ins`,
      );
      return r[0]!.n;
    });
    const reminder = await rolledBack(db, run);
    // committed once, then the same date again: nothing more is sent
    let t = process.hrtime.bigint();
    const sent = await db.transaction(run);
    const committedMs = Math.round(ms(t));
    t = process.hrtime.bigint();
    const again = await db.transaction(run);
    const repeatMs = Math.round(ms(t));
    if (again.people || again.units) throw new Error(`the repeated run sent ${again.people} + ${again.units} messages`);
    if (sent.people !== bare.result) throw new Error(`the run reminded ${sent.people} people, the bare insert wrote ${bare.result}`);

    const result = {
      db: database.kind,
      personnel: PERSONNEL,
      claims: CLAIMS,
      generateSeconds: ds.generateSeconds,
      reminded: sent.people,
      unitSummaries: sent.units,
      bareInsertMs: bare.ms,
      reminderRunMs: reminder.ms,
      ratio: Math.round((reminder.ms / bare.ms) * 100) / 100,
      committedRunMs: committedMs,
      repeatedRunMs: repeatMs,
      rowsPerSecond: Math.round(sent.people / (reminder.ms / 1000)),
    };
    console.table(result);
    console.log(JSON.stringify(result));
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
