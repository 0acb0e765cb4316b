/** 培训班管理, 学员成绩管理 and the 培训计划 review queue (queue.ts). Data logic in service.ts and import.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CLAIM_STATUSES,
  classBody,
  fileResponse,
  idSchema,
  okResponse,
  text,
  pageQuery,
  scoreBody,
  scoreCorrectionBody,
  scoreImportResult,
  scoreList,
  scoreResult,
  trainingClassPage,
  trainingClassRecord,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import type { Column } from '../../lib/excel.js';
import { exportRows, registerExport } from '../../lib/export.js';
import { registerReviewQueue } from '../../lib/review-queue.js';
import { readUpload, sendFile } from '../../lib/uploads.js';
import { importScores, MAX_SCORE_FILE_BYTES, scoreTemplate } from './import.js';
import { classColumns, classFilters, classQueue } from './queue.js';
import {
  correctScore,
  createClass,
  deleteClass,
  failedImportFile,
  listClasses,
  listScores,
  registerScore,
  revokeScore,
  updateClass,
  withdrawClass,
} from './service.js';

const params = z.object({ id: idSchema });
const learnerParams = z.object({ id: idSchema, claimId: idSchema });
const listQuery = pageQuery.extend(classFilters.shape);
/** 学员成绩's class picker: this organisation's approved classes by name (or the one selected), a page at a time. */
const scorableQuery = pageQuery.extend({ keyword: text(50).optional(), id: idSchema.optional() });

type ScoreRow = Awaited<ReturnType<typeof listScores>>[number];
const SCORE_COLUMNS: Column<ScoreRow>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  { header: '所在单位', width: 30, value: (r) => r.orgName },
  { header: '成绩', value: (r) => r.score },
  { header: '是否合格', width: 10, value: (r) => (r.qualified ? '合格' : '不合格') },
  { header: '学时', width: 8, value: (r) => Number(r.hours) },
  { header: '状态', width: 12, value: (r) => CLAIM_STATUSES[r.status] ?? r.status },
  { header: '重点审核', width: 30, value: (r) => (r.flagged ? r.flagReasons.join('；') || '是' : '') },
  { header: '驳回/审验不通过/删除原因', width: 30, value: (r) => r.deleteReason ?? r.revokeReason ?? r.rejectReason },
];

export default async function trainingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['培训班管理'];

  app.get(
    '/api/classes',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '本基地培训班', querystring: listQuery, response: { 200: trainingClassPage } },
    },
    async (req) => listClasses(contextOf(req).db, contextOf(req).actor, { ...req.query, own: true }),
  );
  registerExport(app, {
    url: '/api/classes/export',
    access: { permission: 'class.manage' },
    tags,
    summary: '导出本单位培训班（xlsx/csv）',
    file: '培训班.xlsx',
    filters: classFilters,
    build: ({ db, actor }, { filters: f }) => {
      const employer = actor.org.type === 'employer';
      return {
        what: 'classes',
        title: employer ? '单位培训计划' : '培训班',
        filters: f,
        columns: classColumns(employer ? '申报单位' : '继续教育机构'),
        load: (p) => listClasses(db, actor, { ...f, ...p, own: true }),
      };
    },
  });
  app.post(
    '/api/classes',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '申报培训班', body: classBody, response: { 200: trainingClassRecord } },
    },
    async (req) => createClass(contextOf(req), req.body),
  );
  app.put(
    '/api/classes/:id',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '修改培训班（待审核或被驳回时）', params, body: classBody, response: { 200: trainingClassRecord } },
    },
    async (req) => updateClass(contextOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/classes/:id',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '删除培训班（已撤回或被驳回、从未登记学员）', params, response: { 200: okResponse } },
    },
    async (req) => deleteClass(contextOf(req), req.params.id),
  );
  app.get(
    '/api/classes/scorable',
    {
      config: { access: { permission: 'score.manage' } },
      schema: {
        tags: ['学员成绩管理'],
        summary: '可登记成绩的培训班（本单位已通过审核的，按名称搜索、分页）',
        querystring: scorableQuery,
        response: { 200: trainingClassPage },
      },
    },
    async (req) => listClasses(contextOf(req).db, contextOf(req).actor, { ...req.query, status: 'approved', own: true }),
  );
  app.post(
    '/api/classes/:id/withdraw',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '撤回培训班', params, response: { 200: okResponse } },
    },
    async (req) => withdrawClass(contextOf(req), req.params.id),
  );

  app.get(
    '/api/classes/:id/scores',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '培训班学员成绩', params, response: { 200: scoreList } },
    },
    async (req) => ({ items: await listScores(contextOf(req), req.params.id) }),
  );
  app.get(
    '/api/classes/:id/scores/export',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '导出培训班学员成绩（xlsx）', params, response: { 200: fileResponse('学员成绩.xlsx') } },
    },
    async (req, reply) =>
      exportRows(app.deps.database.db, req, reply, {
        what: 'scores',
        title: '学员成绩',
        filters: { classId: req.params.id },
        columns: SCORE_COLUMNS,
        rows: await listScores(contextOf(req), req.params.id),
      }),
  );
  app.post(
    '/api/classes/:id/scores',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '登记学员成绩（合格者生成学时申报）', params, body: scoreBody, response: { 200: scoreResult } },
    },
    async (req) => registerScore(contextOf(req), req.params.id, req.body),
  );

  app.put(
    '/api/classes/:id/scores/:claimId',
    {
      config: { access: { permission: 'score.manage' } },
      schema: {
        tags: ['学员成绩管理'],
        summary: '修改学员成绩、是否合格（人社部门审核前）',
        params: learnerParams,
        body: scoreCorrectionBody,
        response: { 200: scoreResult },
      },
    },
    async (req) => correctScore(contextOf(req), req.params.id, req.params.claimId, req.body),
  );
  app.delete(
    '/api/classes/:id/scores/:claimId',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '撤销学员成绩（人社部门审核前）', params: learnerParams, response: { 200: okResponse } },
    },
    async (req) => revokeScore(contextOf(req), req.params.id, req.params.claimId),
  );

  app.get(
    '/api/classes/scores/template',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '下载学员成绩导入模板（xlsx）', response: { 200: fileResponse('学员成绩导入模板.xlsx') } },
    },
    async (_req, reply) =>
      reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('学员成绩导入模板.xlsx')}`)
        .send(await scoreTemplate()),
  );

  app.post(
    '/api/classes/:id/scores/import',
    {
      config: { access: { permission: 'score.manage' } },
      schema: {
        tags: ['学员成绩管理'],
        summary: 'Excel导入学员成绩（逐行校验，失败行可下载）',
        params,
        consumes: ['multipart/form-data'],
        response: { 200: scoreImportResult },
      },
    },
    async (req) =>
      importScores(contextOf(req), req.params.id, await readUpload(req, { maxBytes: MAX_SCORE_FILE_BYTES, allowed: ['xlsx', 'xls', 'csv'] })),
  );

  app.get(
    '/api/imports/:id/failed',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '下载导入失败数据（xlsx）', params, response: { 200: fileResponse('学员成绩导入失败数据.xlsx') } },
    },
    async (req, reply) => sendFile(reply, await failedImportFile(contextOf(req), req.params.id)),
  );

  registerReviewQueue(app, classQueue);
}
