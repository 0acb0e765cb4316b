/**
 * One typed contract: every /api route declares its success answer as a Zod schema (built from
 * packages/domain/src/contract), so the serializer encodes through it, OpenAPI documents it and the web app types
 * it. PENDING lists the modules still to be converted; it may only shrink, and each entry must still name a route
 * without a schema, so a converted module cannot stay listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestCtx } from '../../test/harness.js';
import type { RouteAccess } from './access.js';

const PENDING: string[] = ['/api/register', '/api/registration'];

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

/** The route's success schema: 200 (or 201/202/204), a Zod schema. */
function success(r: RouteAccess): unknown {
  const res = r.schemas.response ?? {};
  return res['200'] ?? res['201'] ?? res['202'] ?? res['204'];
}

describe('response contract', () => {
  it('every /api route declares a Zod response schema (modules still pending are listed and shrink)', () => {
    const missing = ctx.app.routeAccess.filter((r) => !(success(r) instanceof z.ZodType));
    const unlisted = missing.filter((r) => !PENDING.some((p) => r.url.startsWith(p))).map((r) => `${r.method} ${r.url}`);
    expect(unlisted).toEqual([]);
    const stale = PENDING.filter((p) => !missing.some((r) => r.url.startsWith(p)));
    expect(stale, 'converted modules must leave PENDING').toEqual([]);
  });

  it('OpenAPI documents the declared answers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>> };
    const declared = ctx.app.routeAccess.filter((r) => success(r) instanceof z.ZodType);
    expect(declared.length).toBeGreaterThan(0);
    for (const r of declared) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      const ok = op?.responses?.['200'] ?? op?.responses?.['201'] ?? op?.responses?.['202'] ?? op?.responses?.['204'];
      expect(ok, `${r.method} ${r.url}`).toBeDefined();
    }
  });
});
