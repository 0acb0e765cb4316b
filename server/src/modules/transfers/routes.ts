import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, count, eq } from 'drizzle-orm';
import { idSchema, pageQuery, transferConfirmBody, transferCreateBody, transferRefuseBody, text } from '@hbzsgx/domain';
import { transfers } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { exportList, exportQuery } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { registerTodo } from '../dashboard/todos.js';
import { createTransfer, decideTransfer, incomingFor, listTransfers, ownPerson, searchOwnPeople } from './service.js';

const STATUS = { pending: '待确认', confirmed: '已调入', refused: '已拒绝', cancelled: '已撤回' } as const;
const filters = z.object({
  direction: z.enum(['in', 'out', 'all']).default('all'),
  status: z.enum(['pending', 'done', 'confirmed', 'refused', 'cancelled']).optional(),
  keyword: text(50).optional(),
});
const params = z.object({ id: idSchema });

registerTodo({
  key: 'transfer-in',
  title: '人员调入审核',
  path: '/account/transfers/incoming',
  permission: 'transfer.manage',
  types: ['hr', 'authority', 'employer'],
  async count(db, actor) {
    const [r] = await db
      .select({ n: count() })
      .from(transfers)
      .where(and(incomingFor(actor), eq(transfers.status, 'pending')));
    return r!.n;
  },
});

export default async function transferRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['人员调转'];
  const db = () => app.deps.database.db;
  const access = { access: { permission: 'transfer.manage' as const } };

  app.get(
    '/api/transfers/people',
    {
      config: access,
      schema: { tags, summary: '选择调出人员（本单位）', querystring: z.object({ keyword: text(50).default('') }) },
    },
    async (req) => ({ items: await searchOwnPeople(db(), actorOf(req), req.query.keyword) }),
  );

  app.get(
    '/api/transfers/people/:id',
    {
      config: access,
      schema: { tags, summary: '调出人员信息（自动带出）', params },
    },
    async (req) => ownPerson(db(), actorOf(req), req.params.id),
  );

  app.post(
    '/api/transfers',
    {
      config: access,
      schema: { tags, summary: '发起调出', body: transferCreateBody },
    },
    async (req) => createTransfer(app.deps, req, actorOf(req), req.body),
  );

  app.get(
    '/api/transfers',
    {
      config: access,
      schema: { tags, summary: '调转记录（调入/调出）', querystring: pageQuery.extend(filters.shape) },
    },
    async (req) => listTransfers(db(), actorOf(req), req.query),
  );

  app.get(
    '/api/transfers/export',
    {
      config: access,
      schema: { tags, summary: '导出调转记录（xlsx）', querystring: exportQuery(filters) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: 'transfers',
        title: '调转记录',
        filters: req.query,
        load: (p) => listTransfers(db(), actorOf(req), { ...req.query, ...p }),
        columns: [
          { header: '姓名', value: (r) => r.name },
          { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
          { header: '类型', value: (r) => (r.direction === 'in' ? '调入' : '调出') },
          { header: '调出单位', width: 28, value: (r) => r.fromOrgName },
          { header: '调入单位', width: 28, value: (r) => r.toOrgName },
          { header: '调转日期', value: (r) => r.transferDate },
          { header: '调转原因', width: 30, value: (r) => r.reason },
          { header: '状态', value: (r) => STATUS[r.status as keyof typeof STATUS] },
          { header: '发起时间', width: 20, value: (r) => fmtTime(r.createdAt) },
          { header: '处理时间', width: 20, value: (r) => fmtTime(r.decidedAt) },
        ],
      }),
  );

  app.post(
    '/api/transfers/:id/confirm',
    {
      config: access,
      schema: { tags, summary: '确认调转（调入单位）', params, body: transferConfirmBody },
    },
    async (req) => decideTransfer(app.deps, req, actorOf(req), req.params.id, { kind: 'confirm', departmentId: req.body.departmentId }),
  );

  app.post(
    '/api/transfers/:id/refuse',
    {
      config: access,
      schema: { tags, summary: '拒绝调入（调入单位）', params, body: transferRefuseBody },
    },
    async (req) => decideTransfer(app.deps, req, actorOf(req), req.params.id, { kind: 'refuse', reason: req.body.reason }),
  );

  app.post(
    '/api/transfers/:id/cancel',
    {
      config: access,
      schema: { tags, summary: '撤回调出（调出单位，对方处理前）', params },
    },
    async (req) => decideTransfer(app.deps, req, actorOf(req), req.params.id, { kind: 'cancel' }),
  );
}
