/**
 * 变更审核管理. Changes wait for review while the current data stays in force:
 *  - title: a person's 专业技术职务, reviewed by their organisation (HR of the jurisdiction may too);
 *  - org_info: an organisation's info, reviewed by its superior (HR of the jurisdiction may too);
 *  - reparent: 更换上级部门, effective only when BOTH the former and the new superior approve; either can reject.
 *    On the second approval the organisation and its whole subtree move (materialised paths) in one transaction.
 * The three queues are one review-queue definition (queue.ts); submitting and the requester's own lists are here too.
 */
import { and, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { maskPhone, TITLE_LEVELS, TITLE_SERIES, type ChangeKind, type ChangeQueue } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { changeRequests, organizations, personnel, users } from '../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { escapeLike, jurisdiction, requireAccess, underPath } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests, type Subjects } from '../../lib/self-review.js';
import type { Actor } from '../../plugins/access.js';
import { checkParent } from '../registration/service.js';

/** The queue of each stored kind (the URL says org-info for org_info). */
export const CHANGE_KINDS: Record<ChangeQueue, ChangeKind> = { title: 'title', 'org-info': 'org_info', reparent: 'reparent' };
type Kind = ChangeKind;

const subject = alias(organizations, 'subject');
const oldParent = alias(organizations, 'old_parent');
const newParent = alias(organizations, 'new_parent');

export const FIELD_NAMES: Record<string, string> = {
  titleSeries: '职称系列',
  titleLevel: '职称级别',
  titleName: '职称名称',
  titleDate: '取得时间',
  name: '名称',
  contactName: '联系人',
  contactPhone: '联系电话',
  address: '地址',
  parentName: '上级部门',
};
function display(key: string, v: unknown): string {
  if (v == null || v === '') return '';
  if (key === 'titleSeries') return TITLE_SERIES.find((s) => s.code === v)?.name ?? String(v);
  if (key === 'titleLevel') return TITLE_LEVELS[v as keyof typeof TITLE_LEVELS] ?? String(v);
  return String(v);
}
/** What a reviewer or the requester is shown of a value: the contact's phone is a person's number, masked. */
const shown = (key: string, v: string) => (key === 'contactPhone' ? maskPhone(v) : v);
/** Old vs new, field by field, for the reviewer (changed is judged on the real values, not the masked ones). */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.keys(after)
    .filter((k) => FIELD_NAMES[k])
    .map((k) => ({
      field: k,
      label: FIELD_NAMES[k]!,
      before: shown(k, display(k, before[k])),
      after: shown(k, display(k, after[k])),
      changed: display(k, before[k]) !== display(k, after[k]),
    }));
}

// ---------- submitting ----------

export async function submitTitleChange(
  ctx: ServiceContext,
  body: { titleSeries: string; titleLevel: string; titleName: string; titleDate: string },
) {
  const { actor } = ctx;
  if (actor.kind !== 'personnel' || !actor.personnelId) throw new BadRequestError('只有专业技术人员可以修改专业技术职务');
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx.select().from(personnel).where(eq(personnel.id, actor.personnelId!)).for('update');
    const [open] = await tx
      .select({ id: changeRequests.id })
      .from(changeRequests)
      .where(and(eq(changeRequests.personnelId, p!.id), eq(changeRequests.kind, 'title'), eq(changeRequests.status, 'pending')));
    if (open) throw new ConflictError('已有一条修改申请在审核中，请等待审核结果');
    const before = { titleSeries: p!.titleSeries, titleLevel: p!.titleLevel, titleName: p!.titleName ?? '', titleDate: p!.titleDate ?? '' };
    if (JSON.stringify(before) === JSON.stringify(body)) throw new BadRequestError('没有修改任何内容');
    const [r] = await tx
      .insert(changeRequests)
      .values({
        kind: 'title',
        orgId: p!.orgId,
        personnelId: p!.id,
        before,
        after: body,
        reviewerOrgId: p!.orgId,
        createdBy: actor.userId,
      })
      .returning();
    await ctx.audit({ action: 'change.submit', targetType: 'change_request', targetId: r!.id, detail: { kind: 'title' } }, tx);
    return r!;
  });
}

