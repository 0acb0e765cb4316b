/**
 * The database handle for both drivers. Driver differences live in this file only:
 * PGlite (embedded, data in DATA_DIR/pgdata) by default, node-postgres when DATABASE_URL is set.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import crypto from 'node:crypto';
import net from 'node:net';
import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import { getTableName, sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import * as schema from './schema.js';
import { applyRepeatable } from './repeatable.js';
import { NotReadyError } from '../errors.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** The rows of a raw SQL statement: both drivers answer `{ rows }` (the type is the caller's promise). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The migrations, then the repeatable SQL that changed (db/repeatable.ts). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the live instance (tests dump and clone it). */
  pglite?: PGlite;
  /**
   * What /api/ready asks. PostgreSQL: a connection of its own outside the pool (DB_POOL_SIZE + 1 per process), with
   * a 2 s statement and connect deadline, so readiness answers "reachable and migrated" at once even while slow
   * statements hold every pool connection, and never hangs. PGlite: the one connection (`db`).
   */
  probe: Db;
  /** PostgreSQL only: the pool's connections (for /metrics). */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /**
   * LISTEN on `channel` (the actor cache's invalidations, plugins/actor-cache.ts). PostgreSQL: a connection of its
   * own outside the pool (DB_POOL_SIZE + 2 per process with the readiness one), reconnected after a loss; PGlite:
   * the instance's own listen, which hands a commit's notifications over before the statement that committed returns.
   */
  listen(channel: string, on: ListenHandlers): Listener;
}

/** What a LISTEN reports (Database.listen). */
export interface ListenHandlers {
  /** One notification's payload (never one of the listener's own sync markers). */
  notify(payload: string): void;
  /** Listening (again): every notification committed from now on is delivered. */
  up(): void;
  /** The listening connection is gone: notifications committed until the next up() are lost. */
  down(): void;
}

export interface Listener {
  /**
   * Resolves once every notification committed before the call was handed to notify(). PostgreSQL: a marker of its
   * own, sent on the listening connection after the call, came back (each listener receives the notification queue
   * in commit order); if it does not within 2 s the connection counts as lost (down(), then reconnect). While not
   * listening, at once (down() was reported). PGlite: at once.
   */
  sync(): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_]{1,63}$/;
/** The sync round trip's deadline, and how often an idle listener checks its connection with one. */
const SYNC_TIMEOUT_MS = 2000;
const HEARTBEAT_MS = 5000;

