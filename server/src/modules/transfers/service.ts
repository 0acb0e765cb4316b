/**
 * 人员调转. The person's current organisation (an employer, or an HR/authority for personnel directly under it)
 * starts 调出; the target organisation confirms (确认调转) or refuses under 人员调入审核; only then does the person
 * move — their hour history is keyed by the person and moves with them. At most one open transfer per person.
 */
import { and, count, desc, eq, ilike, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { TITLE_LEVELS, TITLE_SERIES, type transferPerson, type TransferStatus } from '@hbzsgx/domain';
import type { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { departments, organizations, personnel, transfers, users } from '../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { escapeLike } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests } from '../../lib/self-review.js';
import type { Actor } from '../../plugins/access.js';

type TransferPerson = z.output<typeof transferPerson>;

const fromOrg = alias(organizations, 'from_org');
const toOrg = alias(organizations, 'to_org');

/**
 * A transfer is the source organisation's request about a person (lib/self-review.ts): neither the person, nor whoever
 * filed it, nor anyone acting for the source (a seat there) confirms or refuses it on the target's behalf.
 */
const SUBJECTS = { org: transfers.fromOrgId, person: transfers.personnelId, requester: transfers.createdBy };
/** Transfers waiting for (or decided by) the actor's organisation as the target: 人员调入审核 and its 待办 count. */
export const incomingFor = (actor: Actor) => and(eq(transfers.toOrgId, actor.org.id), notOwnRequest(actor, SUBJECTS))!;

/** 待办事项: transfers waiting for the actor's organisation to confirm or refuse. */
export async function countIncoming(db: Db, actor: Actor) {
  const [r] = await db
    .select({ n: count() })
    .from(transfers)
    .where(and(incomingFor(actor), eq(transfers.status, 'pending')));
  return r!.n;
}

/** A person of the actor's own organisation, with the data the 调出 form fills in. */
export const ownPerson = (ctx: ServiceContext, personnelId: number) => personOf(ctx.db, ctx.actor, personnelId);

async function personOf(db: Db, actor: Actor, personnelId: number): Promise<TransferPerson> {
  const [row] = await db
    .select({ p: personnel, u: users, departmentName: departments.name })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .leftJoin(departments, eq(departments.id, personnel.departmentId))
    .where(and(eq(personnel.id, personnelId), eq(personnel.orgId, actor.org.id), eq(personnel.status, 'active')));
  if (!row) throw new NotFoundError('人员');
  return {
    personnelId: row.p.id,
    name: row.u.name,
    idNumberMasked: row.u.idNumberMasked,
    gender: row.u.gender,
    birthDate: row.u.birthDate,
    departmentId: row.p.departmentId,
    departmentName: row.departmentName,
    titleSeriesName: TITLE_SERIES.find((s) => s.code === row.p.titleSeries)?.name ?? '',
    titleLevelName: TITLE_LEVELS[row.p.titleLevel as keyof typeof TITLE_LEVELS] ?? '',
    titleName: row.p.titleName,
  };
}

/** 选择调出人员: active people of the own organisation by name (at most 50). */
export async function searchOwnPeople(ctx: ServiceContext, keyword: string) {
  const { actor } = ctx;
  const items = await ctx.db
    .select({ personnelId: personnel.id, name: users.name, idNumberMasked: users.idNumberMasked, departmentName: departments.name })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .leftJoin(departments, eq(departments.id, personnel.departmentId))
    .where(
      and(eq(personnel.orgId, actor.org.id), eq(personnel.status, 'active'), keyword ? ilike(users.name, `%${escapeLike(keyword)}%`) : undefined),
    )
    .orderBy(users.name)
    .limit(50);
  return { items };
}

/** 发起调出: one open transfer per person (the partial unique index backs the check). */
export async function createTransfer(ctx: ServiceContext, body: { personnelId: number; toOrgId: number; reason: string; transferDate: string }) {
  const { db, actor } = ctx;
  const person = await personOf(db, actor, body.personnelId);
  if (body.toOrgId === actor.org.id) throw new BadRequestError('调入单位：不能调转到本单位', { field: 'toOrgId' });
  const [target] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, body.toOrgId), eq(organizations.status, 'active')));
  if (!target) throw new NotFoundError('调入单位');
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: transfers.id })
      .from(transfers)
      .where(and(eq(transfers.personnelId, person.personnelId), eq(transfers.status, 'pending')));
    if (open) throw new ConflictError('该人员已有一条未完成的调转，不能重复发起', 'OPEN_TRANSFER');
    const [t] = await tx
      .insert(transfers)
      .values({
        personnelId: person.personnelId,
        fromOrgId: actor.org.id,
        fromDepartmentId: person.departmentId,
        toOrgId: target.id,
        reason: body.reason,
        transferDate: body.transferDate,
        snapshot: person,
        createdBy: actor.userId,
      })
      .returning();
    await ctx.audit(
      { action: 'transfer.create', targetType: 'transfer', targetId: t!.id, detail: { personnelId: person.personnelId, toOrgId: target.id } },
      tx,
    );
    return t!;
  });
}

type Decision = { kind: 'confirm'; departmentId: number | null } | { kind: 'refuse'; reason: string } | { kind: 'cancel' };

