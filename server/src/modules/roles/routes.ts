import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, isPermission, permissionGroups, roleBody, PERMISSIONS } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import { exportRows } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { createRole, deleteRole, listRoles, updateRole } from './service.js';

const params = z.object({ id: idSchema });

export default async function roleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['角色管理'];
  app.get(
    '/api/roles',
    {
      config: { access: { permission: 'admin.view' } },
      schema: { tags, summary: '本单位角色列表' },
    },
    async (req) => ({ items: await listRoles(app.deps.database.db, actorOf(req).org.id) }),
  );

  app.get(
    '/api/roles/export',
    {
      config: { access: { permission: 'admin.view' } },
      schema: { tags, summary: '导出本单位角色（xlsx）' },
    },
    async (req, reply) =>
      exportRows(app.deps.database.db, req, reply, {
        what: 'roles',
        title: '角色列表',
        filters: {},
        rows: await listRoles(app.deps.database.db, actorOf(req).org.id),
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
      schema: { tags, summary: '本机构类型的权限目录' },
    },
    async (req) => ({ groups: permissionGroups(actorOf(req).org.type) }),
  );

  app.post(
    '/api/roles',
    {
      config: { access: { permission: 'role.manage' } },
      schema: { tags, summary: '新增角色', body: roleBody },
    },
    async (req) => createRole(app.deps, req, actorOf(req), req.body),
  );

  app.put(
    '/api/roles/:id',
    {
      config: { access: { permission: 'role.manage' } },
      schema: { tags, summary: '修改角色', params, body: roleBody },
    },
    async (req) => updateRole(app.deps, req, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/roles/:id',
    {
      config: { access: { permission: 'role.manage' } },
      schema: { tags, summary: '删除角色', params },
    },
    async (req) => {
      await deleteRole(app.deps, req, actorOf(req), req.params.id);
      return { ok: true };
    },
  );
}
