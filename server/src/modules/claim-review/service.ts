/**
 * 学时审核 (HR; the queue is queue.ts), 学时审验 (city HR and above) and 我的学时. Queues show exactly the spec's
 * filters and columns; decisions go through the ledger's transitionClaims() so the person-year totals change in the
 * same transaction.
 */
import { and, asc, desc, eq, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { randomInt } from 'node:crypto';
import { alias } from 'drizzle-orm/pg-core';
import {
  CLAIM_STATUSES,
  LEARNING_FORMS,
  SUBJECT_TYPES,
  TITLE_SERIES,
  type ClaimSource,
  type ClaimStatus,
  type LearningForm,
  type SubjectType,
} from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { queryRows, type Db } from '../../db/client.js';
import { claims, organizations, personnel, users } from '../../db/schema.js';
import { BadRequestError, ConflictError, ForbiddenError } from '../../errors.js';
import { jurisdiction, REGION_KEYS, requireAccess } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests } from '../../lib/self-review.js';
import type { Actor } from '../../plugins/access.js';
import { personYear, transitionClaims } from '../ledger/service.js';
import { boundedCount } from '../../lib/paging.js';
import { nameContains, orgIdsNamed } from '../../lib/name-search.js';

const declarer = alias(organizations, 'declarer');
const unit = alias(organizations, 'unit');

/** A claim is about its person: an admin never reviews a claim of their own hours (lib/self-review.ts). */
export const CLAIM_SUBJECTS = { person: claims.personnelId };
/**
 * Claims an HR department reviews: declared by an organisation in its jurisdiction (by the claim's own jurisdiction
 * keys, so one index range serves a county's or city's queue: lib/scope.ts regionBelow), never the actor's own. The
 * one rule of the review lists, their exports, decisions and the 待办 counts.
 */
export const reviewScope = (actor: Actor): SQL =>
  and(jurisdiction(actor).regionBelow(REGION_KEYS.claimDeclarer), notOwnRequest(actor, CLAIM_SUBJECTS))!;
/** Claims an HR department audits: of people whose organisation is in its jurisdiction (the claim's person keys). */
const auditScope = (actor: Actor): SQL | undefined => jurisdiction(actor).regionBelow(REGION_KEYS.claimPerson);

export interface ClaimQuery {
  tab: 'pending' | 'done';
  source: ClaimSource;
  year?: number;
  name?: string;
  subjectType?: SubjectType;
  learningForm?: LearningForm;
  orgName?: string;
  baseName?: string;
  flagged?: 'true' | 'false';
  page: number;
  pageSize: number;
  /** Only these claims (still within scope and filters): the export of a drawn 随机抽查 sample. */
  ids?: number[];
  /** One unit training plan's claims (单位培训学时审核's 查看). */
  classId?: number;
}

/**
 * The filters, each on the claims row itself (so the queue's order index serves every combination): 姓名 and 所在单位
 * test the claim's person with a semi-join, 继续教育机构 is the id set of the organisations so named.
 */
function filters(q: Omit<ClaimQuery, 'tab' | 'source' | 'page' | 'pageSize'>) {
  return [
    q.ids?.length ? inArray(claims.id, q.ids) : undefined,
    q.classId ? eq(claims.classId, q.classId) : undefined,
    q.year ? eq(claims.year, q.year) : undefined,
    q.name
      ? sql`EXISTS (SELECT 1 FROM personnel p JOIN users u ON u.id = p.user_id
          WHERE p.id = ${claims.personnelId} AND ${nameContains(sql`u.name`, q.name)})`
      : undefined,
    q.subjectType ? eq(claims.subjectType, q.subjectType) : undefined,
    q.learningForm ? eq(claims.learningForm, q.learningForm) : undefined,
    q.orgName ? sql`EXISTS (SELECT 1 FROM personnel p WHERE p.id = ${claims.personnelId} AND p.org_id = ANY(${orgIdsNamed(q.orgName)}))` : undefined,
    q.baseName ? sql`${claims.declaringOrgId} = ANY(${orgIdsNamed(q.baseName)})` : undefined,
    q.flagged ? eq(claims.flagged, q.flagged === 'true') : undefined,
  ];
}

