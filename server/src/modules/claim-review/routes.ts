import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, asc, count, eq, isNotNull, ne, or } from 'drizzle-orm';
import {
  INT4_MAX,
  claimQuery,
  claimDeleteBody,
  decisionBody,
  revokeBody,
  CLAIM_STATUSES,
  LEARNING_FORMS,
  SUBJECT_TYPES,
  int,
  pattern,
  year,
} from '@hbzsgx/domain';
import { claims } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { BadRequestError } from '../../errors.js';
import { registerTodo } from '../dashboard/todos.js';
import { personYear } from '../ledger/service.js';
import type { Column } from '../../lib/excel.js';
import { exportList, exportQuery, exportRows } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { decideClaims, listClaims, listForAudit, reviewScope, revokeClaims, type ClaimRow } from './service.js';

const CLAIM_COLUMNS: Column<ClaimRow>[] = [
  { header: '申报机构', width: 30, value: (r) => r.declaringOrg },
  { header: '培训班/学习内容', width: 36, value: (r) => r.className },
  { header: '姓名', value: (r) => r.name },
  { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  { header: '年度', width: 8, value: (r) => r.year },
  { header: '所在单位', width: 30, value: (r) => r.orgName },
  { header: '职称系列', width: 16, value: (r) => r.titleSeriesName },
  { header: '科目类型', value: (r) => r.subjectTypeName },
  { header: '学习形式', value: (r) => r.learningFormName },
  { header: '学时', width: 8, value: (r) => Number(r.hours) },
  { header: '成绩', width: 10, value: (r) => r.score },
  { header: '认定依据', width: 30, value: (r) => r.basis },
  { header: '重点审核', width: 30, value: (r) => (r.flagged ? r.flagReasons.join('；') || '是' : '') },
  { header: '状态', width: 12, value: (r) => r.statusName },
  { header: '驳回/审验不通过原因', width: 30, value: (r) => r.revokeReason ?? r.rejectReason },
  { header: '申报时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];
/** A drawn sample's ids ("3,17,42"): the audit export then holds exactly the rows on screen. */
const idList = pattern(/^\d{1,10}(,\d{1,10}){0,199}$/, '应为逗号分隔的编号（最多200个）', 2200)
  .transform((v) => v.split(',').map(Number))
  .refine((ids) => ids.every((n) => n >= 1 && n <= INT4_MAX), '编号超出范围')
  .optional();

const QUEUES = { base: '继续教育机构学时审核', employer: '单位培训学时审核', personal: '个人申报学时审核' } as const;
for (const source of Object.keys(QUEUES) as (keyof typeof QUEUES)[]) {
  registerTodo({
    key: `claim-${source}`,
    title: QUEUES[source],
    path: `/hours/review/${source}`,
    permission: 'claim.review',
    types: ['hr'],
    async count(db, actor) {
      // the review list's own scope (declaring organisation in the jurisdiction, never the actor's own claims)
      const [r] = await db
        .select({ n: count() })
        .from(claims)
        .where(and(eq(claims.source, source), eq(claims.status, 'pending'), reviewScope(actor)));
      return r!.n;
    },
  });
}

export default async function claimReviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const { page: _p, pageSize: _s, tab: _t, source: _src, ...filterShape } = claimQuery.shape;

  app.get(
    '/api/reviews/claims',
    {
      config: { access: { permission: 'claim.review' } },
      schema: { tags: ['学时审核'], summary: '学时审核队列（按来源；待审核/已审核）', querystring: claimQuery },
    },
    async (req) => listClaims(db(), actorOf(req), req.query),
  );

  const { page: _pp, pageSize: _ps, ...reviewFilterShape } = claimQuery.shape;
  app.get(
    '/api/reviews/claims/export',
    {
      config: { access: { permission: 'claim.review' } },
      schema: { tags: ['学时审核'], summary: '导出学时审核队列（xlsx，与列表相同的筛选）', querystring: exportQuery(z.object(reviewFilterShape)) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: `claims.${req.query.source}`,
        filters: req.query,
        columns: CLAIM_COLUMNS,
        title: `${QUEUES[req.query.source]}（${req.query.tab === 'pending' ? '待审核' : '已审核'}）`,
        load: (p) => listClaims(db(), actorOf(req), { ...req.query, ...p }),
      }),
  );

  app.post(
    '/api/reviews/claims/decide',
    {
      config: { access: { permission: 'claim.review' } },
      schema: { tags: ['学时审核'], summary: '批量通过/驳回', body: decisionBody },
    },
    async (req) => decideClaims(app.deps, req, actorOf(req), req.body),
  );

  app.post(
    '/api/reviews/claims/delete',
    {
      config: { access: { permission: 'claim.review' } },
      schema: {
        tags: ['学时审核'],
        summary: '删除（软删除，留痕；须填写删除原因，告知本人和申报机构；已通过的学时退出个人总数）',
        body: claimDeleteBody,
      },
    },
    async (req) => decideClaims(app.deps, req, actorOf(req), { ids: req.body.ids, decision: 'delete', reason: req.body.reason }),
  );

  app.get(
    '/api/audits/claims',
    {
      config: { access: { permission: 'claim.audit' } },
      schema: {
        tags: ['学时审验'],
        summary: '已通过学时（筛选或随机抽查）',
        querystring: z.object({ ...filterShape, page: claimQuery.shape.page, pageSize: claimQuery.shape.pageSize, sample: int(1, 200).optional() }),
      },
    },
    async (req) => listForAudit(db(), actorOf(req), req.query),
  );

  app.get(
    '/api/audits/claims/export',
    {
      config: { access: { permission: 'claim.audit' } },
      schema: {
        tags: ['学时审验'],
        summary: '导出学时审验列表（xlsx；筛选同列表，ids 为随机抽查抽到的记录）',
        querystring: exportQuery(z.object({ ...filterShape, ids: idList })),
      },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: 'claims.audit',
        title: req.query.ids ? '学时审验（随机抽查）' : '学时审验',
        filters: req.query,
        columns: CLAIM_COLUMNS,
        load: (p) => listForAudit(db(), actorOf(req), { ...req.query, ...p }),
      }),
  );

  app.post(
    '/api/audits/claims/revoke',
    {
      config: { access: { permission: 'claim.audit' } },
      schema: { tags: ['学时审验'], summary: '审验不通过（学时退出个人总数）', body: revokeBody },
    },
    async (req) => revokeClaims(app.deps, req, actorOf(req), req.body),
  );

  /** The person's claims of one year (本人学时明细): the list of 我的学时 and its export; a deletion made with a reason is shown with it. */
  const myClaims = async (personnelId: number, year: number) =>
    (
      await db()
        .select()
        .from(claims)
        .where(and(eq(claims.personnelId, personnelId), eq(claims.year, year), or(ne(claims.status, 'deleted'), isNotNull(claims.deleteReason))))
        .orderBy(asc(claims.id))
    ).map((c) => ({
      id: c.id,
      title: c.title,
      hours: c.hours,
      score: c.score,
      status: c.status,
      statusName: CLAIM_STATUSES[c.status],
      subjectTypeName: SUBJECT_TYPES[c.subjectType],
      learningFormName: LEARNING_FORMS[c.learningForm],
      rejectReason: c.rejectReason,
      revokeReason: c.revokeReason,
      deleteReason: c.deleteReason,
      basis: c.basis,
      hasEvidence: c.evidenceFileId != null,
      createdAt: c.createdAt,
    }));
  const personOf = (req: FastifyRequest) => {
    const a = actorOf(req);
    if (!a.personnelId) throw new BadRequestError('只有专业技术人员可以查看本人学时');
    return a.personnelId;
  };
  const yearQuery = z.object({ year: year() });

  app.get(
    '/api/me/hours',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['个人学时'], summary: '本人某年度学时：每条申报及状态、公需/专业合计、是否完成', querystring: yearQuery },
    },
    async (req) => {
      const id = personOf(req);
      return { ...(await personYear(db(), id, req.query.year)), claims: await myClaims(id, req.query.year) };
    },
  );

  app.get(
    '/api/me/hours/export',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['个人学时'], summary: '导出本人某年度学时明细（xlsx）', querystring: exportQuery(yearQuery) },
    },
    async (req, reply) =>
      exportRows(db(), req, reply, {
        what: 'my_hours',
        title: `${req.query.year}年度学时明细`,
        filters: req.query,
        rows: await myClaims(personOf(req), req.query.year),
        columns: [
          { header: '学习内容', width: 36, value: (r) => r.title },
          { header: '科目类型', value: (r) => r.subjectTypeName },
          { header: '学习形式', value: (r) => r.learningFormName },
          { header: '学时', width: 8, value: (r) => Number(r.hours) },
          { header: '成绩', width: 10, value: (r) => r.score },
          { header: '认定依据', width: 30, value: (r) => r.basis },
          { header: '状态', width: 12, value: (r) => r.statusName },
          { header: '驳回/审验不通过/删除原因', width: 30, value: (r) => r.deleteReason ?? r.revokeReason ?? r.rejectReason },
          { header: '申报时间', width: 20, value: (r) => fmtTime(r.createdAt) },
        ],
      }),
  );
}
