/**
 * One slow request never starves the rest (issue 10 item 4, PostgreSQL — PGlite runs one statement at a time
 * in-process and serves small installations): each pool connection carries STATEMENT_TIMEOUT_MS, PostgreSQL cancels
 * a statement running longer (57014), the error handler answers 503 in Chinese, and while every connection of the
 * pool is held by slow statements /api/ready still answers as soon as they are cancelled — instead of after them.
 * /api/ready also refuses (503) a database that lacks a migration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { buildApp } from '../app.js';
import { createPii } from '../lib/pii.js';
import { createTestApp, openTestDatabase, TEST_KEY, testConfig } from '../../test/harness.js';
import { errorCode, queryRows, type Database } from './client.js';

const URL = process.env.DATABASE_URL;
const TIMEOUT_MS = 300;
/** Far longer than any test may take: a slow statement that were not cancelled would fail the test by its timeout. */
const SLOW_S = 60;

describe.skipIf(!URL)('statement timeout and readiness (PostgreSQL)', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    // the test's own clone, with a pool of 3 connections that carry the statement timeout
    database = await openTestDatabase({ poolSize: 3, statementTimeoutMs: TIMEOUT_MS });
    app = await buildApp({ config: testConfig(), database, pii: createPii(TEST_KEY) }, { logger: false });
    // a page whose query runs for a minute (what a missing index does at 30 M rows)
    app.get(
      '/api/test/slow',
      { config: { access: { public: true } }, schema: { response: { 200: z.object({ ok: z.literal(true) }) } } },
      async () => {
        await database.db.execute(sql`select pg_sleep(${SLOW_S})`);
        return { ok: true as const };
      },
    );
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('a pool connection cancels a statement past the timeout (57014)', async () => {
    const err = await database.db.execute(sql`select pg_sleep(${SLOW_S})`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(errorCode(err)).toBe('57014');
    // the connection went back to the pool and serves the next statement
    expect(await queryRows<{ one: number }>(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
  });

  it('slow pages holding every connection answer 503 in Chinese, and /api/ready answers meanwhile', async () => {
    const slow = Array.from({ length: 9 }, () => app.inject({ method: 'GET', url: '/api/test/slow' }));
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ok: true, db: 'postgres' });
    for (const res of await Promise.all(slow)) {
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ code: 'QUERY_TIMEOUT', message: '查询超时：请缩小查询范围（如年度、地区、状态）后重试' });
    }
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  }, 30_000);

  it('/api/ready refuses a database with a migration missing', async () => {
    const [last] = await queryRows<{ id: number }>(database.db, sql`select max(id)::int as id from drizzle.__drizzle_migrations`);
    const [row] = await queryRows<Record<string, unknown>>(
      database.db,
      sql`delete from drizzle.__drizzle_migrations where id = ${last!.id} returning *`,
    );
    try {
      const res = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('NOT_READY');
      expect(res.json().message).toMatch(/^数据库迁移未完成/);
    } finally {
      await database.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${row!.id as number}, ${row!.hash as string}, ${row!.created_at as string})`,
      );
    }
    expect((await app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });
});

describe('readiness on either database', () => {
  it('/api/ready answers with the applied migrations once the database is migrated; /api/health is alive', async () => {
    const ctx = await createTestApp();
    try {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(200);
      const journal = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'migrations', 'meta', '_journal.json'), 'utf8')) as {
        entries: unknown[];
      };
      expect(res.json()).toEqual({ ok: true, db: ctx.database.kind, migrations: journal.entries.length });
      expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true, db: ctx.database.kind });
    } finally {
      await ctx.close();
    }
  });
});
