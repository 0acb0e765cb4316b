/** 管理单位管理员: list, add (three ways), roles, super-admin hand-over, removal, unmasked identity. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminCandidates,
  adminCreateBody,
  adminCreated,
  adminIdentity as adminIdentitySchema,
  adminList,
  adminRolesBody,
  idSchema,
  okResponse,
  pageQuery,
  ID_TYPES,
  text,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { registerExport } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { adminIdentity, createAdmin, listAdmins, listCandidates, makeSuper, removeAdmin, setAdminRoles } from './service.js';

const params = z.object({ id: idSchema });
const filters = z.object({ keyword: text(50).optional(), departmentId: idSchema.optional() });
const listQuery = pageQuery.extend(filters.shape);

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['管理单位管理员'];

  app.get(
    '/api/admins',
    {
      config: { access: { permission: 'admin.view' } },
      schema: { tags, summary: '管理员列表', querystring: listQuery, response: { 200: adminList } },
    },
    async (req) => listAdmins(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/admins/export',
    access: { permission: 'admin.view' },
    tags,
    summary: '导出管理员列表（xlsx/csv）',
    file: '管理员列表.xlsx',
    filters,
    build: (ctx, { filters: f }) => ({
      what: 'admins',
      title: '管理员列表',
      filters: f,
      load: (p) => listAdmins(ctx, { ...f, ...p }),
      columns: [
        { header: '姓名', value: (r) => r.name },
        { header: '证件类型', value: (r) => ID_TYPES[r.idType] },
        { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
        { header: '手机号', value: (r) => r.phoneMasked },
        { header: '电子邮箱', width: 24, value: (r) => r.email },
        { header: '工作部门', value: (r) => r.departmentName },
        { header: '角色', width: 30, value: (r) => (r.isSuper ? '超级管理员' : r.roles.map((x) => x.name).join('、')) },
        { header: '添加时间', width: 20, value: (r) => fmtTime(r.createdAt) },
      ],
    }),
  });

  app.get(
    '/api/admins/candidates',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: {
        tags,
        summary: '可选为管理员的本单位人员',
        querystring: z.object({ departmentId: idSchema.optional() }),
        response: { 200: adminCandidates },
      },
    },
    async (req) => ({ items: await listCandidates(contextOf(req), req.query.departmentId) }),
  );

  app.post(
    '/api/admins',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: { tags, summary: '新增管理员（选择/注册/添加）', body: adminCreateBody, response: { 200: adminCreated } },
    },
    async (req) => createAdmin(contextOf(req), req.body),
  );

  app.put(
    '/api/admins/:id/roles',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: { tags, summary: '分配角色', params, body: adminRolesBody, response: { 200: okResponse } },
    },
    async (req) => setAdminRoles(contextOf(req), req.params.id, req.body.roleIds),
  );

  app.post(
    '/api/admins/:id/make-super',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: { tags, summary: '设为超级管理员（仅超级管理员）', params, response: { 200: okResponse } },
    },
    async (req) => makeSuper(contextOf(req), req.params.id),
  );

  app.delete(
    '/api/admins/:id',
    {
      config: { access: { permission: 'admin.manage' } },
      schema: { tags, summary: '删除管理员', params, response: { 200: okResponse } },
    },
    async (req) => removeAdmin(contextOf(req), req.params.id),
  );

  app.get(
    '/api/admins/:id/identity',
    {
      config: { access: { permission: 'pii.view' } },
      schema: { tags, summary: '查看完整证件号与手机号（审计）', params, response: { 200: adminIdentitySchema } },
    },
    async (req) => adminIdentity(contextOf(req), req.params.id),
  );
}
