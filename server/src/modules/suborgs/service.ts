/** 下属机构管理 actions: disable/enable an organisation, reset its super admin's password. */
import type { FastifyRequest } from 'fastify';
import crypto from 'node:crypto';
import { and, count, eq, ilike, isNull, or } from 'drizzle-orm';
import { ORG_TYPES, type OrgType } from '@hbzsgx/domain';
import type { AppDeps } from '../../deps.js';
import type { Db } from '../../db/client.js';
import { admins, divisions, organizations, sessions, users } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { writeAudit } from '../../lib/audit.js';
import { hashPassword } from '../../lib/passwords.js';
import { escapeLike, loadOrgInScope, orgScope } from '../../lib/scope.js';
import type { Actor } from '../../plugins/access.js';

export interface SuborgFilters {
  keyword?: string;
  type?: OrgType;
  status?: 'pending' | 'active' | 'rejected' | 'disabled';
}

/** The jurisdiction's organisations matching the filters: one page (the list) or all of them (the export). */
export async function listSuborgs(db: Db, actor: Actor, q: SuborgFilters & { page: number; pageSize: number }) {
  const w = and(
    orgScope(actor),
    q.type ? eq(organizations.type, q.type) : undefined,
    q.status ? eq(organizations.status, q.status) : undefined,
    q.keyword ? or(ilike(organizations.name, `%${escapeLike(q.keyword)}%`), eq(organizations.creditCode, q.keyword.toUpperCase())) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(organizations).where(w);
  const items = await db
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
    .offset((q.page - 1) * q.pageSize);
  return { total: total!.n, items: items.map((r) => ({ ...r, typeName: ORG_TYPES[r.type] })) };
}

export async function setOrgEnabled(deps: AppDeps, req: FastifyRequest, actor: Actor, id: number, enable: boolean) {
  const { db } = deps.database;
  const org = await loadOrgInScope(db, actor, id);
  if (org.id === actor.org.id) throw new ConflictError('不能停用或启用本单位');
  const from = enable ? 'disabled' : 'active';
  return db.transaction(async (tx) => {
    const done = await tx
      .update(organizations)
      .set({ status: enable ? 'active' : 'disabled', updatedAt: new Date() })
      .where(and(eq(organizations.id, org.id), eq(organizations.status, from)))
      .returning({ id: organizations.id });
    if (!done.length) throw new ConflictError(enable ? '该机构不是停用状态' : '只有正常状态的机构可以停用');
    if (!enable) {
      const seats = await tx.select({ id: admins.id }).from(admins).where(eq(admins.orgId, org.id));
      for (const s of seats) await tx.delete(sessions).where(eq(sessions.adminId, s.id));
    }
    await writeAudit(tx, req, {
      action: enable ? 'org.enable' : 'org.disable',
      targetType: 'organization',
      targetId: org.id,
      detail: { name: org.name },
    });
    return { status: enable ? 'active' : 'disabled' };
  });
}

/** A one-time password, shown once to the HR admin, forcing a change at the next login. */
function tempPassword(): string {
  const pool = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  return 'Tmp#' + [...crypto.randomBytes(8)].map((b) => pool[b % pool.length]).join('');
}

export async function resetSuperAdminPassword(deps: AppDeps, req: FastifyRequest, actor: Actor, id: number) {
  const { db } = deps.database;
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
    await writeAudit(tx, req, { action: 'org.admin.reset-password', targetType: 'user', targetId: seat.userId, detail: { orgId: org.id } });
  });
  return { name: seat.name, password };
}
