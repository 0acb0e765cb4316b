/** 学时审核 (the queue: queue.ts; 删除 with a reason), 学时审验 (list, random sample, 审验不通过) and 我的学时. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  INT4_MAX,
  claimDeleteBody,
  claimPage,
  claimQuery,
  decisionResult,
  fileResponse,
  int,
  myHours as myHoursResponse,
  pattern,
  revokeBody,
  spanText,
  year,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { exportQuery, exportRows, registerExport } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { registerReviewQueue } from '../../lib/review-queue.js';
import { claimClassQueue } from './class-queue.js';
import { CLAIM_COLUMNS, claimQueue } from './queue.js';
import { decideClaims, listForAudit, myClaims, myHours, revokeClaims, type MyClaim } from './service.js';
import type { Column } from '../../lib/excel.js';

/** A drawn sample's ids ("3,17,42"): the audit export then holds exactly the rows on screen. */
const idList = pattern(/^\d{1,10}(,\d{1,10}){0,199}$/, '应为逗号分隔的编号（最多200个）', 2200)
  .transform((v) => v.split(',').map(Number))
  .refine((ids) => ids.every((n) => n >= 1 && n <= INT4_MAX), '编号超出范围')
  .optional();
const { page: _p, pageSize: _s, tab: _t, source: _src, ...filterShape } = claimQuery.shape;
const auditQuery = z.object({ ...filterShape, page: claimQuery.shape.page, pageSize: claimQuery.shape.pageSize, sample: int(1, 200).optional() });
const yearQuery = z.object({ year: year() });

const MY_COLUMNS: Column<MyClaim>[] = [
  { header: '学习内容', width: 36, value: (r) => r.title },
  { header: '学习日期', width: 24, value: (r) => (r.activityStart && r.activityEnd ? spanText(r.activityStart, r.activityEnd) : '') },
  { header: '科目类型', value: (r) => r.subjectTypeName },
  { header: '学习形式', value: (r) => r.learningFormName },
  { header: '学时', width: 8, value: (r) => Number(r.hours) },
  { header: '成绩', width: 10, value: (r) => r.score },
  { header: '认定依据', width: 30, value: (r) => r.basis },
  { header: '状态', width: 12, value: (r) => r.statusName },
  { header: '驳回/审验不通过/删除原因', width: 30, value: (r) => r.deleteReason ?? r.revokeReason ?? r.rejectReason },
  { header: '申报时间', width: 20, value: (r) => fmtTime(r.createdAt) },
];

export default async function claimReviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  registerReviewQueue(app, claimQueue);
  registerReviewQueue(app, claimClassQueue);

  app.post(
    '/api/reviews/claims/delete',
    {
      config: { access: { permission: 'claim.review' } },
      schema: {
        tags: ['学时审核'],
        summary: '删除（软删除，留痕；须填写删除原因，告知本人和申报机构；已通过的学时退出个人总数）',
        body: claimDeleteBody,
        response: { 200: decisionResult },
      },
    },
    async (req) => decideClaims(contextOf(req), { ids: req.body.ids, decision: 'delete', reason: req.body.reason }),
  );

  app.get(
    '/api/audits/claims',
    {
      config: { access: { permission: 'claim.audit' } },
      schema: { tags: ['学时审验'], summary: '已通过学时（筛选或随机抽查）', querystring: auditQuery, response: { 200: claimPage } },
    },
    async (req) => listForAudit(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/audits/claims/export',
    access: { permission: 'claim.audit' },
    tags: ['学时审验'],
    summary: '导出学时审验列表（xlsx/csv；筛选同列表，ids 为随机抽查抽到的记录）',
    file: '学时审验.xlsx',
    filters: z.object({ ...filterShape, ids: idList }),
    build: (ctx, { filters: f }) => ({
      what: 'claims.audit',
      title: f.ids ? '学时审验（随机抽查）' : '学时审验',
      filters: f,
      columns: CLAIM_COLUMNS,
      load: (p) => listForAudit(ctx, { ...f, ...p }),
    }),
  });

  app.post(
    '/api/audits/claims/revoke',
    {
      config: { access: { permission: 'claim.audit' } },
      schema: { tags: ['学时审验'], summary: '审验不通过（学时退出个人总数）', body: revokeBody, response: { 200: decisionResult } },
    },
    async (req) => revokeClaims(contextOf(req), req.body),
  );

  app.get(
    '/api/me/hours',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['个人学时'],
        summary: '本人某年度学时：每条申报及状态、公需/专业合计、是否完成',
        querystring: yearQuery,
        response: { 200: myHoursResponse },
      },
    },
    async (req) => myHours(contextOf(req), req.query.year),
  );

  app.get(
    '/api/me/hours/export',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['个人学时'],
        summary: '导出本人某年度学时明细（xlsx）',
        querystring: exportQuery(yearQuery),
        response: { 200: fileResponse('年度学时明细.xlsx') },
      },
    },
    async (req, reply) =>
      exportRows(db(), req, reply, {
        what: 'my_hours',
        title: `${req.query.year}年度学时明细`,
        filters: req.query,
        rows: await myClaims(contextOf(req), req.query.year),
        columns: MY_COLUMNS,
      }),
  );
}
