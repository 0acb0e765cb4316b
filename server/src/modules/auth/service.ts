/** Login, logout, password change: the account rules of SPEC §2 and SECURITY.md. */
import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import {
  checkPassword,
  HR_LEVELS,
  maskIdNumber,
  MENUS,
  normalizeIdNumber,
  ORG_TYPES,
  REGISTRANT_MENU,
  stripControlChars,
  visibleMenus,
  type LoginType,
} from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { admins, organizations, personnel, sessions, users } from '../../db/schema.js';
import { BadRequestError, ForbiddenError, UnauthorizedError } from '../../errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import type { Actor } from '../../plugins/access.js';

const BAD_CREDENTIALS = '账号或密码错误';

/** Any context: a signed-in actor's or a public route's. */
type AnyContext = ServiceContext<Actor | null>;

export function passwordPolicy(ctx: AnyContext) {
  return { minLength: ctx.deps.config.PASSWORD_MIN_LENGTH, minClasses: ctx.deps.config.PASSWORD_MIN_CLASSES };
}

/** The login form's image captcha (an empty challenge when CAPTCHA=off). */
export async function issueCaptcha(ctx: AnyContext) {
  if (!ctx.deps.captcha.enabled) return { enabled: false, captchaId: '', image: '' };
  return { enabled: true, ...(await ctx.deps.captcha.issue()) };
}

/** GET /api/auth/me: the actor as the web app needs it (menu filtered by permissions and HR level). */
export function currentUser(ctx: ServiceContext) {
  const a = ctx.actor;
  const perms = [...a.permissions];
  const menuKey = a.kind === 'personnel' ? 'personnel' : a.org.type;
  return {
    user: { id: a.userId, name: a.name },
    kind: a.kind,
    loginType: a.loginType,
    org: { ...a.org, typeName: ORG_TYPES[a.org.type], hrLevelName: a.org.hrLevel ? HR_LEVELS[a.org.hrLevel] : null },
    isSuper: a.isSuper,
    adminId: a.adminId,
    permissions: perms,
    menus: a.registration === 'active' ? visibleMenus(MENUS[menuKey], new Set(perms), a.org) : REGISTRANT_MENU,
    registration: a.registration,
    mustChangePassword: a.mustChangePassword,
    idleMinutes: ctx.deps.config.SESSION_IDLE_MINUTES,
    separationOfDuties: ctx.deps.config.SEPARATION_OF_DUTIES,
  };
}

/**
 * The outcome of a password check under the lockout. `locked`: not checked at all (the account is locked, or its
 * remaining guesses are all being checked right now); `lockedNow`: wrong, and this guess used up the last one.
 */
export type GuardedCheck = { result: 'ok' } | { result: 'wrong' } | { result: 'lockedNow' } | { result: 'locked'; until: Date };

/**
 * Checks a known user's password so that at most LOGIN_MAX_FAILURES guesses are ever checked, however many arrive
 * at once. Each guess first reserves an attempt with ONE atomic UPDATE (counted as a failure in advance; refused
 * when the account is locked or the count is used up; the guess that takes the last attempt sets the lock), so
 * concurrent guesses serialise on the row for a moment, never across the scrypt check that follows. A right
 * password then clears the count and any lock (the owner proved who they are); a wrong one keeps the reservation,
 * and the one that took the last attempt writes the account.locked audit row. An expired lock starts a new count.
 */
