import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import { decisionBody, reparentBody, reviewTabQuery, titleChangeBody, type OrgType } from '@hbzsgx/domain';
import { REVIEW_STATUSES } from '@hbzsgx/domain';
import { changeRequests } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import type { Column } from '../../lib/excel.js';
import { exportList, exportQuery } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { registerTodo } from '../dashboard/todos.js';
import {
  CHANGE_KINDS,
  countChanges,
  decideChanges,
  diff,
  listChanges,
  myRequests,
  submitReparent,
  submitTitleChange,
  type ChangeKindParam,
} from './service.js';

const kindParam = z.object({ kind: z.enum(Object.keys(CHANGE_KINDS) as [ChangeKindParam, ...ChangeKindParam[]], { error: '审核类别不正确' }) });
const { page: _p, pageSize: _s, ...filterShape } = reviewTabQuery.shape;
const STATUS: Record<string, string> = REVIEW_STATUSES;
const DECISION: Record<string, string> = { approve: '同意', reject: '驳回' };
const TITLES: Record<ChangeKindParam, string> = { title: '人员信息修改审核', 'org-info': '机构信息修改审核', reparent: '更换上级部门审核' };
type ChangeRow = Awaited<ReturnType<typeof listChanges>>['items'][number];
function changeColumns(kind: ChangeKindParam): Column<ChangeRow>[] {
  const person: Column<ChangeRow>[] = [
    { header: '姓名', value: (r) => r.personName },
    { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  ];
  const reparent: Column<ChangeRow>[] = [
    { header: '更换原因', width: 30, value: (r) => r.reason },
    { header: '原上级部门', width: 28, value: (r) => r.oldParentName },
    { header: '原上级意见', value: (r) => DECISION[r.reviewerDecision ?? ''] ?? '待审核' },
    { header: '新上级部门', width: 28, value: (r) => r.newParentName },
    { header: '新上级意见', value: (r) => DECISION[r.secondDecision ?? ''] ?? '待审核' },
  ];
  return [
    { header: kind === 'title' ? '所在单位' : '申请单位', width: 30, value: (r) => r.orgName },
    ...(kind === 'title' ? person : []),
    {
      header: '变更内容',
      width: 60,
      value: (r) =>
        r.changes
          .filter((c) => c.changed)
          .map((c) => `${c.label}：${c.before || '（空）'} → ${c.after || '（空）'}`)
          .join('\n'),
    },
    ...(kind === 'reparent' ? reparent : []),
    { header: '状态', width: 10, value: (r) => STATUS[r.status] ?? r.status },
    { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
    { header: '申请时间', width: 20, value: (r) => fmtTime(r.createdAt) },
    { header: '处理时间', width: 20, value: (r) => fmtTime(r.decidedAt) },
  ];
}
const TODO: Record<ChangeKindParam, { title: string; types: OrgType[] }> = {
  title: { title: '审核人员信息修改', types: ['hr', 'authority', 'employer'] },
  'org-info': { title: '机构信息修改审核', types: ['hr', 'authority'] },
  reparent: { title: '更换上级部门审核', types: ['hr', 'authority'] },
};
for (const kind of Object.keys(TODO) as ChangeKindParam[]) {
  registerTodo({
    key: `change-${kind}`,
    title: TODO[kind].title,
    path: `/account/changes/${kind}`,
    permission: 'change.review',
    types: TODO[kind].types,
    count: (db, a) => countChanges(db, a, kind),
  });
}

export default async function changeReviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['变更审核管理'];
  const db = () => app.deps.database.db;
  const mapMine = (rows: (typeof changeRequests.$inferSelect)[]) =>
    rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      rejectReason: r.rejectReason,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      reason: r.reason,
      reviewerDecision: r.reviewerDecision,
      secondDecision: r.secondDecision,
      changes: diff(r.before, r.after),
    }));

  app.post(
    '/api/me/title-change',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '修改专业技术职务（提交审核）', body: titleChangeBody },
    },
    async (req) => submitTitleChange(app.deps, req, actorOf(req), req.body),
  );

  app.get(
    '/api/me/title-change',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '本人的职务修改申请' },
    },
    async (req) => {
      const a = actorOf(req);
      if (!a.personnelId) return { items: [] };
      return { items: mapMine(await myRequests(db(), and(eq(changeRequests.personnelId, a.personnelId), eq(changeRequests.kind, 'title'))!)) };
    },
  );

  app.post(
    '/api/org/reparent',
    {
      config: { access: { permission: 'org.reparent' } },
      schema: { tags, summary: '申请更换上级部门', body: reparentBody },
    },
    async (req) => submitReparent(app.deps, req, actorOf(req), req.body),
  );

  app.get(
    '/api/org/changes',
    {
      config: { access: { permission: 'org.info.view' } },
      schema: { tags, summary: '本单位的信息修改与更换上级申请' },
    },
    async (req) => {
      const a = actorOf(req);
      return { items: mapMine(await myRequests(db(), and(eq(changeRequests.orgId, a.org.id), isNull(changeRequests.personnelId))!)) };
    },
  );

  app.get(
    '/api/reviews/changes/:kind',
    {
      config: { access: { permission: 'change.review' } },
      schema: { tags, summary: '变更审核队列（待审核/已审核），含新旧对比', params: kindParam, querystring: reviewTabQuery },
    },
    async (req) => listChanges(db(), actorOf(req), req.params.kind, req.query),
  );

  app.get(
    '/api/reviews/changes/:kind/export',
    {
      config: { access: { permission: 'change.review' } },
      schema: { tags, summary: '导出变更审核队列（xlsx，与列表相同的筛选）', params: kindParam, querystring: exportQuery(z.object(filterShape)) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: `changes.${req.params.kind}`,
        title: `${TITLES[req.params.kind]}（${req.query.tab === 'pending' ? '待审核' : '已审核'}）`,
        filters: req.query,
        load: (p) => listChanges(db(), actorOf(req), req.params.kind, { ...req.query, ...p }),
        columns: changeColumns(req.params.kind),
      }),
  );

  app.post(
    '/api/reviews/changes/:kind/decide',
    {
      config: { access: { permission: 'change.review' } },
      schema: { tags, summary: '通过/驳回（单条或批量）', params: kindParam, body: decisionBody },
    },
    async (req) => decideChanges(app.deps, req, actorOf(req), req.params.kind, req.body),
  );
}