function listenPglite(client: PGlite, channel: string, on: ListenHandlers): Listener {
  if (!CHANNEL.test(channel)) throw new RangeError(`channel ${channel}`);
  let closed = false;
  let unlisten: (() => Promise<void>) | undefined;
  const ready = client
    .listen(channel, (payload) => {
      if (!closed) on.notify(payload);
    })
    .then((u) => {
      unlisten = u;
      if (!closed) on.up();
    })
    .catch((e: unknown) => {
      // not listening: the cache keeps nothing and every request is served from the database
      console.error(`PGlite LISTEN ${channel} failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  return {
    sync: () => ready,
    close: async () => {
      closed = true;
      await ready.catch(() => undefined);
      if (!client.closed) await unlisten?.().catch(() => undefined);
      on.down();
    },
  };
}

/**
 * A pg Client of its own that LISTENs, reconnecting (0.5 s, doubling to 10 s) whenever it is lost; an idle one checks
 * itself every 5 s with a sync() (a connection silently cut off by the network would otherwise look alive forever).
 */
function listenPostgres(url: string, channel: string, on: ListenHandlers): Listener {
  if (!CHANNEL.test(channel)) throw new RangeError(`channel ${channel}`);
  const marker = `sync:${process.pid}:${crypto.randomBytes(6).toString('hex')}:`;
  let client: pg.Client | null = null;
  let live = false;
  let closed = false;
  let seq = 0;
  let delay = 500;
  let lastHeard = Date.now();
  let retry: NodeJS.Timeout | undefined;
  const waiting = new Map<number, { resolve: () => void; timer: NodeJS.Timeout }>();
  let sending: Promise<void> = Promise.resolve();
  const logLoss = onConnectionError('notification listener');

  const lost = (c: pg.Client) => {
    if (client !== c) return; // already handled (error, then end)
    client = null;
    if (live) {
      live = false;
      on.down();
    }
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.resolve();
    }
    waiting.clear();
    c.removeAllListeners('notification');
    c.end().catch(() => undefined);
    if (!closed) {
      retry = setTimeout(() => void connect(), delay);
      retry.unref();
      delay = Math.min(delay * 2, 10_000);
    }
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5000 });
    client = c;
    c.on('error', (e) => {
      logLoss(e);
      lost(c);
    });
    c.on('end', () => lost(c));
    c.on('notification', (m) => {
      lastHeard = Date.now();
      if (m.channel !== channel) return;
      const payload = m.payload ?? '';
      if (payload.startsWith('sync:')) {
        if (!payload.startsWith(marker)) return; // another process's marker
        const n = Number(payload.slice(marker.length));
        const w = waiting.get(n);
        if (w) {
          waiting.delete(n);
          clearTimeout(w.timer);
          w.resolve();
        }
        return;
      }
      on.notify(payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (e) {
      if (client === c) logLoss(e as Error);
      lost(c);
      return;
    }
    if (client !== c) return;
    if (closed) {
      lost(c);
      return;
    }
    live = true;
    delay = 500;
    lastHeard = Date.now();
    on.up();
  };

  const sync = (): Promise<void> => {
    const c = client;
    if (!c || !live) return Promise.resolve();
    const n = ++seq;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(n);
        console.error(`PostgreSQL notification listener: no answer within ${SYNC_TIMEOUT_MS} ms, reconnecting`);
        lost(c);
        resolve();
      }, SYNC_TIMEOUT_MS);
      waiting.set(n, { resolve, timer });
      // one query at a time on the listening client (pg 9 refuses overlapping ones); the markers still go out in order
      sending = sending.then(() =>
        c.query('SELECT pg_notify($1, $2)', [channel, marker + n]).then(
          () => undefined,
          () => lost(c),
        ),
      );
    });
  };

  const heartbeat = setInterval(() => {
    if (live && Date.now() - lastHeard >= HEARTBEAT_MS) void sync();
  }, HEARTBEAT_MS);
  heartbeat.unref();
  void connect();

  return {
    sync,
    close: async () => {
      closed = true;
      clearInterval(heartbeat);
      clearTimeout(retry);
      const c = client;
      if (c) lost(c);
    },
  };
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function openPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    probe: db,
    listen: (channel, on) => listenPglite(client, channel, on),
    migrate: async () => {
      const db = drizzlePglite(client, { schema });
      await migratePglite(db, { migrationsFolder });
      await applyRepeatable(db);
    },
    close: async () => {
      if (client.closed) return;
      try {
        await client.exec('CHECKPOINT');
      } catch {
        /* closing anyway */
      }
      await client.close();
    },
  };
}

/** The SQLSTATE (or socket error code) of an error or of one of its causes (Drizzle wraps the driver's error). */
export function errorCode(e: unknown): string | undefined {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) {
    if (typeof x.code === 'string') return x.code;
  }
  return undefined;
}

const LOST_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);
/** node-postgres' own messages for a connection that ended under a query (they carry no code and no values). */
export const LOST_MESSAGES = /^(Connection terminated|Client has encountered a connection error|Client was closed|Connection ended)/;

/**
 * The connection died under the statement (terminated backend, server restart, network): the statement may be
 * retried on a fresh connection. A transaction that failed so was rolled back by the server (its session is gone).
 */
export function isConnectionLost(e: unknown): boolean {
  for (let x = e as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) {
    if (typeof x.code === 'string' && (x.code.startsWith('08') || LOST_CODES.has(x.code))) return true;
    if (typeof x.message === 'string' && LOST_MESSAGES.test(x.message)) return true;
  }
  return false;
}

/**
 * The 'error' listener every pg Pool and every dedicated pg Client needs: without one, a connection cut off by the
 * server (restart, failover, pg_terminate_backend) is an unhandled 'error' event that ends the process. Only the
 * code is logged (a connection error carries no statement, but the rule is the same everywhere: never values).
 */
export function onConnectionError(where: string) {
  return (e: Error & { code?: string }) => {
    console.error(`PostgreSQL connection lost (${where}): ${e.code ?? (LOST_MESSAGES.test(e.message) ? 'connection ended' : e.name)}`);
  };
}

/**
 * The statements of one request (plugins/cancel.ts opens one per request, PostgreSQL only): the pool connections
 * running a statement for it right now. `cancel()` — the client went away — cancels those statements with
 * PostgreSQL's cancel request (a short connection of its own to the server carrying the backend's pid and secret key:
 * it needs no pool connection and no slot of max_connections, so it works when the pool is exhausted) and refuses
 * every later statement of the request (ClientGoneError), so a handler that goes on stops at its next query.
 */
export class RequestQueries {
  cancelled = false;
  /** connection → statements in flight on it for this request */
  readonly running = new Map<pg.ClientBase, number>();
  /** Resolves once every cancel request was delivered, with how many connections were running a statement. */
  async cancel(): Promise<number> {
    if (this.cancelled) return 0;
    this.cancelled = true;
    const clients = [...this.running.keys()];
    await Promise.all(clients.map((c) => cancelBackend(c)));
    return clients.length;
  }
}

/**
 * A statement not sent because the client that asked for it went away: SQLSTATE 57014 (query_canceled), as for one
 * cancelled while it ran, so the error handler treats both alike (503, to a client that is no longer there).
 */
export class ClientGoneError extends Error {
  readonly code = '57014';
  constructor() {
    super('statement not sent: the client closed the request');
  }
}

interface QueryScope {
  request?: RequestQueries;
  /** This flow's statement_timeout; absent = the pool's (STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
}
const scopes = new AsyncLocalStorage<QueryScope>();

/** Runs `fn` (and everything it awaits or starts) as the request `queries` belongs to. */
export function runForRequest<T>(queries: RequestQueries, fn: () => T): T {
  return scopes.run({ ...scopes.getStore(), request: queries }, fn);
}

/**
 * Runs `fn` with another statement timeout for its PostgreSQL statements (0 = none): exports
 * (EXPORT_STATEMENT_TIMEOUT_MS), background jobs (JOB_STATEMENT_TIMEOUT_MS), migrations (none). Each connection is
 * switched (`SET statement_timeout`) before the first statement of such a flow and back (`RESET`) before the next
 * statement of any other flow. PGlite has no statement timeout: `fn` just runs.
 */
export function withStatementTimeout<T>(ms: number, fn: () => T): T {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`statement timeout ${ms}`);
  return scopes.run({ ...scopes.getStore(), statementTimeoutMs: ms }, fn);
}

/**
 * Runs `fn` as background work (an import, a scheduled job): under JOB_STATEMENT_TIMEOUT_MS (`ms`), and belonging to
 * no request even when a request started it, so no client closing cancels it.
 */
export function runAsJob<T>(ms: number, fn: () => T): T {
  return scopes.run({}, () => withStatementTimeout(ms, fn));
}

interface ConnectionState {
  /** The statement_timeout this session was SET to; null = its startup value (the pool's); undefined = not known. */
  timeout: number | null | undefined;
  /** A SET was sent inside the open transaction (a rollback undoes it). */
  setInTx: boolean;
  /** A cancel request on its way: nothing else is sent on this connection before it was delivered. */
  cancelling?: Promise<void>;
}
const connections = new WeakMap<pg.ClientBase, ConnectionState>();
const TX_END = /^\s*(rollback|commit|end|abort|release)\b/i;
const TX_BEGIN = /^\s*(begin|start\s+transaction)\b/i;

/**
 * PostgreSQL's CancelRequest (protocol message: length 16, code 80877102, pid, secret key) for the statement `client`
 * is running. The server answers nothing and closes the connection once it has signalled the backend; until then the
 * connection sends nothing else, so the signal can only reach the statement it was meant for (a backend waiting for
 * its next command ignores it). At most 2 s.
 */
function cancelBackend(client: pg.ClientBase): Promise<void> {
  const state = connections.get(client);
  const c = client as unknown as { processID: number | null; secretKey: number | null; host: string; port: number };
  if (!state || c.processID == null || c.secretKey == null) return Promise.resolve();
  const { processID, secretKey } = c;
  const delivered = new Promise<void>((resolve) => {
    const socket = c.host.startsWith('/') ? net.connect(`${c.host}/.s.PGSQL.${c.port}`) : net.connect(c.port, c.host);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, 2000);
    socket.once('connect', () => {
      const msg = Buffer.alloc(16);
      msg.writeInt32BE(16, 0);
      msg.writeInt32BE(80877102, 4);
      msg.writeInt32BE(processID, 8);
      msg.writeInt32BE(secretKey, 12);
      socket.end(msg);
    });
    socket.once('close', done);
    socket.once('error', done);
  }).finally(() => {
    if (state.cancelling === delivered) state.cancelling = undefined;
  });
  state.cancelling = delivered;
  return delivered;
}

/**
 * Every promise-style statement on a pool connection goes through here: refused if its request was cancelled (a
 * transaction's closing statement still goes, so the connection goes back clean), held while a cancel request is on
 * its way, preceded by SET/RESET statement_timeout when its flow wants another timeout, and counted as running for
 * its request while it runs. Callback-style and submittable (cursor) queries pass untouched.
 */
function scopeConnection(client: pg.PoolClient) {
  const state: ConnectionState = { timeout: null, setInTx: false };
  connections.set(client, state);
  const send = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const run = async (args: unknown[]) => {
    const scope = scopes.getStore();
    const request = scope?.request;
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const closing = TX_END.test(text);
    if (request?.cancelled && !closing) throw new ClientGoneError();
    if (state.cancelling) await state.cancelling;
    if (request) request.running.set(client, (request.running.get(client) ?? 0) + 1);
    try {
      const want = scope?.statementTimeoutMs ?? null;
      if (!closing && state.timeout !== want) {
        await send(want === null ? 'RESET statement_timeout' : `SET statement_timeout = ${want}`);
        state.timeout = want;
        state.setInTx = true;
      }
      if (request?.cancelled && !closing) throw new ClientGoneError();
      if (TX_BEGIN.test(text)) state.setInTx = false;
      return await send(...args);
    } finally {
      if (closing) {
        if (state.setInTx) state.timeout = undefined; // a rollback may have undone the SET: set it again next time
        state.setInTx = false;
      }
      if (request) {
        const n = (request.running.get(client) ?? 1) - 1;
        if (n) request.running.set(client, n);
        else request.running.delete(client);
      }
    }
  };
  client.query = ((...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof args[args.length - 1] === 'function' || typeof first?.submit === 'function') return send(...args);
    return run(args);
  }) as typeof client.query;
}

/**
 * node-postgres over a pool of `poolSize` connections. `statementTimeoutMs` (0 = none) is each connection's
 * statement_timeout: PostgreSQL cancels a statement running longer (57014), which the error handler answers 503.
 * Every connection runs its statements through scopeConnection (cancel on client close, per-flow timeouts).
 */
export function openPostgres(url: string, poolSize = 10, opts: { statementTimeoutMs?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
  });
  // An idle client cut off by the server: the pool emits 'error' and replaces it; the next query reconnects.
  pool.on('error', onConnectionError('idle pool client'));
  // A checked-out client (a transaction, the migration lock) has no pool listener while it is out: its own listener
  // keeps the process alive; the statement in flight rejects, and the pool drops the dead client on release.
  const onClientError = onConnectionError('pool client');
  pool.on('connect', (client) => {
    client.on('error', onClientError);
    scopeConnection(client);
  });
  // pool.query hands its statement to a connection from inside the pool's callbacks, where the caller's async
  // context (its request, its timeout) may be another's: check one out here instead, and send it after the await.
  // Unlike pg-pool's own query, a statement error keeps the connection (only a lost one is dropped).
  const poolQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  pool.query = (async (...args: unknown[]) => {
    if (typeof args[args.length - 1] === 'function') return poolQuery(...args);
    if (scopes.getStore()?.request?.cancelled) throw new ClientGoneError();
    const client = await pool.connect();
    let lost: Error | undefined;
    try {
      return await (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
    } catch (e) {
      if (isConnectionLost(e)) lost = e as Error;
      throw e;
    } finally {
      client.release(lost);
    }
  }) as unknown as typeof pool.query;
  // readiness: one connection outside the pool, bounded on both sides (server statement timeout, client deadline)
  const probePool = new pg.Pool({
    connectionString: url,
    max: 1,
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: 2000,
    statement_timeout: 2000,
    query_timeout: 3000,
  });
  probePool.on('error', onConnectionError('readiness connection'));
  probePool.on('connect', (client) => client.on('error', onConnectionError('readiness connection')));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    probe: drizzlePg(probePool, { schema }) as unknown as Db,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    listen: (channel, on) => listenPostgres(url, channel, on),
    migrate: () =>
      // a migration (an index over millions of rows) may run for minutes: no statement timeout
      withStatementTimeout(0, async () => {
        // drizzle takes no lock between concurrent starts (drizzle-orm#874): serialise with an advisory lock.
        const conn = await pool.connect();
        try {
          await conn.query('SELECT pg_advisory_lock(727274)');
          const db = drizzlePg(conn, { schema });
          await migratePg(db, { migrationsFolder });
          await applyRepeatable(db);
        } finally {
          await conn.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
          conn.release();
        }
      }),
    close: async () => {
      await Promise.all([pool.end(), probePool.end()]);
    },
  };
}

/**
 * Refreshes the planner statistics (all tables, or the ones named). PGlite has no autovacuum, and on PostgreSQL a
 * bulk load leaves the tables without statistics until autovacuum's analyze gets to them: plans then go from
 * milliseconds to seconds. Cheap (a sample of each table), and allowed inside a transaction on both drivers.
 */
export async function analyze(db: Db, tables: PgTable[] = []): Promise<void> {
  await db.execute(
    tables.length
      ? sql`analyze ${sql.join(
          tables.map((t) => sql.identifier(getTableName(t))),
          sql`, `,
        )}`
      : sql`analyze`,
  );
}

export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  statementTimeoutMs?: number;
}): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize, { statementTimeoutMs: opts.statementTimeoutMs });
  const dir = path.join(opts.dataDir, 'pgdata');
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  return openPglite(client);
}

/**
 * Readiness: the database answers and holds every migration this build ships (drizzle's journal). Throws
 * NotReadyError otherwise; one cheap query, no lock.
 */
let shipped: number | undefined;
export async function checkReady(db: Db): Promise<{ migrations: number }> {
  // the journal is part of this build: read once, not on every probe
  shipped ??= (JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
  let applied: number;
  try {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    applied = row?.n ?? 0;
  } catch (e) {
    throw new NotReadyError(isConnectionLost(e) ? '数据库连接不可用' : '数据库尚未初始化', e);
  }
  if (applied < shipped) throw new NotReadyError(`数据库迁移未完成（${applied}/${shipped}）`);
  return { migrations: applied };
}
