/** 管理单位管理员: list, add (three ways), roles, super-admin hand-over, removal, unmasked identity. */
import { and, count, desc, eq, ilike, inArray, isNull, notExists, sql } from 'drizzle-orm';
import { checkIdNumber, checkPassword, type AdminCreateBody } from '@hbzsgx/domain';
import { userValues } from '../../lib/people.js';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { adminRoles, admins, departments, personnel, roles, sessions, users } from '../../db/schema.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { escapeLike } from '../../lib/scope.js';
import { checkDuties, checkGrantable, ownRoles } from '../roles/service.js';
import { ownDepartment } from '../departments/service.js';
import { checkPasswordGuarded, findUserByIdNumber, lockedMessage, passwordPolicy } from '../auth/service.js';

export interface AdminListQuery {
  page: number;
  pageSize: number;
  keyword?: string;
  departmentId?: number;
}

function listWhere(orgId: number, q: Omit<AdminListQuery, 'page' | 'pageSize'>) {
  return and(
    eq(admins.orgId, orgId),
    isNull(admins.removedAt),
    q.departmentId ? eq(admins.departmentId, q.departmentId) : undefined,
    q.keyword ? ilike(users.name, `%${escapeLike(q.keyword)}%`) : undefined,
  );
}

/** The organisation's admin seats matching the filters: one page (the list) or all of them (the export). */
export async function listAdmins(ctx: ServiceContext, q: AdminListQuery) {
  const { db } = ctx;
  const where = listWhere(ctx.actor.org.id, q);
  const [total] = await db.select({ n: count() }).from(admins).innerJoin(users, eq(users.id, admins.userId)).where(where);
  const rows = await db
    .select({
      id: admins.id,
      userId: users.id,
      name: users.name,
      idType: users.idType,
      idNumberMasked: users.idNumberMasked,
      phoneMasked: users.phoneMasked,
      email: users.email,
      departmentId: admins.departmentId,
      departmentName: departments.name,
      isSuper: admins.isSuper,
      createdAt: admins.createdAt,
    })
    .from(admins)
    .innerJoin(users, eq(users.id, admins.userId))
    .leftJoin(departments, eq(departments.id, admins.departmentId))
    .where(where)
    .orderBy(desc(admins.isSuper), admins.id)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const rr = rows.length
    ? await db
        .select({ adminId: adminRoles.adminId, id: roles.id, name: roles.name })
        .from(adminRoles)
        .innerJoin(roles, eq(roles.id, adminRoles.roleId))
        .where(
          inArray(
            adminRoles.adminId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return {
    total: total?.n ?? 0,
    items: rows.map((r) => ({ ...r, roles: rr.filter((x) => x.adminId === r.id).map(({ id, name }) => ({ id, name })) })),
  };
}

/** A live admin seat of the actor's own organisation, or 404. */
async function ownAdmin(db: Db, orgId: number, id: number) {
  const [a] = await db
    .select()
    .from(admins)
    .where(and(eq(admins.id, id), eq(admins.orgId, orgId), isNull(admins.removedAt)))
    .limit(1);
  if (!a) throw new NotFoundError('管理员');
  return a;
}

/** Registered people of this organisation who are not admins yet (way a). */
export async function listCandidates(ctx: ServiceContext, departmentId?: number) {
  const { db } = ctx;
  const orgId = ctx.actor.org.id;
  return db
    .select({ userId: users.id, name: users.name, idNumberMasked: users.idNumberMasked, departmentId: personnel.departmentId })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .where(
      and(
        eq(personnel.orgId, orgId),
        eq(users.status, 'active'),
        departmentId ? eq(personnel.departmentId, departmentId) : undefined,
        notExists(
          db
            .select({ x: sql`1` })
            .from(admins)
            .where(and(eq(admins.userId, users.id), eq(admins.orgId, orgId), isNull(admins.removedAt))),
        ),
      ),
    )
    .orderBy(users.name)
    .limit(500);
}

export async function createAdmin(ctx: ServiceContext, body: AdminCreateBody) {
  const { db, actor } = ctx;
  if (actor.org.type === 'base' && body.mode === 'select') throw new BadRequestError('方式：继续教育基地只能注册或添加管理员', { field: 'mode' });
  await ownDepartment(db, actor.org.id, body.departmentId);
  const rs = await ownRoles(db, actor.org.id, body.roleIds);
  checkGrantable(
    actor,
    rs.flatMap((r) => r.permissions),
  );
  checkDuties(
    ctx,
    rs.flatMap((r) => r.permissions),
    'roleIds',
  );

  let userId: number;
  let newUser: typeof users.$inferInsert | null = null;
  if (body.mode === 'select') {
    const [p] = await db
      .select({ userId: personnel.userId })
      .from(personnel)
      .where(and(eq(personnel.orgId, actor.org.id), eq(personnel.userId, body.userId)))
      .limit(1);
    if (!p) throw new NotFoundError('人员');
    userId = p.userId;
  } else if (body.mode === 'register') {
    const id = checkIdNumber(body.idType, body.idNumber);
    if (!id.ok) throw new BadRequestError(`证件号：${id.reason}`, { field: 'idNumber' });
    const reason = checkPassword(body.password, { idNumber: id.value, policy: passwordPolicy(ctx) });
    if (reason) throw new BadRequestError(`密码：${reason}`, { field: 'password' });
    if (await findUserByIdNumber(ctx, id.value)) {
      throw new ConflictError('该证件号已在系统中注册，请使用“添加成为管理员（已是本系统用户）”', 'DUPLICATE_ID_NUMBER');
    }
    newUser = userValues(ctx.deps.pii, {
      idType: body.idType,
      idNumber: id.value,
      name: body.realName,
      phone: body.phone,
      email: body.email,
      landline: body.landline,
      passwordHash: await hashPassword(body.password),
      mustChangePassword: true,
    });
    userId = 0;
  } else {
    const id = checkIdNumber(body.idType, body.idNumber);
    const user = id.ok ? await findUserByIdNumber(ctx, id.value) : null;
    const wrong = () => new BadRequestError('证件号或该人员的密码不正确', { field: 'password' });
    if (!user || user.idType !== body.idType) {
      await verifyPassword(body.password, null);
      throw wrong();
    }
    const check = await checkPasswordGuarded(ctx, user, body.password); // the login's lockout: a few guesses at most
    if (check.result === 'locked') throw new ForbiddenError(lockedMessage(check.until, ctx.now()), 'ACCOUNT_LOCKED');
    if (check.result !== 'ok') throw wrong();
    if (user.status !== 'active') throw new ConflictError('该人员账号已停用');
    userId = user.id;
  }

  return db.transaction(async (tx) => {
    if (newUser) {
      const [u] = await tx.insert(users).values(newUser).returning({ id: users.id });
      userId = u!.id;
    } else {
      const [dup] = await tx
        .select({ id: admins.id })
        .from(admins)
        .where(and(eq(admins.orgId, actor.org.id), eq(admins.userId, userId), isNull(admins.removedAt)));
      if (dup) throw new ConflictError('该人员已是本单位管理员');
    }
    // the roles as they are now, held still until commit (a concurrent role edit cannot slip a clash in)
    checkDuties(
      ctx,
      (await ownRoles(tx, actor.org.id, body.roleIds, true)).flatMap((r) => r.permissions),
      'roleIds',
    );
    const a = (await tx.insert(admins).values({ orgId: actor.org.id, userId, departmentId: body.departmentId }).returning())[0]!;
    if (rs.length) await tx.insert(adminRoles).values(rs.map((r) => ({ adminId: a.id, roleId: r.id })));
    await ctx.audit(
      {
        action: 'admin.create',
        targetType: 'admin',
        targetId: a.id,
        detail: { mode: body.mode, userId, departmentId: body.departmentId, roleIds: rs.map((r) => r.id) },
      },
      tx,
    );
    return { id: a.id, userId };
  });
}

export async function setAdminRoles(ctx: ServiceContext, id: number, roleIds: number[]) {
  const { actor } = ctx;
  return ctx.db.transaction(async (tx) => {
    const a = await ownAdmin(tx, actor.org.id, id);
    if (a.id === actor.adminId && !actor.isSuper) throw new ForbiddenError('不能修改自己的角色');
    const rs = await ownRoles(tx, actor.org.id, roleIds, true);
    checkGrantable(
      actor,
      rs.flatMap((r) => r.permissions),
    );
    checkDuties(
      ctx,
      rs.flatMap((r) => r.permissions),
      'roleIds',
    );
    const before = await tx.select({ roleId: adminRoles.roleId }).from(adminRoles).where(eq(adminRoles.adminId, id));
    checkGrantable(
      actor,
      (
        await ownRoles(
          tx,
          actor.org.id,
          before.map((b) => b.roleId),
        )
      ).flatMap((r) => r.permissions),
    );
    await tx.delete(adminRoles).where(eq(adminRoles.adminId, id));
    if (rs.length) await tx.insert(adminRoles).values(rs.map((r) => ({ adminId: id, roleId: r.id })));
    await ctx.audit(
      { action: 'admin.roles', targetType: 'admin', targetId: id, detail: { before: before.map((b) => b.roleId), after: rs.map((r) => r.id) } },
      tx,
    );
    return { ok: true as const };
  });
}

/** 设为超级管理员: the seat moves in one transaction; the former super admin loses it at once. */
export async function makeSuper(ctx: ServiceContext, id: number) {
  const { actor } = ctx;
  const self = actor.adminId;
  if (!actor.isSuper || !self) throw new ForbiddenError('只有超级管理员可以移交超级管理员');
  if (id === self) throw new ConflictError('您已是超级管理员');
  return ctx.db.transaction(async (tx) => {
    await ownAdmin(tx, actor.org.id, id);
    const off = await tx
      .update(admins)
      .set({ isSuper: false })
      .where(and(eq(admins.id, self), eq(admins.isSuper, true), isNull(admins.removedAt)))
      .returning({ id: admins.id });
    if (off.length !== 1) throw new ConflictError('超级管理员已变更，请刷新后重试');
    const on = await tx
      .update(admins)
      .set({ isSuper: true })
      .where(and(eq(admins.id, id), eq(admins.orgId, actor.org.id), isNull(admins.removedAt)))
      .returning({ id: admins.id });
    if (on.length !== 1) throw new NotFoundError('管理员');
    await ctx.audit({ action: 'admin.super.transfer', targetType: 'admin', targetId: id, detail: { from: self, to: id } }, tx);
    return { ok: true as const };
  });
}

/** 删除: removes the admin seat and its rights (never the person's record or history); ends its sessions. */
export async function removeAdmin(ctx: ServiceContext, id: number) {
  const { actor } = ctx;
  return ctx.db.transaction(async (tx) => {
    const a = await ownAdmin(tx, actor.org.id, id);
    if (a.isSuper) throw new ConflictError('不能删除超级管理员，请先移交超级管理员');
    if (a.id === actor.adminId) throw new ConflictError('不能删除自己');
    const rs = await tx.select({ roleId: adminRoles.roleId }).from(adminRoles).where(eq(adminRoles.adminId, id));
    checkGrantable(
      actor,
      (
        await ownRoles(
          tx,
          actor.org.id,
          rs.map((r) => r.roleId),
        )
      ).flatMap((r) => r.permissions),
    );
    const done = await tx
      .update(admins)
      .set({ removedAt: ctx.now() })
      .where(and(eq(admins.id, id), isNull(admins.removedAt), eq(admins.isSuper, false)))
      .returning({ id: admins.id });
    if (done.length !== 1) throw new ConflictError('该管理员已被删除或已变更');
    await tx.delete(sessions).where(eq(sessions.adminId, id));
    await ctx.audit({ action: 'admin.delete', targetType: 'admin', targetId: id, detail: { userId: a.userId } }, tx);
    return { ok: true as const };
  });
}

/** Full 证件号 and 手机号 of an admin: its own permission, audited. */
export async function adminIdentity(ctx: ServiceContext, id: number) {
  const { db, deps } = ctx;
  const a = await ownAdmin(db, ctx.actor.org.id, id);
  const [u] = await db.select().from(users).where(eq(users.id, a.userId)).limit(1);
  if (!u) throw new NotFoundError('人员');
  await ctx.audit({ action: 'pii.view', targetType: 'user', targetId: u.id, detail: { fields: ['idNumber', 'phone'], via: 'admin' } });
  return { idType: u.idType, idNumber: deps.pii.decrypt(u.idNumberEnc), phone: u.phoneEnc ? deps.pii.decrypt(u.phoneEnc) : '' };
}