/** 修改单位信息 of an organisation with a superior: a request for its review (null for the province HR, who edits directly). */
export async function submitOrgInfoChange(ctx: ServiceContext, body: { name: string; contactName: string; contactPhone: string; address: string }) {
  const { actor } = ctx;
  return ctx.db.transaction(async (tx) => {
    const [o] = await tx.select().from(organizations).where(eq(organizations.id, actor.org.id)).for('update');
    if (!o!.parentId) return null; // the province HR has no superior: edits apply directly
    const [open] = await tx
      .select({ id: changeRequests.id })
      .from(changeRequests)
      .where(
        and(
          eq(changeRequests.orgId, o!.id),
          eq(changeRequests.kind, 'org_info'),
          eq(changeRequests.status, 'pending'),
          isNull(changeRequests.personnelId),
        ),
      );
    if (open) throw new ConflictError('已有一条机构信息修改申请在审核中');
    const before = { name: o!.name, contactName: o!.contactName, contactPhone: o!.contactPhone, address: o!.address };
    const [r] = await tx
      .insert(changeRequests)
      .values({
        kind: 'org_info',
        orgId: o!.id,
        before,
        after: body,
        reviewerOrgId: o!.parentId,
        createdBy: actor.userId,
      })
      .returning();
    await ctx.audit({ action: 'change.submit', targetType: 'change_request', targetId: r!.id, detail: { kind: 'org_info', after: body } }, tx);
    return r!;
  });
}

export async function submitReparent(ctx: ServiceContext, body: { newParentId: number; reason: string }) {
  const { actor } = ctx;
  return ctx.db.transaction(async (tx) => {
    const [o] = await tx.select().from(organizations).where(eq(organizations.id, actor.org.id)).for('update');
    if (!o!.parentId) throw new BadRequestError('省级人社部门没有上级部门');
    if (o!.parentId === body.newParentId) throw new BadRequestError('新上级部门：与当前上级部门相同', { field: 'newParentId' });
    const [np] = await tx.select().from(organizations).where(eq(organizations.id, body.newParentId));
    if (!np) throw new NotFoundError('新上级部门');
    if (np.path.startsWith(o!.path)) throw new BadRequestError('新上级部门：不能选择本单位或下属机构', { field: 'newParentId' });
    const { hrLevel } = checkParent(o!.type as 'employer', np);
    if (o!.type === 'hr' && hrLevel !== o!.hrLevel)
      throw new BadRequestError('新上级部门：人社部门只能更换到同级别的上级下', { field: 'newParentId' });
    const [open] = await tx
      .select({ id: changeRequests.id })
      .from(changeRequests)
      .where(and(eq(changeRequests.orgId, o!.id), eq(changeRequests.kind, 'reparent'), eq(changeRequests.status, 'pending')));
    if (open) throw new ConflictError('已有一条更换上级部门申请在审核中');
    const [old] = await tx.select().from(organizations).where(eq(organizations.id, o!.parentId));
    const [r] = await tx
      .insert(changeRequests)
      .values({
        kind: 'reparent',
        orgId: o!.id,
        before: { parentId: o!.parentId, parentName: old!.name },
        after: { parentId: np.id, parentName: np.name },
        reason: body.reason,
        reviewerOrgId: o!.parentId,
        secondReviewerOrgId: np.id,
        createdBy: actor.userId,
      })
      .returning();
    await ctx.audit(
      {
        action: 'change.submit',
        targetType: 'change_request',
        targetId: r!.id,
        detail: { kind: 'reparent', from: o!.parentId, to: np.id },
      },
      tx,
    );
    return r!;
  });
}

/** The requester's last 20 requests, old vs new. */
async function myRequests(db: Db, where: SQL) {
  const rows = await db.select().from(changeRequests).where(where).orderBy(desc(changeRequests.id)).limit(20);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      rejectReason: r.rejectReason,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      reason: r.reason,
      reviewerDecision: r.reviewerDecision,
      secondDecision: r.secondDecision,
      changes: diff(r.before, r.after),
    })),
  };
}

/** 本人的职务修改申请 (none for an admin without a personnel profile). */
export async function myTitleChanges(ctx: ServiceContext) {
  const { personnelId } = ctx.actor;
  if (!personnelId) return { items: [] };
  return myRequests(ctx.db, and(eq(changeRequests.personnelId, personnelId), eq(changeRequests.kind, 'title'))!);
}

/** 本单位的信息修改与更换上级申请. */
export const orgChanges = (ctx: ServiceContext) =>
  myRequests(ctx.db, and(eq(changeRequests.orgId, ctx.actor.org.id), isNull(changeRequests.personnelId))!);

