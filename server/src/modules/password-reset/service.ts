/**
 * 忘记密码. A visitor gives 证件号 + 姓名 + the 手机号 the account holds (behind the login's captcha and rate limit) and
 * always gets the same answer: a 申请编号. Only when all three match an active professional is a request stored, for
 * the unit the person belongs to (HR for people directly under HR), whose admins see it in 找回密码申请 and 待办事项 and
 * answer it with the existing one-time password (personnel/account.ts resetPersonPassword) or 驳回 with a reason.
 *
 * The 申请编号 is self-proving: 4 symbols of the Beijing day it was issued, 8 random, 8 of a keyed HMAC over the first
 * 12 (pii.blindIndex). Its state is looked up by its hash; an authentic number with no stored request (the details did
 * not match) reads 待处理 until PASSWORD_RESET_DAYS have passed and 已过期 afterwards — exactly like a real request
 * nobody answered — so neither the answer nor the state page tells whether the details matched.
 */
import crypto from 'node:crypto';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import {
  beijingDate,
  CODE_ALPHABET,
  groupCode,
  maskIdNumber,
  normalizeCode,
  normalizeIdNumber,
  PASSWORD_RESET_DAYS,
  PASSWORD_RESET_STATUSES,
  type PasswordResetStatus,
} from '@hbzsgx/domain';
import type { z } from 'zod';
import type { passwordResetBody, passwordResetRejectBody, reviewTabQuery } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { departments, passwordResetRequests, personnel, users } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Actor } from '../../plugins/access.js';
import { requireAccess } from '../../lib/scope.js';
import { findUserByIdNumber } from '../auth/service.js';
import { resetPersonPassword } from '../personnel/account.js';
import { DAY_MS, open } from './answer.js';
import { nameContains } from '../../lib/name-search.js';

type AnyContext = ServiceContext<Actor | null>;
const SENT = '申请已提交。如所填信息与账号登记的信息一致，您所在单位的管理员将为您重置密码并告知临时密码；请记下申请编号，凭编号查询处理进度。';

const symbols = (n: number, bytes: Buffer) => [...bytes.subarray(0, n)].map((b) => CODE_ALPHABET[b % 32]).join('');
/** Days since 1970-01-01 of a Beijing date, as 4 base-32 symbols (enough until the year 4840). */
const dayNumber = (now: Date) => Math.floor(Date.parse(`${beijingDate(now)}T00:00:00Z`) / DAY_MS);
const encodeDay = (n: number) => [3, 2, 1, 0].map((i) => CODE_ALPHABET[Math.floor(n / 32 ** i) % 32]).join('');
const decodeDay = (s: string) => [...s].reduce((n, c) => n * 32 + CODE_ALPHABET.indexOf(c), 0);
const tag = (ctx: AnyContext, head: string) => {
  const mac = Buffer.from(ctx.deps.pii.blindIndex(`password-reset:${head}`), 'hex');
  return symbols(8, mac);
};
const ticketHash = (code: string) => crypto.createHash('sha256').update(code).digest('hex');

function newTicket(ctx: AnyContext): string {
  const head = encodeDay(dayNumber(ctx.now())) + symbols(8, crypto.randomBytes(8));
  return groupCode(head + tag(ctx, head));
}

/** The stored form of an authentic 申请编号 with its issue day, or null (typo, forgery). */
function readTicket(ctx: AnyContext, raw: string): { code: string; day: number } | null {
  const code = normalizeCode(raw);
  if (!code) return null;
  const plain = code.replace(/-/g, '');
  const head = plain.slice(0, 12);
  const expected = tag(ctx, head);
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(plain.slice(12)))) return null;
  return { code, day: decodeDay(head.slice(0, 4)) };
}

/** The phone the account holds, normalised like the form's. */
const samePhone = (ctx: AnyContext, enc: string | null, typed: string) => {
  if (!enc) return false;
  const stored = ctx.deps.pii.decrypt(enc);
  return stored.length === typed.length && crypto.timingSafeEqual(Buffer.from(stored), Buffer.from(typed));
};

export async function requestPasswordReset(ctx: AnyContext, body: z.output<typeof passwordResetBody>) {
  await ctx.deps.captcha.consume(body.captchaId, body.captcha);
  const ticket = newTicket(ctx);
  const user = await findUserByIdNumber(ctx, body.idNumber);
  const [seat] = user
    ? await ctx.db
        .select({ id: personnel.id, orgId: personnel.orgId, status: personnel.status })
        .from(personnel)
        .where(eq(personnel.userId, user.id))
        .limit(1)
    : [];
  const matched = !!user && !!seat && user.status === 'active' && user.name === body.personName && samePhone(ctx, user.phoneEnc, body.phone);
  const account = maskIdNumber(normalizeIdNumber(body.idNumber));
  if (!matched) {
    await ctx.audit({ action: 'password-reset.request', result: 'failure', userId: user?.id ?? null, detail: { account, reason: 'no-match' } });
    return { ticket, message: SENT };
  }
  await ctx.db.transaction(async (tx) => {
    // a newer request replaces the person's open one (its number then reads 已取消)
    await tx
      .update(passwordResetRequests)
      .set({ status: 'cancelled' })
      .where(and(eq(passwordResetRequests.userId, user.id), eq(passwordResetRequests.status, 'pending')));
    const [row] = await tx
      .insert(passwordResetRequests)
      .values({ ticketHash: ticketHash(ticket), userId: user.id, personnelId: seat.id, handlerOrgId: seat.orgId, createdAt: ctx.now() })
      .returning({ id: passwordResetRequests.id });
    await ctx.audit(
      {
        action: 'password-reset.request',
        userId: user.id,
        name: user.name,
        targetType: 'password_reset',
        targetId: row!.id,
        detail: { account, orgId: seat.orgId },
      },
      tx,
    );
  });
  return { ticket, message: SENT };
}

