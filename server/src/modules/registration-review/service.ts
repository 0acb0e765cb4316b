/**
 * 注册审核管理: five queues. Who may decide (see registration/service.ts): the registrant's chosen superior
 * (organisations) or own organisation (personnel), and any HR department whose jurisdiction contains it.
 * Decisions are guarded by the expected state (status = 'pending') inside one transaction: exactly one of two
 * concurrent reviewers wins, the other gets 409.
 */
import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, ne, or, sql, type Column, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { maskPhone, ORG_TYPES, TITLE_LEVELS, TITLE_SERIES, type IdType, type ReviewKind } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { admins, departments, divisions, organizations, personnel, users } from '../../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { escapeLike, jurisdiction, REGION_KEYS, requireAccess } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests } from '../../lib/self-review.js';
import { boundedCount } from '../../lib/paging.js';
import { nameContains, orgIdsNamed } from '../../lib/name-search.js';
import type { Actor } from '../../plugins/access.js';

const parent = alias(organizations, 'parent');
const employer = alias(organizations, 'employer');

/** What a registration is about: the organisation registering, or the person (lib/self-review.ts). */
const ORG_SUBJECTS = { org: organizations.id };
const PERSON_SUBJECTS = { person: personnel.id };

/**
 * Registrations of organisations the actor may decide: its direct children, or (HR) anything in its subtree — by the
 * organisations' jurisdiction keys (lib/scope.ts region), as the personnel queue; never its own.
 */
function orgReviewScope(actor: Actor): SQL {
  const j = jurisdiction(actor);
  return and(
    j.isHr ? j.regionBelow(REGION_KEYS.organizations) : eq(organizations.parentId, actor.org.id),
    ne(organizations.id, actor.org.id),
    notOwnRequest(actor, ORG_SUBJECTS),
  )!;
}
/**
 * Registrations of personnel the actor may decide: its own organisation's, or (HR) anyone's in its subtree — by the
 * person's jurisdiction keys (lib/scope.ts region), so a county's or city's queue is an index range; never the
 * actor's own.
 */
function personnelReviewScope(actor: Actor): SQL {
  const j = jurisdiction(actor);
  return and(j.isHr ? j.regionBelow(REGION_KEYS.personnel) : eq(personnel.orgId, actor.org.id), notOwnRequest(actor, PERSON_SUBJECTS)) ?? sql`true`;
}

const tabCond = (status: Column, reviewedAt: Column, tab: 'pending' | 'done') =>
  tab === 'pending' ? eq(status, 'pending') : and(inArray(status, ['active', 'rejected']), isNotNull(reviewedAt));

export interface QueueQuery {
  tab: 'pending' | 'done';
  keyword?: string;
  page: number;
  pageSize: number;
}

/** The one query behind the queue's list, export and 待办 count. */
export const listQueue = (ctx: ServiceContext, kind: ReviewKind, q: QueueQuery) => queueRows(ctx.db, ctx.actor, kind, q);