/** The bounded count (lib/paging.ts) of the claims `where` selects: the lists', the sample's and the 待办 counts'. */
const countClaims = (db: Db, where: SQL | undefined) =>
  boundedCount(
    db,
    db
      .select({ one: sql`1` })
      .from(claims)
      .where(where)
      .$dynamic(),
  );

async function page(db: Db, where: SQL | undefined, q: { page: number; pageSize: number }) {
  // the page's ids from the claims index alone (newest first), then their columns for those rows only; the count and
  // the rows are independent statements, sent at once (docs/decisions.md 2026-12-06)
  const ids = db
    .select({ id: claims.id })
    .from(claims)
    .where(where)
    .orderBy(desc(claims.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ total, capped }, rows] = await Promise.all([
    countClaims(db, where),
    db
      .select({
        id: claims.id,
        declaringOrg: declarer.name,
        className: claims.title,
        name: users.name,
        idNumberMasked: users.idNumberMasked,
        year: claims.year,
        orgName: unit.name,
        titleSeries: personnel.titleSeries,
        score: claims.score,
        hours: claims.hours,
        qualified: claims.qualified,
        status: claims.status,
        subjectType: claims.subjectType,
        learningForm: claims.learningForm,
        flagged: claims.flagged,
        flagReasons: claims.flagReasons,
        rejectReason: claims.rejectReason,
        revokeReason: claims.revokeReason,
        basis: claims.basis,
        evidenceFileId: claims.evidenceFileId,
        activityStart: claims.activityStart,
        activityEnd: claims.activityEnd,
        createdAt: claims.createdAt,
        reviewedAt: claims.reviewedAt,
        reviewedBy: claims.reviewedBy,
      })
      .from(claims)
      .innerJoin(personnel, eq(personnel.id, claims.personnelId))
      .innerJoin(users, eq(users.id, personnel.userId))
      .innerJoin(unit, eq(unit.id, personnel.orgId))
      .innerJoin(declarer, eq(declarer.id, claims.declaringOrgId))
      .where(inArray(claims.id, ids))
      .orderBy(desc(claims.id)),
  ]);
  return {
    total,
    totalCapped: capped,
    items: rows.map((r, i) => ({
      seq: (q.page - 1) * q.pageSize + i + 1,
      ...r,
      titleSeriesName: TITLE_SERIES.find((s) => s.code === r.titleSeries)?.name ?? '',
      subjectTypeName: SUBJECT_TYPES[r.subjectType],
      learningFormName: LEARNING_FORMS[r.learningForm],
      statusName: CLAIM_STATUSES[r.status],
      hasEvidence: r.evidenceFileId != null,
    })),
  };
}

/** The 学时审核 queue of one source: the one query behind its list, export and (bench/hours.bench.ts) benchmark. */
export function listClaims(db: Db, actor: Actor, q: ClaimQuery) {
  return page(db, and(reviewScope(actor), eq(claims.source, q.source), inReviewTab(q.tab), ...filters(q)), q);
}

/**
 * A claim in a review tab — 待审核: waiting; 已审核: what a reviewer decided (an unqualified score is recorded as
 * rejected without any review, so it is in neither). The predicate of the partial indexes claims_reviewed_*_idx.
 */
export const inReviewTab = (tab: 'pending' | 'done'): SQL =>
  tab === 'pending' ? eq(claims.status, 'pending') : and(inArray(claims.status, ['approved', 'rejected', 'revoked']), isNotNull(claims.reviewedBy))!;

