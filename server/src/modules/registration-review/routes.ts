import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decisionBody, idSchema, ORG_STATUSES, REVIEW_KINDS, reviewTabQuery, type OrgStatus, type OrgType } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import type { Column } from '../../lib/excel.js';
import { exportList, exportQuery } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { registerTodo } from '../dashboard/todos.js';
import { countPending, decide, detail, listQueue, registrationIdentity } from './service.js';

const { page: _p, pageSize: _s, ...filterShape } = reviewTabQuery.shape;
const exportFilters = exportQuery(z.object(filterShape));
type Row = Awaited<ReturnType<typeof listQueue>>['items'][number];
type PersonRow = Extract<Row, { titleSeriesName: string }>;
type OrgRow = Exclude<Row, PersonRow>;
const status = (r: { status: OrgStatus }) => ORG_STATUSES[r.status];
const PERSON_COLUMNS: Column<PersonRow>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  { header: '手机号', width: 16, value: (r) => r.phoneMasked },
  { header: '所在单位', width: 30, value: (r) => r.orgName },
  { header: '工作部门', value: (r) => r.departmentName },
  { header: '职称系列', value: (r) => r.titleSeriesName },
  { header: '职称级别', value: (r) => r.titleLevelName },
  { header: '审核单位', width: 30, value: (r) => r.reviewerName },
  { header: '状态', width: 10, value: status },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
  { header: '注册时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];
const ORG_COLUMNS: Column<OrgRow>[] = [
  { header: '机构名称', width: 32, value: (r) => r.name },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '机构类型', width: 14, value: (r) => r.typeName },
  { header: '所属地区', value: (r) => r.divisionName },
  { header: '上级部门（审核单位）', width: 30, value: (r) => r.parentName },
  { header: '联系人', value: (r) => r.contactName },
  // the contact's phone is a person's number: masked by listQueue like every phone in a list or export
  { header: '联系电话', width: 16, value: (r) => r.contactPhone },
  { header: '地址', width: 36, value: (r) => r.address },
  { header: '状态', width: 10, value: status },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
  { header: '注册时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];

const kindParam = z.object({ kind: z.enum(REVIEW_KINDS, { error: '审核类别不正确' }) });
const TITLES = {
  personnel: '专技人员注册审核',
  employer: '下属单位注册审核',
  authority: '主管部门注册审核',
  base: '继续教育机构注册审核',
  hr: '人社部门注册审核',
} as const;
/** Which organisation types have which queue (matches the menus in packages/domain). */
const QUEUE_TYPES: Record<keyof typeof TITLES, OrgType[]> = {
  personnel: ['hr', 'authority', 'employer', 'base'],
  employer: ['hr', 'authority'],
  authority: ['hr'],
  base: ['hr'],
  hr: ['hr'],
};

for (const kind of REVIEW_KINDS) {
  registerTodo({
    key: `reg-${kind}`,
    title: TITLES[kind],
    path: `/account/registrations/${kind}`,
    permission: 'reg.review',
    types: QUEUE_TYPES[kind],
    count: (db, actor) => countPending(db, actor, kind),
  });
}

export default async function registrationReviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['注册审核管理'];
  const db = () => app.deps.database.db;

  app.get(
    '/api/reviews/registrations/:kind',
    {
      config: { access: { permission: 'reg.review' } },
      schema: { tags, summary: '注册审核队列（待审核/已审核）', params: kindParam, querystring: reviewTabQuery },
    },
    async (req) => listQueue(db(), actorOf(req), req.params.kind, req.query),
  );

  app.get(
    '/api/reviews/registrations/:kind/export',
    {
      config: { access: { permission: 'reg.review' } },
      schema: { tags, summary: '导出注册审核队列（xlsx，与列表相同的筛选）', params: kindParam, querystring: exportFilters },
    },
    async (req, reply) => {
      const { kind } = req.params;
      // a queue holds either people or organisations: the kind decides which columns its rows fill
      const columns = (kind === 'personnel' ? PERSON_COLUMNS : ORG_COLUMNS) as Column<Row>[];
      return exportList(db(), req, reply, {
        what: `registrations.${kind}`,
        title: `${TITLES[kind]}（${req.query.tab === 'pending' ? '待审核' : '已审核'}）`,
        filters: req.query,
        columns,
        load: (p) => listQueue(db(), actorOf(req), kind, { ...req.query, ...p }),
      });
    },
  );

  app.get(
    '/api/reviews/registrations/:kind/:id',
    {
      config: { access: { permission: 'reg.review' } },
      schema: { tags, summary: '注册详情', params: kindParam.extend({ id: idSchema }) },
    },
    async (req) => detail(db(), actorOf(req), req.params.kind, req.params.id),
  );

  app.get(
    '/api/reviews/registrations/:kind/:id/identity',
    {
      config: { access: { permission: 'pii.view' } },
      schema: { tags, summary: '查看完整联系电话与注册人证件号/手机号（需注册审核权限，记入审计日志）', params: kindParam.extend({ id: idSchema }) },
    },
    async (req) => registrationIdentity(app.deps, req, actorOf(req), req.params.kind, req.params.id),
  );

  app.post(
    '/api/reviews/registrations/:kind/decide',
    {
      config: { access: { permission: 'reg.review' } },
      schema: { tags, summary: '通过/驳回（单条或批量）', params: kindParam, body: decisionBody },
    },
    async (req) => decide(app.deps, req, actorOf(req), req.params.kind, req.body),
  );
}
