/** 在线会话: see and end the sessions of this organisation's admins. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, okResponse, onlineSessions, pattern } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { exportRows } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { endSession, liveSessions } from './service.js';

export default async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['系统管理'];

  app.get(
    '/api/sessions',
    {
      config: { access: { permission: 'session.manage' } },
      schema: { tags, summary: '本单位管理员的在线会话', response: { 200: onlineSessions } },
    },
    async (req) => ({ items: await liveSessions(contextOf(req)) }),
  );

  app.get(
    '/api/sessions/export',
    {
      config: { access: { permission: 'session.manage' } },
      schema: { tags, summary: '导出在线会话（xlsx）', response: { 200: fileResponse('在线会话.xlsx') } },
    },
    async (req, reply) =>
      exportRows(app.deps.database.db, req, reply, {
        what: 'sessions',
        title: '在线会话',
        filters: {},
        rows: await liveSessions(contextOf(req)),
        columns: [
          { header: '姓名', value: (r) => r.name },
          { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
          { header: '登录时间', width: 20, value: (r) => fmtTime(r.createdAt) },
          { header: '最近活动', width: 20, value: (r) => fmtTime(r.lastSeenAt) },
          { header: 'IP地址', width: 16, value: (r) => r.ip },
          { header: '浏览器', width: 50, value: (r) => r.userAgent },
          { header: '当前会话', width: 10, value: (r) => (r.current ? '是' : '') },
        ],
      }),
  );

  app.delete(
    '/api/sessions/:id',
    {
      config: { access: { permission: 'session.manage' } },
      schema: {
        tags,
        summary: '结束会话（强制下线）',
        params: z.object({ id: pattern(/^[0-9a-f]{16}$/, '会话编号格式不正确', 16) }),
        response: { 200: okResponse },
      },
    },
    async (req) => endSession(contextOf(req), req.params.id),
  );
}
