/**
 * 专技人员信息查询与批量导入 (HR), 本单位人员 (用人单位) and 所属单位人员 (主管部门) — one list, scoped to the seat
 * (lib/scope.ts): list, export, detail, full identity; HR's 重置密码 and import template, jobs, failures.
 * Data logic in query.ts, account.ts and import/.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fileResponse,
  idSchema,
  importFailurePage,
  importJob,
  importJobCreated,
  importJobPage,
  pageQuery,
  personnelDepartmentOptions,
  personnelDetail as personnelDetailAnswer,
  personnelIdentity,
  personnelPage,
  personnelPasswordReset,
  personnelRegionOptions,
  personnelUnitOptions,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { registerExport } from '../../lib/export.js';
import { sendXlsx, type Column } from '../../lib/excel.js';
import { readUpload } from '../../lib/uploads.js';
import { personIdentity, resetPersonPassword } from './account.js';
import {
  departmentOptions,
  listPersonnel,
  personnelDetail,
  personnelFilters,
  personnelQuery,
  regionOptions,
  unitOptions,
  unitOptionsQuery,
} from './query.js';
import { personnelTemplate } from './import/columns.js';
import { createImportJob, failuresSheet, getJob, listFailures, listJobs, MAX_UPLOAD_BYTES } from './import/jobs.js';
import { ImportWorker } from './import/worker.js';

const workers = new WeakMap<AppDeps, ImportWorker>();
/** The app's import worker (tests drive it by hand: stop(), processNextChunk(), runUntilIdle()). */
export function importWorkerOf(app: FastifyInstance): ImportWorker {
  const w = workers.get(app.deps);
  if (!w) throw new Error('personnel routes not registered');
  return w;
}

type Row = Awaited<ReturnType<typeof listPersonnel>>['items'][number];
const EXPORT_COLUMNS: Column<Row>[] = [
  { header: '姓名', width: 12, value: (r) => r.name },
  { header: '证件类型', width: 14, value: (r) => r.idTypeName },
  { header: '证件号', width: 22, value: (r) => r.idNumberMasked },
  { header: '性别', width: 6, value: (r) => r.genderName },
  { header: '手机号', width: 14, value: (r) => r.phoneMasked },
  { header: '所在单位', width: 30, value: (r) => r.orgName },
  { header: '内设部门', width: 14, value: (r) => r.departmentName },
  { header: '职称系列', width: 18, value: (r) => r.titleSeriesName },
  { header: '职称级别', width: 10, value: (r) => r.titleLevelName },
  { header: '职称名称', width: 14, value: (r) => r.titleName },
  { header: '学历', width: 12, value: (r) => r.educationName },
  { header: '公需科目学时', width: 12, value: (r) => r.publicHours },
  { header: '专业科目学时', width: 12, value: (r) => r.professionalHours },
  { header: '合计学时', width: 10, value: (r) => r.totalHours },
  { header: '完成情况', width: 10, value: (r) => (r.completed == null ? '未设置要求' : r.completed ? '已完成' : '未完成') },
  { header: '尚差学时', width: 30, value: (r) => r.gap ?? '' },
];

