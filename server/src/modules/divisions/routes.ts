/** GB/T 2260 divisions (reference data, public: registration forms need it). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pattern } from '@hbzsgx/domain';
import { eq, isNull } from 'drizzle-orm';
import { divisions } from '../../db/schema.js';

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
      },
    },
    async (req) => ({
      items: await app.deps.database.db
        .select()
        .from(divisions)
        .where(req.query.parentCode ? eq(divisions.parentCode, req.query.parentCode) : isNull(divisions.parentCode))
        .orderBy(divisions.code),
    }),
  );
}
