/** 角色管理: custom roles = named permission sets from the catalogue of the organisation's type. */
import { and, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import { dutyConflictMessage, dutyConflicts, permissionGroups, permissionsForType, PERMISSIONS, isPermission, type Permission } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { adminRoles, admins, roles, users } from '../../db/schema.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import type { Actor } from '../../plugins/access.js';

/** Permissions must exist for this organisation type, and a non-super admin can grant only what they hold. */
export function checkGrantable(actor: Actor, perms: string[]): Permission[] {
  const allowed = new Set<Permission>(permissionsForType(actor.org.type));
  const bad = perms.filter((p) => !isPermission(p) || !allowed.has(p));
  if (bad.length) throw new BadRequestError(`权限：包含本机构类型不可用的权限 ${bad.join('、')}`, { field: 'permissions' });
  const granted = [...new Set(perms.filter(isPermission))];
  const beyond = granted.filter((p) => !actor.permissions.has(p));
  if (!actor.isSuper && beyond.length) {
    throw new ForbiddenError(`不能授予自己没有的权限：${beyond.map((p) => PERMISSIONS[p].name).join('、')}`);
  }
  return granted;
}

/** 三员分立 (packages/domain permissions.ts): the audit duty only beside read-only permissions, when switched on. */
export function checkDuties(ctx: ServiceContext, perms: Iterable<string>, field: 'permissions' | 'roleIds') {
  if (!ctx.deps.config.SEPARATION_OF_DUTIES) return;
  const clash = dutyConflicts(perms);
  if (clash.length) throw new BadRequestError(`${field === 'permissions' ? '权限' : '角色'}：${dutyConflictMessage(clash)}`, { field });
}

/** The permission catalogue of the actor's organisation type. */
export function permissionCatalogue(ctx: ServiceContext) {
  return { groups: permissionGroups(ctx.actor.org.type) };
}

export async function listRoles(ctx: ServiceContext) {
  const { db } = ctx;
  const used = db
    .select({ r: adminRoles.roleId, n: count().as('n') })
    .from(adminRoles)
    .groupBy(adminRoles.roleId)
    .as('used');
  const rows = await db
    .select({ r: roles, n: used.n })
    .from(roles)
    .leftJoin(used, eq(used.r, roles.id))
    .where(eq(roles.orgId, ctx.actor.org.id))
    .orderBy(roles.id);
  return rows.map(({ r, n }) => ({ ...r, adminCount: Number(n ?? 0) }));
}

/** The organisation's roles by id (404 if any is not). `forShare`: held still until commit (a role edit waits). */
export async function ownRoles(db: Db, orgId: number, ids: number[], forShare = false) {
  if (!ids.length) return [];
  const q = db
    .select()
    .from(roles)
    .where(and(eq(roles.orgId, orgId), inArray(roles.id, ids)))
    .orderBy(roles.id);
  const rs = forShare ? await q.for('share') : await q;
  if (rs.length !== new Set(ids).size) throw new NotFoundError('角色');
  return rs;
}

type RoleBody = { name: string; description: string; permissions: string[] };

export async function createRole(ctx: ServiceContext, body: RoleBody) {
  const { actor } = ctx;
  const permissions = checkGrantable(actor, body.permissions);
  checkDuties(ctx, permissions, 'permissions');
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.orgId, actor.org.id), eq(roles.name, body.name)));
    if (dup) throw new ConflictError('已存在同名角色');
    const r = (await tx.insert(roles).values({ orgId: actor.org.id, name: body.name, description: body.description, permissions }).returning())[0]!;
    await ctx.audit({ action: 'role.create', targetType: 'role', targetId: r.id, detail: { after: { name: body.name, permissions } } }, tx);
    return r;
  });
}

export async function updateRole(ctx: ServiceContext, id: number, body: RoleBody) {
  const { actor } = ctx;
  const permissions = checkGrantable(actor, body.permissions);
  checkDuties(ctx, permissions, 'permissions');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(roles)
      .where(and(eq(roles.id, id), eq(roles.orgId, actor.org.id)))
      .for('update');
    if (!before) throw new NotFoundError('角色');
    // Editing a role that grants more than the editor holds would let them take it away or widen it blindly.
    checkGrantable(actor, before.permissions);
    const [dup] = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.orgId, actor.org.id), eq(roles.name, body.name)));
    if (dup && dup.id !== id) throw new ConflictError('已存在同名角色');
    await checkHoldersDuties(ctx, tx, id, permissions);
    const [r] = await tx
      .update(roles)
      .set({ name: body.name, description: body.description, permissions, updatedAt: ctx.now() })
      .where(eq(roles.id, id))
      .returning();
    await ctx.audit(
      {
        action: 'role.update',
        targetType: 'role',
        targetId: id,
        detail: { before: { name: before.name, permissions: before.permissions }, after: { name: body.name, permissions } },
      },
      tx,
    );
    return r!;
  });
}

/** The admins who hold role `id`: with its new permissions, each one's roles together must still keep the duties apart. */
async function checkHoldersDuties(ctx: ServiceContext, tx: Db, id: number, permissions: Permission[]) {
  if (!ctx.deps.config.SEPARATION_OF_DUTIES) return;
  const others = await tx
    .select({ adminId: adminRoles.adminId, name: users.name, p: roles.permissions })
    .from(adminRoles)
    .innerJoin(admins, and(eq(admins.id, adminRoles.adminId), isNull(admins.removedAt)))
    .innerJoin(users, eq(users.id, admins.userId))
    .innerJoin(roles, eq(roles.id, adminRoles.roleId))
    .where(
      and(
        inArray(adminRoles.adminId, tx.select({ a: adminRoles.adminId }).from(adminRoles).where(eq(adminRoles.roleId, id))),
        ne(adminRoles.roleId, id),
      ),
    );
  const byAdmin = new Map<number, { name: string; p: string[] }>();
  for (const o of others) byAdmin.set(o.adminId, { name: o.name, p: [...(byAdmin.get(o.adminId)?.p ?? []), ...o.p] });
  for (const { name, p } of byAdmin.values()) {
    const clash = dutyConflicts([...p, ...permissions]);
    if (clash.length)
      throw new BadRequestError(`权限：该角色已分配给管理员${name}，与其其他角色合并后，${dutyConflictMessage(clash)}`, { field: 'permissions' });
  }
}

export async function deleteRole(ctx: ServiceContext, id: number) {
  const { actor } = ctx;
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(roles)
      .where(and(eq(roles.id, id), eq(roles.orgId, actor.org.id)))
      .for('update');
    if (!before) throw new NotFoundError('角色');
    checkGrantable(actor, before.permissions);
    const [u] = await tx.select({ n: count() }).from(adminRoles).where(eq(adminRoles.roleId, id));
    const holders = u?.n ?? 0;
    if (holders > 0) throw new ConflictError(`该角色已分配给${holders}名管理员，请先取消分配`);
    await tx.delete(roles).where(eq(roles.id, id));
    await ctx.audit(
      { action: 'role.delete', targetType: 'role', targetId: id, detail: { before: { name: before.name, permissions: before.permissions } } },
      tx,
    );
  });
  return { ok: true as const };
}
