/** Deny by default, proven over every route the app registers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { isAuditDuty, PERMISSION_CODES, PERMISSIONS } from '@hbzsgx/domain';
import { sql } from 'drizzle-orm';
import { registerAccess, type RouteAccess } from './access.js';
import { Client, createTestApp, type TestCtx } from '../../test/harness.js';
import { freshHrOrg, hrOrg, loggedIn, newAdmin, newOrg } from '../../test/fixtures.js';

let ctx: TestCtx;
beforeAll(async () => { ctx = await createTestApp(); });
afterAll(async () => ctx?.close());

const concrete = (url: string) => url.replace(/:id\b/g, '1');
const bodyFor = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : {});

describe('access declarations', () => {
  it('every /api route declares access, and permission routes use catalogue permissions', () => {
    expect(ctx.app.routeAccess.length).toBeGreaterThan(25);
    for (const r of ctx.app.routeAccess) {
      if ('permission' in r.access) expect(PERMISSION_CODES).toContain(r.access.permission);
    }
  });

  it('a route without an access declaration refuses to register', async () => {
    const app = Fastify();
    app.decorate('deps', {} as never);
    registerAccess(app);
    expect(() => app.get('/api/undeclared', async () => 'x')).toThrow(/declares no access/);
    expect(() => app.get('/api/declared', { config: { access: { public: true } } }, async () => 'x')).not.toThrow();
  });

  it('without a session every non-public route answers 401', async () => {
    const anon = new Client(ctx);
    for (const r of ctx.app.routeAccess.filter((x) => !('public' in x.access))) {
      const res = await anon.req(r.method as 'GET', concrete(r.url), bodyFor(r.method));
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('an admin whose roles lack the permission gets 403 on every permission route (and it is audited)', async () => {
    const org = await hrOrg(ctx, '420100');
    const nobody = await newAdmin(ctx, org.id, { permissions: [] });
    const c = await loggedIn(ctx, nobody);
    const routes = ctx.app.routeAccess.filter((x) => 'permission' in x.access);
    for (const r of routes) {
      const res = await c.req(r.method as 'GET', concrete(r.url), bodyFor(r.method));
      expect(res.status, `${r.method} ${r.url}`).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const logs = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(logs.statusCode).toBe(200);
  });

  it('holding exactly one permission opens exactly its routes', async () => {
    const org = await hrOrg(ctx, '420100');
    const viewer = await newAdmin(ctx, org.id, { permissions: ['dept.view'] });
    const c = await loggedIn(ctx, viewer);
    expect((await c.get('/api/departments')).status).toBe(200);
    expect((await c.post('/api/departments', { name: '新部门' })).status).toBe(403);
    expect((await c.get('/api/admins')).status).toBe(403);
  });
});

describe('bad input on every route', () => {
  const tables = ['users', 'admins', 'roles', 'admin_roles', 'departments', 'organizations', 'audit_logs', 'sessions'];
  const snapshot = async () => {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(sql.raw(t));
      out[t] = r!.n;
    }
    return out;
  };

  it('answers 400 with a Chinese message naming the field, and writes nothing', async () => {
    // for each route, a super admin of an organisation type that holds its permission (the audit duty: an auditor,
    // since super admins do not hold it under 三员分立)
    const org = await freshHrOrg(ctx);
    const hr = await loggedIn(ctx, await newAdmin(ctx, org.id, { isSuper: true }));
    const auditor = await loggedIn(ctx, await newAdmin(ctx, org.id, { permissions: ['audit.view'] }));
    const byType: Record<string, Client> = { hr };
    for (const t of ['authority', 'employer', 'base'] as const) {
      byType[t] = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, t, org.id)).id, { isSuper: true }), t);
    }
    const clientFor = (a: RouteAccess['access']) =>
      ('permission' in a ? (isAuditDuty(a.permission) ? auditor : byType[PERMISSIONS[a.permission].types[0]!]!) : hr);
    const before = await snapshot();
    let checked = 0;
    for (const r of ctx.app.routeAccess.filter((x) => !('public' in x.access) || x.body || x.query)) {
      const c = clientFor(r.access);
      if (r.params) {
        const res = await c.req(r.method as 'GET', r.url.replace(/:\w+/g, 'abc'), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
        expect(res.status, `${r.method} ${r.url} params`).toBe(400);
        expect(res.body.message, `${r.method} ${r.url}`).toMatch(/路径参数.*：/);
        checked++;
      }
      if (r.body) {
        const res = await c.req(r.method as 'POST', r.url.replace(/:id\b/g, '1').replace(/:kind\b/g, 'abc'), [1, 2]);
        expect(res.status, `${r.method} ${r.url} body`).toBe(400);
        expect(res.body.code).toBe('VALIDATION_ERROR');
        expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
        checked++;
      }
      if (r.query && r.method === 'GET' && !/:(?!id\b)\w+/.test(r.url)) {
        const res = await c.get(`${r.url.replace(/:id\b/g, '1')}?page=0&pageSize=9999&departmentId=x&parentId=-1&parentCode=abc&from=nope&type=alien&status=bogus&direction=x&source=x&tab=x&sample=0&keyword=${"长".repeat(60)}`);
        if (res.status !== 400) continue; // routes whose query has none of these fields
        expect(res.body.message, `${r.url}`).toMatch(/查询参数.*：/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    // the login of this admin happened before the snapshot; nothing since may have been written
    expect(await snapshot()).toEqual(before);
  });

  it('a malformed JSON body is a 400 in Chinese, never a 500', async () => {
    const org = await freshHrOrg(ctx);
    const c = await loggedIn(ctx, await newAdmin(ctx, org.id, { isSuper: true }));
    const res = await ctx.app.inject({
      method: 'POST', url: '/api/departments', payload: '{"name": ',
      headers: { host: 'localhost', origin: 'http://localhost', cookie: c.cookie, 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('JSON');
  });
});

describe('OpenAPI', () => {
  it('documents every API route at /docs, generated from the Zod schemas', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toContain('继续教育');
    const paths = Object.keys(doc.paths);
    for (const route of ctx.app.routeAccess) {
      expect(paths, route.url).toContain(route.url.replace(/:(\w+)/g, '{$1}'));
    }
    const login = doc.paths['/api/auth/login'].post;
    expect(Object.keys(login.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['loginType', 'account', 'password', 'captcha']),
    );
    expect((await ctx.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });
});
