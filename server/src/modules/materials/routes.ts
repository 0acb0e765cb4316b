/**
 * 年度工作材料报送: own materials (materials.manage — HR departments and bases) and 辖区报送情况
 * (materials.view — HR departments: what the organisations of the jurisdiction submitted). Data logic in service.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addedMaterialFile,
  beijingYear,
  fileResponse,
  idResponse,
  idSchema,
  material,
  MATERIAL_CATEGORY_CODES,
  MATERIAL_STATUSES,
  materialPage,
  okResponse,
  ORG_TYPES,
  pageQuery,
  pattern,
  text,
  year,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import type { Column } from '../../lib/excel.js';
import { registerExport } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { parseFields, readUpload, sendFile } from '../../lib/uploads.js';
import {
  addFile,
  createMaterial,
  jurisdictionMaterialFile,
  listJurisdiction,
  listOwn,
  openJurisdictionMaterial,
  ownMaterial,
  ownMaterialFile,
  removeFile,
  submitMaterial,
  updateMaterial,
  withdrawMaterial,
  type MaterialRow,
} from './service.js';

export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

/** 报送年度: from 2000 up to next year (a plan may be reported ahead). */
const reportYear = z.coerce
  .number({ error: '请选择报送年度' })
  .int('年度不正确')
  .min(2000, '年度不正确')
  .max(2100, '年度不正确')
  .refine((y) => y <= beijingYear() + 1, { message: '不能晚于明年' });
const filterYear = year().optional();
const body = z.object({
  year: reportYear,
  name: text(100, { min: 1, required: '请填写材料名称' }),
  description: text(1000).default(''),
});
const ownFilters = z.object({ year: filterYear, status: z.enum(['draft', 'submitted'], { error: '状态不正确' }).optional() });
const jurisdictionFilters = z.object({
  year: filterYear,
  orgName: text(100).optional(),
  divisionCode: pattern(/^\d{6}$/, '应为6位行政区划码', 6).optional(),
  status: z.enum(['unviewed', 'viewed'], { error: '状态不正确' }).optional(),
});
const params = z.object({ id: idSchema });
const fileParams = z.object({ id: idSchema, fileId: idSchema });
const fileFields = z.object({ category: z.enum(MATERIAL_CATEGORY_CODES, { error: '请选择材料类别' }) });

const fileList = (r: MaterialRow) => r.files.map((f) => `【${f.categoryName}】${f.name}`).join('\n');
const OWN_COLUMNS: Column<MaterialRow>[] = [
  { header: '报送年度', width: 10, value: (r) => r.year },
  { header: '材料名称', width: 30, value: (r) => r.title },
  { header: '说明', width: 40, value: (r) => r.description },
  { header: '文件数', width: 8, value: (r) => r.files.length },
  { header: '文件清单', width: 50, value: fileList },
  { header: '状态', width: 10, value: (r) => MATERIAL_STATUSES[r.status] ?? r.status },
  { header: '提交时间', width: 20, value: (r) => fmtTime(r.submittedAt) },
  { header: '上级查看', width: 10, value: (r) => (r.status === 'submitted' ? (r.viewedAt ? '已查看' : '待查看') : '') },
  { header: '更新时间', width: 20, value: (r) => fmtTime(r.updatedAt) },
];
const JURISDICTION_COLUMNS: Column<MaterialRow>[] = [
  { header: '单位名称', width: 32, value: (r) => r.orgName },
  { header: '单位类型', width: 14, value: (r) => ORG_TYPES[r.orgType] ?? r.orgType },
  { header: '所属地区', width: 14, value: (r) => r.divisionName },
  ...OWN_COLUMNS.slice(0, 5),
  { header: '提交时间', width: 20, value: (r) => fmtTime(r.submittedAt) },
  { header: '状态', width: 10, value: (r) => (r.viewedAt ? '已查看' : '待查看') },
  { header: '查看时间', width: 20, value: (r) => fmtTime(r.viewedAt) },
];

