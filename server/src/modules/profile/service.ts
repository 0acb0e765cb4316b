/** 个人信息: a person's own profile (masked 证件号/手机号), dictionary values by name. */
import { eq } from 'drizzle-orm';
import { EDUCATION_LEVELS, GENDERS, ID_TYPES, TITLE_LEVELS, TITLE_SERIES } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { departments, organizations, personnel, sessions, users } from '../../db/schema.js';
import { BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../errors.js';
import { phoneValues } from '../../lib/people.js';
import { checkPasswordGuarded, lockedMessage } from '../auth/service.js';

/** A dictionary's name for a stored code (null for none or an unknown one). */
function nameOf(labels: Readonly<Record<string, string>>, code: string | null | undefined): string | null {
  return code ? (new Map(Object.entries(labels)).get(code) ?? null) : null;
}

export async function myProfile(ctx: ServiceContext) {
  const a = ctx.actor;
  const [u] = await ctx.db
    .select({ u: users, p: personnel, orgName: organizations.name, deptName: departments.name })
    .from(users)
    .leftJoin(personnel, eq(personnel.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, personnel.orgId))
    .leftJoin(departments, eq(departments.id, personnel.departmentId))
    .where(eq(users.id, a.userId))
    .limit(1);
  if (!u) throw new NotFoundError('人员');
  return {
    name: u.u.name,
    idType: ID_TYPES[u.u.idType],
    idNumberMasked: u.u.idNumberMasked,
    gender: u.u.gender ? GENDERS[u.u.gender] : null,
    birthDate: u.u.birthDate,
    phoneMasked: u.u.phoneMasked,
    email: u.u.email,
    orgName: u.orgName ?? a.org.name,
    departmentName: u.deptName,
    titleSeries: TITLE_SERIES.find((s) => s.code === u.p?.titleSeries)?.name ?? null,
    titleLevel: nameOf(TITLE_LEVELS, u.p?.titleLevel),
    titleSeriesCode: u.p?.titleSeries ?? null,
    titleLevelCode: u.p?.titleLevel ?? null,
    titleName: u.p?.titleName ?? null,
    titleDate: u.p?.titleDate ?? null,
    education: nameOf(EDUCATION_LEVELS, u.p?.education),
  };
}

/**
 * 修改联系方式: the signed-in user's own 手机号 and 电子邮箱 (the 手机号 is what 忘记密码 matches, so the current password
 * confirms the change, with the login's lockout). One transaction with its audit row (masked before/after).
 */
export async function updateContact(ctx: ServiceContext, body: { phone: string; email: string; password: string }) {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId)).limit(1);
  if (!user) throw new UnauthorizedError();
  const check = await checkPasswordGuarded(ctx, user, body.password);
  if (check.result === 'locked') throw new ForbiddenError(lockedMessage(check.until, ctx.now()), 'ACCOUNT_LOCKED');
  if (check.result === 'lockedNow') {
    await ctx.db.delete(sessions).where(eq(sessions.userId, user.id));
    throw new ForbiddenError('密码连续错误次数过多，账号已锁定', 'ACCOUNT_LOCKED');
  }
  if (check.result !== 'ok') throw new BadRequestError('当前密码：密码不正确', { field: 'password' });
  const email = body.email || null;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ ...phoneValues(ctx.deps.pii, body.phone), email })
      .where(eq(users.id, user.id));
    await ctx.audit(
      {
        action: 'profile.contact',
        targetType: 'user',
        targetId: user.id,
        detail: { before: { phone: user.phoneMasked, email: user.email }, after: { phone: body.phone, email } },
      },
      tx,
    );
  });
  return myProfile(ctx);
}