async function queueRows(db: Db, actor: Actor, kind: ReviewKind, q: QueueQuery) {
  const offset = (q.page - 1) * q.pageSize;
  if (kind === 'personnel') {
    const where = and(
      personnelReviewScope(actor),
      tabCond(personnel.status, personnel.reviewedAt, q.tab),
      q.keyword
        ? sql`(EXISTS (SELECT 1 FROM users u WHERE u.id = ${personnel.userId} AND ${nameContains(sql`u.name`, q.keyword)})
            OR ${personnel.orgId} = ANY(${orgIdsNamed(q.keyword)}))`
        : undefined,
    );
    const order = q.tab === 'pending' ? [personnel.createdAt, personnel.id] : [desc(personnel.reviewedAt), desc(personnel.id)];
    // the page's ids from the tab's index alone, then their columns for those rows only
    const ids = db
      .select({ id: personnel.id })
      .from(personnel)
      .where(where)
      .orderBy(...order)
      .limit(q.pageSize)
      .offset(offset);
    // the count and the page's rows at once (independent statements: docs/decisions.md 2026-12-06)
    const [total, rows] = await Promise.all([
      boundedCount(
        db,
        db
          .select({ one: sql`1` })
          .from(personnel)
          .where(where)
          .$dynamic(),
      ),
      db
        .select({
          id: personnel.id,
          name: users.name,
          idNumberMasked: users.idNumberMasked,
          phoneMasked: users.phoneMasked,
          orgName: employer.name,
          departmentName: departments.name,
          titleSeries: personnel.titleSeries,
          titleLevel: personnel.titleLevel,
          status: personnel.status,
          rejectReason: personnel.rejectReason,
          createdAt: personnel.createdAt,
          reviewedAt: personnel.reviewedAt,
          reviewedBy: personnel.reviewedBy,
        })
        .from(personnel)
        .innerJoin(users, eq(users.id, personnel.userId))
        .innerJoin(employer, eq(employer.id, personnel.orgId))
        .leftJoin(departments, eq(departments.id, personnel.departmentId))
        .where(inArray(personnel.id, ids))
        .orderBy(...order),
    ]);
    return {
      total: total.total,
      totalCapped: total.capped,
      items: rows.map((r) => ({
        ...r,
        reviewerName: r.orgName,
        titleSeriesName: TITLE_SERIES.find((s) => s.code === r.titleSeries)?.name ?? '',
        titleLevelName: TITLE_LEVELS[r.titleLevel as keyof typeof TITLE_LEVELS] ?? '',
      })),
    };
  }
  const where = and(
    eq(organizations.type, kind),
    orgReviewScope(actor),
    tabCond(organizations.status, organizations.reviewedAt, q.tab),
    q.keyword ? or(ilike(organizations.name, `%${escapeLike(q.keyword)}%`), eq(organizations.creditCode, q.keyword.toUpperCase())) : undefined,
  );
  const [[total], rows] = await Promise.all([
    db.select({ n: count() }).from(organizations).where(where),
    db
      .select({
        id: organizations.id,
        name: organizations.name,
        creditCode: organizations.creditCode,
        type: organizations.type,
        hrLevel: organizations.hrLevel,
        divisionName: divisions.name,
        parentName: parent.name,
        contactName: organizations.contactName,
        contactPhone: organizations.contactPhone,
        address: organizations.address,
        status: organizations.status,
        rejectReason: organizations.rejectReason,
        createdAt: organizations.createdAt,
        reviewedAt: organizations.reviewedAt,
        reviewedBy: organizations.reviewedBy,
      })
      .from(organizations)
      .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
      .leftJoin(parent, eq(parent.id, organizations.parentId))
      .where(where)
      .orderBy(q.tab === 'pending' ? organizations.createdAt : desc(organizations.reviewedAt))
      .limit(q.pageSize)
      .offset(offset),
  ]);
  // the contact's phone is a person's number: masked here as everywhere (the full one: registrationIdentity, pii.view)
  return {
    total: total!.n,
    items: rows.map((r) => ({ ...r, contactPhone: maskPhone(r.contactPhone), typeName: ORG_TYPES[r.type], reviewerName: r.parentName })),
  };
}

export async function countPending(db: Db, actor: Actor, kind: ReviewKind): Promise<number> {
  return (await queueRows(db, actor, kind, { tab: 'pending', page: 1, pageSize: 1 })).total;
}

/** Approve or reject registrations, one or many, in one transaction. */
export async function decide(ctx: ServiceContext, kind: ReviewKind, body: { ids: number[]; decision: 'approve' | 'reject'; reason: string }) {
  const { actor } = ctx;
  const status = body.decision === 'approve' ? ('active' as const) : ('rejected' as const);
  const set = { status, rejectReason: body.decision === 'reject' ? body.reason : null, reviewedAt: ctx.now(), reviewedBy: actor.userId };
  await refuseOwnRequests(
    ctx,
    kind === 'personnel'
      ? { table: personnel, id: personnel.id, ids: body.ids, subjects: PERSON_SUBJECTS, targetType: 'personnel' }
      : {
          table: organizations,
          id: organizations.id,
          ids: body.ids,
          subjects: ORG_SUBJECTS,
          where: eq(organizations.type, kind),
          targetType: 'organization',
        },
  );
  return ctx.db.transaction(async (tx) => {
    let done: number[];
    let inScope: number[];
    if (kind === 'personnel') {
      const visible = await tx
        .select({ id: personnel.id, status: personnel.status })
        .from(personnel)
        .innerJoin(employer, eq(employer.id, personnel.orgId))
        .where(and(inArray(personnel.id, body.ids), personnelReviewScope(actor)));
      inScope = requireAccess(visible, body.ids, '注册记录');
      done = (
        await tx
          .update(personnel)
          .set(set)
          .where(and(inArray(personnel.id, inScope), eq(personnel.status, 'pending')))
          .returning({ id: personnel.id })
      ).map((r) => r.id);
    } else {
      const visible = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(inArray(organizations.id, body.ids), eq(organizations.type, kind), orgReviewScope(actor)));
      inScope = requireAccess(visible, body.ids, '注册记录');
      done = (
        await tx
          .update(organizations)
          .set({ ...set, updatedAt: ctx.now() })
          .where(and(inArray(organizations.id, inScope), eq(organizations.status, 'pending')))
          .returning({ id: organizations.id })
      ).map((r) => r.id);
    }
    if (!done.length) throw new ConflictError('所选注册已被处理，请刷新后查看', 'ALREADY_DECIDED');
    for (const id of done) {
      await ctx.audit(
        {
          action: body.decision === 'approve' ? 'registration.approve' : 'registration.reject',
          targetType: kind === 'personnel' ? 'personnel' : 'organization',
          targetId: id,
          detail: body.decision === 'reject' ? { reason: body.reason } : undefined,
        },
        tx,
      );
    }
    return { done: done.length, skipped: body.ids.length - done.length };
  });
}

