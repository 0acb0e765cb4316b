/** 管理内设部门: an organisation's internal departments as a tree. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { departmentCreateBody, departmentList, departmentRecord, departmentUpdateBody, fileResponse, idSchema, okResponse } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { exportRows } from '../../lib/export.js';
import { createDepartment, departmentSheet, listDepartments, removeDepartment, updateDepartment } from './service.js';

const params = z.object({ id: idSchema });

export default async function departmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['本级机构管理'];
  app.get(
    '/api/departments',
    {
      config: { access: { permission: 'dept.view' } },
      schema: { tags, summary: '内设部门列表（含人数）', response: { 200: departmentList } },
    },
    async (req) => ({ items: await listDepartments(contextOf(req)) }),
  );

  app.get(
    '/api/departments/export',
    {
      config: { access: { permission: 'dept.view' } },
      schema: { tags, summary: '导出内设部门（xlsx）', response: { 200: fileResponse('内设部门.xlsx') } },
    },
    async (req, reply) =>
      exportRows(app.deps.database.db, req, reply, {
        what: 'departments',
        title: '内设部门',
        filters: {},
        rows: await departmentSheet(contextOf(req)),
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
      schema: { tags, summary: '添加部门', body: departmentCreateBody, response: { 200: departmentRecord } },
    },
    async (req) => createDepartment(contextOf(req), req.body),
  );

  app.patch(
    '/api/departments/:id',
    {
      config: { access: { permission: 'dept.manage' } },
      schema: { tags, summary: '重命名或移动部门', params, body: departmentUpdateBody, response: { 200: departmentRecord } },
    },
    async (req) => updateDepartment(contextOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/departments/:id',
    {
      config: { access: { permission: 'dept.manage' } },
      schema: { tags, summary: '删除部门', params, response: { 200: okResponse } },
    },
    async (req) => removeDepartment(contextOf(req), req.params.id),
  );
}
