/** 注册: public self-registration for every type, the public organisation picker, and the registrant's status. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq, ilike, inArray, like } from 'drizzle-orm';
import {
  idSchema,
  isCode,
  ORG_TYPE_CODES,
  ORG_TYPES,
  orgRegistrationBody,
  orgResubmitBody,
  personnelRegistrationBody,
  personnelResubmitBody,
  text,
  pattern,
} from '@hbzsgx/domain';
import { departments, divisions, organizations } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { escapeLike } from '../../lib/scope.js';
import { BadRequestError } from '../../errors.js';
import { myRegistration, registerOrg, registerPersonnel, resubmitOrg, resubmitPersonnel } from './service.js';

export default async function registrationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['注册'];
  const limit = { max: app.deps.config.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: '1 minute' };
  const db = () => app.deps.database.db;

  app.get(
    '/api/register/orgs',
    {
      config: { access: { public: true }, rateLimit: { max: limit.max * 4, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '选择上级部门/所在单位（仅正常状态的机构）',
        querystring: z.object({
          types: pattern(/^(hr|authority|employer|base)(,(hr|authority|employer|base))*$/, '机构类型不正确', 60).optional(),
          keyword: text(50).optional(),
          divisionCode: pattern(/^\d{6}$/, '应为6位行政区划码', 6).optional(),
        }),
      },
    },
    async (req) => {
      const q = req.query;
      const types = q.types ? q.types.split(',').filter((t) => isCode(ORG_TYPE_CODES, t)) : undefined;
      const prefix = q.divisionCode?.replace(/(00)+$/, '');
      const rows = await db()
        .select({
          id: organizations.id,
          name: organizations.name,
          type: organizations.type,
          hrLevel: organizations.hrLevel,
          divisionCode: organizations.divisionCode,
          divisionName: divisions.name,
        })
        .from(organizations)
        .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
        .where(
          and(
            eq(organizations.status, 'active'),
            types ? inArray(organizations.type, types) : undefined,
            q.keyword ? ilike(organizations.name, `%${escapeLike(q.keyword)}%`) : undefined,
            prefix ? like(organizations.divisionCode, `${prefix}%`) : undefined,
          ),
        )
        .orderBy(organizations.divisionCode, organizations.id)
        .limit(50);
      return { items: rows.map((r) => ({ ...r, typeName: ORG_TYPES[r.type] })) };
    },
  );

  app.get(
    '/api/register/orgs/:id/departments',
    {
      config: { access: { public: true }, rateLimit: { max: limit.max * 4, timeWindow: '1 minute' } },
      schema: { tags, summary: '所选单位的内设部门', params: z.object({ id: idSchema }) },
    },
    async (req) => {
      const [o] = await db()
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.id, req.params.id), eq(organizations.status, 'active')));
      if (!o) return { items: [] };
      return {
        items: await db()
          .select({ id: departments.id, name: departments.name, parentId: departments.parentId })
          .from(departments)
          .where(eq(departments.orgId, o.id)),
      };
    },
  );

  app.post(
    '/api/register/org',
    {
      config: { access: { public: true }, rateLimit: limit },
      schema: { tags, summary: '机构注册（用人单位/主管部门/继续教育基地/人社部门）', body: orgRegistrationBody },
    },
    async (req) => registerOrg(app.deps, req, req.body),
  );

  app.post(
    '/api/register/personnel',
    {
      config: { access: { public: true }, rateLimit: limit },
      schema: { tags, summary: '专业技术人员注册', body: personnelRegistrationBody },
    },
    async (req) => registerPersonnel(app.deps, req, req.body),
  );

  app.get(
    '/api/registration/me',
    {
      config: { access: { authenticated: true, allowRegistrant: true } },
      schema: { tags, summary: '本人/本机构的注册审核状态' },
    },
    async (req) => myRegistration(app.deps, actorOf(req)),
  );

  app.put(
    '/api/registration/me/org',
    {
      config: { access: { authenticated: true, allowRegistrant: true } },
      schema: { tags, summary: '修改机构注册信息并重新提交（被驳回后）', body: orgResubmitBody },
    },
    async (req) => {
      const a = actorOf(req);
      if (a.kind !== 'admin' || !a.isSuper) throw new BadRequestError('只有机构的注册人可以重新提交');
      return resubmitOrg(app.deps, req, a, req.body);
    },
  );

  app.put(
    '/api/registration/me/personnel',
    {
      config: { access: { authenticated: true, allowRegistrant: true } },
      schema: { tags, summary: '修改个人注册信息并重新提交（被驳回后）', body: personnelResubmitBody },
    },
    async (req) => {
      const a = actorOf(req);
      if (a.kind !== 'personnel') throw new BadRequestError('只有专业技术人员可以使用此功能');
      return resubmitPersonnel(app.deps, req, a, req.body);
    },
  );
}
