/** 下属机构管理: the jurisdiction's organisations (lazy tree, list, detail); disable/enable one, reset its super admin's password. */
import crypto from 'node:crypto';
import { and, count, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { maskPhone, ORG_TYPES, type OrgStatus, type OrgType } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { admins, divisions, organizations, sessions, users } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { hashPassword } from '../../lib/passwords.js';
import { escapeLike, loadOrgInScope, orgScope } from '../../lib/scope.js';
import { getOrgInfo } from '../org-info/service.js';

export interface SuborgFilters {
  keyword?: string;
  type?: OrgType;
  status?: OrgStatus;
}

/** The actor's own organisation (no parent given), or the children in scope of `parentId` (404 outside the scope). */
export async function suborgTree(ctx: ServiceContext, parentId?: number) {
  const { db, actor } = ctx;
  const parent = parentId ? await loadOrgInScope(db, actor, parentId) : null;
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      type: organizations.type,
      hrLevel: organizations.hrLevel,
      status: organizations.status,
      divisionCode: organizations.divisionCode,
      childCount: sql<number>`(select count(*)::int from organizations c where c.parent_id = "organizations"."id")`,
    })
    .from(organizations)
    .where(parent ? and(eq(organizations.parentId, parent.id), orgScope(actor)) : eq(organizations.id, actor.org.id))
    .orderBy(organizations.type, organizations.divisionCode, organizations.id)
    .limit(2000);
  return rows.map((r) => ({ ...r, typeName: ORG_TYPES[r.type] }));
}

/** The jurisdiction's organisations matching the filters: one page (the list) or all of them (the export). */
export async function listSuborgs(ctx: ServiceContext, q: SuborgFilters & { page: number; pageSize: number }) {
  const { db } = ctx;
  const w = and(
    orgScope(ctx.actor),
    q.type ? eq(organizations.type, q.type) : undefined,
    q.status ? eq(organizations.status, q.status) : undefined,
    q.keyword ? or(ilike(organizations.name, `%${escapeLike(q.keyword)}%`), eq(organizations.creditCode, q.keyword.toUpperCase())) : undefined,
  );
  // the count and the page's rows at once (independent statements: docs/decisions.md 2026-12-06)
  const [[total], items] = await Promise.all([
    db.select({ n: count() }).from(organizations).where(w),
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        creditCode: organizations.creditCode,
        type: organizations.type,
        hrLevel: organizations.hrLevel,
        status: organizations.status,
        divisionName: divisions.name,
        createdAt: organizations.createdAt,
      })
      .from(organizations)
      .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
      .where(w)
      .orderBy(organizations.path)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  ]);
  // 重置密码 is offered only where there is a super admin whose password it resets: asked for the page's rows only, by
  // admins_one_super_uq (as an EXISTS in the page's select the planner hashed every admin of the province: 4 ms for
  // a county's 20 rows, ×6 its baseline, at 3M/30M)
  const withSuper = new Set(
    items.length
      ? (
          await db
            .select({ orgId: admins.orgId })
            .from(admins)
            .where(
              and(
                inArray(
                  admins.orgId,
                  items.map((r) => r.id),
                ),
                eq(admins.isSuper, true),
                isNull(admins.removedAt),
              ),
            )
        ).map((r) => r.orgId)
      : [],
  );
  return {
    total: total?.n ?? 0,
    items: items.map((r) => ({ ...r, hasSuper: withSuper.has(r.id), typeName: ORG_TYPES[r.type] })),
  };
}

/** 机构详情及管理员: another organisation's contact numbers (current and in a change waiting for review) are masked. */
export async function suborgDetail(ctx: ServiceContext, id: number) {
  const { db } = ctx;
  const org = await loadOrgInScope(db, ctx.actor, id);
  const info = await getOrgInfo(db, org.id);
  const adminRows = await db
    .select({ id: admins.id, name: users.name, idNumberMasked: users.idNumberMasked, phoneMasked: users.phoneMasked, isSuper: admins.isSuper })
    .from(admins)
    .innerJoin(users, eq(users.id, admins.userId))
    .where(and(eq(admins.orgId, org.id), isNull(admins.removedAt)));
  const pendingChange = info.pendingChange && { ...info.pendingChange, contactPhone: maskPhone(info.pendingChange.contactPhone) };
  return { ...info, contactPhone: maskPhone(info.contactPhone), pendingChange, admins: adminRows };
}

export async function setOrgEnabled(ctx: ServiceContext, id: number, enable: boolean) {
  const { db, actor } = ctx;
  const org = await loadOrgInScope(db, actor, id);
  if (org.id === actor.org.id) throw new ConflictError('不能停用或启用本单位');
  const from = enable ? 'disabled' : 'active';
  const to: OrgStatus = enable ? 'active' : 'disabled';
  return db.transaction(async (tx) => {
    const done = await tx
      .update(organizations)
      .set({ status: to, updatedAt: ctx.now() })
      .where(and(eq(organizations.id, org.id), eq(organizations.status, from)))
      .returning({ id: organizations.id });
    if (!done.length) throw new ConflictError(enable ? '该机构不是停用状态' : '只有正常状态的机构可以停用');
    if (!enable) {
      const seats = await tx.select({ id: admins.id }).from(admins).where(eq(admins.orgId, org.id));
      for (const s of seats) await tx.delete(sessions).where(eq(sessions.adminId, s.id));
    }
    await ctx.audit({ action: enable ? 'org.enable' : 'org.disable', targetType: 'organization', targetId: org.id, detail: { name: org.name } }, tx);
    return { status: to };
  });
}

/** A one-time password, shown once to the HR admin, forcing a change at the next login. */
function tempPassword(): string {
  const pool = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  return 'Tmp#' + [...crypto.randomBytes(8)].map((b) => pool[b % pool.length]).join('');
}

export async function resetSuperAdminPassword(ctx: ServiceContext, id: number) {
  const { db, actor } = ctx;
  const org = await loadOrgInScope(db, actor, id);
  if (org.id === actor.org.id) throw new ConflictError('请通过“修改密码”修改本单位管理员密码');
  const [seat] = await db
    .select({ userId: admins.userId, name: users.name })
    .from(admins)
    .innerJoin(users, eq(users.id, admins.userId))
    .where(and(eq(admins.orgId, org.id), eq(admins.isSuper, true), isNull(admins.removedAt)));
  if (!seat) throw new NotFoundError('超级管理员');
  const password = tempPassword();
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null })
      .where(eq(users.id, seat.userId));
    await tx.delete(sessions).where(eq(sessions.userId, seat.userId));
    await ctx.audit({ action: 'org.admin.reset-password', targetType: 'user', targetId: seat.userId, detail: { orgId: org.id } }, tx);
  });
  return { name: seat.name, password };
}
