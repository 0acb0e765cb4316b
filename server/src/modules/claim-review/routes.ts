import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, asc, count, eq, like, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { claimQuery, decisionBody, idsBody, revokeBody, CLAIM_STATUSES, LEARNING_FORMS, SUBJECT_TYPES, type ClaimStatus, type LearningForm, type SubjectType } from '@hbzsgx/domain';
import { claims, organizations } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { escapeLike } from '../../lib/scope.js';
import { BadRequestError } from '../../errors.js';
import { registerTodo } from '../dashboard/todos.js';
import { personYear } from '../ledger/service.js';
import { decideClaims, listClaims, listForAudit, revokeClaims } from './service.js';

const declarer = alias(organizations, 'declarer');
const QUEUES = { base: '继续教育机构学时审核', employer: '单位培训学时审核', personal: '个人申报学时审核' } as const;
for (const source of Object.keys(QUEUES) as (keyof typeof QUEUES)[]) {
  registerTodo({
    key: `claim-${source}`, title: QUEUES[source], path: `/hours/review/${source}`, permission: 'claim.review', types: ['hr'],
    async count(db, actor) {
      const [r] = await db.select({ n: count() }).from(claims).innerJoin(declarer, eq(declarer.id, claims.declaringOrgId))
        .where(and(eq(claims.source, source), eq(claims.status, 'pending'), like(declarer.path, `${escapeLike(actor.org.path)}%`)));
      return r!.n;
    },
  });
}

export default async function claimReviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const { page: _p, pageSize: _s, tab: _t, source: _src, ...filterShape } = claimQuery.shape;

  app.get('/api/reviews/claims', {
    config: { access: { permission: 'claim.review' } }, schema: { tags: ['学时审核'], summary: '学时审核队列（按来源；待审核/已审核）', querystring: claimQuery },
  }, async (req) => listClaims(db(), actorOf(req), req.query));

  app.post('/api/reviews/claims/decide', {
    config: { access: { permission: 'claim.review' } }, schema: { tags: ['学时审核'], summary: '批量通过/驳回', body: decisionBody },
  }, async (req) => decideClaims(app.deps, req, actorOf(req), req.body));

  app.post('/api/reviews/claims/delete', {
    config: { access: { permission: 'claim.review' } }, schema: { tags: ['学时审核'], summary: '删除（软删除，留痕）', body: idsBody },
  }, async (req) => decideClaims(app.deps, req, actorOf(req), { ids: req.body.ids, decision: 'delete' }));

  app.get('/api/audits/claims', {
    config: { access: { permission: 'claim.audit' } },
    schema: { tags: ['学时审验'], summary: '已通过学时（筛选或随机抽查）', querystring: z.object({ ...filterShape, page: claimQuery.shape.page, pageSize: claimQuery.shape.pageSize, sample: z.coerce.number().int().min(1).max(200).optional() }) },
  }, async (req) => listForAudit(db(), actorOf(req), req.query));

  app.post('/api/audits/claims/revoke', {
    config: { access: { permission: 'claim.audit' } }, schema: { tags: ['学时审验'], summary: '审验不通过（学时退出个人总数）', body: revokeBody },
  }, async (req) => revokeClaims(app.deps, req, actorOf(req), req.body));

  app.get('/api/me/hours', {
    config: { access: { authenticated: true } },
    schema: { tags: ['个人学时'], summary: '本人某年度学时：每条申报及状态、公需/专业合计、是否完成', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
  }, async (req) => {
    const a = actorOf(req);
    if (!a.personnelId) throw new BadRequestError('只有专业技术人员可以查看本人学时');
    const rows = await db().select().from(claims).where(and(eq(claims.personnelId, a.personnelId), eq(claims.year, req.query.year), ne(claims.status, 'deleted'))).orderBy(asc(claims.id));
    return {
      ...(await personYear(db(), a.personnelId, req.query.year)),
      claims: rows.map((c) => ({
        id: c.id, title: c.title, hours: c.hours, score: c.score, status: c.status, statusName: CLAIM_STATUSES[c.status as ClaimStatus],
        subjectTypeName: SUBJECT_TYPES[c.subjectType as SubjectType], learningFormName: LEARNING_FORMS[c.learningForm as LearningForm],
        rejectReason: c.rejectReason, revokeReason: c.revokeReason, basis: c.basis, hasEvidence: c.evidenceFileId != null, createdAt: c.createdAt,
      })),
    };
  });
}
