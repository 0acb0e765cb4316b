/**
 * The query is cancelled when the client goes away, and a slow query under load does not stop /api/health and
 * /api/ready answering (issue 10 item 4). A real HTTP server (app.listen) and real sockets: the client closes its
 * connection mid-request and pg_stat_activity is watched from a connection of the test's own.
 *
 * PostgreSQL only — skipped on PGlite, which is one in-process connection that runs each statement to its end: there
 * is no second connection to cancel from, and nothing else could run meanwhile anyway (plugins/cancel.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import pg from 'pg';
import { buildApp } from '../app.js';
import { createPii } from '../lib/pii.js';
import { openTestDatabase, TEST_KEY, testConfig } from '../../test/harness.js';
import { ClientGoneError, errorCode, queryRows, RequestQueries, runAsJob, runForRequest, withStatementTimeout, type Database } from '../db/client.js';

const URL_ = process.env.DATABASE_URL;
const POOL = 3;
/** Far longer than the test: a statement that were not cancelled would still be there when it is checked. */
const SLOW_S = 30;

describe.skipIf(!URL_)('statements stop with their request (PostgreSQL only: PGlite runs one statement at a time in-process)', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;
  let watch: pg.Client;
  /** What the route that waits before its query met when it finally asked. */
  let lateOutcome: Promise<unknown>;
  let settleLate: (v: unknown) => void;

  const ok = { response: { 200: z.object({ ok: z.literal(true) }) } };
  const pub = { access: { public: true as const } };

  beforeAll(async () => {
    // pool of 3 and a statement timeout far beyond the test: only the client going away can stop these statements
    database = await openTestDatabase({ poolSize: POOL, statementTimeoutMs: 120_000 });
    app = await buildApp({ config: testConfig(), database, pii: createPii(TEST_KEY) }, { logger: false });
    app.get('/api/test/sleep', { config: pub, schema: ok }, async () => {
      await database.db.execute(sql`select pg_sleep(${SLOW_S})`);
      return { ok: true as const };
    });
    app.get('/api/test/sleep-tx', { config: pub, schema: ok }, async () => {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await tx.execute(sql`select pg_sleep(${SLOW_S})`);
      });
      return { ok: true as const };
    });
    // works a while without the database (as an export between two batches does), then asks
    app.get('/api/test/late', { config: pub, schema: ok }, async () => {
      await new Promise((r) => setTimeout(r, 600));
      await database.db.execute(sql`select pg_sleep(${SLOW_S})`).then(settleLate, settleLate);
      return { ok: true as const };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const [{ name }] = (await queryRows<{ name: string }>(database.db, sql`select current_database() as name`)) as [{ name: string }];
    const u = new URL(URL_!);
    u.pathname = `/${name}`;
    watch = new pg.Client({ connectionString: u.toString() });
    watch.on('error', () => undefined);
    await watch.connect();
  }, 60_000);
  afterAll(async () => {
    await watch?.end();
    await app?.close();
    await database?.close();
  });

  /** The test database's other backends running pg_sleep now. */
  const sleeping = async () =>
    (
      await watch.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
           and state = 'active' and query like '%pg' || '_sleep%'`,
      )
    ).rows.map((r) => r.pid);
  const until = async (what: () => Promise<boolean>, ms: number) => {
    const t0 = Date.now();
    while (!(await what())) {
      if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now() - t0;
  };
  /** A request on a connection of its own, which `abort()` closes (as a closed tab or an aborted fetch does). */
  const open = (path: string) => {
    const req = http.get(base + path, { agent: false });
    const answered = new Promise<number>((resolve) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
    });
    return { answered, abort: () => req.destroy() };
  };
  const timed = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(base + path);
    return { status: res.status, ms: performance.now() - t0, body: await res.json() };
  };
  const backendStates = async (pids: number[]) =>
    (await watch.query<{ state: string }>('select state from pg_stat_activity where pid = any($1)', [pids])).rows.map((r) => r.state);

  it('a client closing its request cancels the statement running for it within a second; the connection serves again', async () => {
    const req = open('/api/test/sleep');
    await until(async () => (await sleeping()).length === 1, 10_000);
    const pids = await sleeping();
    req.abort();
    const ms = await until(async () => (await sleeping()).length === 0, 1000);
    expect(await req.answered).toBe(-1);
    expect(ms).toBeLessThan(1000);
    // the backend is still there (the connection was not dropped), idle, and the pool answers at once
    expect(await backendStates(pids)).toEqual(['idle']);
    expect((await timed('/api/ready')).status).toBe(200);
    expect(await queryRows(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('inside a transaction: the statement is cancelled and the transaction rolled back, not left open', async () => {
    const req = open('/api/test/sleep-tx');
    await until(async () => (await sleeping()).length === 1, 10_000);
    const pids = await sleeping();
    req.abort();
    expect(await until(async () => (await sleeping()).length === 0, 1000)).toBeLessThan(1000);
    await until(async () => (await backendStates(pids))[0] === 'idle', 1000); // not 'idle in transaction'
    expect(await backendStates(pids)).toEqual(['idle']);
  });

  it('a statement the request asks for after its client left is never sent', async () => {
    lateOutcome = new Promise((r) => (settleLate = r));
    const req = open('/api/test/late');
    await new Promise((r) => setTimeout(r, 150));
    req.abort();
    const outcome = (await lateOutcome) as { cause?: unknown };
    expect(outcome.cause).toBeInstanceOf(ClientGoneError); // (drizzle wraps the driver's error)
    expect(errorCode(outcome)).toBe('57014');
    expect(await sleeping()).toEqual([]);
  });

  it('a deliberately slow query under load does not stop /api/health and /api/ready answering', async () => {
    // twice the pool: 3 statements hold every connection, 3 more requests wait for one
    const slow = Array.from({ length: POOL * 2 }, () => open('/api/test/sleep'));
    await until(async () => (await sleeping()).length === POOL, 10_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(database.poolStats!()).toMatchObject({ total: POOL, idle: 0, waiting: POOL });
    const health = await timed('/api/health');
    const ready = await timed('/api/ready'); // its own connection, outside the pool (db/client.ts probe)
    expect(health.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ok: true, db: 'postgres' });
    console.log(`under load (pool ${POOL}, ${POOL * 2} slow requests): /api/health ${health.ms.toFixed(1)} ms, /api/ready ${ready.ms.toFixed(1)} ms`);
    expect(health.ms).toBeLessThan(500);
    expect(ready.ms).toBeLessThan(1000);
    // every client goes away: the running statements stop, and the waiting requests never start theirs
    for (const s of slow) s.abort();
    const gone = await until(async () => (await sleeping()).length === 0, 1000);
    console.log(`${POOL} running statements cancelled ${gone} ms after their clients left`);
    await until(async () => database.poolStats!().waiting === 0 && database.poolStats!().idle === POOL, 2000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await sleeping()).toEqual([]);
    expect((await timed('/api/ready')).status).toBe(200);
  }, 30_000);

  it('statement timeouts by flow: an export/job timeout applies to its statements only; background work is never cancelled by a request', async () => {
    const show = async () => (await queryRows<{ statement_timeout: string }>(database.db, sql`show statement_timeout`))[0]!.statement_timeout;
    expect(await show()).toBe('2min'); // the pool's
    expect(await withStatementTimeout(1234, show)).toBe('1234ms');
    expect(await show()).toBe('2min');
    // a SET undone by a rollback is set again for the next statement
    await withStatementTimeout(0, () =>
      database.db
        .transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await withStatementTimeout(4321, () => tx.execute(sql`select 1`));
          throw new Error('roll back');
        })
        .catch(() => undefined),
    );
    for (let i = 0; i < POOL * 2; i++) expect(await show()).toBe('2min');
    expect(await withStatementTimeout(0, show)).toBe('0');
    // background work started from a request is not the request's: cancelling the request leaves it running
    const queries = new RequestQueries();
    // (a drizzle query runs when awaited: inside the scopes, as in a handler)
    const job = runForRequest(queries, () => runAsJob(0, async () => await database.db.execute(sql`select pg_sleep(1)`)));
    const own = runForRequest(queries, async () => await database.db.execute(sql`select pg_sleep(${SLOW_S})`)).then(
      () => null,
      (e: unknown) => e,
    );
    await until(async () => (await sleeping()).length === 2, 5000);
    expect(await queries.cancel()).toBe(1);
    expect(errorCode(await own)).toBe('57014');
    await expect(job).resolves.toBeTruthy();
  });
});
