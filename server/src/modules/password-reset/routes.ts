/**
 * 忘记密码: the public request and its state by 申请编号 (captcha + the login's rate limit), and the unit's
 * 找回密码申请 (queue.ts) with 重置密码 per request. Data logic in service.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idSchema,
  passwordResetBody,
  passwordResetState as stateSchema,
  passwordResetTicket,
  passwordResetTicketParams,
  personnelPasswordReset,
} from '@hbzsgx/domain';
import { contextOf, publicContextOf } from '../../context.js';
import { registerReviewQueue } from '../../lib/review-queue.js';
import { passwordResetQueue } from './queue.js';
import { passwordResetState, requestPasswordReset, resetForRequest } from './service.js';

export default async function passwordResetRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['忘记密码'];
  const limit = { max: app.deps.config.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: '1 minute' };

  app.post(
    '/api/public/password-reset',
    {
      config: { access: { public: true }, rateLimit: limit },
      schema: {
        tags,
        summary: '忘记密码：提交证件号、姓名和注册手机号（无论是否匹配，回答相同）',
        body: passwordResetBody,
        response: { 200: passwordResetTicket },
      },
    },
    async (req) => requestPasswordReset(publicContextOf(req), req.body),
  );

  app.get(
    '/api/public/password-reset/:ticket',
    {
      config: { access: { public: true }, rateLimit: limit },
      schema: { tags, summary: '凭申请编号查询找回密码进度', params: passwordResetTicketParams, response: { 200: stateSchema } },
    },
    async (req) => passwordResetState(publicContextOf(req), req.params.ticket),
  );

  registerReviewQueue(app, passwordResetQueue);

  app.post(
    '/api/reviews/password-resets/:id/reset',
    {
      config: { access: { permission: 'personnel.manage' } },
      schema: {
        tags,
        summary: '按申请重置密码（临时密码只显示一次，下次登录须修改）',
        params: z.object({ id: idSchema }),
        response: { 200: personnelPasswordReset },
      },
    },
    async (req) => resetForRequest(contextOf(req), req.params.id),
  );
}
