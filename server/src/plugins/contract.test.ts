/**
 * One typed contract: every /api route declares its success answer as a Zod schema (built from
 * packages/domain/src/contract), so the serializer encodes through it, OpenAPI documents it and the web app types
 * it. The access plugin refuses to register a route without one, as it refuses a route without an access declaration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { z } from 'zod';
import { createTestApp, type TestCtx } from '../../test/harness.js';
import { registerAccess, successSchema } from './access.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('response contract', () => {
  it('a route without a response schema refuses to register', () => {
    const app = Fastify();
    app.decorate('deps', {} as never);
    registerAccess(app);
    const access = { config: { access: { authenticated: true as const } } };
    expect(() => app.get('/api/unanswered', access, async () => 'x')).toThrow(/declares no response schema/);
    expect(() => app.get('/api/json-schema', { ...access, schema: { response: { 200: { type: 'string' } } } }, async () => 'x')).toThrow(
      /declares no response schema/,
    );
    expect(() => app.get('/api/answered', { ...access, schema: { response: { 200: z.string() } } }, async () => 'x')).not.toThrow();
  });

  it('every /api route of the app declares a Zod response schema', () => {
    expect(ctx.app.routeAccess.length).toBeGreaterThan(140);
    const missing = ctx.app.routeAccess.filter((r) => !successSchema(r.schemas.response)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('OpenAPI documents every declared answer', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>> };
    for (const r of ctx.app.routeAccess) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      const ok = op?.responses?.['200'] ?? op?.responses?.['201'] ?? op?.responses?.['202'] ?? op?.responses?.['204'];
      expect(ok, `${r.method} ${r.url}`).toBeDefined();
    }
  });
});
