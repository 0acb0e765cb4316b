/** 工作台: 待办事项 and a summary of the actor's scope. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dashboard as dashboardSchema } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { dashboard } from './service.js';

export default async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dashboard',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['工作台'], summary: '待办事项与辖区概况', response: { 200: dashboardSchema } },
    },
    async (req) => dashboard(contextOf(req)),
  );
}
