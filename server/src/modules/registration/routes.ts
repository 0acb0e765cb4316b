/** 注册: public self-registration for every type, the public organisation picker, and the registrant's status. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idSchema,
  myRegistration as myRegistrationSchema,
  orgRegistrationBody,
  orgResubmitBody,
  personnelRegistrationBody,
  personnelResubmitBody,
  pickerOrgs as pickerOrgsSchema,
  publicDepartments as publicDepartmentsSchema,
  registered,
  resubmitted,
  text,
  pattern,
} from '@hbzsgx/domain';
import { contextOf, publicContextOf } from '../../context.js';
import { myRegistration, pickerOrgs, publicDepartments, registerOrg, registerPersonnel, resubmitOrg, resubmitPersonnel } from './service.js';

export default async function registrationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['注册'];
  const limit = { max: app.deps.config.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: '1 minute' };

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
        response: { 200: pickerOrgsSchema },
      },
    },
    async (req) => ({ items: await pickerOrgs(publicContextOf(req), req.query) }),
  );

  app.get(
    '/api/register/orgs/:id/departments',
    {
      config: { access: { public: true }, rateLimit: { max: limit.max * 4, timeWindow: '1 minute' } },
      schema: { tags, summary: '所选单位的内设部门', params: z.object({ id: idSchema }), response: { 200: publicDepartmentsSchema } },
    },
    async (req) => ({ items: await publicDepartments(publicContextOf(req), req.params.id) }),
  );

  app.post(
    '/api/register/org',
    {
      config: { access: { public: true }, rateLimit: limit },
      schema: { tags, summary: '机构注册（用人单位/主管部门/继续教育基地/人社部门）', body: orgRegistrationBody, response: { 200: registered } },
    },
    async (req) => registerOrg(publicContextOf(req), req.body),
  );

  app.post(
    '/api/register/personnel',
    {
      config: { access: { public: true }, rateLimit: limit },
      schema: { tags, summary: '专业技术人员注册', body: personnelRegistrationBody, response: { 200: registered } },
    },
    async (req) => registerPersonnel(publicContextOf(req), req.body),
  );

  app.get(
    '/api/registration/me',
    {
      config: { access: { authenticated: true, allowRegistrant: true } },
      schema: { tags, summary: '本人/本机构的注册审核状态', response: { 200: myRegistrationSchema } },
    },
    async (req) => myRegistration(contextOf(req)),
  );

  app.put(
    '/api/registration/me/org',
    {
      config: { access: { authenticated: true, allowRegistrant: true } },
      schema: { tags, summary: '修改机构注册信息并重新提交（被驳回后）', body: orgResubmitBody, response: { 200: resubmitted } },
    },
    async (req) => resubmitOrg(contextOf(req), req.body),
  );

  app.put(
    '/api/registration/me/personnel',
    {
      config: { access: { authenticated: true, allowRegistrant: true } },
      schema: { tags, summary: '修改个人注册信息并重新提交（被驳回后）', body: personnelResubmitBody, response: { 200: resubmitted } },
    },
    async (req) => resubmitPersonnel(contextOf(req), req.body),
  );
}
