/** 基本信息管理: an organisation's own info (direct edit until the change-review issue adds review). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgInfoBody } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import { getOrgInfo, updateOrgInfo } from './service.js';

export default async function orgInfoRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/org/info',
    {
      config: { access: { permission: 'org.info.view' } },
      schema: { tags: ['本级机构管理'], summary: '本单位基本信息' },
    },
    async (req) => getOrgInfo(app.deps.database.db, actorOf(req).org.id),
  );

  app.put(
    '/api/org/info',
    {
      config: { access: { permission: 'org.info.edit' } },
      schema: { tags: ['本级机构管理'], summary: '修改单位信息', body: orgInfoBody },
    },
    async (req) => updateOrgInfo(app.deps, req, actorOf(req), req.body),
  );
}
