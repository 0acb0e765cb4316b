import type { FastifyRequest } from 'fastify';
import { and, eq, isNull, sql, count } from 'drizzle-orm';
import type { AppDeps } from '../../deps.js';
import type { Db } from '../../db/client.js';
import { admins, departments, personnel } from '../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { writeAudit } from '../../lib/audit.js';
import type { Actor } from '../../plugins/access.js';

export async function listDepartments(db: Db, orgId: number) {
  const people = db
    .select({ d: personnel.departmentId, n: count().as('pn') })
    .from(personnel)
    .where(eq(personnel.orgId, orgId))
    .groupBy(personnel.departmentId)
    .as('people');
  const adm = db
    .select({ d: admins.departmentId, n: count().as('an') })
    .from(admins)
    .where(and(eq(admins.orgId, orgId), isNull(admins.removedAt)))
    .groupBy(admins.departmentId)
    .as('adm');
  return db
    .select({
      id: departments.id,
      parentId: departments.parentId,
      name: departments.name,
      sortOrder: departments.sortOrder,
      personnelCount: sql<number>`coalesce(${people.n}, 0)::int`,
      adminCount: sql<number>`coalesce(${adm.n}, 0)::int`,
    })
    .from(departments)
    .leftJoin(people, eq(people.d, departments.id))
    .leftJoin(adm, eq(adm.d, departments.id))
    .where(eq(departments.orgId, orgId))
    .orderBy(departments.sortOrder, departments.id);
}

/** A department of the actor's own organisation, or 404. */
export async function ownDepartment(db: Db, orgId: number, id: number) {
  const [d] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.orgId, orgId)))
    .limit(1);
  if (!d) throw new NotFoundError('部门');
  return d;
}

async function assertUniqueName(db: Db, orgId: number, parentId: number | null, name: string, selfId?: number) {
  const rows = await db
    .select({ id: departments.id })
    .from(departments)
    .where(
      and(
        eq(departments.orgId, orgId),
        eq(departments.name, name),
        parentId == null ? isNull(departments.parentId) : eq(departments.parentId, parentId),
      ),
    );
  if (rows.some((r) => r.id !== selfId)) throw new ConflictError('同一上级下已存在同名部门');
}

export async function createDepartment(deps: AppDeps, req: FastifyRequest, actor: Actor, body: { name: string; parentId: number | null }) {
  return deps.database.db.transaction(async (tx) => {
    if (body.parentId != null) await ownDepartment(tx, actor.org.id, body.parentId);
    await assertUniqueName(tx, actor.org.id, body.parentId, body.name);
    const [d] = await tx.insert(departments).values({ orgId: actor.org.id, parentId: body.parentId, name: body.name }).returning();
    await writeAudit(tx, req, { action: 'department.create', targetType: 'department', targetId: d!.id, detail: { after: body } });
    return d!;
  });
}

export async function updateDepartment(
  deps: AppDeps,
  req: FastifyRequest,
  actor: Actor,
  id: number,
  body: { name?: string; parentId?: number | null },
) {
  return deps.database.db.transaction(async (tx) => {
    const before = await ownDepartment(tx, actor.org.id, id);
    const parentId = body.parentId === undefined ? before.parentId : body.parentId;
    const name = body.name ?? before.name;
    if (parentId != null) {
      // Moving under itself or one of its descendants would make a cycle.
      const all = await tx
        .select({ id: departments.id, parentId: departments.parentId })
        .from(departments)
        .where(eq(departments.orgId, actor.org.id));
      await ownDepartment(tx, actor.org.id, parentId);
      const byId = new Map(all.map((d) => [d.id, d.parentId]));
      for (let cur: number | null | undefined = parentId; cur != null; cur = byId.get(cur)) {
        if (cur === id) throw new BadRequestError('上级：不能移动到自身或其下级部门之下', { field: 'parentId' });
      }
    }
    await assertUniqueName(tx, actor.org.id, parentId, name, id);
    const [after] = await tx.update(departments).set({ name, parentId }).where(eq(departments.id, id)).returning();
    await writeAudit(tx, req, {
      action: 'department.update',
      targetType: 'department',
      targetId: id,
      detail: { before: { name: before.name, parentId: before.parentId }, after: { name, parentId } },
    });
    return after!;
  });
}

export async function removeDepartment(deps: AppDeps, req: FastifyRequest, actor: Actor, id: number) {
  await deps.database.db.transaction(async (tx) => {
    const d = await ownDepartment(tx, actor.org.id, id);
    const [children] = await tx.select({ n: count() }).from(departments).where(eq(departments.parentId, id));
    if (children!.n > 0) throw new ConflictError('该部门下还有下级部门，请先删除或移走下级部门');
    const [p] = await tx.select({ n: count() }).from(personnel).where(eq(personnel.departmentId, id));
    const [a] = await tx
      .select({ n: count() })
      .from(admins)
      .where(and(eq(admins.departmentId, id), isNull(admins.removedAt)));
    if (p!.n + a!.n > 0) throw new ConflictError(`该部门下还有${p!.n + a!.n}名人员，不能删除`);
    await tx.delete(departments).where(eq(departments.id, id));
    await writeAudit(tx, req, {
      action: 'department.delete',
      targetType: 'department',
      targetId: id,
      detail: { before: { name: d.name, parentId: d.parentId } },
    });
  });
}
