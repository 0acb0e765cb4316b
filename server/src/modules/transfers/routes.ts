/**
 * 人员调转: 调出 by the source (choosing the person), 确认调转 (choosing the department) / 拒绝 by the target, 撤回 by
 * the source, and 调转记录 with its export. Data logic in service.ts. 人员调入审核 is a review queue on the web
 * (ReviewQueuePage) over these routes: its 确认 carries a department, so it keeps its own per-record routes.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idResponse,
  idSchema,
  okResponse,
  pageQuery,
  text,
  transferCandidates,
  transferConfirmBody,
  transferCreateBody,
  transferPage,
  transferPerson,
  transferRecord,
  transferRefuseBody,
  TRANSFER_STATUS_CODES,
  TRANSFER_STATUSES,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import type { Column } from '../../lib/excel.js';
import { registerExport } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { registerTodo } from '../dashboard/todos.js';
import { countIncoming, createTransfer, decideTransfer, listTransfers, ownPerson, searchOwnPeople } from './service.js';

const filters = z.object({
  direction: z.enum(['in', 'out', 'all']).default('all'),
  status: z.enum([...TRANSFER_STATUS_CODES, 'done']).optional(),
  keyword: text(50).optional(),
});
const params = z.object({ id: idSchema });
const COLUMNS: Column<z.output<typeof transferRecord>>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  { header: '类型', value: (r) => (r.direction === 'in' ? '调入' : '调出') },
  { header: '调出单位', width: 28, value: (r) => r.fromOrgName },
  { header: '调入单位', width: 28, value: (r) => r.toOrgName },
  { header: '调转日期', value: (r) => r.transferDate },
  { header: '调转原因', width: 30, value: (r) => r.reason },
  { header: '状态', value: (r) => TRANSFER_STATUSES[r.status] },
  { header: '发起时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '处理时间', width: 20, value: (r) => fmtTime(r.decidedAt) },
];

registerTodo({
  key: 'transfer-in',
  title: '人员调入审核',
  path: '/account/transfers/incoming',
  permission: 'transfer.manage',
  types: ['hr', 'authority', 'employer'],
  count: countIncoming,
});

export default async function transferRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['人员调转'];
  const access = { access: { permission: 'transfer.manage' as const } };

  app.get(
    '/api/transfers/people',
    {
      config: access,
      schema: {
        tags,
        summary: '选择调出人员（本单位）',
        querystring: z.object({ keyword: text(50).default('') }),
        response: { 200: transferCandidates },
      },
    },
    async (req) => searchOwnPeople(contextOf(req), req.query.keyword),
  );

  app.get(
    '/api/transfers/people/:id',
    {
      config: access,
      schema: { tags, summary: '调出人员信息（自动带出）', params, response: { 200: transferPerson } },
    },
    async (req) => ownPerson(contextOf(req), req.params.id),
  );

  app.post(
    '/api/transfers',
    {
      config: access,
      schema: { tags, summary: '发起调出', body: transferCreateBody, response: { 200: idResponse } },
    },
    async (req) => createTransfer(contextOf(req), req.body),
  );

  app.get(
    '/api/transfers',
    {
      config: access,
      schema: { tags, summary: '调转记录（调入/调出）', querystring: pageQuery.extend(filters.shape), response: { 200: transferPage } },
    },
    async (req) => listTransfers(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/transfers/export',
    access: access.access,
    tags,
    summary: '导出调转记录（xlsx/csv）',
    file: '调转记录.xlsx',
    filters,
    build: (ctx, { filters: f }) => ({
      what: 'transfers',
      title: '调转记录',
      filters: f,
      load: (p) => listTransfers(ctx, { ...f, ...p }),
      columns: COLUMNS,
    }),
  });

  app.post(
    '/api/transfers/:id/confirm',
    {
      config: access,
      schema: { tags, summary: '确认调转（调入单位）', params, body: transferConfirmBody, response: { 200: okResponse } },
    },
    async (req) => decideTransfer(contextOf(req), req.params.id, { kind: 'confirm', departmentId: req.body.departmentId }),
  );

  app.post(
    '/api/transfers/:id/refuse',
    {
      config: access,
      schema: { tags, summary: '拒绝调入（调入单位）', params, body: transferRefuseBody, response: { 200: okResponse } },
    },
    async (req) => decideTransfer(contextOf(req), req.params.id, { kind: 'refuse', reason: req.body.reason }),
  );

  app.post(
    '/api/transfers/:id/cancel',
    {
      config: access,
      schema: { tags, summary: '撤回调出（调出单位，对方处理前）', params, response: { 200: okResponse } },
    },
    async (req) => decideTransfer(contextOf(req), req.params.id, { kind: 'cancel' }),
  );
}
