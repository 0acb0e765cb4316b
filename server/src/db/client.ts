/**
 * The database handle for both drivers. Driver differences live in this file only:
 * PGlite (embedded, data in DATA_DIR/pgdata) by default, node-postgres when DATABASE_URL is set.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
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
  /** PostgreSQL only: the pool's connections (for /metrics). */
  poolStats?: () => { total: number; idle: number; waiting: number };
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export function openPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
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
 * node-postgres over a pool of `poolSize` connections. `statementTimeoutMs` (0 = none) is each connection's
 * statement_timeout: PostgreSQL cancels a statement running longer (57014), which the error handler answers 503.
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
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    migrate: async () => {
      // drizzle takes no lock between concurrent starts (drizzle-orm#874): serialise with an advisory lock.
      const conn = await pool.connect();
      try {
        // a migration (an index over millions of rows) may run for minutes: no statement timeout on this connection
        await conn.query('SET statement_timeout = 0');
        await conn.query('SELECT pg_advisory_lock(727274)');
        const db = drizzlePg(conn, { schema });
        await migratePg(db, { migrationsFolder });
        await applyRepeatable(db);
      } finally {
        await conn.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
        await conn.query('RESET statement_timeout').catch(() => undefined);
        conn.release();
      }
    },
    close: async () => {
      await pool.end();
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
