/** 查询统计（继教综合统计、完成情况、职称系列分布）: HR departments, permission stats.view, scope = own subtree. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  completionStats as completionAnswer,
  fileResponse,
  id,
  overviewStats as overviewAnswer,
  pageQuery,
  statRegionTree,
  STAT_GROUP_BY,
  titleStats as titleAnswer,
  year as yearField,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import type { Column } from '../../lib/excel.js';
import { exportQuery, exportRows, registerExport } from '../../lib/export.js';
import { regionTree } from './region.js';
import {
  completionExport,
  completionStats,
  overviewStats,
  overviewTable,
  titleStats,
  titleTable,
  type CompletionRow,
  type GroupBy,
} from './service.js';

const year = yearField('年度不正确', '请选择年度');
const regionId = id('区域不正确').optional();
const statsQuery = z.object({ year, regionId });
const completionFilters = z.object({
  year,
  regionId,
  groupBy: z.enum(STAT_GROUP_BY, { error: '统计维度应为按区域、按用人单位或按职称系列' }).default('region'),
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

/** The completion export's columns: the group's name (and a unit's type), then the figures. */
function completionColumns(groupBy: GroupBy): Column<CompletionRow>[] {
  const first: Column<CompletionRow>[] =
    groupBy === 'employer'
      ? [
          { header: '单位名称', width: 32, value: (r) => r.name },
          { header: '单位类型', value: (r) => r.orgTypeName },
        ]
      : [{ header: groupBy === 'region' ? '区域' : '职称系列', width: 24, value: (r) => r.name }];
  return [
    ...first,
    { header: '应完成人数', value: (r) => r.total },
    { header: '已完成人数', value: (r) => r.completed },
    { header: '未完成人数', value: (r) => r.uncompleted },
    { header: '完成率(%)', value: (r) => pct(r.rate) },
  ];
}

export default async function statisticsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const tags = ['查询统计'];
  const access = { access: { permission: 'stats.view' as const } };

  app.get(
    '/api/stats/regions',
    {
      config: access,
      schema: { tags, summary: '辖区内的区域（人社部门树）', response: { 200: statRegionTree } },
    },
    async (req) => regionTree(contextOf(req)),
  );

  app.get(
    '/api/stats/overview',
    {
      config: access,
      schema: { tags, summary: '继教综合统计查询（按区域下钻）', querystring: statsQuery, response: { 200: overviewAnswer } },
    },
    async (req) => overviewStats(contextOf(req), req.query),
  );

  app.get(
    '/api/stats/overview/export',
    {
      config: access,
      schema: {
        tags,
        summary: '导出继教综合统计（xlsx）',
        querystring: exportQuery(statsQuery),
        response: { 200: fileResponse('继教综合统计.xlsx') },
      },
    },
    async (req, reply) => {
      const t = await overviewTable(contextOf(req), req.query);
      return exportRows(db(), req, reply, {
        what: 'stats.overview',
        title: `继教综合统计_${t.regionName}_${t.year}`,
        filters: req.query,
        rows: t.rows,
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
      schema: { tags, summary: '继教完成情况查询（按区域/用人单位/职称系列）', querystring: completionQuery, response: { 200: completionAnswer } },
    },
    async (req) => completionStats(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/stats/completion/export',
    access: access.access,
    tags,
    summary: '导出继教完成情况（xlsx/csv，当前筛选条件与排序）',
    file: '继教完成情况.xlsx',
    filters: completionFilters,
    build: async (ctx, { filters: q }) => {
      // every unit (or region, or series) in the shown order, then the 合计 row the page shows under the table
      const { regionName, load } = await completionExport(ctx, q);
      return {
        what: 'stats.completion',
        title: `继教完成情况_${regionName}_${GROUP_NAMES[q.groupBy]}_${q.year}`,
        filters: q,
        columns: completionColumns(q.groupBy),
        load,
      };
    },
  });

  app.get(
    '/api/stats/titles',
    {
      config: access,
      schema: { tags, summary: '职称系列分布查询（职称系列 × 职称级别）', querystring: titlesQuery, response: { 200: titleAnswer } },
    },
    async (req) => titleStats(contextOf(req), req.query),
  );

  app.get(
    '/api/stats/titles/export',
    {
      config: access,
      schema: { tags, summary: '导出职称系列分布（xlsx）', querystring: titlesQuery, response: { 200: fileResponse('职称系列分布.xlsx') } },
    },
    async (req, reply) => {
      const t = await titleTable(contextOf(req), req.query);
      type R = (typeof t.rows)[number];
      const all = t.rows.at(-1)?.total ?? 0;
      return exportRows<R>(db(), req, reply, {
        what: 'stats.titles',
        title: `职称系列分布_${t.regionName}`,
        filters: req.query,
        rows: t.rows,
        columns: [
          { header: '职称系列', width: 24, value: (r) => r.name },
          ...t.levels.map((l) => ({ header: l.name, width: 12, value: (r: R) => r.counts[l.code] ?? 0 })),
          { header: '合计', width: 12, value: (r) => r.total },
          // 占比 as the page's table shows it: of the region's 合计, one decimal
          { header: '占比', width: 10, value: (r) => (all > 0 ? `${Math.round((r.total / all) * 1000) / 10}%` : '—') },
        ],
      });
    },
  );
}
