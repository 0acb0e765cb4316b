/** Prometheus metrics: off without METRICS_TOKEN, 404 without the right bearer token, and what a scraper reads. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestCtx } from '../../test/harness.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
let on: TestCtx;
let off: TestCtx;
beforeAll(async () => {
  on = await createTestApp({ METRICS_TOKEN: TOKEN });
  off = await createTestApp();
});
afterAll(async () => {
  await on?.close();
  await off?.close();
});

const scrape = (ctx: TestCtx, authorization?: string) =>
  ctx.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

describe('GET /metrics', () => {
  it('answers 404 without the token, with a wrong one, and when METRICS_TOKEN is not set', async () => {
    expect((await scrape(on)).statusCode).toBe(404);
    expect((await scrape(on, `Bearer ${TOKEN}x`)).statusCode).toBe(404);
    expect((await scrape(on, TOKEN)).statusCode).toBe(404);
    expect((await scrape(off, `Bearer ${TOKEN}`)).statusCode).toBe(404);
  });

  it('gives request durations by route pattern (never the URL), pool connections and import jobs by state', async () => {
    await on.app.inject({ method: 'GET', url: '/api/health' });
    await on.app.inject({ method: 'GET', url: '/api/reviews/registrations/personnel/123' }); // 401: no session
    const res = await scrape(on, `Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = res.body;
    expect(text).toMatch(/hbzsgx_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} 1/);
    expect(text).toMatch(
      /hbzsgx_http_request_duration_seconds_count\{method="GET",route="\/api\/reviews\/registrations\/:kind\/:id",status="401"\} 1/,
    );
    expect(text).not.toContain('/123');
    expect(text).toMatch(/hbzsgx_db_pool_connections\{state="total"\} \d+/);
    expect(text).toMatch(/hbzsgx_import_jobs\{status="queued"\} 0/);
    expect(text).toMatch(/hbzsgx_export_jobs\{status="running"\} 0/);
    expect(text).toContain('hbzsgx_process_resident_memory_bytes');
  });
});
