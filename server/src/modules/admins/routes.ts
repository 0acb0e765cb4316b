import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminCreateBody, adminRolesBody, idSchema, pageQuery, ID_TYPES, text } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import { exportList, exportQuery } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { adminIdentity, createAdmin, listAdmins, listCandidates, makeSuper, removeAdmin, setAdminRoles } from './service.js';

const params = z.object({ id: idSchema });
const filters = z.object({ keyword: text(50).optional(), departmentId: idSchema.optional() });
const listQuery = pageQuery.extend(filters.shape);

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['管理单位管理员'];
  const db = () => app.deps.database.db;

  app.get(
    '/api/admins',
    {
      config: { access: { permission: 'admin.view' } },
      schema: { tags, summary: '管理员列表', querystring: listQuery },
    },
    async (req) => listAdmins(db(), actorOf(req).org.id, req.query),
  );

  app.get(
    '/api/admins/export',
    {
      config: { access: { permission: 'admin.view' } },
      schema: { tags, summary: '导出管理员列表（xlsx）', querystring: exportQuery(filters) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: 'admins',
        title: '管理员列表',
        filters: req.query,
        load: (p) => listAdmins(db(), actorOf(req).org.id, { ...req.query, ...p }),
        columns: [
          { header: '姓名', value: (r) => r.name },
          { header: '证件类型', value: (r) => ID_TYPES[r.idType as keyof typeof ID_TYPES] },
          { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
          { header: '手机号', value: (r) => r.phoneMasked },
          { header: '电子邮箱', width: 24, value: (r) => r.email },
          { header: '工作部门', value: (r) => r.departmentName },
          { header: '角色', width: 30, value: (r) => (r.isSuper ? '超级管理员' : r.roles.map((x) => x.name).join('、')) },
          { header: '添加时间', width: 20, value: (r) => fmtTime(r.createdAt) },
        ],
      }),
  );

  app.get(
    '/api/admins/candidates',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: { tags, summary: '可选为管理员的本单位人员', querystring: z.object({ departmentId: idSchema.optional() }) },
    },
    async (req) => ({ items: await listCandidates(db(), actorOf(req).org.id, req.query.departmentId) }),
  );

  app.post(
    '/api/admins',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: { tags, summary: '新增管理员（选择/注册/添加）', body: adminCreateBody },
    },
    async (req) => createAdmin(app.deps, req, actorOf(req), req.body),
  );

  app.put(
    '/api/admins/:id/roles',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: { tags, summary: '分配角色', params, body: adminRolesBody },
    },
    async (req) => setAdminRoles(app.deps, req, actorOf(req), req.params.id, req.body.roleIds),
  );

  app.post(
    '/api/admins/:id/make-super',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: { tags, summary: '设为超级管理员（仅超级管理员）', params },
    },
    async (req) => makeSuper(app.deps, req, actorOf(req), req.params.id),
  );

  app.delete(
    '/api/admins/:id',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: { tags, summary: '删除管理员', params },
    },
    async (req) => removeAdmin(app.deps, req, actorOf(req), req.params.id),
  );

  app.get(
    '/api/admins/:id/identity',
    {
      config: { access: { permission: 'pii.view' } },
      schema: { tags, summary: '查看完整证件号与手机号（审计）', params },
    },
    async (req) => adminIdentity(app.deps, req, actorOf(req), req.params.id),
  );
}
