/**
 * Personal declarations (个人申报学时): a person declares an activity of their own (academic conference, further
 * study, …) with an evidence file; the hours follow the year's recognition rule and cap. Their organisation
 * reviews first (待单位审核, queue.ts), then HR (学时审核 › 个人申报学时审核, modules/claim-review).
 */
import { and, count, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { beijingDate, CLAIM_STATUSES, LIVE_CLAIM_STATUSES, personalClaimFields, recognize, text, WITHDRAWABLE_CLAIM_STATUSES } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { claims, files, organizations, personnel, recognitionRules, users } from '../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { escapeLike, jurisdiction, requireAccess } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests } from '../../lib/self-review.js';
import { parseFields, storeFile, type Upload } from '../../lib/uploads.js';
import type { Actor } from '../../plugins/access.js';
import { CLAIM_SUBJECTS } from '../claim-review/service.js';
import { overlapFlags, policyFor, transitionClaims } from '../ledger/service.js';

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_FILE_TYPES = ['pdf', 'jpg', 'png'] as const;

const unit = alias(organizations, 'unit');
const declarer = alias(organizations, 'declarer');

/**
 * 申报个人学时. `upload` reads the multipart request: only a person (a personnel profile) gets that far. The hours
 * are the year's rule × units, capped by what the year's claims of that 学习形式 already hold. The 学习起止日期 lie in
 * the year and not after today; overlapping another provider's live claim of the person flags it 重点审核.
 */
export async function declareClaim(ctx: ServiceContext, upload: () => Promise<Upload>) {
  const { db, actor: a } = ctx;
  if (!a.personnelId) throw new BadRequestError('只有专业技术人员可以申报个人学时');
  const personnelId = a.personnelId;
  const up = await upload();
  const f = parseFields(personalClaimFields, up.fields);
  const today = beijingDate(ctx.now());
  if (f.activityEnd > today) throw new BadRequestError('学习结束日期：不能晚于今天', { field: 'activityEnd' });
  const policy = await policyFor(db, f.year);
  if (today > policy.closingDate) throw new ConflictError(`${f.year}年度学时申报已于${policy.closingDate}截止`);
  const [rule] = await db
    .select()
    .from(recognitionRules)
    .where(and(eq(recognitionRules.year, f.year), eq(recognitionRules.learningForm, f.learningForm)));
  if (!rule) throw new BadRequestError('学习形式：该年度没有此学习形式的认定规则', { field: 'learningForm' });
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(personnel).where(eq(personnel.id, personnelId)).for('update');
    const [used] = await tx
      .select({ h: sql<string>`coalesce(sum(${claims.hours}), 0)` })
      .from(claims)
      .where(
        and(
          eq(claims.personnelId, p!.id),
          eq(claims.year, f.year),
          eq(claims.learningForm, f.learningForm),
          inArray(claims.status, [...LIVE_CLAIM_STATUSES]),
        ),
      );
    const r = recognize({ ...rule, learningForm: rule.learningForm }, f.units, Number(used!.h));
    if (r.hours <= 0) throw new ConflictError(`本年度${rule.note || '该学习形式'}已达年度上限${rule.capPerYear}学时`);
    const evidenceFileId = await storeFile(tx, up, p!.orgId, a.userId);
    const reasons = await overlapFlags(tx, {
      personnelId: p!.id,
      year: f.year,
      source: 'personal',
      declaringOrgId: p!.orgId,
      activityStart: f.activityStart,
      activityEnd: f.activityEnd,
    });
    const [c] = await tx
      .insert(claims)
      .values({
        personnelId: p!.id,
        year: f.year,
        source: 'personal',
        declaringOrgId: p!.orgId,
        title: f.title,
        subjectType: f.subjectType,
        learningForm: f.learningForm,
        hours: r.hours,
        basis: r.basis,
        evidenceFileId,
        activityStart: f.activityStart,
        activityEnd: f.activityEnd,
        status: 'pendingEmployer',
        flagged: reasons.length > 0,
        flagReasons: reasons,
      })
      .returning();
    await ctx.audit(
      {
        action: 'claim.declare',
        targetType: 'claim',
        targetId: c!.id,
        detail: { hours: r.hours, basis: r.basis, ...(reasons.length ? { flagReasons: reasons } : {}) },
      },
      tx,
    );
    return c!;
  });
}

/**
 * 撤回: the person takes their own declaration back while nobody has decided it (待单位审核 or 待审核) — through the
 * ledger, guarded by that state in the same transaction as the audit row; it leaves every queue and 待办 at once
 * (they select by status). Another person's claim, or a claim the person did not declare, is 404; decided meanwhile,
 * or withdrawn by a concurrent request, 409.
 */
export async function withdrawClaim(ctx: ServiceContext, claimId: number) {
  const { actor: a } = ctx;
  const personnelId = a.personnelId;
  if (!personnelId) throw new NotFoundError('学时申报');
  return ctx.db.transaction(async (tx) => {
    const own = and(eq(claims.id, claimId), eq(claims.personnelId, personnelId), eq(claims.source, 'personal'));
    const [found] = await tx.select({ id: claims.id }).from(claims).where(own);
    if (!found) throw new NotFoundError('学时申报');
    const moved = await transitionClaims(tx, {
      ids: [claimId],
      to: 'withdrawn',
      actorUserId: a.userId,
      scope: inArray(claims.status, [...WITHDRAWABLE_CLAIM_STATUSES]),
    });
    if (!moved.length) {
      // the row is locked by now: say what happened to it
      const [cur] = await tx.select({ status: claims.status }).from(claims).where(own);
      throw cur?.status === 'withdrawn'
        ? new ConflictError('该申报已撤回，请刷新后查看', 'ALREADY_WITHDRAWN')
        : new ConflictError('该申报已被审核，不能撤回', 'ALREADY_DECIDED');
    }
    await ctx.audit({ action: 'claim.withdraw', targetType: 'claim', targetId: claimId, detail: { from: moved[0]!.from } }, tx);
    return { id: claimId, status: 'withdrawn' as const, statusName: CLAIM_STATUSES.withdrawn };
  });
}

