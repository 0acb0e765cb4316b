/** 在线会话: see and end the sessions of this organisation's admins (SECURITY: admins can end a user's sessions). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { admins, sessions, users } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { writeAudit } from '../../lib/audit.js';
import { NotFoundError } from '../../errors.js';

export default async function sessionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['系统管理'];
  const db = () => app.deps.database.db;

  app.get('/api/sessions', {
    config: { access: { permission: 'session.manage' } }, schema: { tags, summary: '本单位管理员的在线会话' },
  }, async (req) => {
    const a = actorOf(req);
    const idleMs = app.deps.config.SESSION_IDLE_MINUTES * 60_000;
    const rows = await db().select({
      id: sessions.id, name: users.name, idNumberMasked: users.idNumberMasked, createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent,
    }).from(sessions).innerJoin(admins, eq(admins.id, sessions.adminId)).innerJoin(users, eq(users.id, sessions.userId))
      .where(and(isNotNull(sessions.adminId), eq(admins.orgId, a.org.id))).orderBy(desc(sessions.lastSeenAt)).limit(500);
    const now = Date.now();
    return {
      items: rows.filter((r) => now - r.lastSeenAt.getTime() <= idleMs)
        .map((r) => ({ ...r, id: r.id.slice(0, 16), current: r.id === a.sessionId })),
    };
  });

  app.delete('/api/sessions/:id', {
    config: { access: { permission: 'session.manage' } },
    schema: { tags, summary: '结束会话（强制下线）', params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, '会话编号格式不正确') }) },
  }, async (req) => {
    const a = actorOf(req);
    const rows = await db().select({ id: sessions.id, userId: sessions.userId }).from(sessions)
      .innerJoin(admins, eq(admins.id, sessions.adminId)).where(eq(admins.orgId, a.org.id));
    const target = rows.find((r) => r.id.startsWith(req.params.id));
    if (!target) throw new NotFoundError('会话');
    await db().transaction(async (tx) => {
      await tx.delete(sessions).where(eq(sessions.id, target.id));
      await writeAudit(tx, req, { action: 'session.end', targetType: 'user', targetId: target.userId });
    });
    return { ok: true };
  });
}
