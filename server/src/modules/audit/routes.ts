/** 审计日志: read-only for holders of audit.view, within their scope (HR: the jurisdiction). Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AUDIT_ACTIONS,
  AUDIT_RESULT_CODES,
  AUDIT_RESULTS,
  auditLogList,
  auditTargetLabel,
  pageQuery,
  text,
  pattern,
  beijingDayStart,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { registerExport } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { listAuditLogs } from './service.js';

/** A date-only value (YYYY-MM-DD) means that day in Beijing time (UTC+8). */
const beijingDay = pattern(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, '日期格式不正确', 40)
  .transform((v) => (v.length === 10 ? beijingDayStart(v) : new Date(v)))
  // within the years the platform records (a Beijing day of 2000 starts in 1999 UTC)
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1999 && d.getUTCFullYear() <= 2100, '日期不正确');
const filters = z.object({
  action: pattern(/^[a-z][\w.-]*$/i, '操作类型不正确', 50).optional(),
  result: z.enum(AUDIT_RESULT_CODES).optional(),
  keyword: text(50).optional(),
  from: beijingDay.optional(),
  to: beijingDay.optional(),
});

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['审计日志'];
  app.get(
    '/api/audit-logs',
    {
      config: { access: { permission: 'audit.view' } },
      schema: { tags, summary: '审计日志（辖区内）', querystring: pageQuery.extend(filters.shape), response: { 200: auditLogList } },
    },
    async (req) => listAuditLogs(contextOf(req), req.query, req.query),
  );

  registerExport(app, {
    url: '/api/audit-logs/export',
    access: { permission: 'audit.view' },
    tags,
    summary: '导出审计日志（xlsx/csv）',
    file: '审计日志.xlsx',
    filters,
    build: (ctx, { filters: f }) => ({
      what: 'audit_logs',
      title: '审计日志',
      filters: f,
      load: (p) => listAuditLogs(ctx, f, p),
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
  });
}