export async function checkPasswordGuarded(
  ctx: AnyContext,
  user: { id: number; name: string; passwordHash: string | null },
  password: string,
): Promise<GuardedCheck> {
  const { db, deps } = ctx;
  const max = deps.config.LOGIN_MAX_FAILURES;
  const expired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= now())`;
  const next = sql`(case when ${expired} then 1 else ${users.failedAttempts} + 1 end)`;
  const [slot] = await db
    .update(users)
    .set({
      failedAttempts: next,
      lockedUntil: sql`case when ${next} >= ${max}::int then now() + make_interval(mins => ${deps.config.LOGIN_LOCK_MINUTES}::int) end`,
    })
    .where(and(eq(users.id, user.id), or(expired, and(isNull(users.lockedUntil), lt(users.failedAttempts, max)))))
    .returning({ n: users.failedAttempts });
  if (!slot) {
    const [u] = await db.select({ until: users.lockedUntil }).from(users).where(eq(users.id, user.id));
    const now = ctx.now().getTime();
    return { result: 'locked', until: u?.until && u.until.getTime() > now ? u.until : new Date(now + 60_000) };
  }
  if (await verifyPassword(password, user.passwordHash)) {
    await db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id));
    return { result: 'ok' };
  }
  if (slot.n < max) return { result: 'wrong' };
  // the last attempt, wrong: the lock set with the reservation stands, unless a right password cleared it meanwhile
  const [still] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, user.id), gt(users.lockedUntil, sql`now()`)));
  if (!still) return { result: 'wrong' };
  await ctx.audit({ action: 'account.locked', targetType: 'user', targetId: user.id, userId: user.id, name: user.name, result: 'failure' });
  return { result: 'lockedNow' };
}

export function lockedMessage(lockedUntil: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
  return `连续登录失败次数过多，账号已锁定，请${minutes}分钟后再试`;
}

/** Finds the user with this 证件号 via the blind index. */
export async function findUserByIdNumber(ctx: AnyContext, idNumber: string) {
  const [u] = await ctx.db
    .select()
    .from(users)
    .where(eq(users.idNumberHash, ctx.deps.pii.blindIndex(normalizeIdNumber(idNumber))))
    .limit(1);
  return u ?? null;
}

/** A login form the schema refused (an account with control characters, too long, no type): audited as a failure. */
export async function auditInvalidLogin(ctx: AnyContext, body: unknown) {
  const field = (k: string): unknown => (typeof body === 'object' && body !== null ? Reflect.get(body, k) : undefined);
  const printable = (v: unknown, max: number) => (typeof v === 'string' ? stripControlChars(v).slice(0, max) : null);
  const account = printable(field('account'), 30);
  await ctx.audit({
    action: 'auth.login',
    result: 'failure',
    detail: {
      account: account ? maskIdNumber(normalizeIdNumber(account)) : null,
      loginType: printable(field('loginType'), 20),
      reason: 'invalid-input',
    },
  });
}

/** What the route knows of the browser: the session token it still holds (ended by this login) and its user agent. */
export interface LoginClient {
  previousToken: string | undefined;
  userAgent: string;
}

/** Checks the credentials and opens a session; the route sets `token` as the session cookie. */
export async function login(
  ctx: AnyContext,
  body: { loginType: LoginType; account: string; password: string; captchaId: string; captcha: string },
  client: LoginClient,
): Promise<{ token: string; mustChangePassword: boolean }> {
  const { db, deps } = ctx;
  await deps.captcha.consume(body.captchaId, body.captcha);
  const account = normalizeIdNumber(body.account);
  const user = await findUserByIdNumber(ctx, account);
  const fail = async (reason: string, extra: { userId?: number; name?: string } = {}) => {
    await ctx.audit({
      action: 'auth.login',
      result: 'failure',
      userId: extra.userId ?? null,
      name: extra.name ?? null,
      detail: { account: maskIdNumber(account), loginType: body.loginType, reason },
    });
  };
  if (!user) {
    await verifyPassword(body.password, null); // same work as a real check
    await fail('unknown-account');
    throw new UnauthorizedError(BAD_CREDENTIALS, 'BAD_CREDENTIALS');
  }
  const check = await checkPasswordGuarded(ctx, user, body.password);
  if (check.result === 'locked') {
    await fail('locked', { userId: user.id, name: user.name });
    throw new ForbiddenError(lockedMessage(check.until, ctx.now()), 'ACCOUNT_LOCKED');
  }
  if (check.result !== 'ok') {
    await fail('bad-password', { userId: user.id, name: user.name });
    if (check.result === 'lockedNow')
      throw new ForbiddenError(`连续登录失败${deps.config.LOGIN_MAX_FAILURES}次，账号已锁定${deps.config.LOGIN_LOCK_MINUTES}分钟`, 'ACCOUNT_LOCKED');
    throw new UnauthorizedError(BAD_CREDENTIALS, 'BAD_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await fail('disabled', { userId: user.id, name: user.name });
    throw new ForbiddenError('账号已停用，请联系所在单位管理员', 'ACCOUNT_DISABLED');
  }

  let adminId: number | null = null;
  let personnelId: number | null = null;
  let orgId: number;
  let orgPath: string;
  if (body.loginType === 'personnel') {
    const [p] = await db
      .select({ p: personnel, o: organizations })
      .from(personnel)
      .innerJoin(organizations, eq(organizations.id, personnel.orgId))
      .where(eq(personnel.userId, user.id))
      .limit(1);
    if (!p) {
      await fail('no-seat', { userId: user.id, name: user.name });
      throw new ForbiddenError('该账号不是专业技术人员，请确认用户类型', 'NO_SEAT');
    }
    personnelId = p.p.id;
    orgId = p.o.id;
    orgPath = p.o.path;
  } else {
    const seats = await db
      .select({ a: admins, o: organizations })
      .from(admins)
      .innerJoin(organizations, eq(organizations.id, admins.orgId))
      .where(and(eq(admins.userId, user.id), isNull(admins.removedAt), eq(organizations.type, body.loginType)))
      .orderBy(admins.id);
    const seat = seats.find((s) => s.o.status === 'active') ?? seats[0];
    if (!seat) {
      await fail('no-seat', { userId: user.id, name: user.name });
      throw new ForbiddenError('该账号不是所选用户类型的管理员，请确认用户类型', 'NO_SEAT');
    }
    if (seat.o.status === 'disabled') {
      await fail('org-disabled', { userId: user.id, name: user.name });
      throw new ForbiddenError('所在机构已停用，请联系上级人社部门', 'ORG_DISABLED');
    }
    adminId = seat.a.id;
    orgId = seat.o.id;
    orgPath = seat.o.path;
  }

  // A new session id at every login (no fixation); the previous session of this browser ends.
  if (client.previousToken) await db.delete(sessions).where(eq(sessions.id, sha256(client.previousToken)));
  const token = randomToken();
  await db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      id: sha256(token),
      userId: user.id,
      adminId,
      personnelId,
      loginType: body.loginType,
      ip: ctx.ip,
      userAgent: client.userAgent.slice(0, 300),
    });
    await ctx.audit(
      {
        action: 'auth.login',
        userId: user.id,
        name: user.name,
        orgId,
        orgPath,
        detail: { loginType: body.loginType, account: maskIdNumber(account) },
      },
      tx,
    );
  });
  return { token, mustChangePassword: user.mustChangePassword };
}

/** Ends this session (the route clears the cookie). */
export async function logout(ctx: ServiceContext) {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, ctx.actor.sessionId));
    await ctx.audit({ action: 'auth.logout' }, tx);
  });
  return { ok: true as const };
}

export async function changePassword(ctx: ServiceContext, body: { oldPassword: string; newPassword: string }) {
  const { db, actor } = ctx;
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) throw new UnauthorizedError();
  const check = await checkPasswordGuarded(ctx, user, body.oldPassword);
  if (check.result === 'locked') {
    await ctx.audit({ action: 'auth.password.change', result: 'failure', detail: { reason: 'locked' } });
    throw new ForbiddenError(lockedMessage(check.until, ctx.now()), 'ACCOUNT_LOCKED');
  }
  if (check.result !== 'ok') {
    await ctx.audit({ action: 'auth.password.change', result: 'failure', detail: { reason: 'bad-old-password' } });
    if (check.result === 'lockedNow') {
      await db.delete(sessions).where(eq(sessions.userId, user.id));
      throw new ForbiddenError('原密码连续错误次数过多，账号已锁定', 'ACCOUNT_LOCKED');
    }
    throw new BadRequestError('原密码：原密码不正确', { field: 'oldPassword' });
  }
  const idNumber = ctx.deps.pii.decrypt(user.idNumberEnc);
  const reason = checkPassword(body.newPassword, { idNumber, policy: passwordPolicy(ctx) });
  if (reason) throw new BadRequestError(`新密码：${reason}`, { field: 'newPassword' });
  if (body.newPassword === body.oldPassword) throw new BadRequestError('新密码：新密码不能与原密码相同', { field: 'newPassword' });
  const hash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: false, passwordChangedAt: ctx.now(), failedAttempts: 0 })
      .where(eq(users.id, user.id));
    // Other sessions of this person end; this one stays.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, actor.sessionId)));
    await ctx.audit({ action: 'auth.password.change', targetType: 'user', targetId: user.id }, tx);
  });
  return { ok: true as const };
}
