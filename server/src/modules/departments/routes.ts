/** 管理内设部门: an organisation's internal departments as a tree. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { departmentCreateBody, departmentUpdateBody, idSchema } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import { createDepartment, listDepartments, removeDepartment, updateDepartment } from './service.js';

const params = z.object({ id: idSchema });

export default async function departmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['本级机构管理'];
  app.get('/api/departments', {
    config: { access: { permission: 'dept.view' } }, schema: { tags, summary: '内设部门列表（含人数）' },
  }, async (req) => ({ items: await listDepartments(app.deps.database.db, actorOf(req).org.id) }));

  app.post('/api/departments', {
    config: { access: { permission: 'dept.manage' } }, schema: { tags, summary: '添加部门', body: departmentCreateBody },
  }, async (req) => createDepartment(app.deps, req, actorOf(req), req.body));

  app.patch('/api/departments/:id', {
    config: { access: { permission: 'dept.manage' } }, schema: { tags, summary: '重命名或移动部门', params, body: departmentUpdateBody },
  }, async (req) => updateDepartment(app.deps, req, actorOf(req), req.params.id, req.body));

  app.delete('/api/departments/:id', {
    config: { access: { permission: 'dept.manage' } }, schema: { tags, summary: '删除部门', params },
  }, async (req) => {
    await removeDepartment(app.deps, req, actorOf(req), req.params.id);
    return { ok: true };
  });
}
