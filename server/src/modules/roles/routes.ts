/** 角色管理: the organisation's custom roles. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  fileResponse,
  idSchema,
  isPermission,
  okResponse,
  permissionCatalogue as catalogueSchema,
  roleBody,
  roleList,
  roleRecord,
  PERMISSIONS,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { exportRows } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { createRole, deleteRole, listRoles, permissionCatalogue, updateRole } from './service.js';

const params = z.object({ id: idSchema });

export default async function roleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['角色管理'];
  app.get(
    '/api/roles',
    {
      config: { access: { permission: 'admin.view' } },
      schema: { tags, summary: '本单位角色列表', response: { 200: roleList } },
    },
    async (req) => ({ items: await listRoles(contextOf(req)) }),
  );

  app.get(
    '/api/roles/export',
    {
      config: { access: { permission: 'admin.view' } },
      schema: { tags, summary: '导出本单位角色（xlsx）', response: { 200: fileResponse('角色列表.xlsx') } },
    },
    async (req, reply) =>
      exportRows(app.deps.database.db, req, reply, {
        what: 'roles',
        title: '角色列表',
        filters: {},
        rows: await listRoles(contextOf(req)),
        columns: [
          { header: '角色名称', width: 20, value: (r) => r.name },
          { header: '说明', width: 30, value: (r) => r.description },
          { header: '权限', width: 80, value: (r) => r.permissions.map((p) => (isPermission(p) ? PERMISSIONS[p].name : p)).join('、') },
          { header: '管理员数', width: 10, value: (r) => r.adminCount },
          { header: '创建时间', width: 20, value: (r) => fmtTime(r.createdAt) },
        ],
      }),
  );

  app.get(
    '/api/roles/catalogue',
    {
      config: { access: { permission: 'role.manage' } },
      schema: { tags, summary: '本机构类型的权限目录', response: { 200: catalogueSchema } },
    },
    async (req) => permissionCatalogue(contextOf(req)),
  );

  app.post(
    '/api/roles',
    {
      config: { access: { permission: 'role.manage' } },
      schema: { tags, summary: '新增角色', body: roleBody, response: { 200: roleRecord } },
    },
    async (req) => createRole(contextOf(req), req.body),
  );

  app.put(
    '/api/roles/:id',
    {
      config: { access: { permission: 'role.manage' } },
      schema: { tags, summary: '修改角色', params, body: roleBody, response: { 200: roleRecord } },
    },
    async (req) => updateRole(contextOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/roles/:id',
    {
      config: { access: { permission: 'role.manage' } },
      schema: { tags, summary: '删除角色', params, response: { 200: okResponse } },
    },
    async (req) => deleteRole(contextOf(req), req.params.id),
  );
}
