/**
 * The per-process actor cache (plugins/actor-cache.ts, db/repeatable/actor-cache.sql): with the cache warm, every
 * change to what an actor is built from applies on the very next request — a permission taken from a role, a role
 * taken from a seat, a disabled user, a logout and a 强制下线, an organisation's registration approved. The clients
 * here send at once (waitForNotifications: false), as a browser does: a change made through the API is answered
 * only after this process heard its notifications. Both databases; the lost listening connection on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, getTableName, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { adminRoles, sessions, users } from '../db/schema.js';
import { queryRows } from '../db/client.js';
import { makeCreditCode } from '../db/seed/codes.js';
import { sha256 } from '../lib/tokens.js';
import { ActorCache } from './actor-cache.js';
import { ACTOR_INPUTS, ACTOR_INPUTS_UNWATCHED } from './access.js';
import { Client, createTestApp, type TestCtx } from '../../test/harness.js';
import { freshHrOrg, newAdmin, newOrg, nextIdNumber } from '../../test/fixtures.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
  await vi.waitFor(() => expect(ctx.app.actorCache.cache.listening).toBe(true), { timeout: 10_000 });
});
afterAll(async () => ctx?.close());

/** A browser: logs in, sends at once. */
async function browser(who: { idNumber: string; password: string }, loginType = 'hr') {
  const c = new Client(ctx, { waitForNotifications: false });
  const r = await c.login(loginType, who.idNumber, who.password);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return c;
}
const sessionOf = (c: Client) => sha256(c.cookie.replace(/^sid=/, ''));
const cached = (c: Client) => ctx.app.actorCache.cache.get(sessionOf(c));

/** A fresh county HR organisation with its super admin and an admin holding a role with `permissions`. */
async function office(permissions: ('dept.view' | 'admin.view' | 'session.manage')[] = ['dept.view', 'admin.view']) {
  const org = await freshHrOrg(ctx);
  const boss = await newAdmin(ctx, org.id, { isSuper: true });
  const clerk = await newAdmin(ctx, org.id, { permissions });
  const [role] = await ctx.db.select({ id: adminRoles.roleId }).from(adminRoles).where(eq(adminRoles.adminId, clerk.adminId));
  return { org, boss, clerk, roleId: role!.id };
}

