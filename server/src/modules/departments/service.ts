/** 管理内设部门: an organisation's internal departments as a tree (the actor's own organisation only). */
import { and, eq, isNull, sql, count } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { admins, departments, personnel } from '../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';

/** The organisation's departments with their personnel and admin counts, in sort order. */
export async function listDepartments(ctx: ServiceContext) {
  const { db } = ctx;
  const orgId = ctx.actor.org.id;
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

/** Each department with its full name path ("办公室 / 档案组"), in tree order: the tree flattened for the export's sheet. */
export async function departmentSheet(ctx: ServiceContext) {
  const rows = await listDepartments(ctx);
  const out: ((typeof rows)[number] & { path: string })[] = [];
  const walk = (parentId: number | null, prefix: string) => {
    for (const r of rows.filter((x) => x.parentId === parentId)) {
      const path = prefix ? `${prefix} / ${r.name}` : r.name;
      out.push({ ...r, path });
      walk(r.id, path);
    }
  };
  walk(null, '');
  return out;
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

/** How many rows a `count()` query found. */
const counted = ([r]: { n: number }[]) => r?.n ?? 0;

export async function createDepartment(ctx: ServiceContext, body: { name: string; parentId: number | null }) {
  const orgId = ctx.actor.org.id;
  return ctx.db.transaction(async (tx) => {
    if (body.parentId != null) await ownDepartment(tx, orgId, body.parentId);
    await assertUniqueName(tx, orgId, body.parentId, body.name);
    const d = (await tx.insert(departments).values({ orgId, parentId: body.parentId, name: body.name }).returning())[0]!;
    await ctx.audit({ action: 'department.create', targetType: 'department', targetId: d.id, detail: { after: body } }, tx);
    return d;
  });
}

export async function updateDepartment(ctx: ServiceContext, id: number, body: { name?: string; parentId?: number | null }) {
  const orgId = ctx.actor.org.id;
  return ctx.db.transaction(async (tx) => {
    const before = await ownDepartment(tx, orgId, id);
    const parentId = body.parentId === undefined ? before.parentId : body.parentId;
    const name = body.name ?? before.name;
    if (parentId != null) {
      // Moving under itself or one of its descendants would make a cycle.
      const all = await tx.select({ id: departments.id, parentId: departments.parentId }).from(departments).where(eq(departments.orgId, orgId));
      await ownDepartment(tx, orgId, parentId);
      const byId = new Map(all.map((d) => [d.id, d.parentId]));
      for (let cur: number | null | undefined = parentId; cur != null; cur = byId.get(cur)) {
        if (cur === id) throw new BadRequestError('上级：不能移动到自身或其下级部门之下', { field: 'parentId' });
      }
    }
    await assertUniqueName(tx, orgId, parentId, name, id);
    const [after] = await tx.update(departments).set({ name, parentId }).where(eq(departments.id, id)).returning();
    if (!after) throw new NotFoundError('部门');
    await ctx.audit(
      {
        action: 'department.update',
        targetType: 'department',
        targetId: id,
        detail: { before: { name: before.name, parentId: before.parentId }, after: { name, parentId } },
      },
      tx,
    );
    return after;
  });
}

export async function removeDepartment(ctx: ServiceContext, id: number) {
  const orgId = ctx.actor.org.id;
  await ctx.db.transaction(async (tx) => {
    const d = await ownDepartment(tx, orgId, id);
    const children = counted(await tx.select({ n: count() }).from(departments).where(eq(departments.parentId, id)));
    if (children > 0) throw new ConflictError('该部门下还有下级部门，请先删除或移走下级部门');
    const people = counted(await tx.select({ n: count() }).from(personnel).where(eq(personnel.departmentId, id)));
    const seats = counted(
      await tx
        .select({ n: count() })
        .from(admins)
        .where(and(eq(admins.departmentId, id), isNull(admins.removedAt))),
    );
    if (people + seats > 0) throw new ConflictError(`该部门下还有${people + seats}名人员，不能删除`);
    await tx.delete(departments).where(eq(departments.id, id));
    await ctx.audit(
      { action: 'department.delete', targetType: 'department', targetId: id, detail: { before: { name: d.name, parentId: d.parentId } } },
      tx,
    );
  });
  return { ok: true as const };
}
