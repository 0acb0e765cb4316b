/** 培训报名 (the person's catalogue, 报名/取消报名, 我的报名) and the base's 报名名单 (+ 导出, 登记成绩). Logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cataloguePage,
  catalogueOptions as catalogueOptionsSchema,
  ENROLMENT_STATUS_CODES,
  ENROLMENT_STATUSES,
  enrolResult,
  idSchema,
  LEARNING_FORM_CODES,
  myEnrolmentPage,
  okResponse,
  pageQuery,
  rosterPage,
  rosterScoreBody,
  rosterScoreResult,
  SUBJECT_TYPE_CODES,
  text,
  TITLE_SERIES,
  year,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import type { Column } from '../../lib/excel.js';
import { registerExport } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { registerRosterScores } from '../training/service.js';
import { cancelEnrolment, catalogue, catalogueOptions, enrol, myEnrolments, roster, rosterClass } from './service.js';

const params = z.object({ id: idSchema });
const SERIES_CODES = TITLE_SERIES.map((t) => t.code) as [string, ...string[]];
const boolFlag = z.enum(['true', 'false'], { error: '只能是 true 或 false' });
const catalogueQuery = pageQuery.extend({
  year: year().optional(),
  subjectType: z.enum(SUBJECT_TYPE_CODES, { error: '请选择有效的科目类型' }).optional(),
  learningForm: z.enum(LEARNING_FORM_CODES, { error: '请选择有效的学习形式' }).optional(),
  baseId: idSchema.optional(),
  cityId: idSchema.optional(),
  series: z.enum(SERIES_CODES, { error: '请选择有效的职称系列' }).optional(),
  keyword: text(50).optional(),
  /** 'true' (default): only classes not started yet; 'false': every approved class, with its state. */
  upcoming: boolFlag.default('true'),
});
const optionsQuery = z.object({ year: year().optional() });
const statusFilter = z.enum(ENROLMENT_STATUS_CODES, { error: '报名状态不正确' }).optional();
const myQuery = pageQuery.extend({ status: statusFilter });
const rosterFilters = z.object({ status: statusFilter });
const rosterQuery = pageQuery.extend(rosterFilters.shape);

type RosterRow = Awaited<ReturnType<typeof roster>>['items'][number];
const seriesName = (c: string | null) => (c ? (TITLE_SERIES.find((t) => t.code === c)?.name ?? c) : '');
const ROSTER_COLUMNS: Column<RosterRow>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  { header: '所在单位', width: 30, value: (r) => r.orgName },
  { header: '职称系列', width: 20, value: (r) => seriesName(r.titleSeries) },
  { header: '职称', width: 20, value: (r) => r.titleName },
  { header: '报名时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '状态', width: 10, value: (r) => ENROLMENT_STATUSES[r.status] },
  { header: '成绩已登记', width: 12, value: (r) => (r.scored ? '是' : '否') },
];

export default async function enrolmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['培训报名'];

  app.get(
    '/api/me/classes',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '培训报名：可报名的培训班（本人所在单位所属人社部门及上级辖区的继续教育机构）',
        querystring: catalogueQuery,
        response: { 200: cataloguePage },
      },
    },
    async (req) => catalogue(contextOf(req), { ...req.query, upcoming: req.query.upcoming === 'true' }),
  );
  app.get(
    '/api/me/classes/options',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '培训报名的筛选项（继续教育机构、所在市州）', querystring: optionsQuery, response: { 200: catalogueOptionsSchema } },
    },
    async (req) => catalogueOptions(contextOf(req), req.query.year),
  );
  app.post(
    '/api/me/classes/:id/enrol',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '报名培训班（名额、开班日期、职称系列校验）', params, response: { 200: enrolResult } },
    },
    async (req) => enrol(contextOf(req), req.params.id),
  );
  app.get(
    '/api/me/enrolments',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '我的报名', querystring: myQuery, response: { 200: myEnrolmentPage } },
    },
    async (req) => myEnrolments(contextOf(req), req.query),
  );
  app.post(
    '/api/me/enrolments/:id/cancel',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '取消报名（开班前）', params, response: { 200: okResponse } },
    },
    async (req) => cancelEnrolment(contextOf(req), req.params.id),
  );

  const rosterTags = ['学员成绩管理'];
  app.get(
    '/api/classes/:id/roster',
    {
      config: { access: { permission: 'score.manage' } },
      schema: { tags: rosterTags, summary: '培训班报名名单', params, querystring: rosterQuery, response: { 200: rosterPage } },
    },
    async (req) => roster(contextOf(req), req.params.id, req.query),
  );
  registerExport(app, {
    url: '/api/classes/:id/roster/export',
    access: { permission: 'score.manage' },
    tags: rosterTags,
    summary: '导出培训班报名名单（证件号脱敏）',
    file: '报名名单.xlsx',
    params,
    filters: rosterFilters,
    build: async (ctx, { params: p, filters: f }) => {
      const c = await rosterClass(ctx, p.id);
      return {
        what: 'class_roster',
        title: `${c.name}报名名单`,
        filters: { classId: p.id, ...f },
        columns: ROSTER_COLUMNS,
        load: (page) => roster(ctx, p.id, { ...f, ...page }),
      };
    },
  });
  app.post(
    '/api/classes/:id/roster/scores',
    {
      config: { access: { permission: 'score.manage' } },
      schema: {
        tags: rosterTags,
        summary: '从报名名单登记成绩（单个学员或全部登记；已登记的跳过）',
        params,
        body: rosterScoreBody,
        response: { 200: rosterScoreResult },
      },
    },
    async (req) => registerRosterScores(contextOf(req), req.params.id, req.body),
  );
}