// ---------- reviewing ----------

/**
 * What a change request is about (lib/self-review.ts): a title change is the person's (their organisation reviews
 * it), an org-info change or a move is the organisation's; and whoever filed it never decides it either.
 */
const subjectsOf = (kind: Kind): Subjects =>
  kind === 'title'
    ? { person: changeRequests.personnelId, requester: changeRequests.createdBy }
    : { org: changeRequests.orgId, requester: changeRequests.createdBy };

/** Requests the actor may decide (never its own). HR may act on title/org-info changes anywhere in its jurisdiction. */
function reviewScope(actor: Actor, kind: Kind): SQL {
  const mine = eq(changeRequests.reviewerOrgId, actor.org.id);
  const scope =
    kind === 'reparent' ? or(mine, eq(changeRequests.secondReviewerOrgId, actor.org.id))! : or(mine, jurisdiction(actor).hrBelow(subject.path))!;
  return and(scope, notOwnRequest(actor, subjectsOf(kind)))!;
}

function pendingForMe(actor: Actor, kind: Kind): SQL {
  if (kind !== 'reparent') return eq(changeRequests.status, 'pending');
  return and(
    eq(changeRequests.status, 'pending'),
    or(
      and(eq(changeRequests.reviewerOrgId, actor.org.id), isNull(changeRequests.reviewerDecision)),
      and(eq(changeRequests.secondReviewerOrgId, actor.org.id), isNull(changeRequests.secondDecision)),
    ),
  )!;
}

type ChangeQuery = { tab: 'pending' | 'done'; keyword?: string; page: number; pageSize: number };

/** The one query behind the queue's list, export and 待办 count. */
export const listChanges = (ctx: ServiceContext, queue: ChangeQueue, q: ChangeQuery) => queueRows(ctx.db, ctx.actor, CHANGE_KINDS[queue], q);

async function queueRows(db: Db, actor: Actor, kind: Kind, q: ChangeQuery) {
  const where = and(
    eq(changeRequests.kind, kind),
    reviewScope(actor, kind),
    q.tab === 'pending' ? pendingForMe(actor, kind) : sql`not (${pendingForMe(actor, kind)})`,
    q.keyword ? or(ilike(subject.name, `%${escapeLike(q.keyword)}%`), ilike(users.name, `%${escapeLike(q.keyword)}%`)) : undefined,
  );
  const from = () =>
    db
      .select({ n: count() })
      .from(changeRequests)
      .innerJoin(subject, eq(subject.id, changeRequests.orgId))
      .leftJoin(personnel, eq(personnel.id, changeRequests.personnelId))
      .leftJoin(users, eq(users.id, personnel.userId));
  const [total] = await from().where(where);
  const rows = await db
    .select({
      r: changeRequests,
      orgName: subject.name,
      personName: users.name,
      idNumberMasked: users.idNumberMasked,
      oldParentName: oldParent.name,
      newParentName: newParent.name,
    })
    .from(changeRequests)
    .innerJoin(subject, eq(subject.id, changeRequests.orgId))
    .leftJoin(personnel, eq(personnel.id, changeRequests.personnelId))
    .leftJoin(users, eq(users.id, personnel.userId))
    .leftJoin(oldParent, eq(oldParent.id, changeRequests.reviewerOrgId))
    .leftJoin(newParent, eq(newParent.id, changeRequests.secondReviewerOrgId))
    .where(where)
    .orderBy(desc(changeRequests.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    total: total!.n,
    items: rows.map(({ r, ...x }) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      reason: r.reason,
      rejectReason: r.rejectReason,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      reviewerDecision: r.reviewerDecision,
      secondDecision: r.secondDecision,
      ...x,
      changes: diff(r.before, r.after),
    })),
  };
}

export async function countChanges(db: Db, actor: Actor, queue: ChangeQueue) {
  return (await queueRows(db, actor, CHANGE_KINDS[queue], { tab: 'pending', page: 1, pageSize: 1 })).total;
}

async function applyChange(tx: Db, r: typeof changeRequests.$inferSelect, now: Date) {
  if (r.kind === 'title') {
    const a = r.after as Record<string, string>;
    await tx
      .update(personnel)
      .set({ titleSeries: a.titleSeries, titleLevel: a.titleLevel, titleName: a.titleName || null, titleDate: a.titleDate || null })
      .where(eq(personnel.id, r.personnelId!));
  } else if (r.kind === 'org_info') {
    const a = r.after as { name: string; contactName: string; contactPhone: string; address: string };
    await tx
      .update(organizations)
      .set({ ...a, updatedAt: now })
      .where(eq(organizations.id, r.orgId));
  } else {
    await moveOrganization(tx, r.orgId, r.secondReviewerOrgId!, now);
  }
}

