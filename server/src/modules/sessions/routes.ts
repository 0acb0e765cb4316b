/** 在线会话: see and end the sessions of this organisation's admins (SECURITY: admins can end a user's sessions). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pattern } from '@hbzsgx/domain';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { admins, sessions, users } from '../../db/schema.js';
import { actorOf, type Actor } from '../../plugins/access.js';
import { exportRows } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { writeAudit } from '../../lib/audit.js';
import { NotFoundError } from '../../errors.js';

export default async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['系统管理'];
  const db = () => app.deps.database.db;

  /** The organisation's live admin sessions — the one query behind the list and its export. */
  const liveSessions = async (a: Actor) => {
    const idleMs = app.deps.config.SESSION_IDLE_MINUTES * 60_000;
    const rows = await db()
      .select({
        id: sessions.id,
        name: users.name,
        idNumberMasked: users.idNumberMasked,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        ip: sessions.ip,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .innerJoin(admins, eq(admins.id, sessions.adminId))
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(isNotNull(sessions.adminId), eq(admins.orgId, a.org.id)))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(500);
    const now = Date.now();
    return rows.filter((r) => now - r.lastSeenAt.getTime() <= idleMs).map((r) => ({ ...r, id: r.id.slice(0, 16), current: r.id === a.sessionId }));
  };

  app.get(
    '/api/sessions',
    {
      config: { access: { permission: 'session.manage' } },
      schema: { tags, summary: '本单位管理员的在线会话' },
    },
    async (req) => ({ items: await liveSessions(actorOf(req)) }),
  );

  app.get(
    '/api/sessions/export',
    {
      config: { access: { permission: 'session.manage' } },
      schema: { tags, summary: '导出在线会话（xlsx）' },
    },
    async (req, reply) =>
      exportRows(db(), req, reply, {
        what: 'sessions',
        title: '在线会话',
        filters: {},
        rows: await liveSessions(actorOf(req)),
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
      schema: { tags, summary: '结束会话（强制下线）', params: z.object({ id: pattern(/^[0-9a-f]{16}$/, '会话编号格式不正确', 16) }) },
    },
    async (req) => {
      const a = actorOf(req);
      const rows = await db()
        .select({ id: sessions.id, userId: sessions.userId })
        .from(sessions)
        .innerJoin(admins, eq(admins.id, sessions.adminId))
        .where(eq(admins.orgId, a.org.id));
      const target = rows.find((r) => r.id.startsWith(req.params.id));
      if (!target) throw new NotFoundError('会话');
      await db().transaction(async (tx) => {
        await tx.delete(sessions).where(eq(sessions.id, target.id));
        await writeAudit(tx, req, { action: 'session.end', targetType: 'user', targetId: target.userId });
      });
      return { ok: true };
    },
  );
}