export const unitReviewFilters = z.object({ tab: z.enum(['pending', 'done']).default('pending'), name: text(50).optional() });
type UnitReviewQuery = z.output<typeof unitReviewFilters> & { page: number; pageSize: number };

/** The unit reviews its own staff's personal declarations, never one about the actor (lib/self-review.ts). */
const unitScope = (a: Actor): SQL => and(eq(claims.source, 'personal'), eq(personnel.orgId, a.org.id), notOwnRequest(a, CLAIM_SUBJECTS))!;

/** 本单位人员学时申报: personal declarations of the actor's own staff, by tab and name — the list's and the export's query. */
export async function listUnitReview(ctx: ServiceContext, q: UnitReviewQuery) {
  const { db, actor: a } = ctx;
  const where = and(
    unitScope(a),
    q.tab === 'pending' ? eq(claims.status, 'pendingEmployer') : inArray(claims.status, ['pending', 'approved', 'rejected', 'revoked']),
    q.name ? like(users.name, `%${escapeLike(q.name)}%`) : undefined,
  );
  const [total] = await db
    .select({ n: count() })
    .from(claims)
    .innerJoin(personnel, eq(personnel.id, claims.personnelId))
    .innerJoin(users, eq(users.id, personnel.userId))
    .where(where);
  const rows = await db
    .select({
      id: claims.id,
      name: users.name,
      idNumberMasked: users.idNumberMasked,
      year: claims.year,
      title: claims.title,
      hours: claims.hours,
      basis: claims.basis,
      status: claims.status,
      subjectType: claims.subjectType,
      learningForm: claims.learningForm,
      rejectReason: claims.rejectReason,
      activityStart: claims.activityStart,
      activityEnd: claims.activityEnd,
      flagged: claims.flagged,
      flagReasons: claims.flagReasons,
      createdAt: claims.createdAt,
      reviewedAt: claims.reviewedAt,
      reviewedBy: claims.reviewedBy,
    })
    .from(claims)
    .innerJoin(personnel, eq(personnel.id, claims.personnelId))
    .innerJoin(users, eq(users.id, personnel.userId))
    .where(where)
    .orderBy(desc(claims.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total!.n, items: rows.map((r) => ({ ...r, statusName: CLAIM_STATUSES[r.status] })) };
}

/** 待办事项: declarations waiting for this unit. */
export async function countUnitPending(db: Db, a: Actor): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(claims)
    .innerJoin(personnel, eq(personnel.id, claims.personnelId))
    .where(and(unitScope(a), eq(claims.status, 'pendingEmployer')));
  return r!.n;
}

/** 单位审核: 通过 sends the declaration on to HR (待审核), 驳回 ends it; every id must be of the unit's staff (else 404). */
export async function decideUnitReview(ctx: ServiceContext, body: { ids: number[]; decision: 'approve' | 'reject'; reason: string }) {
  const { actor: a } = ctx;
  await refuseOwnRequests(ctx, { table: claims, id: claims.id, ids: body.ids, subjects: CLAIM_SUBJECTS, targetType: 'claim' });
  return ctx.db.transaction(async (tx) => {
    const visible = await tx
      .select({ id: claims.id })
      .from(claims)
      .innerJoin(personnel, eq(personnel.id, claims.personnelId))
      .where(and(inArray(claims.id, body.ids), eq(claims.source, 'personal'), eq(personnel.orgId, a.org.id)));
    const ids = requireAccess(visible, body.ids, '学时申报');
    // the unit decides only what waits for it (待单位审核); HR's part stays HR's
    const moved = await transitionClaims(tx, {
      ids,
      to: body.decision === 'approve' ? 'pending' : 'rejected',
      actorUserId: a.userId,
      reason: body.reason,
      scope: eq(claims.status, 'pendingEmployer'),
    });
    if (!moved.length) throw new ConflictError('所选申报已被处理，请刷新后查看', 'ALREADY_DECIDED');
    for (const m of moved) await ctx.audit({ action: `claim.unit-${body.decision}`, targetType: 'claim', targetId: m.id }, tx);
    return { done: moved.length, skipped: body.ids.length - moved.length };
  });
}

/** 证明材料 of a claim: for the person, their unit's reviewer, or an HR reviewer of the declaring organisation (else 404). */
export async function evidenceFile(ctx: ServiceContext, claimId: number) {
  const a = ctx.actor;
  const [row] = await ctx.db
    .select({ f: files })
    .from(claims)
    .innerJoin(files, eq(files.id, claims.evidenceFileId))
    .innerJoin(personnel, eq(personnel.id, claims.personnelId))
    .innerJoin(unit, eq(unit.id, personnel.orgId))
    .innerJoin(declarer, eq(declarer.id, claims.declaringOrgId))
    .where(
      and(
        eq(claims.id, claimId),
        or(
          a.personnelId ? eq(claims.personnelId, a.personnelId) : sql`false`,
          a.permissions.has('claim.unitReview') ? eq(personnel.orgId, a.org.id) : sql`false`,
          a.permissions.has('claim.review') ? jurisdiction(a).below(declarer.path) : sql`false`,
        ),
      ),
    );
  if (!row) throw new NotFoundError('证明材料');
  return row.f;
}
