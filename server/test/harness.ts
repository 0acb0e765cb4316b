/** Per-file test app on a clone of the migrated image, plus a small HTTP client for app.inject. */
import fs from 'node:fs';
import crypto from 'node:crypto';
import { inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { onConnectionError, openPglite, openPostgres, type Database } from '../src/db/client.js';
import { createPii } from '../src/lib/pii.js';

export const TEST_KEY = Buffer.alloc(32, 7);

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

/** A clone of the migrated image; on PostgreSQL `poolSize` and `statementTimeoutMs` shape its pool. */
export async function openTestDatabase(opts: { poolSize?: number; statementTimeoutMs?: number } = {}): Promise<Database> {
  const tpl = inject('pgTemplate');
  const url = process.env.DATABASE_URL;
  if (tpl && url) {
    const name = `hbzsgx_t_${tpl.split('_').pop()}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    admin.on('error', onConnectionError('test clone admin client'));
    await admin.connect();
    for (let i = 0; ; i++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`);
        break;
      } catch (e) {
        if (i > 20) throw e;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300)); // template busy with a sibling's copy
      }
    }
    await admin.end();
    const database = openPostgres(withDatabase(url, name), opts.poolSize ?? 5, { statementTimeoutMs: opts.statementTimeoutMs });
    const close = database.close;
    database.close = async () => {
      await close();
      const c = new pg.Client({ connectionString: url });
      c.on('error', onConnectionError('test clone admin client'));
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
    return database;
  }
  const image = fs.readFileSync(inject('dbImage'));
  const client = await PGlite.create({ loadDataDir: new Blob([image]) });
  return openPglite(client);
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    CAPTCHA: 'off',
    SEED_DEMO: 'off',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    DATA_DIR: '/tmp/hbzsgx-test-data',
    ...overrides,
  });
}

export async function createTestApp(env: Record<string, string> = {}) {
  const database = await openTestDatabase();
  const config = testConfig(env);
  const pii = createPii(TEST_KEY);
  // Only errors are logged: a 500 in a test prints its cause.
  const app = await buildApp({ config, database, pii }, { logger: { level: 'error' } });
  await app.ready();
  return {
    app,
    config,
    pii,
    database,
    db: database.db,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
export type TestCtx = Awaited<ReturnType<typeof createTestApp>>;

export interface Res {
  status: number;
  body: any;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/** A browser-like client: keeps the session cookie and sends our Origin on state-changing requests. */
export class Client {
  cookie = '';
  /** `waitForNotifications: false`: send at once, as a browser would (see req()). */
  constructor(
    private ctx: TestCtx,
    private opts: { waitForNotifications?: boolean } = {},
  ) {}
  async req(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    // A test's own direct writes (factories, ctx.db.update) reach the actor cache as notifications, which PostgreSQL
    // delivers asynchronously (in production within milliseconds): wait for them, as if time had passed. Changes
    // made through the API need no wait — the request that made them waits before answering (actor-cache.test.ts
    // checks that with requests that skip this).
    if (this.opts.waitForNotifications !== false) await this.ctx.app.actorCache.sync();
    const res = await this.ctx.app.inject({
      method,
      url,
      payload: payload as any,
      headers: { host: 'localhost', origin: 'http://localhost', ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
    });
    const set = res.cookies.find((c) => c.name === 'sid');
    if (set) this.cookie = set.value ? `sid=${set.value}` : '';
    let body: any = res.body;
    if (String(res.headers['content-type'] ?? '').includes('application/json')) body = res.json();
    return { status: res.statusCode, body, headers: res.headers, raw: res };
  }
  get(url: string) {
    return this.req('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.req('POST', url, body ?? {});
  }
  put(url: string, body?: unknown) {
    return this.req('PUT', url, body ?? {});
  }
  patch(url: string, body?: unknown) {
    return this.req('PATCH', url, body ?? {});
  }
  del(url: string) {
    return this.req('DELETE', url);
  }
  /** A multipart/form-data POST with text fields first and one file, as a browser sends it. */
  async upload(url: string, fields: Record<string, string | number>, file?: { name: string; content: Buffer; type?: string }) {
    const boundary = `----hbzsgx${crypto.randomBytes(8).toString('hex')}`;
    const chunks: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    if (file) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(file.content, Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return this.req('POST', url, Buffer.concat(chunks), { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }
  async login(loginType: string, account: string, password: string) {
    return this.post('/api/auth/login', { loginType, account, password });
  }
}
