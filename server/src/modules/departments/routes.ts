/** 管理内设部门: an organisation's internal departments as a tree. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { departmentCreateBody, departmentUpdateBody, idSchema } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import { exportRows } from '../../lib/export.js';
import { createDepartment, listDepartments, removeDepartment, updateDepartment } from './service.js';

/** Each department with its full name path ("办公室 / 档案组"), in tree order: the tree flattened for a sheet. */
function flatten<T extends { id: number; parentId: number | null; name: string }>(rows: T[]): (T & { path: string })[] {
  const out: (T & { path: string })[] = [];
  const walk = (parentId: number | null, prefix: string) => {
    for (const r of rows.filter((x) => x.parentId === parentId)) {
      const path = prefix ? `${prefix} / ${r.name}` : r.name;
      out.push({ ...r, path });
      walk(r.id, path);
    }
  };
  walk(null, '');
  return out;
}

const params = z.object({ id: idSchema });

export default async function departmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['本级机构管理'];
  app.get(
    '/api/departments',
    {
      config: { access: { permission: 'dept.view' } },
      schema: { tags, summary: '内设部门列表（含人数）' },
    },
    async (req) => ({ items: await listDepartments(app.deps.database.db, actorOf(req).org.id) }),
  );

  app.get(
    '/api/departments/export',
    {
      config: { access: { permission: 'dept.view' } },
      schema: { tags, summary: '导出内设部门（xlsx）' },
    },
    async (req, reply) =>
      exportRows(app.deps.database.db, req, reply, {
        what: 'departments',
        title: '内设部门',
        filters: {},
        rows: flatten(await listDepartments(app.deps.database.db, actorOf(req).org.id)),
        columns: [
          { header: '部门', width: 40, value: (r) => r.path },
          { header: '排序号', width: 8, value: (r) => r.sortOrder },
          { header: '专技人员数', width: 12, value: (r) => r.personnelCount },
          { header: '管理员数', width: 10, value: (r) => r.adminCount },
        ],
      }),
  );

  app.post(
    '/api/departments',
    {
      config: { access: { permission: 'dept.manage' } },
      schema: { tags, summary: '添加部门', body: departmentCreateBody },
    },
    async (req) => createDepartment(app.deps, req, actorOf(req), req.body),
  );

  app.patch(
    '/api/departments/:id',
    {
      config: { access: { permission: 'dept.manage' } },
      schema: { tags, summary: '重命名或移动部门', params, body: departmentUpdateBody },
    },
    async (req) => updateDepartment(app.deps, req, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/departments/:id',
    {
      config: { access: { permission: 'dept.manage' } },
      schema: { tags, summary: '删除部门', params },
    },
    async (req) => {
      await removeDepartment(app.deps, req, actorOf(req), req.params.id);
      return { ok: true };
    },
  );
}
