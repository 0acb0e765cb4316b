/**
 * The part of 忘记密码 that every password reset of a person takes part in (personnel/account.ts): it answers the
 * person's open requests in the reset's transaction. Kept apart from service.ts, which calls that reset.
 */
import { and, eq, gt } from 'drizzle-orm';
import { PASSWORD_RESET_DAYS } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { passwordResetRequests } from '../../db/schema.js';
import { ConflictError } from '../../errors.js';

export const DAY_MS = 86_400_000;

/** Requests still open: pending and younger than PASSWORD_RESET_DAYS (an older one has lapsed for its person too). */
export const open = (now: Date) =>
  and(eq(passwordResetRequests.status, 'pending'), gt(passwordResetRequests.createdAt, new Date(now.getTime() - PASSWORD_RESET_DAYS * DAY_MS)));
/** Called inside every password reset of a person (personnel/account.ts): their open requests are answered by it. */
export async function answerRequests(tx: Db, ctx: ServiceContext, userId: number, requestId?: number) {
  if (requestId !== undefined) {
    const hit = await tx
      .update(passwordResetRequests)
      .set({ status: 'done', reviewedBy: ctx.actor.userId, reviewedAt: ctx.now() })
      .where(and(eq(passwordResetRequests.id, requestId), eq(passwordResetRequests.userId, userId), open(ctx.now())))
      .returning({ id: passwordResetRequests.id });
    if (!hit.length) throw new ConflictError('该申请已被处理或已过期，请刷新后查看', 'ALREADY_DECIDED');
  }
  await tx
    .update(passwordResetRequests)
    .set({ status: 'done', reviewedBy: ctx.actor.userId, reviewedAt: ctx.now() })
    .where(and(eq(passwordResetRequests.userId, userId), eq(passwordResetRequests.status, 'pending')));
}
