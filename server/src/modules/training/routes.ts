import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { files } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { sendFile } from '../../lib/uploads.js';
import { classBody, decisionBody, idSchema, pageQuery, scoreBody } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import { registerTodo } from '../dashboard/todos.js';
import { importScores, scoreTemplate } from './import.js';
import { createClass, decideClasses, listClasses, listScores, registerScore, updateClass, withdrawClass } from './service.js';

const params = z.object({ id: idSchema });
const listQuery = pageQuery.extend({
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  keyword: z.string().trim().max(50).optional(),
});

registerTodo({
  key: 'class-review', title: '审核培训计划申报', path: '/training/class-review', permission: 'class.review', types: ['hr'],
  count: async (db, actor) => (await listClasses(db, actor, { tab: 'pending', orgType: 'base', page: 1, pageSize: 1, own: false })).total,
});
registerTodo({
  key: 'unit-plan-review', title: '单位培训计划审核', path: '/hours/unit-plans', permission: 'class.review', types: ['hr'],
  count: async (db, actor) => (await listClasses(db, actor, { tab: 'pending', orgType: 'employer', page: 1, pageSize: 1, own: false })).total,
});

export default async function trainingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['培训班管理'];
  const db = () => app.deps.database.db;

  app.get('/api/classes', {
    config: { access: { permission: 'class.manage' } }, schema: { tags, summary: '本基地培训班', querystring: listQuery },
  }, async (req) => listClasses(db(), actorOf(req), { ...req.query, own: true }));
  app.post('/api/classes', {
    config: { access: { permission: 'class.manage' } }, schema: { tags, summary: '申报培训班', body: classBody },
  }, async (req) => createClass(app.deps, req, actorOf(req), req.body));
  app.put('/api/classes/:id', {
    config: { access: { permission: 'class.manage' } }, schema: { tags, summary: '修改培训班（待审核或被驳回时）', params, body: classBody },
  }, async (req) => updateClass(app.deps, req, actorOf(req), req.params.id, req.body));
  app.post('/api/classes/:id/withdraw', {
    config: { access: { permission: 'class.manage' } }, schema: { tags, summary: '撤回培训班', params },
  }, async (req) => withdrawClass(app.deps, req, actorOf(req), req.params.id));

  app.get('/api/classes/:id/scores', {
    config: { access: { permission: 'score.manage' } }, schema: { tags: ['学员成绩管理'], summary: '培训班学员成绩', params },
  }, async (req) => ({ items: await listScores(db(), actorOf(req), req.params.id) }));
  app.post('/api/classes/:id/scores', {
    config: { access: { permission: 'score.manage' } }, schema: { tags: ['学员成绩管理'], summary: '登记学员成绩（合格者生成学时申报）', params, body: scoreBody },
  }, async (req) => registerScore(app.deps, req, actorOf(req), req.params.id, req.body));

  app.get('/api/classes/scores/template', {
    config: { access: { permission: 'score.manage' } }, schema: { tags: ['学员成绩管理'], summary: '下载学员成绩导入模板（xlsx）' },
  }, async (_req, reply) => reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent('学员成绩导入模板.xlsx')}`)
    .send(await scoreTemplate()));

  app.post('/api/classes/:id/scores/import', {
    config: { access: { permission: 'score.manage' } },
    schema: { tags: ['学员成绩管理'], summary: 'Excel导入学员成绩（逐行校验，失败行可下载）', params, consumes: ['multipart/form-data'] },
  }, async (req) => importScores(app.deps, req, actorOf(req), req.params.id));

  app.get('/api/imports/:id/failed', {
    config: { access: { permission: 'score.manage' } }, schema: { tags: ['学员成绩管理'], summary: '下载导入失败数据（xlsx）', params },
  }, async (req, reply) => {
    const [f] = await db().select().from(files).where(and(eq(files.id, req.params.id), eq(files.ownerOrgId, actorOf(req).org.id)));
    if (!f) throw new NotFoundError('文件');
    return sendFile(reply, f);
  });

  app.get('/api/reviews/classes', {
    config: { access: { permission: 'class.review' } },
    schema: {
      tags: ['培训计划管理'], summary: '审核培训计划申报（orgType=base）/ 单位培训计划审核（orgType=employer）',
      querystring: listQuery.extend({ tab: z.enum(['pending', 'done']).default('pending'), orgType: z.enum(['base', 'employer']).optional() }),
    },
  }, async (req) => listClasses(db(), actorOf(req), { ...req.query, own: false }));
  app.post('/api/reviews/classes/decide', {
    config: { access: { permission: 'class.review' } }, schema: { tags: ['培训计划管理'], summary: '通过/驳回培训班', body: decisionBody },
  }, async (req) => decideClasses(app.deps, req, actorOf(req), req.body));
}
