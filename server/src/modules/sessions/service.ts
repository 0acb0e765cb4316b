/** 在线会话: the organisation's live admin sessions, and ending one (SECURITY: admins can end a user's sessions). */
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { admins, sessions, users } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';

/** The organisation's live admin sessions — the one query behind the list and its export. */
export async function liveSessions(ctx: ServiceContext) {
  const idleMs = ctx.deps.config.SESSION_IDLE_MINUTES * 60_000;
  const rows = await ctx.db
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
    .where(and(isNotNull(sessions.adminId), eq(admins.orgId, ctx.actor.org.id)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(500);
  const now = ctx.now().getTime();
  return rows
    .filter((r) => now - r.lastSeenAt.getTime() <= idleMs)
    .map((r) => ({ ...r, id: r.id.slice(0, 16), current: r.id === ctx.actor.sessionId }));
}

/** Ends one of the organisation's admin sessions, named by the first 16 digits the list shows. */
export async function endSession(ctx: ServiceContext, shortId: string) {
  const rows = await ctx.db
    .select({ id: sessions.id, userId: sessions.userId })
    .from(sessions)
    .innerJoin(admins, eq(admins.id, sessions.adminId))
    .where(eq(admins.orgId, ctx.actor.org.id));
  const target = rows.find((r) => r.id.startsWith(shortId));
  if (!target) throw new NotFoundError('会话');
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, target.id));
    await ctx.audit({ action: 'session.end', targetType: 'user', targetId: target.userId }, tx);
  });
  return { ok: true as const };
}