export default async function materialRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度工作材料报送'];
  const manage = { access: { permission: 'materials.manage' as const } };
  const view = { access: { permission: 'materials.view' as const } };
  const file = fileResponse('材料文件（原文件名）');

  // ---- own materials (本单位报送)
  app.get(
    '/api/materials',
    {
      config: manage,
      schema: {
        tags,
        summary: '本单位的年度工作材料（按年度、状态）',
        querystring: pageQuery.extend(ownFilters.shape),
        response: { 200: materialPage },
      },
    },
    async (req) => listOwn(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/materials/export',
    access: manage.access,
    tags,
    summary: '导出本单位的年度工作材料（xlsx/csv）',
    file: '年度工作材料报送.xlsx',
    filters: ownFilters,
    build: (ctx, { filters: f }) => ({
      what: 'materials',
      title: '年度工作材料报送',
      filters: f,
      columns: OWN_COLUMNS,
      load: (p) => listOwn(ctx, { ...f, ...p }),
    }),
  });

  app.post(
    '/api/materials',
    {
      config: manage,
      schema: { tags, summary: '新增（草稿）：报送年度、材料名称、说明', body, response: { 200: idResponse } },
    },
    async (req) => createMaterial(contextOf(req), req.body),
  );

  app.get(
    '/api/materials/:id',
    {
      config: manage,
      schema: { tags, summary: '本单位材料详情（含文件）', params, response: { 200: material } },
    },
    async (req) => ownMaterial(contextOf(req), req.params.id),
  );

  app.put(
    '/api/materials/:id',
    {
      config: manage,
      schema: { tags, summary: '修改草稿的年度、名称、说明（已提交的须先撤回）', params, body, response: { 200: okResponse } },
    },
    async (req) => updateMaterial(contextOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/materials/:id/files',
    {
      config: manage,
      schema: {
        tags,
        summary: '上传一个材料文件（multipart：category, file；pdf/doc/docx/xls/xlsx/jpg/png，≤20MB；仅草稿）',
        params,
        consumes: ['multipart/form-data'],
        response: { 200: addedMaterialFile },
      },
    },
    async (req) =>
      addFile(contextOf(req), req.params.id, async () => {
        const up = await readUpload(req, { maxBytes: MAX_MATERIAL_BYTES, allowed: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png'] });
        return { up, category: parseFields(fileFields, up.fields).category };
      }),
  );

  app.delete(
    '/api/materials/:id/files/:fileId',
    {
      config: manage,
      schema: { tags, summary: '从草稿中删除一个文件（文件本身留存）', params: fileParams, response: { 200: okResponse } },
    },
    async (req) => removeFile(contextOf(req), req.params.id, req.params.fileId),
  );

  app.get(
    '/api/materials/:id/files/:fileId',
    {
      config: manage,
      schema: { tags, summary: '下载本单位材料的文件（原文件名）', params: fileParams, response: { 200: file } },
    },
    async (req, reply) => sendFile(reply, await ownMaterialFile(contextOf(req), req.params.id, req.params.fileId)),
  );

  app.post(
    '/api/materials/:id/submit',
    {
      config: manage,
      schema: { tags, summary: '提交（草稿 → 已提交，至少一个文件）', params, response: { 200: okResponse } },
    },
    async (req) => submitMaterial(contextOf(req), req.params.id),
  );

  app.post(
    '/api/materials/:id/withdraw',
    {
      config: manage,
      schema: { tags, summary: '撤回（已提交 → 草稿，仅报送单位）', params, response: { 200: okResponse } },
    },
    async (req) => withdrawMaterial(contextOf(req), req.params.id),
  );

  // ---- 辖区报送情况 (HR: submitted materials of the organisations below it)
  app.get(
    '/api/materials/jurisdiction',
    {
      config: view,
      schema: {
        tags,
        summary: '辖区报送情况（年度、单位名称、区域、状态）',
        querystring: pageQuery.extend(jurisdictionFilters.shape),
        response: { 200: materialPage },
      },
    },
    async (req) => listJurisdiction(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/materials/jurisdiction/export',
    access: view.access,
    tags,
    summary: '导出辖区报送情况（xlsx/csv）',
    file: '辖区年度工作材料报送情况.xlsx',
    filters: jurisdictionFilters,
    build: (ctx, { filters: f }) => ({
      what: 'materials_jurisdiction',
      title: '辖区年度工作材料报送情况',
      filters: f,
      columns: JURISDICTION_COLUMNS,
      load: (p) => listJurisdiction(ctx, { ...f, ...p }),
    }),
  });

  app.get(
    '/api/materials/jurisdiction/:id',
    {
      config: view,
      schema: { tags, summary: '辖区单位报送的材料详情（首次打开记为已查看）', params, response: { 200: material } },
    },
    async (req) => openJurisdictionMaterial(contextOf(req), req.params.id),
  );

  app.get(
    '/api/materials/jurisdiction/:id/files/:fileId',
    {
      config: view,
      schema: { tags, summary: '下载辖区单位报送的文件（原文件名）', params: fileParams, response: { 200: file } },
    },
    async (req, reply) => sendFile(reply, await jurisdictionMaterialFile(contextOf(req), req.params.id, req.params.fileId)),
  );
}