export async function detail(ctx: ServiceContext, kind: ReviewKind, id: number) {
  const { db, actor } = ctx;
  if (kind === 'personnel') {
    const [row] = await db
      .select({ p: personnel, u: users, orgName: employer.name, departmentName: departments.name })
      .from(personnel)
      .innerJoin(users, eq(users.id, personnel.userId))
      .innerJoin(employer, eq(employer.id, personnel.orgId))
      .leftJoin(departments, eq(departments.id, personnel.departmentId))
      .where(and(eq(personnel.id, id), personnelReviewScope(actor)));
    if (!row) throw new NotFoundError('注册记录');
    return {
      id,
      name: row.u.name,
      idNumberMasked: row.u.idNumberMasked,
      phoneMasked: row.u.phoneMasked,
      email: row.u.email,
      gender: row.u.gender,
      birthDate: row.u.birthDate,
      orgName: row.orgName,
      departmentName: row.departmentName,
      titleSeriesName: TITLE_SERIES.find((s) => s.code === row.p.titleSeries)?.name ?? '',
      titleLevelName: TITLE_LEVELS[row.p.titleLevel as keyof typeof TITLE_LEVELS] ?? '',
      titleName: row.p.titleName,
      titleDate: row.p.titleDate,
      education: row.p.education,
      status: row.p.status,
      rejectReason: row.p.rejectReason,
      createdAt: row.p.createdAt,
      reviewedAt: row.p.reviewedAt,
    };
  }
  const [row] = await db
    .select({ o: organizations, parentName: parent.name, divisionName: divisions.name })
    .from(organizations)
    .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .where(and(eq(organizations.id, id), eq(organizations.type, kind), orgReviewScope(actor)));
  if (!row) throw new NotFoundError('注册记录');
  const { path: _path, ...o } = row.o;
  const [registrant] = await db
    .select({ name: users.name, idNumberMasked: users.idNumberMasked, phoneMasked: users.phoneMasked, email: users.email })
    .from(admins)
    .innerJoin(users, eq(users.id, admins.userId))
    .where(and(eq(admins.orgId, o.id), eq(admins.isSuper, true), isNull(admins.removedAt)));
  return {
    ...o,
    contactPhone: maskPhone(o.contactPhone),
    typeName: ORG_TYPES[o.type],
    parentName: row.parentName,
    divisionName: row.divisionName,
    registrant: registrant ?? null,
  };
}

/**
 * 查看完整: the full 联系电话 and the registrant's 证件号/手机号 of a registration the actor may review (the same scope as
 * the queue). Needs pii.view (the route) beside reg.review; every view is audited as an unmasked view.
 */
export async function registrationIdentity(ctx: ServiceContext, kind: ReviewKind, id: number) {
  const { db, actor } = ctx;
  if (!actor.permissions.has('reg.review')) throw new ForbiddenError();
  let user: typeof users.$inferSelect | undefined;
  let contactPhone: string | null = null;
  if (kind === 'personnel') {
    const [row] = await db
      .select({ u: users })
      .from(personnel)
      .innerJoin(users, eq(users.id, personnel.userId))
      .innerJoin(employer, eq(employer.id, personnel.orgId))
      .where(and(eq(personnel.id, id), personnelReviewScope(actor)));
    if (!row) throw new NotFoundError('注册记录');
    user = row.u;
  } else {
    const [o] = await db
      .select({ id: organizations.id, contactPhone: organizations.contactPhone })
      .from(organizations)
      .where(and(eq(organizations.id, id), eq(organizations.type, kind), orgReviewScope(actor)));
    if (!o) throw new NotFoundError('注册记录');
    contactPhone = o.contactPhone;
    [user] = await db
      .select()
      .from(admins)
      .innerJoin(users, eq(users.id, admins.userId))
      .where(and(eq(admins.orgId, o.id), eq(admins.isSuper, true), isNull(admins.removedAt)))
      .then((rs) => rs.map((r) => r.users));
  }
  await ctx.audit({
    action: 'pii.view',
    targetType: kind === 'personnel' ? 'personnel' : 'organization',
    targetId: id,
    detail: {
      fields: [...(contactPhone != null ? ['contactPhone'] : []), ...(user ? ['idNumber', 'phone'] : [])],
      via: 'registration',
      userId: user?.id ?? null,
    },
  });
  return {
    contactPhone,
    registrant: user
      ? {
          name: user.name,
          idType: user.idType as IdType,
          idNumber: ctx.deps.pii.decrypt(user.idNumberEnc),
          phone: user.phoneEnc ? ctx.deps.pii.decrypt(user.phoneEnc) : '',
        }
      : null,
  };
}
