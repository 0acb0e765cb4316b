import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import { decisionBody, reparentBody, reviewTabQuery, titleChangeBody, type OrgType } from '@hbzsgx/domain';
import { changeRequests } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { registerTodo } from '../dashboard/todos.js';
import { CHANGE_KINDS, countChanges, decideChanges, diff, listChanges, myRequests, submitReparent, submitTitleChange, type ChangeKindParam } from './service.js';

const kindParam = z.object({ kind: z.enum(Object.keys(CHANGE_KINDS) as [ChangeKindParam, ...ChangeKindParam[]], { error: '审核类别不正确' }) });
const TODO: Record<ChangeKindParam, { title: string; types: OrgType[] }> = {
  title: { title: '审核人员信息修改', types: ['hr', 'authority', 'employer'] },
  'org-info': { title: '机构信息修改审核', types: ['hr', 'authority'] },
  reparent: { title: '更换上级部门审核', types: ['hr', 'authority'] },
};
for (const kind of Object.keys(TODO) as ChangeKindParam[]) {
  registerTodo({ key: `change-${kind}`, title: TODO[kind].title, path: `/account/changes/${kind}`, permission: 'change.review', types: TODO[kind].types, count: (db, a) => countChanges(db, a, kind) });
}

export default async function changeReviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['变更审核管理'];
  const db = () => app.deps.database.db;
  const mapMine = (rows: (typeof changeRequests.$inferSelect)[]) => rows.map((r) => ({
    id: r.id, kind: r.kind, status: r.status, rejectReason: r.rejectReason, createdAt: r.createdAt, decidedAt: r.decidedAt, reason: r.reason,
    reviewerDecision: r.reviewerDecision, secondDecision: r.secondDecision, changes: diff(r.before, r.after),
  }));

  app.post('/api/me/title-change', {
    config: { access: { authenticated: true } }, schema: { tags, summary: '修改专业技术职务（提交审核）', body: titleChangeBody },
  }, async (req) => submitTitleChange(app.deps, req, actorOf(req), req.body));

  app.get('/api/me/title-change', {
    config: { access: { authenticated: true } }, schema: { tags, summary: '本人的职务修改申请' },
  }, async (req) => {
    const a = actorOf(req);
    if (!a.personnelId) return { items: [] };
    return { items: mapMine(await myRequests(db(), and(eq(changeRequests.personnelId, a.personnelId), eq(changeRequests.kind, 'title'))!)) };
  });

  app.post('/api/org/reparent', {
    config: { access: { permission: 'org.reparent' } }, schema: { tags, summary: '申请更换上级部门', body: reparentBody },
  }, async (req) => submitReparent(app.deps, req, actorOf(req), req.body));

  app.get('/api/org/changes', {
    config: { access: { permission: 'org.info.view' } }, schema: { tags, summary: '本单位的信息修改与更换上级申请' },
  }, async (req) => {
    const a = actorOf(req);
    return { items: mapMine(await myRequests(db(), and(eq(changeRequests.orgId, a.org.id), isNull(changeRequests.personnelId))!)) };
  });

  app.get('/api/reviews/changes/:kind', {
    config: { access: { permission: 'change.review' } },
    schema: { tags, summary: '变更审核队列（待审核/已审核），含新旧对比', params: kindParam, querystring: reviewTabQuery },
  }, async (req) => listChanges(db(), actorOf(req), req.params.kind, req.query));

  app.post('/api/reviews/changes/:kind/decide', {
    config: { access: { permission: 'change.review' } },
    schema: { tags, summary: '通过/驳回（单条或批量）', params: kindParam, body: decisionBody },
  }, async (req) => decideChanges(app.deps, req, actorOf(req), req.params.kind, req.body));
}
