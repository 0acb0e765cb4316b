/**
 * 单位培训学时审核 (HR): the manual's per-class queue — one row per unit training plan (an employer's 培训班) with
 * claims in the tab (序号, 年度, 培训班名称, 所在单位, 学习科目, 申报时间, 操作). 查看 opens the plan's claims in the
 * per-claim queue (queue.ts, `classId`); 通过/驳回 of a row decides every claim of the plan still waiting, through
 * decideClaims() (the same scope, self-review rule, state guard and audit as one claim). The claims' own review scope
 * (service.ts reviewScope) decides which plans are listed; plan_claim_counts, kept from the claims, finds them.
 */
import { and, desc, eq, exists, gt, inArray, like, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { claimClassQuery, claimClassRow, decisionBody, LEARNING_FORMS, SUBJECT_TYPES } from '@hbzsgx/domain';
import type { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { claims, organizations, planClaimCounts, trainingClasses } from '../../db/schema.js';
import { ConflictError } from '../../errors.js';
import type { Column } from '../../lib/excel.js';
import { boundedCount, fmtTime } from '../../lib/paging.js';
import { tabSuffix, type QueueDefinition } from '../../lib/review-queue.js';
import { escapeLike, jurisdiction, requireAccess } from '../../lib/scope.js';
import type { Actor } from '../../plugins/access.js';
import { decideClaims, inReviewTab, reviewScope } from './service.js';

const unit = alias(organizations, 'unit');
const filters = claimClassQuery.omit({ page: true, pageSize: true });
type ClassQuery = z.output<typeof filters> & { page: number; pageSize: number };
type Tab = ClassQuery['tab'];

/** A claim of the queue in the tab: an employer's claim this reviewer may decide, waiting (待审核) or decided by a reviewer (已审核). */
const inTab = (actor: Actor, tab: Tab): SQL => and(eq(claims.source, 'employer'), inReviewTab(tab), reviewScope(actor))!;

/** Unit training plans in the actor's jurisdiction (a decision's 404 test: the organisation's own keys). */
const planScope = (actor: Actor): SQL =>
  and(eq(unit.type, 'employer'), jurisdiction(actor).regionBelow({ orgId: unit.id, cityHrId: unit.cityHrId, countyHrId: unit.countyHrId }))!;

/** The manual's four filters, on the plan (and its organisation) of a claim. */
function planFilters(q: Omit<ClassQuery, 'tab' | 'page' | 'pageSize'>): SQL | undefined {
  const conditions = [
    q.year ? eq(trainingClasses.year, q.year) : undefined,
    q.className ? like(trainingClasses.name, `%${escapeLike(q.className)}%`) : undefined,
    q.subjectType ? eq(trainingClasses.subjectType, q.subjectType) : undefined,
    q.orgName ? like(unit.name, `%${escapeLike(q.orgName)}%`) : undefined,
  ].filter((c): c is SQL => !!c);
  return conditions.length ? and(...conditions) : undefined;
}

/**
 * The plans of the tab, newest first: plan_claim_counts (db/repeatable/plan-claims.sql) rows with claims in the tab,
 * by its jurisdiction keys — one partial index range for the province, a city or a county, so neither the page nor
 * its bounded count reads a claim. The filters test each candidate plan (a semi-join on its primary key); a reviewer
 * who is also a professional has the plans whose only claims in the tab are their own left out (the self-review rule).
 */
function planIds(db: Db, actor: Actor, q: Omit<ClassQuery, 'page' | 'pageSize'>) {
  const filters = planFilters(q);
  const t = planClaimCounts;
  return db
    .select({ id: t.classId })
    .from(t)
    .where(
      and(
        q.tab === 'pending' ? gt(t.pending, 0) : gt(t.reviewed, 0),
        jurisdiction(actor).regionBelow({
          orgId: sql`(SELECT c.base_org_id FROM training_classes c WHERE c.id = ${t.classId})`,
          cityHrId: t.cityHrId,
          countyHrId: t.countyHrId,
        }),
        filters
          ? inArray(
              t.classId,
              db.select({ id: trainingClasses.id }).from(trainingClasses).innerJoin(unit, eq(unit.id, trainingClasses.baseOrgId)).where(filters),
            )
          : undefined,
        actor.personnelId
          ? exists(
              db
                .select({ one: sql`1` })
                .from(claims)
                .where(and(eq(claims.classId, t.classId), inTab(actor, q.tab))),
            )
          : undefined,
      ),
    )
    .orderBy(desc(t.classId))
    .$dynamic();
}

/**
 * The list, its export and the benchmark: the bounded count and, at once, one statement — the page's plan ids (planIds, by
 * its index range) with each plan's columns and, by a lateral join, its claims in the tab counted for that plan only.
 */
export async function listClaimClasses(db: Db, actor: Actor, q: ClassQuery) {
  const pageIds = planIds(db, actor, q)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  // every aggregate counts the plan's employer claims this reviewer may decide: that scope once, in the WHERE (its
  // own-profile test planned once, not per aggregate), the tab's status in each FILTER; the aliases are the
  // subquery's own (drizzle names its computed columns unqualified in the outer select, and unit has a reviewed_at)
  const tab = inReviewTab(q.tab);
  const n = db
    .select({
      claims: sql<number>`count(*) FILTER (WHERE ${tab})::int`.as('n_claims'),
      pendingClaims: sql<number>`count(*) FILTER (WHERE ${inReviewTab('pending')})::int`.as('n_pending_claims'),
      flaggedClaims: sql<number>`count(*) FILTER (WHERE ${tab} AND ${claims.flagged})::int`.as('n_flagged_claims'),
      declaredAt: sql<string | null>`max(${claims.createdAt}) FILTER (WHERE ${tab})`.as('n_declared_at'),
      reviewedAt: sql<string | null>`max(${claims.reviewedAt}) FILTER (WHERE ${inReviewTab('done')})`.as('n_reviewed_at'),
      reviewedBy: sql<number | null>`(array_agg(${claims.reviewedBy} ORDER BY ${claims.reviewedAt} DESC NULLS LAST)
            FILTER (WHERE ${inReviewTab('done')}))[1]`.as('n_reviewed_by'),
    })
    .from(claims)
    .where(and(eq(claims.classId, trainingClasses.id), eq(claims.source, 'employer'), reviewScope(actor)))
    .as('n');
  // the count and the page at once (independent statements: docs/decisions.md 2026-12-06)
  const [{ total, capped }, rows] = await Promise.all([
    boundedCount(db, planIds(db, actor, q)),
    db
      .select({
        id: trainingClasses.id,
        year: trainingClasses.year,
        className: trainingClasses.name,
        orgName: unit.name,
        subjectType: trainingClasses.subjectType,
        learningForm: trainingClasses.learningForm,
        hours: trainingClasses.hours,
        startDate: trainingClasses.startDate,
        endDate: trainingClasses.endDate,
        claims: n.claims,
        pendingClaims: n.pendingClaims,
        flaggedClaims: n.flaggedClaims,
        declaredAt: n.declaredAt,
        reviewedAt: n.reviewedAt,
        reviewedBy: n.reviewedBy,
      })
      .from(trainingClasses)
      .innerJoin(unit, eq(unit.id, trainingClasses.baseOrgId))
      .leftJoinLateral(n, sql`true`)
      .where(inArray(trainingClasses.id, pageIds))
      .orderBy(desc(trainingClasses.id)),
  ]);
  const time = (v: string | Date | null | undefined) => (v == null ? null : new Date(v));
  return {
    total,
    totalCapped: capped,
    items: rows.map((r, i) => ({
      seq: (q.page - 1) * q.pageSize + i + 1,
      ...r,
      hours: Number(r.hours),
      subjectTypeName: SUBJECT_TYPES[r.subjectType],
      learningFormName: LEARNING_FORMS[r.learningForm],
      claims: r.claims ?? 0,
      pendingClaims: r.pendingClaims ?? 0,
      flaggedClaims: r.flaggedClaims ?? 0,
      declaredAt: time(r.declaredAt),
      status: (r.pendingClaims ?? 0) > 0 ? ('pending' as const) : ('done' as const),
      reviewedAt: time(r.reviewedAt),
      reviewedBy: r.reviewedBy ?? null,
    })),
  };
}

/**
 * 通过/驳回 of whole plans: every claim of theirs this reviewer may decide that still waits, decided as one batch by
 * decideClaims(). A plan outside the jurisdiction is 404; a plan with nothing left to decide is 409 (decided meanwhile).
 */
export async function decideClaimClasses(ctx: ServiceContext, body: z.output<typeof decisionBody>) {
  const { db, actor } = ctx;
  const visible = await db
    .select({ id: trainingClasses.id })
    .from(trainingClasses)
    .innerJoin(unit, eq(unit.id, trainingClasses.baseOrgId))
    .where(and(inArray(trainingClasses.id, body.ids), planScope(actor)));
  const ids = requireAccess(visible, body.ids, '培训班');
  const waiting = await db
    .select({ id: claims.id })
    .from(claims)
    .where(and(inArray(claims.classId, ids), inTab(actor, 'pending')));
  if (!waiting.length) throw new ConflictError('所选培训班的学时申报已被处理，请刷新后查看', 'ALREADY_DECIDED');
  return decideClaims(ctx, { ids: waiting.map((w) => w.id), decision: body.decision, reason: body.reason });
}

type Row = z.output<typeof claimClassRow>;
const COLUMNS = (tab: Tab): Column<Row>[] => [
  { header: '年度', width: 8, value: (r) => r.year },
  { header: '培训班名称', width: 36, value: (r) => r.className },
  { header: '所在单位', width: 30, value: (r) => r.orgName },
  { header: '学习科目', value: (r) => r.subjectTypeName },
  { header: '学习形式', value: (r) => r.learningFormName },
  { header: '学时', width: 8, value: (r) => r.hours },
  { header: '培训日期', width: 24, value: (r) => `${r.startDate} 至 ${r.endDate}` },
  { header: tab === 'pending' ? '待审核人数' : '已审核人数', width: 12, value: (r) => r.claims },
  { header: '其中重点审核', width: 12, value: (r) => r.flaggedClaims },
  ...(tab === 'done' ? [{ header: '仍待审核人数', width: 12, value: (r: Row) => r.pendingClaims }] : []),
  { header: '申报时间', width: 20, value: (r) => fmtTime(r.declaredAt) },
];

export const claimClassQueue: QueueDefinition<never, typeof filters, typeof claimClassRow> = {
  path: 'claim-classes',
  tags: ['学时审核'],
  permission: 'claim.review',
  title: () => '单位培训学时审核',
  filters,
  row: claimClassRow,
  list: (ctx, _kind, q) => listClaimClasses(ctx.db, ctx.actor, q),
  columns: (_kind, f) => COLUMNS(f.tab),
  exportWhat: () => 'claims.employer.classes',
  exportTitle: (_kind, f) => `单位培训学时审核${tabSuffix(f.tab)}`,
  // 待办 of 单位培训学时审核 stays the per-claim count (queue.ts, claim-employer): the claims a reviewer has to decide
  todo: [],
  decide: { summary: '通过/驳回培训班的全部待审核学时', run: (ctx, _kind, body) => decideClaimClasses(ctx, body) },
  summaries: {
    list: '单位培训学时审核（按单位培训计划；待审核/已审核）',
    export: '导出单位培训学时审核列表（xlsx/csv，与列表相同的筛选）',
  },
};