/** 待办事项: the claims of one source waiting for this reviewer (the list's scope, without a join). */
export function countPendingClaims(db: Db, actor: Actor, source: ClaimSource) {
  return countClaims(db, and(reviewScope(actor), eq(claims.source, source), eq(claims.status, 'pending')));
}

/** What 删除 may remove: what the 学时审核 queues show (a personal claim still waiting for its unit is the unit's). */
const DELETABLE: ClaimStatus[] = ['pending', 'approved', 'rejected', 'revoked'];

/**
 * 通过 / 驳回 / 删除. A deletion always carries a reason (the route requires it): it is stored on the claim and shown to
 * the person (我的学时) and the declarer (学员成绩), like 审验不通过's; approved hours leave the person's total with it.
 */
export async function decideClaims(ctx: ServiceContext, body: { ids: number[]; decision: 'approve' | 'reject' | 'delete'; reason?: string }) {
  const { actor } = ctx;
  const to: ClaimStatus = body.decision === 'approve' ? 'approved' : body.decision === 'reject' ? 'rejected' : 'deleted';
  await refuseOwnRequests(ctx, {
    table: claims,
    id: claims.id,
    ids: body.ids,
    subjects: CLAIM_SUBJECTS,
    targetType: 'claim',
  });
  return ctx.db.transaction(async (tx) => {
    const visible = await tx
      .select({ id: claims.id })
      .from(claims)
      .where(and(inArray(claims.id, body.ids), reviewScope(actor)));
    const ids = requireAccess(visible, body.ids, '学时申报');
    const moved = await transitionClaims(tx, {
      ids,
      to,
      actorUserId: actor.userId,
      reason: body.reason,
      scope: to === 'deleted' ? inArray(claims.status, DELETABLE) : undefined,
    });
    if (!moved.length) throw new ConflictError('所选申报已被处理或当前状态不允许此操作，请刷新后查看', 'ALREADY_DECIDED');
    for (const m of moved) {
      await ctx.audit(
        {
          action: `claim.${body.decision}`,
          targetType: 'claim',
          targetId: m.id,
          detail: { from: m.from, reason: body.reason || undefined },
        },
        tx,
      );
    }
    return { done: moved.length, skipped: body.ids.length - moved.length };
  });
}

/** 学时审验: approved claims of people in the jurisdiction; `sample` picks that many at random. */
export type ClaimRow = Awaited<ReturnType<typeof page>>['items'][number];
export type AuditQuery = Omit<ClaimQuery, 'tab' | 'source'> & { sample?: number };

export async function listForAudit(ctx: ServiceContext, q: AuditQuery) {
  const { db, actor } = ctx;
  if (!jurisdiction(actor).mayAudit) throw new ForbiddenError('学时审验由市（州）及以上人社部门进行');
  const where = and(auditScope(actor), eq(claims.status, 'approved'), ...filters(q));
  if (q.sample) {
    const ids = await drawSample(db, where!, q.sample);
    return page(db, ids.length ? inArray(claims.id, ids) : sql`false`, { page: 1, pageSize: q.sample });
  }
  return page(db, where, q);
}

/**
 * 随机抽查: `n` claims drawn at random (crypto.randomInt: not guessable by those audited) from the selection. Up to
 * COUNT_CAP rows (as the bounded count says) every claim is equally likely: ORDER BY random() over at most 10,000
 * index entries. Beyond, each draw is a random point of the selection's id range and the first selected claim at or
 * after it — one index seek each, so a province's 20 M approved claims are never read and sorted; a claim right after
 * a gap in the ids is somewhat likelier, which a spot check can bear. Fewer than `n` only if the selection is smaller.
 */
