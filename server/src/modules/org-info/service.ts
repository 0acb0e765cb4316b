/** 基本信息管理: an organisation's own info; changes go to the superior's review (change-review), the province HR edits directly. */
import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ORG_TYPES, HR_LEVELS, ORG_STATUSES, orgInfoValues } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { changeRequests, divisions, organizations } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { submitOrgInfoChange } from '../change-review/service.js';

const parent = alias(organizations, 'parent');

/** One organisation with display names (caller has already scoped the id). */
export async function getOrgInfo(db: Db, orgId: number) {
  const [row] = await db
    .select({ o: organizations, divisionName: divisions.name, parentName: parent.name })
    .from(organizations)
    .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .where(eq(organizations.id, orgId))
    .limit(1);
  if (!row) throw new NotFoundError('机构');
  const o = row.o;
  const [pending] = await db
    .select({ after: changeRequests.after })
    .from(changeRequests)
    .where(and(eq(changeRequests.orgId, orgId), eq(changeRequests.kind, 'org_info'), eq(changeRequests.status, 'pending')));
  return {
    // written from orgInfoBody by submitOrgInfoChange; read back through the same shape (a stray key is dropped)
    pendingChange: pending ? orgInfoValues.parse(pending.after) : null,
    id: o.id,
    type: o.type,
    typeName: ORG_TYPES[o.type],
    hrLevel: o.hrLevel,
    hrLevelName: o.hrLevel ? HR_LEVELS[o.hrLevel] : null,
    name: o.name,
    creditCode: o.creditCode,
    divisionCode: o.divisionCode,
    divisionName: row.divisionName,
    parentId: o.parentId,
    parentName: row.parentName,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    address: o.address,
    status: o.status,
    statusName: ORG_STATUSES[o.status],
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** 本单位基本信息. */
export function ownOrgInfo(ctx: ServiceContext) {
  return getOrgInfo(ctx.db, ctx.actor.org.id);
}

/** 修改单位信息: goes to the superior's 机构信息修改审核; only the province HR (no superior) edits directly. */
export async function updateOrgInfo(ctx: ServiceContext, body: { name: string; contactName: string; contactPhone: string; address: string }) {
  const { actor } = ctx;
  const [clash] = await ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.name, body.name), eq(organizations.type, actor.org.type)));
  if (clash && clash.id !== actor.org.id) throw new ConflictError('已存在同名同类型的机构');
  const request = await submitOrgInfoChange(ctx, body);
  if (request) return { ...(await getOrgInfo(ctx.db, actor.org.id)), applied: false, requestId: request.id };
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, actor.org.id)).for('update');
    if (!before) throw new NotFoundError('机构');
    const [clash] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.name, body.name), eq(organizations.type, before.type)))
      .limit(2);
    if (clash && clash.id !== before.id) throw new ConflictError('已存在同名同类型的机构');
    await tx
      .update(organizations)
      .set({ ...body, updatedAt: ctx.now() })
      .where(eq(organizations.id, actor.org.id));
    const pick = (o: typeof before) => ({ name: o.name, contactName: o.contactName, contactPhone: o.contactPhone, address: o.address });
    await ctx.audit(
      { action: 'org.info.update', targetType: 'organization', targetId: actor.org.id, detail: { before: pick(before), after: body } },
      tx,
    );
    return { ...(await getOrgInfo(tx, actor.org.id)), applied: true, requestId: null };
  });
}
