/**
 * A person's account seen from HR: the full 证件号/手机号 (pii.view, every view audited) and 重置密码
 * (personnel.manage). The reset follows 下属机构管理's rule: a random temporary password shown once to the admin,
 * must_change_password set, every session of the person ended, the person's open 找回密码申请 answered, audited — all in
 * one transaction.
 */
import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { admins, organizations, sessions, users } from '../../db/schema.js';
import { ConflictError } from '../../errors.js';
import { hashPassword } from '../../lib/passwords.js';
import { personInScope } from './query.js';
import { answerRequests } from '../password-reset/answer.js';

export async function personIdentity(ctx: ServiceContext, id: number) {
  const { pii } = ctx.deps;
  const { u } = await personInScope(ctx.db, ctx.actor, id);
  await ctx.audit({
    action: 'pii.view',
    targetType: 'user',
    targetId: u.id,
    detail: { fields: ['idNumber', 'phone'], via: 'personnel', personnelId: id },
  });
  return { idType: u.idType, idNumber: pii.decrypt(u.idNumberEnc), phone: u.phoneEnc ? pii.decrypt(u.phoneEnc) : '' };
}

/** The same shape as 下属机构管理's one-time password: 'Tmp#' + 8 unambiguous characters. */
export function tempPassword(): string {
  const pool = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  return 'Tmp#' + [...crypto.randomBytes(8)].map((b) => pool[b % pool.length]).join('');
}

/** `requestId`: the 找回密码申请 this answers (it must still be open, else 409 and nothing changes). */
export async function resetPersonPassword(ctx: ServiceContext, id: number, opts: { requestId?: number } = {}) {
  const { db, actor } = ctx;
  const { u } = await personInScope(db, actor, id);
  if (u.id === actor.userId) throw new ConflictError('请通过“修改密码”修改自己的密码');
  // The password is the person's, not the profile's: it also opens any admin seat they hold. Only seats strictly
  // below the actor's own organisation may be reset from here (else a county could take over a city admin).
  const seats = await db
    .select({ path: organizations.path })
    .from(admins)
    .innerJoin(organizations, eq(organizations.id, admins.orgId))
    .where(and(eq(admins.userId, u.id), isNull(admins.removedAt)));
  if (seats.some((s) => s.path === actor.org.path || !s.path.startsWith(actor.org.path))) {
    throw new ConflictError('该人员同时是本单位或上级、其他辖区机构的管理员，请由其所在机构重置密码');
  }
  const password = tempPassword();
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: true, passwordChangedAt: null, failedAttempts: 0, lockedUntil: null })
      .where(and(eq(users.id, u.id), eq(users.status, 'active')))
      .returning({ id: users.id });
    if (!done.length) throw new ConflictError('该人员账号已停用，不能重置密码');
    await tx.delete(sessions).where(eq(sessions.userId, u.id));
    await answerRequests(tx, ctx, u.id, opts.requestId);
    await ctx.audit({ action: 'personnel.reset-password', targetType: 'user', targetId: u.id, detail: { personnelId: id } }, tx);
  });
  return { name: u.name, password };
}
