/** 查询统计（继教综合统计、完成情况、职称系列分布）: HR departments, permission stats.view, scope = own subtree. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery, id, year as yearField } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import type { Column } from '../../lib/excel.js';
import { exportList, exportQuery, exportRows } from '../../lib/export.js';
import { regionTree, resolveRegion } from './region.js';
import { completionStats, overviewStats, titleStats, type CompletionRow } from './service.js';

const year = yearField('年度不正确', '请选择年度');
const regionId = id('区域不正确').optional();
const statsQuery = z.object({ year, regionId });
const completionFilters = z.object({
  year,
  regionId,
  groupBy: z.enum(['region', 'employer', 'series'], { error: '统计维度应为按区域、按用人单位或按职称系列' }).default('region'),
  sort: z.enum(['rate', 'total', 'completed', 'name'], { error: '排序字段不正确' }).default('total'),
  order: z.enum(['asc', 'desc'], { error: '排序方向应为升序或降序' }).default('desc'),
});
const completionQuery = pageQuery.extend(completionFilters.shape);
// strict: with no required field, an export must not run (and be audited) on a query string it does not understand
const titlesQuery = z.strictObject(
  { regionId },
  { error: (i) => (i.code === 'unrecognized_keys' ? `不支持的参数：${i.keys.join('、')}` : undefined) },
);

const GROUP_NAMES = { region: '按区域', employer: '按用人单位', series: '按职称系列' } as const;
const pct = (v: number | null) => (v == null ? '—' : v);

export default async function statisticsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const tags = ['查询统计'];
  const access = { access: { permission: 'stats.view' as const } };

  app.get(
    '/api/stats/regions',
    {
      config: access,
      schema: { tags, summary: '辖区内的区域（人社部门树）' },
    },
    async (req) => ({ items: await regionTree(db(), actorOf(req)) }),
  );

  app.get(
    '/api/stats/overview',
    {
      config: access,
      schema: { tags, summary: '继教综合统计查询（按区域下钻）', querystring: statsQuery },
    },
    async (req) => overviewStats(db(), actorOf(req), req.query),
  );

  app.get(
    '/api/stats/overview/export',
    {
      config: access,
      schema: { tags, summary: '导出继教综合统计（xlsx）', querystring: exportQuery(statsQuery) },
    },
    async (req, reply) => {
      const s = await overviewStats(db(), actorOf(req), req.query);
      type R = (typeof s.rows)[number];
      const sum = (f: (r: R) => number) => s.rows.reduce((a, r) => a + f(r), 0);
      const totalRow: R = {
        key: 'total',
        regionId: null,
        name: '合计',
        hasChildren: false,
        personnel: s.personnel,
        authorities: sum((r) => r.authorities),
        employers: sum((r) => r.employers),
        bases: sum((r) => r.bases),
        classes: sum((r) => r.classes),
        publicHours: s.hours.public,
        professionalHours: s.hours.professional,
        totalHours: s.hours.total,
        completed: s.completion.completed,
        rate: s.completion.rate,
      };
      return exportRows<R>(db(), req, reply, {
        what: 'stats.overview',
        title: `继教综合统计_${s.region.name}_${s.year}`,
        filters: req.query,
        rows: [...s.rows, totalRow],
        columns: [
          { header: '区域', width: 22, value: (r) => r.name },
          { header: '专技人员', value: (r) => r.personnel },
          { header: '主管部门', value: (r) => r.authorities },
          { header: '用人单位', value: (r) => r.employers },
          { header: '继续教育基地', value: (r) => r.bases },
          { header: '培训班（已通过）', value: (r) => r.classes },
          { header: '公需科目学时', value: (r) => r.publicHours },
          { header: '专业科目学时', value: (r) => r.professionalHours },
          { header: '合计学时', value: (r) => r.totalHours },
          { header: '已完成人数', value: (r) => r.completed },
          { header: '完成率(%)', value: (r) => pct(r.rate) },
        ],
      });
    },
  );

  app.get(
    '/api/stats/completion',
    {
      config: access,
      schema: { tags, summary: '继教完成情况查询（按区域/用人单位/职称系列）', querystring: completionQuery },
    },
    async (req) => completionStats(db(), actorOf(req), req.query),
  );

  app.get(
    '/api/stats/completion/export',
    {
      config: access,
      schema: { tags, summary: '导出继教完成情况（xlsx，当前筛选条件与排序）', querystring: exportQuery(completionFilters) },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const q = req.query;
      const region = await resolveRegion(db(), actor, q.regionId);
      const first: Column<CompletionRow>[] =
        q.groupBy === 'employer'
          ? [
              { header: '单位名称', width: 32, value: (r) => r.name },
              { header: '单位类型', value: (r) => r.orgTypeName },
            ]
          : [{ header: q.groupBy === 'region' ? '区域' : '职称系列', width: 24, value: (r) => r.name }];
      return exportList<CompletionRow>(db(), req, reply, {
        what: 'stats.completion',
        title: `继教完成情况_${region.name}_${GROUP_NAMES[q.groupBy]}_${q.year}`,
        filters: q,
        columns: [
          ...first,
          { header: '应完成人数', value: (r) => r.total },
          { header: '已完成人数', value: (r) => r.completed },
          { header: '未完成人数', value: (r) => r.uncompleted },
          { header: '完成率(%)', value: (r) => pct(r.rate) },
        ],
        // every unit (or region, or series) in the shown order, then the 合计 row the page shows under the table
        load: async ({ pageSize }) => {
          const s = await completionStats(db(), actor, { ...q, page: 1, pageSize });
          return { total: s.total, items: [...s.rows, { key: 'total', name: '合计', ...s.summary }] };
        },
      });
    },
  );

  app.get(
    '/api/stats/titles',
    {
      config: access,
      schema: { tags, summary: '职称系列分布查询（职称系列 × 职称级别）', querystring: titlesQuery },
    },
    async (req) => titleStats(db(), actorOf(req), req.query),
  );

  app.get(
    '/api/stats/titles/export',
    {
      config: access,
      schema: { tags, summary: '导出职称系列分布（xlsx）', querystring: titlesQuery },
    },
    async (req, reply) => {
      const s = await titleStats(db(), actorOf(req), req.query);
      type R = { name: string; counts: Record<string, number>; total: number };
      return exportRows<R>(db(), req, reply, {
        what: 'stats.titles',
        title: `职称系列分布_${s.region.name}`,
        filters: req.query,
        rows: [...s.rows, { name: '合计', ...s.totals }],
        columns: [
          { header: '职称系列', width: 24, value: (r) => r.name },
          ...s.levels.map((l) => ({ header: l.name, width: 12, value: (r: R) => r.counts[l.code] ?? 0 })),
          { header: '合计', width: 12, value: (r) => r.total },
        ],
      });
    },
  );
}
