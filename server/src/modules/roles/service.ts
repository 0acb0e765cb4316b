/** 角色管理: custom roles = named permission sets from the catalogue of the organisation's type. */
import type { FastifyRequest } from 'fastify';
import { and, count, eq, inArray } from 'drizzle-orm';
import { permissionsForType, PERMISSIONS, isPermission, type Permission } from '@hbzsgx/domain';
import type { AppDeps } from '../../app.js';
import type { Db } from '../../db/client.js';
import { adminRoles, roles } from '../../db/schema.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { writeAudit } from '../../lib/audit.js';
import type { Actor } from '../../plugins/access.js';

/** Permissions must exist for this organisation type, and a non-super admin can grant only what they hold. */
export function checkGrantable(actor: Actor, perms: string[]): Permission[] {
  const allowed = new Set<string>(permissionsForType(actor.org.type));
  const bad = perms.filter((p) => !isPermission(p) || !allowed.has(p));
  if (bad.length) throw new BadRequestError(`权限：包含本机构类型不可用的权限 ${bad.join('、')}`, { field: 'permissions' });
  const beyond = perms.filter((p) => !actor.permissions.has(p as Permission));
  if (!actor.isSuper && beyond.length) {
    throw new ForbiddenError(`不能授予自己没有的权限：${beyond.map((p) => PERMISSIONS[p as Permission].name).join('、')}`);
  }
  return [...new Set(perms)] as Permission[];
}

export async function listRoles(db: Db, orgId: number) {
  const used = db.select({ r: adminRoles.roleId, n: count().as('n') }).from(adminRoles).groupBy(adminRoles.roleId).as('used');
  const rows = await db.select({ r: roles, n: used.n }).from(roles).leftJoin(used, eq(used.r, roles.id))
    .where(eq(roles.orgId, orgId)).orderBy(roles.id);
  return rows.map(({ r, n }) => ({ ...r, adminCount: Number(n ?? 0) }));
}

export async function ownRoles(db: Db, orgId: number, ids: number[]) {
  if (!ids.length) return [];
  const rs = await db.select().from(roles).where(and(eq(roles.orgId, orgId), inArray(roles.id, ids)));
  if (rs.length !== new Set(ids).size) throw new NotFoundError('角色');
  return rs;
}

type RoleBody = { name: string; description: string; permissions: string[] };

export async function createRole(deps: AppDeps, req: FastifyRequest, actor: Actor, body: RoleBody) {
  const permissions = checkGrantable(actor, body.permissions);
  return deps.database.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.orgId, actor.org.id), eq(roles.name, body.name)));
    if (dup) throw new ConflictError('已存在同名角色');
    const [r] = await tx.insert(roles).values({ orgId: actor.org.id, name: body.name, description: body.description, permissions }).returning();
    await writeAudit(tx, req, { action: 'role.create', targetType: 'role', targetId: r!.id, detail: { after: { name: body.name, permissions } } });
    return r!;
  });
}

export async function updateRole(deps: AppDeps, req: FastifyRequest, actor: Actor, id: number, body: RoleBody) {
  const permissions = checkGrantable(actor, body.permissions);
  return deps.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(roles).where(and(eq(roles.id, id), eq(roles.orgId, actor.org.id))).for('update');
    if (!before) throw new NotFoundError('角色');
    // Editing a role that grants more than the editor holds would let them take it away or widen it blindly.
    checkGrantable(actor, before.permissions);
    const [dup] = await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.orgId, actor.org.id), eq(roles.name, body.name)));
    if (dup && dup.id !== id) throw new ConflictError('已存在同名角色');
    const [r] = await tx.update(roles).set({ name: body.name, description: body.description, permissions, updatedAt: new Date() })
      .where(eq(roles.id, id)).returning();
    await writeAudit(tx, req, {
      action: 'role.update', targetType: 'role', targetId: id,
      detail: { before: { name: before.name, permissions: before.permissions }, after: { name: body.name, permissions } },
    });
    return r!;
  });
}

export async function deleteRole(deps: AppDeps, req: FastifyRequest, actor: Actor, id: number) {
  await deps.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(roles).where(and(eq(roles.id, id), eq(roles.orgId, actor.org.id))).for('update');
    if (!before) throw new NotFoundError('角色');
    checkGrantable(actor, before.permissions);
    const [u] = await tx.select({ n: count() }).from(adminRoles).where(eq(adminRoles.roleId, id));
    if (u!.n > 0) throw new ConflictError(`该角色已分配给${u!.n}名管理员，请先取消分配`);
    await tx.delete(roles).where(eq(roles.id, id));
    await writeAudit(tx, req, { action: 'role.delete', targetType: 'role', targetId: id, detail: { before: { name: before.name, permissions: before.permissions } } });
  });
}
