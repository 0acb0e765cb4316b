/** 站内消息: the signed-in seat's messages, the bell's unread count, 标为已读 and 全部已读. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, messagePage, messageQuery, okResponse, readAllResult, unreadCount as unreadSchema } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { markAllRead, markRead, myMessages, unreadCount } from './service.js';

export default async function messageRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['站内消息'];
  // every seat has its own messages, registrants included (their registration's decision is one)
  const own = { access: { authenticated: true as const, allowRegistrant: true } };
  const params = z.object({ id: idSchema });

  app.get(
    '/api/messages',
    { config: own, schema: { tags, summary: '我的消息（本席位：本人或本机构管理员）', querystring: messageQuery, response: { 200: messagePage } } },
    async (req) => myMessages(contextOf(req), req.query),
  );
  app.get(
    '/api/messages/unread-count',
    { config: own, schema: { tags, summary: '未读消息数（最多计到 99+）', response: { 200: unreadSchema } } },
    async (req) => unreadCount(contextOf(req)),
  );
  app.post(
    '/api/messages/:id/read',
    { config: own, schema: { tags, summary: '标为已读（他人的消息：404）', params, response: { 200: okResponse } } },
    async (req) => markRead(contextOf(req), req.params.id),
  );
  app.post('/api/messages/read-all', { config: own, schema: { tags, summary: '全部已读', response: { 200: readAllResult } } }, async (req) =>
    markAllRead(contextOf(req)),
  );
}