/** The state behind a 申请编号 (the same for a request that was never stored, see the file's comment). */
export async function passwordResetState(ctx: AnyContext, raw: string) {
  const t = readTicket(ctx, raw);
  if (!t) throw new NotFoundError('未找到该申请，请核对申请编号');
  const requestedOn = new Date(t.day * DAY_MS).toISOString().slice(0, 10);
  const lapsed = dayNumber(ctx.now()) - t.day >= PASSWORD_RESET_DAYS;
  const [r] = await ctx.db
    .select({ status: passwordResetRequests.status, reviewedAt: passwordResetRequests.reviewedAt, reason: passwordResetRequests.rejectReason })
    .from(passwordResetRequests)
    .where(eq(passwordResetRequests.ticketHash, ticketHash(t.code)));
  const status: PasswordResetStatus | 'expired' = (r?.status ?? 'pending') === 'pending' && lapsed ? 'expired' : (r?.status ?? 'pending');
  return {
    ticket: t.code,
    status,
    statusName: status === 'expired' ? '已过期' : PASSWORD_RESET_STATUSES[status],
    requestedOn,
    handledAt: r && r.status !== 'pending' ? r.reviewedAt : null,
    reason: r?.status === 'rejected' ? r.reason : null,
  };
}

// ---- 找回密码申请 (the unit's queue)

/** The queue's rows: the requests addressed to the actor's own organisation. */
const mine = (a: Actor) => eq(passwordResetRequests.handlerOrgId, a.org.id);

export async function listPasswordResets(ctx: ServiceContext, _kind: never, q: z.output<typeof reviewTabQuery>) {
  const where = and(
    mine(ctx.actor),
    q.tab === 'pending' ? open(ctx.now()) : inArray(passwordResetRequests.status, ['done', 'rejected']),
    q.keyword ? nameContains(users.name, q.keyword) : undefined,
  );
  const [total] = await ctx.db
    .select({ n: count() })
    .from(passwordResetRequests)
    .innerJoin(users, eq(users.id, passwordResetRequests.userId))
    .where(where);
  const items = await ctx.db
    .select({
      id: passwordResetRequests.id,
      personnelId: passwordResetRequests.personnelId,
      name: users.name,
      idNumberMasked: users.idNumberMasked,
      phoneMasked: users.phoneMasked,
      departmentName: departments.name,
      status: passwordResetRequests.status,
      rejectReason: passwordResetRequests.rejectReason,
      createdAt: passwordResetRequests.createdAt,
      reviewedAt: passwordResetRequests.reviewedAt,
      reviewedBy: passwordResetRequests.reviewedBy,
    })
    .from(passwordResetRequests)
    .innerJoin(users, eq(users.id, passwordResetRequests.userId))
    .innerJoin(personnel, eq(personnel.id, passwordResetRequests.personnelId))
    .leftJoin(departments, eq(departments.id, personnel.departmentId))
    .where(where)
    .orderBy(desc(passwordResetRequests.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, items };
}

export async function countOpenPasswordResets(db: Db, a: Actor) {
  const [r] = await db
    .select({ n: count() })
    .from(passwordResetRequests)
    .where(and(mine(a), open(new Date())));
  return r?.n ?? 0;
}

/** 驳回 (the queue's only decision): one transaction, guarded by 待处理, audited. */
export async function rejectPasswordResets(ctx: ServiceContext, _kind: never, body: z.output<typeof passwordResetRejectBody>) {
  return ctx.db.transaction(async (tx) => {
    const visible = await tx
      .select({ id: passwordResetRequests.id })
      .from(passwordResetRequests)
      .where(and(inArray(passwordResetRequests.id, body.ids), mine(ctx.actor)));
    const ids = requireAccess(visible, body.ids, '找回密码申请');
    const done = await tx
      .update(passwordResetRequests)
      .set({ status: 'rejected', rejectReason: body.reason, reviewedBy: ctx.actor.userId, reviewedAt: ctx.now() })
      .where(and(inArray(passwordResetRequests.id, ids), open(ctx.now())))
      .returning({ id: passwordResetRequests.id });
    if (!done.length) throw new ConflictError('所选申请已被处理或已过期，请刷新后查看', 'ALREADY_DECIDED');
    for (const d of done)
      await ctx.audit({ action: 'password-reset.reject', targetType: 'password_reset', targetId: d.id, detail: { reason: body.reason } }, tx);
    return { done: done.length, skipped: body.ids.length - done.length };
  });
}

/**
 * 重置密码 for a request: the existing one-time-password flow (scope, seat rules, sessions ended, audited) with the
 * request marked 已重置 in the same transaction — of two admins answering at once exactly one resets, the other 409.
 */
export async function resetForRequest(ctx: ServiceContext, id: number) {
  const [r] = await ctx.db
    .select({ personnelId: passwordResetRequests.personnelId })
    .from(passwordResetRequests)
    .where(and(eq(passwordResetRequests.id, id), mine(ctx.actor)));
  if (!r) throw new NotFoundError('找回密码申请不存在');
  return resetPersonPassword(ctx, r.personnelId, { requestId: id });
}
