/** 下属机构管理 (read part): the jurisdiction's organisations as a lazy tree and a searchable list. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, count, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import { idSchema, maskPhone, ORG_TYPE_CODES, ORG_TYPES, pageQuery, type OrgType } from '@hbzsgx/domain';
import { admins, divisions, organizations, users } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { escapeLike, loadOrgInScope, orgScope } from '../../lib/scope.js';
import { getOrgInfo } from '../org-info/service.js';
import { resetSuperAdminPassword, setOrgEnabled } from './service.js';

const filters = z.object({
  keyword: z.string().trim().max(50).optional(),
  type: z.enum(ORG_TYPE_CODES).optional(),
  status: z.enum(['pending', 'active', 'rejected', 'disabled']).optional(),
});

export default async function suborgRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['下属机构管理'];
  const db = () => app.deps.database.db;

  app.get('/api/suborgs/tree', {
    config: { access: { permission: 'suborg.view' } },
    schema: { tags, summary: '辖区机构树（按上级逐级展开）', querystring: z.object({ parentId: idSchema.optional() }) },
  }, async (req) => {
    const a = actorOf(req);
    const parent = req.query.parentId ? await loadOrgInScope(db(), a, req.query.parentId) : null;
    const rows = await db().select({
      id: organizations.id, name: organizations.name, type: organizations.type, hrLevel: organizations.hrLevel,
      status: organizations.status, divisionCode: organizations.divisionCode,
      childCount: sql<number>`(select count(*)::int from organizations c where c.parent_id = "organizations"."id")`,
    }).from(organizations)
      .where(parent ? and(eq(organizations.parentId, parent.id), orgScope(a)) : eq(organizations.id, a.org.id))
      .orderBy(organizations.type, organizations.divisionCode, organizations.id).limit(2000);
    return { items: rows.map((r) => ({ ...r, typeName: ORG_TYPES[r.type as OrgType] })) };
  });

  app.get('/api/suborgs', {
    config: { access: { permission: 'suborg.view' } }, schema: { tags, summary: '辖区机构列表', querystring: pageQuery.extend(filters.shape) },
  }, async (req) => {
    const a = actorOf(req);
    const q = req.query;
    const w = and(
      orgScope(a),
      q.type ? eq(organizations.type, q.type) : undefined,
      q.status ? eq(organizations.status, q.status) : undefined,
      q.keyword ? or(ilike(organizations.name, `%${escapeLike(q.keyword)}%`), eq(organizations.creditCode, q.keyword.toUpperCase())) : undefined,
    );
    const [total] = await db().select({ n: count() }).from(organizations).where(w);
    const items = await db().select({
      id: organizations.id, name: organizations.name, creditCode: organizations.creditCode, type: organizations.type,
      hrLevel: organizations.hrLevel, status: organizations.status, divisionName: divisions.name, createdAt: organizations.createdAt,
    }).from(organizations).innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
      .where(w).orderBy(organizations.path).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    return { total: total!.n, items: items.map((r) => ({ ...r, typeName: ORG_TYPES[r.type as OrgType] })) };
  });

  app.get('/api/suborgs/:id', {
    config: { access: { permission: 'suborg.view' } }, schema: { tags, summary: '机构详情及管理员', params: z.object({ id: idSchema }) },
  }, async (req) => {
    const org = await loadOrgInScope(db(), actorOf(req), req.params.id);
    const info = await getOrgInfo(db(), org.id);
    const adminRows = await db().select({ id: admins.id, name: users.name, idNumberMasked: users.idNumberMasked, phoneMasked: users.phoneMasked, isSuper: admins.isSuper })
      .from(admins).innerJoin(users, eq(users.id, admins.userId)).where(and(eq(admins.orgId, org.id), isNull(admins.removedAt)));
    return { ...info, contactPhone: maskPhone(info.contactPhone), admins: adminRows };
  });

  const params = z.object({ id: idSchema });
  app.post('/api/suborgs/:id/disable', {
    config: { access: { permission: 'suborg.manage' } }, schema: { tags, summary: '停用机构', params },
  }, async (req) => setOrgEnabled(app.deps, req, actorOf(req), req.params.id, false));
  app.post('/api/suborgs/:id/enable', {
    config: { access: { permission: 'suborg.manage' } }, schema: { tags, summary: '启用机构', params },
  }, async (req) => setOrgEnabled(app.deps, req, actorOf(req), req.params.id, true));
  app.post('/api/suborgs/:id/reset-password', {
    config: { access: { permission: 'suborg.manage' } }, schema: { tags, summary: '重置机构超级管理员密码（下次登录须修改）', params },
  }, async (req) => resetSuperAdminPassword(app.deps, req, actorOf(req), req.params.id));
}