/** 确认调转 / 拒绝调入 (the target) or 撤回 (the source), guarded by the pending state inside one transaction. */
export async function decideTransfer(ctx: ServiceContext, id: number, d: Decision) {
  const { actor } = ctx;
  // confirming or refusing is the target's review; withdrawing is the source's own act
  if (d.kind !== 'cancel')
    await refuseOwnRequests(ctx, {
      table: transfers,
      id: transfers.id,
      ids: [id],
      subjects: SUBJECTS,
      targetType: 'transfer',
    });
  return ctx.db.transaction(async (tx) => {
    const [t] = await tx.select().from(transfers).where(eq(transfers.id, id)).for('update');
    const mine = d.kind === 'cancel' ? t?.fromOrgId === actor.org.id : t?.toOrgId === actor.org.id;
    if (!t || !mine) throw new NotFoundError('调转记录');
    if (t.status !== 'pending') throw new ConflictError('该调转已处理，请刷新后查看', 'ALREADY_DECIDED');
    const now = ctx.now();
    if (d.kind === 'confirm') {
      if (d.departmentId != null) {
        const [dep] = await tx
          .select()
          .from(departments)
          .where(and(eq(departments.id, d.departmentId), eq(departments.orgId, actor.org.id)));
        if (!dep) throw new NotFoundError('部门');
      }
      // the person moves only now, and only if still where the transfer found them
      const moved = await tx
        .update(personnel)
        .set({ orgId: t.toOrgId, departmentId: d.departmentId })
        .where(and(eq(personnel.id, t.personnelId), eq(personnel.orgId, t.fromOrgId)))
        .returning({ id: personnel.id });
      if (!moved.length) throw new ConflictError('该人员已不在调出单位，无法确认调转');
      await tx
        .update(transfers)
        .set({ status: 'confirmed', toDepartmentId: d.departmentId, decidedBy: actor.userId, decidedAt: now })
        .where(eq(transfers.id, id));
    } else if (d.kind === 'refuse') {
      await tx
        .update(transfers)
        .set({ status: 'refused', refuseReason: d.reason, decidedBy: actor.userId, decidedAt: now })
        .where(eq(transfers.id, id));
    } else {
      await tx.update(transfers).set({ status: 'cancelled', decidedBy: actor.userId, decidedAt: now }).where(eq(transfers.id, id));
    }
    await ctx.audit(
      { action: `transfer.${d.kind}`, targetType: 'transfer', targetId: id, detail: d.kind === 'refuse' ? { reason: d.reason } : undefined },
      tx,
    );
    return { ok: true as const };
  });
}

export type TransferListQuery = {
  direction: 'in' | 'out' | 'all';
  status?: TransferStatus | 'done';
  keyword?: string;
  page: number;
  pageSize: number;
};

/** 调转记录 / 人员调入审核: the one query behind the list and its export (incoming never shows one's own request). */
export async function listTransfers(ctx: ServiceContext, q: TransferListQuery) {
  const { db, actor } = ctx;
  const dir =
    q.direction === 'in'
      ? incomingFor(actor)
      : q.direction === 'out'
        ? eq(transfers.fromOrgId, actor.org.id)
        : or(incomingFor(actor), eq(transfers.fromOrgId, actor.org.id));
  const where = and(
    dir,
    q.status === 'done' ? inArray(transfers.status, ['confirmed', 'refused', 'cancelled']) : q.status ? eq(transfers.status, q.status) : undefined,
    q.keyword ? ilike(users.name, `%${escapeLike(q.keyword)}%`) : undefined,
  );
  // 共 N 条 from the transfers alone unless 姓名 filters (every transfer has its person: the joins change no count)
  const counted = db.select({ n: count() }).from(transfers).$dynamic();
  // (the count and the page's rows at once: independent statements, docs/decisions.md 2026-12-06)
  const [[total], rows] = await Promise.all([
    (q.keyword
      ? counted.innerJoin(personnel, eq(personnel.id, transfers.personnelId)).innerJoin(users, eq(users.id, personnel.userId))
      : counted
    ).where(where),
    db
      .select({
        t: transfers,
        name: users.name,
        idNumberMasked: users.idNumberMasked,
        fromOrgName: fromOrg.name,
        toOrgName: toOrg.name,
      })
      .from(transfers)
      .innerJoin(personnel, eq(personnel.id, transfers.personnelId))
      .innerJoin(users, eq(users.id, personnel.userId))
      .innerJoin(fromOrg, eq(fromOrg.id, transfers.fromOrgId))
      .innerJoin(toOrg, eq(toOrg.id, transfers.toOrgId))
      .where(where)
      .orderBy(desc(transfers.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  ]);
  return {
    total: total!.n,
    items: rows.map(({ t, ...x }) => ({
      id: t.id,
      personnelId: t.personnelId,
      ...x,
      reason: t.reason,
      transferDate: t.transferDate,
      status: t.status,
      refuseReason: t.refuseReason,
      createdAt: t.createdAt,
      decidedAt: t.decidedAt,
      // written by createTransfer from personOf()
      snapshot: t.snapshot as TransferPerson,
      direction: t.toOrgId === actor.org.id ? ('in' as const) : ('out' as const),
    })),
  };
}
