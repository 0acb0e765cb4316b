/** 审计日志: read-only for holders of audit.view, within their scope (HR: the jurisdiction). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, count, desc, eq, gte, ilike, lt } from 'drizzle-orm';
import { AUDIT_ACTIONS, AUDIT_RESULTS, auditTargetLabel, pageQuery, text, pattern, beijingDayStart } from '@hbzsgx/domain';
import { auditLogs } from '../../db/schema.js';
import { actorOf, type Actor } from '../../plugins/access.js';
import { escapeLike, pathScope } from '../../lib/scope.js';
import { exportList, exportQuery } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import type { Db } from '../../db/client.js';

/** A date-only value (YYYY-MM-DD) means that day in Beijing time (UTC+8). */
const beijingDay = pattern(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, '日期格式不正确', 40)
  .transform((v) => (v.length === 10 ? beijingDayStart(v) : new Date(v)))
  // within the years the platform records (a Beijing day of 2000 starts in 1999 UTC)
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1999 && d.getUTCFullYear() <= 2100, '日期不正确');
const filters = z.object({
  action: pattern(/^[a-z][\w.-]*$/i, '操作类型不正确', 50).optional(),
  result: z.enum(['success', 'failure', 'denied']).optional(),
  keyword: text(50).optional(),
  from: beijingDay.optional(),
  to: beijingDay.optional(),
});
type Filters = z.infer<typeof filters>;

function where(actor: Actor, f: Filters) {
  return and(
    pathScope(actor, auditLogs.actorOrgPath),
    f.action ? eq(auditLogs.action, f.action) : undefined,
    f.result ? eq(auditLogs.result, f.result) : undefined,
    f.keyword ? ilike(auditLogs.actorName, `%${escapeLike(f.keyword)}%`) : undefined,
    f.from ? gte(auditLogs.at, f.from) : undefined,
    f.to ? lt(auditLogs.at, new Date(f.to.getTime() + 86_400_000)) : undefined,
  );
}

async function list(db: Db, actor: Actor, f: Filters, page: number, pageSize: number) {
  const w = where(actor, f);
  const [total] = await db.select({ n: count() }).from(auditLogs).where(w);
  const items = await db
    .select()
    .from(auditLogs)
    .where(w)
    .orderBy(desc(auditLogs.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total: total!.n, items };
}

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['审计日志'];
  app.get(
    '/api/audit-logs',
    {
      config: { access: { permission: 'audit.view' } },
      schema: { tags, summary: '审计日志（辖区内）', querystring: pageQuery.extend(filters.shape) },
    },
    async (req) => list(app.deps.database.db, actorOf(req), req.query, req.query.page, req.query.pageSize),
  );

  app.get(
    '/api/audit-logs/export',
    {
      config: { access: { permission: 'audit.view' } },
      schema: { tags, summary: '导出审计日志（xlsx）', querystring: exportQuery(filters) },
    },
    async (req, reply) =>
      exportList(app.deps.database.db, req, reply, {
        what: 'audit_logs',
        title: '审计日志',
        filters: req.query,
        load: (p) => list(app.deps.database.db, actorOf(req), req.query, p.page, p.pageSize),
        columns: [
          { header: '时间', width: 20, value: (r) => fmtTime(r.at) },
          { header: '操作人', value: (r) => r.actorName },
          { header: '操作', value: (r) => AUDIT_ACTIONS[r.action] ?? r.action },
          { header: '对象', value: (r) => auditTargetLabel(r) },
          { header: '结果', value: (r) => AUDIT_RESULTS[r.result] ?? r.result },
          { header: 'IP', value: (r) => r.ip },
          { header: '详情', width: 60, value: (r) => (r.detail ? JSON.stringify(r.detail) : '') },
        ],
      }),
  );
}