export async function drawSample(db: Db, where: SQL, n: number): Promise<number[]> {
  const { capped } = await countClaims(db, where);
  const ids = (order: SQL, limit: number) =>
    db
      .select({ id: claims.id })
      .from(claims)
      .where(where)
      .orderBy(order)
      .limit(limit)
      .then((rows) => rows.map((r) => r.id));
  if (!capped) return ids(sql`random()`, n);
  const [[lo], [hi]] = await Promise.all([ids(asc(claims.id), 1), ids(desc(claims.id), 1)]);
  if (lo === undefined || hi === undefined) return [];
  const drawn = new Set<number>();
  for (let round = 0; round < 5 && drawn.size < n; round++) {
    const points = Array.from({ length: 2 * (n - drawn.size) }, () => randomInt(lo, hi + 1));
    const first = db
      .select({ id: claims.id })
      .from(claims)
      .where(and(where, sql`${claims.id} >= draw.point`))
      .orderBy(asc(claims.id))
      .limit(1);
    const rows = await queryRows<{ id: number }>(
      db,
      sql`SELECT hit.id FROM unnest(${`{${points.join(',')}}`}::int[]) AS draw(point) CROSS JOIN LATERAL (${first}) hit`,
    );
    for (const r of rows) if (drawn.size < n) drawn.add(Number(r.id));
  }
  return [...drawn];
}

export async function revokeClaims(ctx: ServiceContext, body: { ids: number[]; reason: string }) {
  const { actor } = ctx;
  if (!jurisdiction(actor).mayAudit) throw new ForbiddenError('学时审验由市（州）及以上人社部门进行');
  return ctx.db.transaction(async (tx) => {
    const visible = await tx
      .select({ id: claims.id })
      .from(claims)
      .where(and(inArray(claims.id, body.ids), auditScope(actor)));
    const ids = requireAccess(visible, body.ids, '学时申报');
    const moved = await transitionClaims(tx, { ids, to: 'revoked', actorUserId: actor.userId, reason: body.reason });
    if (!moved.length) throw new ConflictError('只有已通过的学时可以审验不通过', 'ALREADY_DECIDED');
    for (const m of moved) await ctx.audit({ action: 'claim.revoke', targetType: 'claim', targetId: m.id, detail: { reason: body.reason } }, tx);
    return { done: moved.length, skipped: body.ids.length - moved.length };
  });
}

/** 我的学时 is the signed-in person's own: an admin seat has no personnel profile to show. */
function personOf(actor: Actor): number {
  if (!actor.personnelId) throw new BadRequestError('只有专业技术人员可以查看本人学时');
  return actor.personnelId;
}

/** The person's claims of one year (本人学时明细): the list of 我的学时 and its export; a deletion made with a reason is shown with it, a withdrawal (已撤回) too. */
export async function myClaims(ctx: ServiceContext, year: number) {
  const personnelId = personOf(ctx.actor);
  return (
    await ctx.db
      .select()
      .from(claims)
      .where(and(eq(claims.personnelId, personnelId), eq(claims.year, year), or(ne(claims.status, 'deleted'), isNotNull(claims.deleteReason))))
      .orderBy(asc(claims.id))
  ).map((c) => ({
    id: c.id,
    source: c.source,
    title: c.title,
    hours: c.hours,
    score: c.score,
    status: c.status,
    statusName: CLAIM_STATUSES[c.status],
    subjectTypeName: SUBJECT_TYPES[c.subjectType],
    learningFormName: LEARNING_FORMS[c.learningForm],
    rejectReason: c.rejectReason,
    revokeReason: c.revokeReason,
    deleteReason: c.deleteReason,
    basis: c.basis,
    hasEvidence: c.evidenceFileId != null,
    subjectType: c.subjectType,
    learningForm: c.learningForm,
    activityStart: c.activityStart,
    activityEnd: c.activityEnd,
    createdAt: c.createdAt,
  }));
}
export type MyClaim = Awaited<ReturnType<typeof myClaims>>[number];

/** 我的学时: the year's totals judged against its policy, and every claim of the year. */
export async function myHours(ctx: ServiceContext, year: number) {
  const id = personOf(ctx.actor);
  return { ...(await personYear(ctx.db, id, year)), claims: await myClaims(ctx, year) };
}
