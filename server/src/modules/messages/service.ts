/**
 * 站内消息 of the signed-in seat: a person's own (admin_id null), or those written to this admin of the organisation
 * (lib/messages.ts writes them with the decisions). Another seat's message — another user's, or the same user's in
 * another seat — answers 404.
 */
import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { MESSAGE_KINDS, type MessageKind } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { queryRows } from '../../db/client.js';
import { messages } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { boundedCount, paging } from '../../lib/paging.js';
import type { Actor } from '../../plugins/access.js';

/** The one predicate of "this seat's messages". */
function seat(actor: Actor): SQL {
  return and(eq(messages.userId, actor.userId), actor.adminId == null ? isNull(messages.adminId) : eq(messages.adminId, actor.adminId))!;
}

const UNREAD_CAP = 99;

export interface MessageQuery {
  page: number;
  pageSize: number;
  read: 'unread' | 'read' | 'all';
  kind?: MessageKind;
}

export async function myMessages(ctx: ServiceContext, q: MessageQuery) {
  const where = and(
    seat(ctx.actor),
    q.read === 'unread' ? isNull(messages.readAt) : q.read === 'read' ? isNotNull(messages.readAt) : undefined,
    q.kind ? eq(messages.kind, q.kind) : undefined,
  );
  const { limit, offset } = paging(q);
  const [rows, total, unread] = await Promise.all([
    ctx.db.select().from(messages).where(where).orderBy(desc(messages.id)).limit(limit).offset(offset),
    boundedCount(ctx.db, ctx.db.select({ id: messages.id }).from(messages).where(where).$dynamic()),
    unreadCount(ctx),
  ]);
  return {
    total: total.total,
    totalCapped: total.capped || undefined,
    unread: unread.count,
    items: rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      kindName: MESSAGE_KINDS[m.kind],
      title: m.title,
      body: m.body,
      link: m.link,
      createdAt: m.createdAt,
      readAt: m.readAt,
    })),
  };
}

/** The bell: unread messages of this seat, counted up to 100 (one range of messages_seat_unread_idx). */
export async function unreadCount(ctx: ServiceContext) {
  const [r] = await queryRows<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${messages} WHERE ${and(seat(ctx.actor), isNull(messages.readAt))} LIMIT ${UNREAD_CAP + 1}) s`,
  );
  const n = Number(r?.n ?? 0);
  return { count: Math.min(n, UNREAD_CAP), capped: n > UNREAD_CAP };
}

/** 标为已读: one message of this seat (already read: unchanged); another seat's → 404. */
export async function markRead(ctx: ServiceContext, id: number) {
  const [m] = await ctx.db
    .update(messages)
    .set({ readAt: sql`coalesce(${messages.readAt}, now())` })
    .where(and(eq(messages.id, id), seat(ctx.actor)))
    .returning({ id: messages.id });
  if (!m) throw new NotFoundError('消息');
  return { ok: true as const };
}

/** 全部已读: every unread message of this seat. */
export async function markAllRead(ctx: ServiceContext) {
  const done = await ctx.db
    .update(messages)
    .set({ readAt: sql`now()` })
    .where(and(seat(ctx.actor), isNull(messages.readAt)))
    .returning({ id: messages.id });
  return { done: done.length };
}
