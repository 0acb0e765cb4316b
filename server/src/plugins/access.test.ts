/** Deny by default, proven over every route the app registers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { isAuditDuty, PERMISSION_CODES, PERMISSIONS } from '@hbzsgx/domain';
import { sql } from 'drizzle-orm';
import { registerAccess, type RouteAccess } from './access.js';
import { queryRows } from '../db/client.js';
import { Client, createTestApp, type TestCtx } from '../../test/harness.js';
import { freshHrOrg, hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../test/fixtures.js';
import { fields, inputJsonSchema, leafProblem, sample, setPath, variants, type Json } from '../../test/schema-walk.js';
import { z } from 'zod';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
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
    expect(() =>
      app.get('/api/declared', { config: { access: { public: true } }, schema: { response: { 200: z.string() } } }, async () => 'x'),
    ).not.toThrow();
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
      // each denial is in the audit log: who, which route, which permission was missing, denied
      const [row] = await queryRows<{ actor: number; result: string; route: string; permission: string }>(
        ctx.db,
        sql`
        SELECT actor_user_id AS actor, result, detail->>'route' AS route, detail->>'permission' AS permission
        FROM audit_logs WHERE action = 'access.denied' ORDER BY id DESC LIMIT 1`,
      );
      expect(row, `${r.method} ${r.url} audited`).toEqual({
        actor: nobody.userId,
        result: 'denied',
        route: r.url,
        permission: (r.access as { permission: string }).permission,
      });
    }
    const [n] = await queryRows<{ n: number }>(
      ctx.db,
      sql`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'access.denied' AND actor_user_id = ${nobody.userId}`,
    );
    expect(n!.n).toBe(routes.length);
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
      // a refused login form is audited as a failed attempt (the one write a 400 makes)
      const [r] =
        t === 'audit_logs'
          ? await ctx.db
              .select({ n: sql<number>`count(*)::int` })
              .from(sql.raw(t))
              .where(sql`NOT (action = 'auth.login' AND detail->>'reason' = 'invalid-input')`)
          : await ctx.db.select({ n: sql<number>`count(*)::int` }).from(sql.raw(t));
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
      'permission' in a ? (isAuditDuty(a.permission) ? auditor : byType[PERMISSIONS[a.permission].types[0]!]!) : hr;
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
    }
    expect(checked).toBeGreaterThan(20);
    // the login of this admin happened before the snapshot; nothing since may have been written
    expect(await snapshot()).toEqual(before);
  });

  it('a malformed JSON body is a 400 in Chinese, never a 500', async () => {
    const org = await freshHrOrg(ctx);
    const c = await loggedIn(ctx, await newAdmin(ctx, org.id, { isSuper: true }));
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/departments',
      payload: '{"name": ',
      headers: { host: 'localhost', origin: 'http://localhost', cookie: c.cookie, 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('JSON');
  });
});

describe('hostile input on every route (no 500 from anything a client can send)', () => {
  const LOCATIONS = [
    ['params', '路径参数'],
    ['querystring', '查询参数'],
    ['body', ''],
  ] as const;
  type Loc = (typeof LOCATIONS)[number][0];
  const HOSTILE = [2 ** 31, -1, 'a\u0000b', 'x'.repeat(100_000)] as const;

  it('every field of every request schema is bounded: texts capped and free of control characters, numbers within int4', () => {
    const problems: string[] = [];
    let leaves = 0;
    for (const r of ctx.app.routeAccess) {
      for (const [loc] of LOCATIONS) {
        const js = inputJsonSchema(r.schemas[loc]);
        if (!js) continue;
        for (const v of variants(js)) {
          for (const f of fields(v, js)) {
            leaves++;
            const p = leafProblem(f);
            if (p) problems.push(`${r.method} ${r.url} ${loc}.${f.path.join('.')}: ${p}`);
          }
        }
      }
    }
    expect(leaves).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  });

  const asText = (o: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(o)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );

  /** Every table's content, as one digest per table (audit rows and session activity are compared apart). */
  async function tableDigests() {
    const tables = (
      await queryRows<{ t: string }>(
        ctx.db,
        sql.raw("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"),
      )
    ).map((r) => r.t);
    const out: Record<string, string> = {};
    for (const t of tables.filter((x) => x !== 'audit_logs' && x !== 'sessions' && !x.startsWith('__drizzle'))) {
      const [d] = await queryRows<{ d: string }>(
        ctx.db,
        sql.raw(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM ${t} x`),
      );
      out[t] = d!.d;
    }
    return out;
  }

  it('each path parameter, query parameter and body field in turn as 2^31, -1, a NUL string and 100,000 characters: only 4xx, nothing written', async () => {
    const org = await freshHrOrg(ctx, 'city');
    const hr = await loggedIn(ctx, await newAdmin(ctx, org.id, { isSuper: true }));
    const auditor = await loggedIn(ctx, await newAdmin(ctx, org.id, { permissions: ['audit.view'] }));
    const byType: Record<string, Client> = { hr };
    for (const t of ['authority', 'employer', 'base'] as const) {
      byType[t] = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, t, org.id)).id, { isSuper: true }), t);
    }
    const employer = await newOrg(ctx, 'employer', org.id);
    const person = await loggedIn(ctx, await newPerson(ctx, employer.id), 'personnel');
    const anon = new Client(ctx);
    // the roles that pass each route's access check (authenticated routes: an admin and a professional)
    const clientsFor = (a: RouteAccess['access']): Client[] =>
      'public' in a
        ? [anon]
        : 'permission' in a
          ? [isAuditDuty(a.permission) ? auditor : byType[PERMISSIONS[a.permission].types[0]!]!]
          : [hr, person];

    const auditBefore = (await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_logs`))[0]!.n;
    const before = await tableDigests();
    const failures: string[] = [];
    const valid: { c: Client; method: string; url: string; body: unknown; where: string }[] = [];
    let sent = 0;
    for (const r of ctx.app.routeAccess) {
      const js: Record<Loc, Json | null> = {
        params: inputJsonSchema(r.schemas.params),
        querystring: inputJsonSchema(r.schemas.querystring),
        body: inputJsonSchema(r.schemas.body),
      };
      // body variants (a discriminated body: each mode on its own), each with a valid baseline for the other fields
      for (const bodyVariant of js.body ? variants(js.body) : [null]) {
        const base: Record<Loc, any> = {
          params: js.params ? sample(js.params, '', js.params) : undefined,
          querystring: js.querystring ? sample(js.querystring, '', js.querystring) : undefined,
          body: bodyVariant ? sample(bodyVariant, '', js.body!) : r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        };
        for (const [loc, label] of LOCATIONS) {
          const node = loc === 'body' ? bodyVariant : js[loc];
          if (!node) continue;
          for (const f of fields(node, js[loc]!)) {
            if (f.kind === 'absent') continue;
            for (const bad of HOSTILE) {
              // params and query strings arrive as text; body values as JSON
              const value = loc === 'body' ? bad : String(bad);
              const input = { ...base, [loc]: setPath(base[loc], f.path, value) };
              // what the server receives in the URL: text
              for (const l of ['params', 'querystring'] as const) if (input[l]) input[l] = asText(input[l]);
              const parsed = (r.schemas[loc] as z.ZodType).safeParse(input[loc]);
              const where = `${r.method} ${r.url} ${loc}.${f.path.join('.')}=${String(bad).slice(0, 12)}`;
              // the schema itself must refuse what PostgreSQL cannot take: control characters, overlong text, ids/counts past int4 or negative
              if (parsed.success && (typeof bad === 'string' || f.kind === 'number')) failures.push(`${where}: accepted by the schema`);
              const params = (input.params ?? {}) as Record<string, unknown>;
              const url = r.url.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(String(params[k] ?? '1')));
              const qs = input.querystring ? `?${new URLSearchParams(input.querystring as Record<string, string>)}` : '';
              for (const c of clientsFor(r.access)) {
                // valid requests (a numeric-looking text) may write what they always write: sent after the digests
                if (parsed.success) {
                  valid.push({ c, method: r.method, url: url + qs, body: input.body, where });
                  continue;
                }
                const res = await c.req(r.method as 'GET', url + qs, input.body);
                sent++;
                if (res.status >= 500) failures.push(`${where}: ${res.status}`);
                else {
                  // refused: a 400 naming the field in Chinese (a path parameter past the router's length cap: 414/404)
                  const tooLongParam = loc === 'params' && String(value).length > 100 && (res.status === 404 || res.status === 414);
                  if (!tooLongParam && res.status !== 400) failures.push(`${where}: ${res.status} (expected 400)`);
                  else if (res.status === 400 && !new RegExp(`${label}.*：`).test(res.body.message ?? ''))
                    failures.push(`${where}: message ${res.body.message}`);
                }
              }
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(1000);
    // nothing written: every table as it was; the audit log only grew by refused logins (each a failed attempt)
    const after = await tableDigests();
    for (const t of Object.keys(before)) if (after[t] !== before[t]) failures.push(`table ${t} changed`);
    const added = await queryRows<{ action: string; reason: string | null }>(
      ctx.db,
      sql`SELECT action, detail->>'reason' AS reason FROM audit_logs ORDER BY id OFFSET ${auditBefore}`,
    );
    for (const a of added) if (!(a.action === 'auth.login' && a.reason === 'invalid-input')) failures.push(`audit row ${a.action} written`);
    // what the schema accepts (a text filter "2147483648" or "-1") is answered, never with a 5xx, and never writes
    for (const v of valid) {
      const res = await v.c.req(v.method as 'GET', v.url, v.body);
      if (res.status >= 500) failures.push(`${v.where}: ${res.status}`);
      if (v.method !== 'GET' && res.status < 300) failures.push(`${v.where}: ${v.method} succeeded with a hostile value`);
    }
    expect(valid.length).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  }, 600_000);

  it('a refused login form (NUL in the account) is a 400 and an audited failed attempt', async () => {
    const res = await new Client(ctx).req('POST', '/api/auth/login', { loginType: 'hr', account: '4201\u0000x', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/账号：不能包含控制字符/);
    const [row] = await queryRows<{ detail: { account: string; reason: string }; result: string }>(
      ctx.db,
      sql`SELECT detail, result FROM audit_logs WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`,
    );
    expect(row).toMatchObject({ result: 'failure', detail: { reason: 'invalid-input' } });
    expect(row!.detail.account).not.toContain('\u0000');
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
