import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decisionBody, idSchema, REVIEW_KINDS, reviewTabQuery, type OrgType } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import { registerTodo } from '../dashboard/todos.js';
import { countPending, decide, detail, listQueue } from './service.js';

const kindParam = z.object({ kind: z.enum(REVIEW_KINDS, { error: '审核类别不正确' }) });
const TITLES = { personnel: '专技人员注册审核', employer: '下属单位注册审核', authority: '主管部门注册审核', base: '继续教育机构注册审核', hr: '人社部门注册审核' } as const;
/** Which organisation types have which queue (matches the menus in packages/domain). */
const QUEUE_TYPES: Record<keyof typeof TITLES, OrgType[]> = {
  personnel: ['hr', 'authority', 'employer', 'base'], employer: ['hr', 'authority'], authority: ['hr'], base: ['hr'], hr: ['hr'],
};

for (const kind of REVIEW_KINDS) {
  registerTodo({
    key: `reg-${kind}`, title: TITLES[kind], path: `/account/registrations/${kind}`, permission: 'reg.review', types: QUEUE_TYPES[kind],
    count: (db, actor) => countPending(db, actor, kind),
  });
}

export default async function registrationReviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['注册审核管理'];
  const db = () => app.deps.database.db;

  app.get('/api/reviews/registrations/:kind', {
    config: { access: { permission: 'reg.review' } },
    schema: { tags, summary: '注册审核队列（待审核/已审核）', params: kindParam, querystring: reviewTabQuery },
  }, async (req) => listQueue(db(), actorOf(req), req.params.kind, req.query));

  app.get('/api/reviews/registrations/:kind/:id', {
    config: { access: { permission: 'reg.review' } },
    schema: { tags, summary: '注册详情', params: kindParam.extend({ id: idSchema }) },
  }, async (req) => detail(db(), actorOf(req), req.params.kind, req.params.id));

  app.post('/api/reviews/registrations/:kind/decide', {
    config: { access: { permission: 'reg.review' } },
    schema: { tags, summary: '通过/驳回（单条或批量）', params: kindParam, body: decisionBody },
  }, async (req) => decide(app.deps, req, actorOf(req), req.params.kind, req.body));
}