export default async function personnelRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['专技人员信息查询'];
  const params = z.object({ id: idSchema });

  const worker = new ImportWorker(app.deps, app.log, { staleMs: app.deps.config.IMPORT_STALE_MS });
  workers.set(app.deps, worker);
  app.addHook('onReady', async () => {
    worker.start();
  });
  app.addHook('onClose', async () => {
    await worker.stop();
  });

  app.get(
    '/api/personnel',
    {
      config: { access: { permission: 'personnel.view' } },
      schema: {
        tags,
        summary: '辖区专技人员列表（筛选、排序、分页；证件号/手机号脱敏；所选年度学时与完成情况）',
        querystring: personnelQuery,
        response: { 200: personnelPage },
      },
    },
    async (req) => listPersonnel(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/personnel/export',
    access: { permission: 'personnel.view' },
    tags,
    summary: '导出专技人员列表（与列表相同的筛选，脱敏；xlsx/csv）',
    file: '专技人员信息.xlsx',
    filters: personnelFilters,
    build: (ctx, { filters }) => ({
      what: 'personnel',
      title: `专技人员信息${filters.year ? `_${filters.year}年度` : ''}`,
      filters,
      columns: EXPORT_COLUMNS,
      load: (page) => listPersonnel(ctx, { ...filters, ...page }),
    }),
  });

  app.get(
    '/api/personnel/options/units',
    {
      config: { access: { permission: 'personnel.view' } },
      schema: {
        tags,
        summary: '筛选用：辖区内的单位（按名称或信用代码搜索）',
        querystring: unitOptionsQuery,
        response: { 200: personnelUnitOptions },
      },
    },
    async (req) => unitOptions(contextOf(req), req.query.keyword),
  );

  app.get(
    '/api/personnel/options/departments',
    {
      config: { access: { permission: 'personnel.view' } },
      schema: {
        tags,
        summary: '筛选用：某单位（默认本单位）的内设部门',
        querystring: z.object({ orgId: idSchema.optional() }),
        response: { 200: personnelDepartmentOptions },
      },
    },
    async (req) => departmentOptions(contextOf(req), req.query.orgId),
  );

  app.get(
    '/api/personnel/options/regions',
    {
      config: { access: { permission: 'personnel.view' } },
      schema: { tags, summary: '筛选用：辖区内的区域（人社部门）', response: { 200: personnelRegionOptions } },
    },
    async (req) => regionOptions(contextOf(req)),
  );

  app.get(
    '/api/personnel/import/template',
    {
      config: { access: { permission: 'personnel.import' } },
      schema: { tags, summary: '下载批量导入模板（xlsx）', response: { 200: fileResponse('专技人员批量导入模板.xlsx') } },
    },
    async (_req, reply) =>
      reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('专技人员批量导入模板.xlsx')}`)
        .send(await personnelTemplate()),
  );

  app.post(
    '/api/personnel/import',
    {
      config: { access: { permission: 'personnel.import' } },
      schema: {
        tags,
        summary: '上传导入文件（multipart，字段 file）：生成导入任务，后台逐批处理，立即返回任务编号',
        response: { 202: importJobCreated },
      },
    },
    async (req, reply) => {
      const up = await readUpload(req, { maxBytes: MAX_UPLOAD_BYTES, allowed: ['xlsx', 'xls', 'csv'] });
      const job = await createImportJob(contextOf(req), up);
      worker.kick();
      return reply.status(202).send(job);
    },
  );

  app.get(
    '/api/personnel/imports',
    {
      config: { access: { permission: 'personnel.import' } },
      schema: { tags, summary: '最近的导入任务', querystring: pageQuery, response: { 200: importJobPage } },
    },
    async (req) => listJobs(contextOf(req), req.query),
  );

  app.get(
    '/api/personnel/imports/:id',
    {
      config: { access: { permission: 'personnel.import' } },
      schema: { tags, summary: '导入任务进度与结果', params, response: { 200: importJob } },
    },
    async (req) => getJob(contextOf(req), req.params.id),
  );

  app.get(
    '/api/personnel/imports/:id/failures',
    {
      config: { access: { permission: 'personnel.import' } },
      schema: { tags, summary: '导入失败的行（分页，证件号脱敏）', params, querystring: pageQuery, response: { 200: importFailurePage } },
    },
    async (req) => listFailures(contextOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/personnel/imports/:id/failures.xlsx',
    {
      config: { access: { permission: 'personnel.import' } },
      schema: {
        tags,
        summary: '下载失败数据（模板列 + 失败原因，可修改后重新导入）',
        params,
        response: { 200: fileResponse('专技人员导入失败数据.xlsx') },
      },
    },
    async (req, reply) => {
      const sheet = await failuresSheet(contextOf(req), req.params.id);
      return sendXlsx(reply, sheet.title, sheet.columns, sheet.rows);
    },
  );

  app.get(
    '/api/personnel/:id',
    {
      config: { access: { permission: 'personnel.view' } },
      schema: { tags, summary: '专技人员详情及历年学时', params, response: { 200: personnelDetailAnswer } },
    },
    async (req) => personnelDetail(contextOf(req), req.params.id),
  );

  app.get(
    '/api/personnel/:id/identity',
    {
      config: { access: { permission: 'pii.view' } },
      schema: { tags, summary: '查看完整证件号和手机号（记入审计日志）', params, response: { 200: personnelIdentity } },
    },
    async (req) => personIdentity(contextOf(req), req.params.id),
  );

  app.post(
    '/api/personnel/:id/reset-password',
    {
      config: { access: { permission: 'personnel.manage' } },
      schema: { tags, summary: '重置专技人员密码（临时密码只显示一次，下次登录须修改）', params, response: { 200: personnelPasswordReset } },
    },
    async (req) => resetPersonPassword(contextOf(req), req.params.id),
  );
}
