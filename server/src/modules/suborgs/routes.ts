/** 下属机构管理 (read part): the jurisdiction's organisations as a lazy tree and a searchable list. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { idSchema, maskPhone, ORG_STATUSES, ORG_TYPE_CODES, ORG_TYPES, pageQuery, text } from '@hbzsgx/domain';
import { admins, organizations, users } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { loadOrgInScope, orgScope } from '../../lib/scope.js';
import { exportList, exportQuery } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { getOrgInfo } from '../org-info/service.js';
import { listSuborgs, resetSuperAdminPassword, setOrgEnabled } from './service.js';

const filters = z.object({
  keyword: text(50).optional(),
  type: z.enum(ORG_TYPE_CODES).optional(),
  status: z.enum(['pending', 'active', 'rejected', 'disabled']).optional(),
});

export default async function suborgRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['下属机构管理'];
  const db = () => app.deps.database.db;

  app.get(
    '/api/suborgs/tree',
    {
      config: { access: { permission: 'suborg.view' } },
      schema: { tags, summary: '辖区机构树（按上级逐级展开）', querystring: z.object({ parentId: idSchema.optional() }) },
    },
    async (req) => {
      const a = actorOf(req);
      const parent = req.query.parentId ? await loadOrgInScope(db(), a, req.query.parentId) : null;
      const rows = await db()
        .select({
          id: organizations.id,
          name: organizations.name,
          type: organizations.type,
          hrLevel: organizations.hrLevel,
          status: organizations.status,
          divisionCode: organizations.divisionCode,
          childCount: sql<number>`(select count(*)::int from organizations c where c.parent_id = "organizations"."id")`,
        })
        .from(organizations)
        .where(parent ? and(eq(organizations.parentId, parent.id), orgScope(a)) : eq(organizations.id, a.org.id))
        .orderBy(organizations.type, organizations.divisionCode, organizations.id)
        .limit(2000);
      return { items: rows.map((r) => ({ ...r, typeName: ORG_TYPES[r.type] })) };
    },
  );

  app.get(
    '/api/suborgs',
    {
      config: { access: { permission: 'suborg.view' } },
      schema: { tags, summary: '辖区机构列表', querystring: pageQuery.extend(filters.shape) },
    },
    async (req) => listSuborgs(db(), actorOf(req), req.query),
  );

  app.get(
    '/api/suborgs/export',
    {
      config: { access: { permission: 'suborg.view' } },
      schema: { tags, summary: '导出辖区机构列表（xlsx）', querystring: exportQuery(filters) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: 'suborgs',
        title: '辖区机构列表',
        filters: req.query,
        load: (p) => listSuborgs(db(), actorOf(req), { ...req.query, ...p }),
        columns: [
          { header: '机构名称', width: 36, value: (r) => r.name },
          { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
          { header: '机构类型', width: 16, value: (r) => r.typeName },
          { header: '所属地区', width: 16, value: (r) => r.divisionName },
          { header: '状态', width: 10, value: (r) => ORG_STATUSES[r.status] ?? r.status },
          { header: '注册时间', width: 20, value: (r) => fmtTime(r.createdAt) },
        ],
      }),
  );

  app.get(
    '/api/suborgs/:id',
    {
      config: { access: { permission: 'suborg.view' } },
      schema: { tags, summary: '机构详情及管理员', params: z.object({ id: idSchema }) },
    },
    async (req) => {
      const org = await loadOrgInScope(db(), actorOf(req), req.params.id);
      const info = await getOrgInfo(db(), org.id);
      const adminRows = await db()
        .select({ id: admins.id, name: users.name, idNumberMasked: users.idNumberMasked, phoneMasked: users.phoneMasked, isSuper: admins.isSuper })
        .from(admins)
        .innerJoin(users, eq(users.id, admins.userId))
        .where(and(eq(admins.orgId, org.id), isNull(admins.removedAt)));
      // another organisation's contact numbers (current and in a change waiting for review): masked
      const pendingChange = info.pendingChange && {
        ...info.pendingChange,
        contactPhone: maskPhone(String((info.pendingChange as { contactPhone?: unknown }).contactPhone ?? '')),
      };
      return { ...info, contactPhone: maskPhone(info.contactPhone), pendingChange, admins: adminRows };
    },
  );

  const params = z.object({ id: idSchema });
  app.post(
    '/api/suborgs/:id/disable',
    {
      config: { access: { permission: 'suborg.manage' } },
      schema: { tags, summary: '停用机构', params },
    },
    async (req) => setOrgEnabled(app.deps, req, actorOf(req), req.params.id, false),
  );
  app.post(
    '/api/suborgs/:id/enable',
    {
      config: { access: { permission: 'suborg.manage' } },
      schema: { tags, summary: '启用机构', params },
    },
    async (req) => setOrgEnabled(app.deps, req, actorOf(req), req.params.id, true),
  );
  app.post(
    '/api/suborgs/:id/reset-password',
    {
      config: { access: { permission: 'suborg.manage' } },
      schema: { tags, summary: '重置机构超级管理员密码（下次登录须修改）', params },
    },
    async (req) => resetSuperAdminPassword(app.deps, req, actorOf(req), req.params.id),
  );
}