describe('the actor cache', () => {
  it("serves a warm session from memory; the triggers' notification is what drops it", async () => {
    const { clerk } = await office();
    const c = await browser(clerk);
    expect((await c.get('/api/auth/me')).body.user.name).toMatch(/^管理员/);
    expect(cached(c)?.actor.userId).toBe(clerk.userId);
    // without its trigger a renamed user keeps the cached name: the database was not asked
    await ctx.db.execute(sql`ALTER TABLE users DISABLE TRIGGER actor_cache_users_upd`);
    try {
      await ctx.db.update(users).set({ name: '未通知的名字' }).where(eq(users.id, clerk.userId));
      await ctx.app.actorCache.sync();
      expect((await c.get('/api/auth/me')).body.user.name).not.toBe('未通知的名字');
    } finally {
      await ctx.db.execute(sql`ALTER TABLE users ENABLE TRIGGER actor_cache_users_upd`);
    }
    // with it, the next request reads the database again
    await ctx.db.update(users).set({ name: '已通知的名字' }).where(eq(users.id, clerk.userId));
    await ctx.app.actorCache.sync(); // a direct write, not a request: its notification arrives as in any other process
    expect((await c.get('/api/auth/me')).body.user.name).toBe('已通知的名字');
    expect(cached(c)?.actor.name).toBe('已通知的名字');
  });

  it('a permission taken from a role, and a role taken from a seat, apply on the very next request', async () => {
    const { boss, clerk, roleId } = await office();
    const b = await browser(boss);
    const c = await browser(clerk);
    expect((await c.get('/api/departments')).status).toBe(200);
    expect(cached(c)?.actor.permissions.has('dept.view')).toBe(true);

    const edit = await b.put(`/api/roles/${roleId}`, { name: '只看管理员', description: '', permissions: ['admin.view'] });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect((await c.get('/api/departments')).status).toBe(403);
    expect((await c.get('/api/roles')).status).toBe(200);

    expect((await b.put(`/api/admins/${clerk.adminId}/roles`, { roleIds: [] })).status).toBe(200);
    expect((await c.get('/api/roles')).status).toBe(403);
    expect((await b.put(`/api/admins/${clerk.adminId}/roles`, { roleIds: [roleId] })).status).toBe(200);
    expect((await c.get('/api/roles')).status).toBe(200);
  });

  it('a disabled user is refused on the next request', async () => {
    const { clerk } = await office();
    const c = await browser(clerk);
    expect((await c.get('/api/departments')).status).toBe(200);
    expect(cached(c)).toBeDefined();
    // no API disables a user: an outside write (psql, a script), heard as every process hears it
    await ctx.db.update(users).set({ status: 'disabled' }).where(eq(users.id, clerk.userId));
    await ctx.app.actorCache.sync();
    expect((await c.get('/api/departments')).status).toBe(401);
    expect(cached(c)).toBeUndefined();
  });

  it('a logout, and a 强制下线 by the super admin, end the session for every tab at once', async () => {
    const { boss, clerk } = await office(['dept.view', 'session.manage']);
    const c = await browser(clerk);
    const otherTab = new Client(ctx, { waitForNotifications: false });
    otherTab.cookie = c.cookie;
    expect((await otherTab.get('/api/departments')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await otherTab.get('/api/departments')).status).toBe(401);

    const again = await browser(clerk);
    expect((await again.get('/api/departments')).status).toBe(200);
    const b = await browser(boss);
    expect((await b.req('DELETE', `/api/sessions/${sessionOf(again).slice(0, 16)}`)).status).toBe(200);
    expect((await again.get('/api/departments')).status).toBe(401);
  });

  it("an organisation's registration approved applies to its registrant's next request", async () => {
    const county = await freshHrOrg(ctx);
    const reviewer = await browser(await newAdmin(ctx, county.id, { isSuper: true }));
    const idNumber = nextIdNumber();
    const registered = await new Client(ctx).post('/api/register/org', {
      type: 'base',
      name: `缓存测试基地${idNumber.slice(-4)}`,
      creditCode: makeCreditCode('91', county.divisionCode, `actor-cache-${idNumber}`),
      divisionCode: county.divisionCode,
      parentId: county.id,
      contactName: '李四',
      contactPhone: '13812345678',
      address: '武汉市江岸区某路1号',
      admin: {
        idType: 'resident',
        idNumber,
        realName: '注册人',
        phone: '13912345678',
        email: 'r@example.cn',
        password: 'Reg@2026pw',
        confirmPassword: 'Reg@2026pw',
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const reg = await browser({ idNumber, password: 'Reg@2026pw' }, 'base');
    expect((await reg.get('/api/auth/me')).body.registration).toBe('pending');
    expect((await reg.get('/api/departments')).status).toBe(403);
    expect(cached(reg)?.actor.registration).toBe('pending');
    const decided = await reviewer.post('/api/reviews/registrations/base/decide', { ids: [registered.body.id], decision: 'approve' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await reg.get('/api/departments')).status).toBe(200);
    expect((await reg.get('/api/auth/me')).body.registration).toBe('active');
  });

  it('the idle timeout holds: measured from the last request anywhere, written at most once a minute', async () => {
    const { clerk } = await office();
    const c = await browser(clerk);
    const id = sessionOf(c);
    const lastSeen = async () => (await ctx.db.select({ t: sessions.lastSeenAt }).from(sessions).where(eq(sessions.id, id)))[0]?.t.getTime();
    const t0 = Date.now();
    const written = await lastSeen();
    try {
      expect((await c.get('/api/departments')).status).toBe(200);
      vi.useFakeTimers({ toFake: ['Date'], now: t0 + 40_000 });
      expect((await c.get('/api/departments')).status).toBe(200);
      expect(await lastSeen()).toBe(written); // not written within the minute
      vi.setSystemTime(t0 + 70_000);
      expect((await c.get('/api/departments')).status).toBe(200);
      expect(await lastSeen()).toBe(t0 + 70_000);
      // 29 minutes later another process served it (its last_seen_at write): still valid here, although this
      // process's own view says 30+ minutes idle
      await ctx.db
        .update(sessions)
        .set({ lastSeenAt: new Date(t0 + 70_000 + 29 * 60_000) })
        .where(eq(sessions.id, id));
      vi.setSystemTime(t0 + 70_000 + 31 * 60_000);
      expect((await c.get('/api/departments')).status).toBe(200);
      // then 31 minutes without a request anywhere: expired, and deleted
      vi.setSystemTime(t0 + 70_000 + 62 * 60_000);
      const r = await c.get('/api/departments');
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('SESSION_EXPIRED');
    } finally {
      vi.useRealTimers();
    }
    expect(await lastSeen()).toBeUndefined();
    expect(ctx.app.actorCache.cache.get(id)).toBeUndefined();
  });

  it('a public route does not look at the session', async () => {
    const { clerk } = await office();
    const c = await browser(clerk);
    const before = ctx.app.actorCache.cache.size;
    const r = await c.get('/api/divisions');
    expect(r.status).toBe(200);
    expect(cached(c)).toBeUndefined();
    expect(ctx.app.actorCache.cache.size).toBe(before);
    const stale = new Client(ctx, { waitForNotifications: false });
    stale.cookie = 'sid=not-a-session';
    const s = await stale.get('/api/auth/password-policy');
    expect(s.status).toBe(200);
    expect(s.headers['set-cookie']).toBeUndefined();
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'PostgreSQL: a lost listening connection drops every cached actor; nothing is kept until it is back',
    async () => {
      const { clerk } = await office();
      const c = await browser(clerk);
      expect((await c.get('/api/departments')).status).toBe(200);
      const cache = ctx.app.actorCache.cache;
      // a change nobody hears (trigger off): the cached actor stays as it was …
      await ctx.db.execute(sql`ALTER TABLE users DISABLE TRIGGER actor_cache_users_upd`);
      try {
        await ctx.db.update(users).set({ name: '断线时改名' }).where(eq(users.id, clerk.userId));
      } finally {
        await ctx.db.execute(sql`ALTER TABLE users ENABLE TRIGGER actor_cache_users_upd`);
      }
      expect((await c.get('/api/auth/me')).body.user.name).not.toBe('断线时改名');
      // … until the listening connection goes: notifications may have been lost, so everything is dropped
      await ctx.db.execute(sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND (query LIKE 'LISTEN %' OR query LIKE 'SELECT pg_notify(%')`);
      await vi.waitFor(() => expect(cache.listening).toBe(false), { timeout: 5000 });
      expect(cache.size).toBe(0);
      const down = await c.get('/api/auth/me');
      expect(down.body.user.name).toBe('断线时改名');
      if (!cache.listening) expect(cached(c)).toBeUndefined(); // (unless it reconnected meanwhile: 0.5 s)
      await vi.waitFor(() => expect(cache.listening).toBe(true), { timeout: 15_000 });
      expect((await c.get('/api/departments')).status).toBe(200);
      expect(cached(c)).toBeDefined();
    },
  );
});

describe('what invalidates', () => {
  it('every column an actor is built from is watched by a trigger of its table (db/repeatable/actor-cache.sql)', async () => {
    const columns = Object.values(ACTOR_INPUTS).flatMap((t) => Object.values(t) as PgColumn[]);
    expect(columns.length).toBeGreaterThan(20);
    for (const col of columns) {
      const table = getTableName(col.table);
      const triggers = await queryRows<{ def: string; fn: string }>(
        ctx.db,
        sql`SELECT pg_get_triggerdef(t.oid) AS def, pg_get_functiondef(t.tgfoid) AS fn FROM pg_trigger t
             WHERE t.tgrelid = ${table}::regclass AND NOT t.tgisinternal AND t.tgname LIKE 'actor_cache_%'`,
      );
      const on = (event: string) => triggers.filter((t) => t.def.includes(` ${event} `));
      expect(on('DELETE').length, `${table}: a delete trigger`).toBeGreaterThan(0);
      if (table === 'admin_roles') {
        // any row inserted, changed or deleted changes its seat's roles
        expect(on('INSERT').length * on('UPDATE').length, 'admin_roles: insert and update triggers').toBeGreaterThan(0);
        continue;
      }
      if (ACTOR_INPUTS_UNWATCHED.includes(`${table}.${col.name}`)) continue;
      // a row-level trigger compares NEW.<column>; actor_cache_rows_trg() takes the watched columns as its third argument
      const watched = on('UPDATE').some(
        (t) =>
          new RegExp(`\\bnew\\.${col.name}\\b`, 'i').test(t.def + t.fn) ||
          (/actor_cache_rows_trg\('\w+', '\w+', '([^']*)'\)/.exec(t.def)?.[1] ?? '').split(/,\s*/).includes(col.name),
      );
      expect(watched, `${table}.${col.name} is watched on update`).toBe(true);
    }
  });

  it('one message per statement: the keys of the rows whose watched columns changed, or "*" beyond 200', async () => {
    const [{ n }] = (await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM organizations`)) as [{ n: number }];
    const county = await freshHrOrg(ctx);
    for (let i = n; i <= 201; i++) await newOrg(ctx, 'employer', county.id);
    await ctx.app.actorCache.sync();
    const heard: string[] = [];
    const cache = ctx.app.actorCache.cache;
    const invalidate = cache.invalidate.bind(cache);
    cache.invalidate = (p: string) => {
      heard.push(p);
      invalidate(p);
    };
    try {
      await ctx.db.execute(sql`UPDATE organizations SET name = name WHERE id IN (SELECT id FROM organizations ORDER BY id LIMIT 5)`);
      await ctx.db.execute(sql`UPDATE organizations SET contact_name = contact_name || '' , address = address || ' '
        WHERE id IN (SELECT id FROM organizations ORDER BY id LIMIT 5)`); // not what an actor reads
      await ctx.db.execute(sql`UPDATE organizations SET name = name || ' ' WHERE id IN (SELECT id FROM organizations ORDER BY id LIMIT 3)`);
      await ctx.db.execute(sql`UPDATE organizations SET name = rtrim(name), address = rtrim(address)`);
      await ctx.app.actorCache.sync();
    } finally {
      cache.invalidate = invalidate;
    }
    expect(heard).toHaveLength(2);
    expect(heard[0]).toMatch(/^o:\d+(,o:\d+){2}$/);
    expect(heard[1]!.split(',').sort()).toEqual(heard[0]!.split(',').sort()); // the same three, changed back
    const many: string[] = [];
    cache.invalidate = (p: string) => {
      many.push(p);
      invalidate(p);
    };
    try {
      await ctx.db.execute(sql`UPDATE organizations SET name = name || ' ' WHERE id IN (SELECT id FROM organizations ORDER BY id LIMIT 201)`);
      await ctx.db.execute(sql`UPDATE organizations SET name = rtrim(name)`);
      await ctx.app.actorCache.sync();
    } finally {
      cache.invalidate = invalidate;
    }
    expect(many).toEqual(['*', '*']);
  });
});

describe('ActorCache', () => {
  const entry = (keys: string[]) => ({ actor: { keys }, keys, seenAt: 0, writtenAt: 0, passwordExpiresAt: null });

  it('keeps nothing while not listening, and drops everything when listening stops or starts again', () => {
    const c = new ActorCache<unknown>();
    expect(c.set('s1', entry(['s:s1']), c.ticket())).toBe(false);
    c.up();
    expect(c.set('s1', entry(['s:s1', 'u:1']), c.ticket())).toBe(true);
    c.down();
    expect(c.get('s1')).toBeUndefined();
    expect(c.set('s1', entry(['s:s1']), c.ticket())).toBe(false);
    c.up();
    expect(c.set('s1', entry(['s:s1']), c.ticket())).toBe(true);
    c.up(); // reconnected: what changed in between was not heard
    expect(c.size).toBe(0);
  });

  it('a load that overlapped any invalidation is not kept; an invalidation drops exactly the actors built from its rows', () => {
    const c = new ActorCache<unknown>();
    c.up();
    const t = c.ticket();
    c.invalidate('u:99'); // committed while the load was reading
    expect(c.set('s1', entry(['s:s1', 'u:1']), t)).toBe(false);
    c.set('s1', entry(['s:s1', 'u:1', 'a:1', 'o:7', 'r:3']), c.ticket());
    c.set('s2', entry(['s:s2', 'u:2', 'a:2', 'o:7', 'r:4']), c.ticket());
    c.set('s3', entry(['s:s3', 'u:3', 'p:5', 'o:8']), c.ticket());
    c.invalidate('r:3,p:77');
    expect([c.get('s1'), c.get('s2'), c.get('s3')].map(Boolean)).toEqual([false, true, true]);
    c.invalidate('o:7');
    expect([c.get('s2'), c.get('s3')].map(Boolean)).toEqual([false, true]);
    c.invalidate('*');
    expect(c.size).toBe(0);
  });

  it('is bounded: beyond its size the session refreshed longest ago goes', () => {
    const c = new ActorCache<unknown>(2);
    c.up();
    c.set('a', entry(['s:a']), c.ticket());
    c.set('b', entry(['s:b']), c.ticket());
    c.refresh('a');
    c.set('c', entry(['s:c']), c.ticket());
    expect([c.get('a'), c.get('b'), c.get('c')].map(Boolean)).toEqual([true, false, true]);
    c.invalidate('s:b'); // its index went with it
    expect(c.size).toBe(2);
  });
});