/**
 * 更换上级部门 applied: the organisation and everything under it move below `newParentId`, their paths rewritten in
 * the caller's transaction (and with them, by db/repeatable/regions.sql, their people's and claims' jurisdiction keys).
 */
export async function moveOrganization(tx: Db, orgId: number, newParentId: number, now: Date) {
  const [o] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).for('update');
  const [np] = await tx.select().from(organizations).where(eq(organizations.id, newParentId));
  const oldPrefix = o!.path;
  const newPrefix = `${np!.path}${o!.id}/`;
  await tx.update(organizations).set({ parentId: np!.id, updatedAt: now }).where(eq(organizations.id, o!.id));
  await tx
    .update(organizations)
    .set({ path: sql`${newPrefix} || substr(${organizations.path}, ${oldPrefix.length + 1})` })
    .where(underPath(organizations.path, oldPrefix));
}

export async function decideChanges(
  ctx: ServiceContext,
  queue: ChangeQueue,
  body: { ids: number[]; decision: 'approve' | 'reject'; reason: string },
) {
  const { actor } = ctx;
  const kind = CHANGE_KINDS[queue];
  await refuseOwnRequests(ctx, {
    table: changeRequests,
    id: changeRequests.id,
    ids: body.ids,
    subjects: subjectsOf(kind),
    where: eq(changeRequests.kind, kind),
    targetType: 'change_request',
  });
  return ctx.db.transaction(async (tx) => {
    const visible = await tx
      .select({ r: changeRequests })
      .from(changeRequests)
      .innerJoin(subject, eq(subject.id, changeRequests.orgId))
      .where(and(inArray(changeRequests.id, body.ids), eq(changeRequests.kind, kind), reviewScope(actor, kind)));
    requireAccess(
      visible.map((v) => v.r),
      body.ids,
      '变更申请',
    );
    let done = 0;
    for (const { r: seen } of visible) {
      const [r] = await tx
        .select()
        .from(changeRequests)
        .where(and(eq(changeRequests.id, seen.id), eq(changeRequests.status, 'pending')))
        .for('update');
      if (!r) continue;
      const now = ctx.now();
      if (kind === 'reparent') {
        const side =
          r.reviewerOrgId === actor.org.id && !r.reviewerDecision
            ? 'first'
            : r.secondReviewerOrgId === actor.org.id && !r.secondDecision
              ? 'second'
              : null;
        if (!side) continue;
        const set = side === 'first' ? { reviewerDecision: body.decision } : { secondDecision: body.decision };
        const both = body.decision === 'approve' && (side === 'first' ? r.secondDecision : r.reviewerDecision) === 'approve';
        const status = body.decision === 'reject' ? 'rejected' : both ? 'approved' : 'pending';
        await tx
          .update(changeRequests)
          .set({ ...set, status, rejectReason: body.decision === 'reject' ? body.reason : null, decidedAt: status === 'pending' ? null : now })
          .where(eq(changeRequests.id, r.id));
        if (both) {
          await applyChange(tx, r, now);
          await ctx.audit(
            { action: 'org.reparent', targetType: 'organization', targetId: r.orgId, detail: { before: r.before, after: r.after } },
            tx,
          );
        }
      } else {
        await tx
          .update(changeRequests)
          .set({
            status: body.decision === 'approve' ? 'approved' : 'rejected',
            reviewerDecision: body.decision,
            rejectReason: body.decision === 'reject' ? body.reason : null,
            decidedAt: now,
          })
          .where(eq(changeRequests.id, r.id));
        if (body.decision === 'approve') await applyChange(tx, r, now);
      }
      await ctx.audit(
        {
          action: body.decision === 'approve' ? 'change.approve' : 'change.reject',
          targetType: 'change_request',
          targetId: r.id,
          detail: { kind, before: r.before, after: r.after, reason: body.reason || undefined },
        },
        tx,
      );
      done++;
    }
    if (!done) throw new ConflictError('所选申请已被处理，请刷新后查看', 'ALREADY_DECIDED');
    return { done, skipped: body.ids.length - done };
  });
}
