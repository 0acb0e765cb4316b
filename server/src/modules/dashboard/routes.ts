/** 工作台: 待办事项 and a summary of the actor's scope (service.ts); a professional's own 工作台 (personal.ts). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dashboard as dashboardSchema, myOverview as myOverviewSchema } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { myOverview } from './personal.js';
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
  app.get(
    '/api/me/overview',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ['工作台'],
        summary: '我的工作台：本年度学时进度、尚差学时与截止日期、待审核与最近审核结果、往年完成情况（本人）',
        response: { 200: myOverviewSchema },
      },
    },
    async (req) => myOverview(contextOf(req)),
  );
}
