/** GB/T 2260 divisions (reference data, public: registration forms need it). Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { divisionList, pattern } from '@hbzsgx/domain';
import { publicContextOf } from '../../context.js';
import { childDivisions } from './service.js';

export default async function divisionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/divisions',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['参考数据'],
        summary: '行政区划（按上级逐级）',
        querystring: z.object({ parentCode: pattern(/^\d{6}$/, '应为6位行政区划码', 6).optional() }),
        response: { 200: divisionList },
      },
    },
    async (req) => ({ items: await childDivisions(publicContextOf(req), req.query.parentCode) }),
  );
}
