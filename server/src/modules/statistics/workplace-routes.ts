/**
 * 本单位完成情况 (用人单位, by 内设部门) and 所属单位完成情况 (主管部门, by unit): permission stats.view, scope = the
 * actor's own organisation (an employer) or subtree (a 主管部门); HR answers 404 here (its region statistics are
 * routes.ts). Data logic in service.ts (workplaceCompletion).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery, workplaceStats, year as yearField } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import type { Column } from '../../lib/excel.js';
import { registerExport } from '../../lib/export.js';
import { workplaceCompletion, workplaceExport, type CompletionRow } from './service.js';

const filters = z.object({
  year: yearField('年度不正确', '请选择年度'),
  sort: z.enum(['rate', 'total', 'completed', 'name'], { error: '排序字段不正确' }).default('total'),
  order: z.enum(['asc', 'desc'], { error: '排序方向应为升序或降序' }).default('desc'),
});
const query = pageQuery.extend(filters.shape);
const pct = (v: number | null) => (v == null ? '—' : v);

export default async function workplaceStatsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['查询统计'];
  const access = { permission: 'stats.view' as const };

  app.get(
    '/api/stats/workplace',
    {
      config: { access },
      schema: { tags, summary: '本单位完成情况（按内设部门）/ 所属单位完成情况（按单位）', querystring: query, response: { 200: workplaceStats } },
    },
    async (req) => workplaceCompletion(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/stats/workplace/export',
    access,
    tags,
    summary: '导出本单位/所属单位完成情况（xlsx/csv，当前年度与排序，含合计行）',
    file: '完成情况.xlsx',
    filters,
    build: async (ctx, { filters: q }) => {
      const byUnit = ctx.actor.org.type === 'authority';
      const columns: Column<CompletionRow>[] = [
        { header: byUnit ? '单位名称' : '内设部门', width: 32, value: (r) => r.name },
        { header: '应完成人数', value: (r) => r.total },
        { header: '已完成人数', value: (r) => r.completed },
        { header: '未完成人数', value: (r) => r.uncompleted },
        { header: '完成率(%)', value: (r) => pct(r.rate) },
      ];
      return {
        what: 'stats.workplace',
        title: `${byUnit ? '所属单位' : '本单位'}完成情况_${ctx.actor.org.name}_${q.year}`,
        filters: q,
        columns,
        load: workplaceExport(ctx, q),
      };
    },
  });
}
