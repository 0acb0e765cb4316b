/** 注册审核管理: the five queues (queue.ts) and a registration's detail and identity. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, REVIEW_KINDS, registrationDetail, registrationIdentity as identityResponse } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { registerReviewQueue } from '../../lib/review-queue.js';
import { registrationQueue } from './queue.js';
import { detail, registrationIdentity } from './service.js';

const params = z.object({ kind: z.enum(REVIEW_KINDS, { error: '审核类别不正确' }), id: idSchema });

export default async function registrationReviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['注册审核管理'];

  registerReviewQueue(app, registrationQueue);

  app.get(
    '/api/reviews/registrations/:kind/:id',
    {
      config: { access: { permission: 'reg.review' } },
      schema: { tags, summary: '注册详情', params, response: { 200: registrationDetail } },
    },
    async (req) => detail(contextOf(req), req.params.kind, req.params.id),
  );

  app.get(
    '/api/reviews/registrations/:kind/:id/identity',
    {
      config: { access: { permission: 'pii.view' } },
      schema: {
        tags,
        summary: '查看完整联系电话与注册人证件号/手机号（需注册审核权限，记入审计日志）',
        params,
        response: { 200: identityResponse },
      },
    },
    async (req) => registrationIdentity(contextOf(req), req.params.kind, req.params.id),
  );
}
