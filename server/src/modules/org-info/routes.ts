/** 基本信息管理: an organisation's own info. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgInfo, orgInfoBody, orgInfoUpdate } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { ownOrgInfo, updateOrgInfo } from './service.js';

export default async function orgInfoRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/org/info',
    {
      config: { access: { permission: 'org.info.view' } },
      schema: { tags: ['本级机构管理'], summary: '本单位基本信息', response: { 200: orgInfo } },
    },
    async (req) => ownOrgInfo(contextOf(req)),
  );

  app.put(
    '/api/org/info',
    {
      config: { access: { permission: 'org.info.edit' } },
      schema: { tags: ['本级机构管理'], summary: '修改单位信息', body: orgInfoBody, response: { 200: orgInfoUpdate } },
    },
    async (req) => updateOrgInfo(contextOf(req), req.body),
  );
}
