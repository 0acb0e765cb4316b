/** 个人信息: a person's own profile. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contactBody, profile } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { myProfile, updateContact } from './service.js';

export default async function profileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/me/profile',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['个人信息'], summary: '本人信息', response: { 200: profile } },
    },
    async (req) => myProfile(contextOf(req)),
  );
  app.put(
    '/api/me/contact',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['个人信息'], summary: '修改本人手机号与电子邮箱（需当前密码；记入审计日志）', body: contactBody, response: { 200: profile } },
    },
    async (req) => updateContact(contextOf(req), req.body),
  );
}
