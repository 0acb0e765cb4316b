import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { files } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { sendFile } from '../../lib/uploads.js';
import {
  classBody,
  decisionBody,
  idSchema,
  pageQuery,
  scoreBody,
  CLAIM_STATUSES,
  LEARNING_FORMS,
  SUBJECT_TYPES,
  TITLE_SERIES,
  text,
  year,
} from '@hbzsgx/domain';
import { CLASS_STATUSES } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import type { Column } from '../../lib/excel.js';
import { exportList, exportQuery, exportRows } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { registerTodo } from '../dashboard/todos.js';
import { importScores, scoreTemplate } from './import.js';
import { createClass, decideClasses, listClasses, listScores, registerScore, updateClass, withdrawClass } from './service.js';

const params = z.object({ id: idSchema });
const classFilters = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional(),
  year: year().optional(),
  keyword: text(50).optional(),
});
const listQuery = pageQuery.extend(classFilters.shape);
const reviewFilters = classFilters.extend({ tab: z.enum(['pending', 'done']).default('pending'), orgType: z.enum(['base', 'employer']).optional() });

type ClassRow = Awaited<ReturnType<typeof listClasses>>['items'][number];
const classColumns = (org: string): Column<ClassRow>[] => [
  { header: '培训年度', width: 10, value: (r) => r.year },
  { header: '名称', width: 36, value: (r) => r.name },
  { header: org, width: 30, value: (r) => r.baseName },
  { header: '科目类型', value: (r) => SUBJECT_TYPES[r.subjectType] },
  { header: '学习形式', value: (r) => LEARNING_FORMS[r.learningForm] },
  { header: '学时', width: 8, value: (r) => Number(r.hours) },
  { header: '开始日期', width: 12, value: (r) => r.startDate },
  { header: '结束日期', width: 12, value: (r) => r.endDate },
  { header: '培训地点', width: 30, value: (r) => r.place },
  { header: '计划人数', width: 10, value: (r) => r.capacity },
  { header: '已登记人数', width: 10, value: (r) => r.learners },
  { header: '面向职称系列', width: 30, value: (r) => r.targetSeries.map((c) => TITLE_SERIES.find((t) => t.code === c)?.name ?? c).join('、') },
  { header: '状态', width: 10, value: (r) => CLASS_STATUSES[r.status] },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
  { header: '申报时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];
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

registerTodo({
  key: 'class-review',
  title: '审核培训计划申报',
  path: '/training/class-review',
  permission: 'class.review',
  types: ['hr'],
  count: async (db, actor) => (await listClasses(db, actor, { tab: 'pending', orgType: 'base', page: 1, pageSize: 1, own: false })).total,
});
registerTodo({
  key: 'unit-plan-review',
  title: '单位培训计划审核',
  path: '/hours/unit-plans',
  permission: 'class.review',
  types: ['hr'],
  count: async (db, actor) => (await listClasses(db, actor, { tab: 'pending', orgType: 'employer', page: 1, pageSize: 1, own: false })).total,
});

export default async function trainingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['培训班管理'];
  const db = () => app.deps.database.db;

  app.get(
    '/api/classes',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '本基地培训班', querystring: listQuery },
    },
    async (req) => listClasses(db(), actorOf(req), { ...req.query, own: true }),
  );
  app.get(
    '/api/classes/export',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '导出本单位培训班（xlsx）', querystring: exportQuery(classFilters) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: 'classes',
        title: actorOf(req).org.type === 'employer' ? '单位培训计划' : '培训班',
        filters: req.query,
        columns: classColumns(actorOf(req).org.type === 'employer' ? '申报单位' : '继续教育机构'),
        load: (p) => listClasses(db(), actorOf(req), { ...req.query, ...p, own: true }),
      }),
  );
  app.post(
    '/api/classes',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '申报培训班', body: classBody },
    },
    async (req) => createClass(app.deps, req, actorOf(req), req.body),
  );
  app.put(
    '/api/classes/:id',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '修改培训班（待审核或被驳回时）', params, body: classBody },
    },
    async (req) => updateClass(app.deps, req, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/classes/:id/withdraw',
    {
      config: { access: { permission: 'class.manage' } },
      schema: { tags, summary: '撤回培训班', params },
    },
    async (req) => withdrawClass(app.deps, req, actorOf(req), req.params.id),
  );

  app.get(
    '/api/classes/:id/scores',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '培训班学员成绩', params },
    },
    async (req) => ({ items: await listScores(db(), actorOf(req), req.params.id) }),
  );
  app.get(
    '/api/classes/:id/scores/export',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '导出培训班学员成绩（xlsx）', params },
    },
    async (req, reply) =>
      exportRows(db(), req, reply, {
        what: 'scores',
        title: '学员成绩',
        filters: { classId: req.params.id },
        columns: SCORE_COLUMNS,
        rows: await listScores(db(), actorOf(req), req.params.id),
      }),
  );
  app.post(
    '/api/classes/:id/scores',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '登记学员成绩（合格者生成学时申报）', params, body: scoreBody },
    },
    async (req) => registerScore(app.deps, req, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/classes/scores/template',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '下载学员成绩导入模板（xlsx）' },
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
      schema: { tags: ['学员成绩管理'], summary: 'Excel导入学员成绩（逐行校验，失败行可下载）', params, consumes: ['multipart/form-data'] },
    },
    async (req) => importScores(app.deps, req, actorOf(req), req.params.id),
  );

  app.get(
    '/api/imports/:id/failed',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: ['学员成绩管理'], summary: '下载导入失败数据（xlsx）', params },
    },
    async (req, reply) => {
      const [f] = await db()
        .select()
        .from(files)
        .where(and(eq(files.id, req.params.id), eq(files.ownerOrgId, actorOf(req).org.id)));
      if (!f) throw new NotFoundError('文件');
      return sendFile(reply, f);
    },
  );

  app.get(
    '/api/reviews/classes',
    {
      config: { access: { permission: 'class.review' } },
      schema: {
        tags: ['培训计划管理'],
        summary: '审核培训计划申报（orgType=base）/ 单位培训计划审核（orgType=employer）',
        querystring: pageQuery.extend(reviewFilters.shape),
      },
    },
    async (req) => listClasses(db(), actorOf(req), { ...req.query, own: false }),
  );
  app.get(
    '/api/reviews/classes/export',
    {
      config: { access: { permission: 'class.review' } },
      schema: { tags: ['培训计划管理'], summary: '导出培训计划审核列表（xlsx，与列表相同的筛选）', querystring: exportQuery(reviewFilters) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: 'class_reviews',
        title: `${req.query.orgType === 'employer' ? '单位培训计划' : '培训班'}审核（${req.query.tab === 'pending' ? '待审核' : '已审核'}）`,
        filters: req.query,
        columns: classColumns(req.query.orgType === 'employer' ? '申报单位' : '继续教育机构'),
        load: (p) => listClasses(db(), actorOf(req), { ...req.query, ...p, own: false }),
      }),
  );
  app.post(
    '/api/reviews/classes/decide',
    {
      config: { access: { permission: 'class.review' } },
      schema: { tags: ['培训计划管理'], summary: '通过/驳回培训班', body: decisionBody },
    },
    async (req) => decideClasses(app.deps, req, actorOf(req), req.body),
  );
}
