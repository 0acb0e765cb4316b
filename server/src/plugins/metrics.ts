/**
 * Prometheus metrics at GET /metrics (issue 10 item 6): request durations by route and status, the database pool's
 * connections, and the import job queue by state. Off unless METRICS_TOKEN is set; then only a scraper sending
 * `Authorization: Bearer <METRICS_TOKEN>` gets them (compared in constant time), everyone else a 404 as for a route
 * that does not exist. Each app has its own registry (tests build several apps in one process).
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { count } from 'drizzle-orm';
import { z } from 'zod';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { EXPORT_JOB_STATUS_CODES, IMPORT_JOB_STATUS_CODES } from '@hbzsgx/domain';
import { exportJobs, importJobs } from '../db/schema.js';
import { NotFoundError } from '../errors.js';

const sameSecret = (given: string, expected: string) => {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
};

export function registerMetrics(app: FastifyInstance) {
  const token = app.deps.config.METRICS_TOKEN;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hbzsgx_' });
  const duration = new Histogram({
    name: 'hbzsgx_http_request_duration_seconds',
    help: '处理时间（秒），按路由、方法和状态码',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'hbzsgx_db_pool_connections',
    help: '数据库连接池：total / idle / waiting（PostgreSQL；嵌入式数据库为一个连接）',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const s = app.deps.database.poolStats?.() ?? { total: 1, idle: 0, waiting: 0 };
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  new Gauge({
    name: 'hbzsgx_import_jobs',
    help: '批量导入任务数，按状态',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await app.deps.database.db.select({ status: importJobs.status, n: count() }).from(importJobs).groupBy(importJobs.status);
      for (const s of IMPORT_JOB_STATUS_CODES) this.set({ status: s }, rows.find((r) => r.status === s)?.n ?? 0);
    },
  });
  new Gauge({
    name: 'hbzsgx_export_jobs',
    help: '后台导出任务数，按状态',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await app.deps.database.db.select({ status: exportJobs.status, n: count() }).from(exportJobs).groupBy(exportJobs.status);
      for (const s of EXPORT_JOB_STATUS_CODES) this.set({ status: s }, rows.find((r) => r.status === s)?.n ?? 0);
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    // the route pattern, never the URL: ids and query strings would explode the label set (and carry data)
    const route = req.routeOptions.url ?? 'unmatched';
    duration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    {
      config: { access: { public: true } },
      schema: { hide: true, response: { 200: z.string() } },
    },
    async (req, reply) => {
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!token || !given || !sameSecret(given, token)) throw new NotFoundError('页面');
      reply.header('content-type', registry.contentType).header('cache-control', 'no-store');
      return registry.metrics();
    },
  );
}
