/** Security headers (helmet, CSP), no-store on unmasked views and downloads, TRUNCATE of the audit log, /docs off. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { auditLogs, personnel } from '../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../test/fixtures.js';

let ctx: TestCtx;
let hr: Client;
let personnelId: number, pendingId: number, adminId: number, pendingOrgId: number;
beforeAll(async () => {
  ctx = await createTestApp();
  const org = await freshHrOrg(ctx);
  const admin = await newAdmin(ctx, org.id, { isSuper: true });
  adminId = admin.adminId;
  hr = await loggedIn(ctx, admin);
  const emp = await newOrg(ctx, 'employer', org.id, '头部测试中学', org.divisionCode);
  personnelId = (await newPerson(ctx, emp.id)).personnelId;
  pendingId = (await newPerson(ctx, emp.id)).personnelId;
  await ctx.db.update(personnel).set({ status: 'pending' }).where(eq(personnel.id, pendingId));
  pendingOrgId = (await newOrg(ctx, 'employer', org.id, '头部测试待审核单位', org.divisionCode)).id;
  await hr.get('/api/auth/me');
});
afterAll(async () => ctx?.close());

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values];
      }),
  );

describe('security headers (helmet)', () => {
  it('an HTML page carries a CSP that fits the app: scripts from self only, inline styles, data:/blob: images, no framing', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/html');
    const csp = directives(String(res.headers['content-security-policy']));
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp['frame-src']).toEqual(["'self'", 'blob:']);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    // plain http (COOKIE_SECURE off): upgrading would break every request, and HSTS means nothing
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('every answer (API, error) has nosniff, no framing, a referrer policy and cross-origin isolation headers', async () => {
    for (const url of ['/api/health', '/api/no-such-route', '/api/admins']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
      expect(String(res.headers['content-security-policy']), url).toContain("default-src 'self'");
    }
  });

  it('behind TLS (COOKIE_SECURE=on): HSTS and upgrade-insecure-requests', async () => {
    const tls = await createTestApp({ COOKIE_SECURE: 'on' });
    try {
      const res = await tls.app.inject({ method: 'GET', url: '/api/health' });
      expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=31536000/);
      expect(directives(String(res.headers['content-security-policy']))['upgrade-insecure-requests']).toEqual([]);
    } finally {
      await tls.close();
    }
  });
});

describe('Cache-Control: no-store', () => {
  it('on every unmasked identity view', async () => {
    for (const url of [
      `/api/personnel/${personnelId}/identity`,
      `/api/admins/${adminId}/identity`,
      `/api/reviews/registrations/personnel/${pendingId}/identity`,
      `/api/reviews/registrations/employer/${pendingOrgId}/identity`,
    ]) {
      const res = await hr.get(url);
      expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('on every export and download, and not on ordinary API answers', async () => {
    for (const url of [
      '/api/departments/export',
      '/api/personnel/export',
      '/api/personnel/import/template',
      '/api/reviews/registrations/employer/export',
    ]) {
      const res = await hr.get(url);
      expect(res.status, url).toBe(200);
      expect(String(res.headers['content-disposition']), url).toMatch(/^attachment/);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    expect((await hr.get('/api/departments')).headers['cache-control']).toBeUndefined();
  });
});

describe('the audit log cannot be emptied', () => {
  it('TRUNCATE audit_logs raises an error and leaves every row', async () => {
    const [before] = await ctx.db.select({ n: count() }).from(auditLogs);
    expect(before!.n).toBeGreaterThan(0);
    await expect(ctx.db.execute(sql`TRUNCATE audit_logs`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`TRUNCATE TABLE audit_logs RESTART IDENTITY CASCADE`)).rejects.toThrow();
    // the reason is the trigger's (not, say, a foreign key)
    const err = await ctx.db.execute(sql`TRUNCATE audit_logs`).then(
      () => null,
      (e: unknown) => e as { message?: string; cause?: { message?: string } },
    );
    expect(`${err?.message} ${err?.cause?.message ?? ''}`).toContain('audit_logs cannot be truncated');
    const [after] = await ctx.db.select({ n: count() }).from(auditLogs);
    expect(after!.n).toBe(before!.n);
    // UPDATE and DELETE stay refused too (migration 0001)
    await expect(ctx.db.update(auditLogs).set({ action: 'x' })).rejects.toThrow();
    await expect(ctx.db.delete(auditLogs)).rejects.toThrow();
  });
});

describe('API_DOCS', () => {
  it('is on by default (/docs answers) and API_DOCS=off makes /docs a 404 while the API works', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    const off = await createTestApp({ API_DOCS: 'off' });
    try {
      for (const url of ['/docs', '/docs/', '/docs/json', '/docs/static/swagger-ui.css']) {
        const res = await off.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
      }
      expect((await off.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await off.close();
    }
  });
});
