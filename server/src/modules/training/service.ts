/**
 * 培训班管理 (base) and 审核培训计划申报 (HR), 学员成绩管理 (base): a qualified learner's score becomes a claim
 * (学时申报) with the base as 代申报机构, flagged by the 重点审核 rules.
 */
import { and, count, desc, eq, exists, inArray, isNotNull, isNull, like, notExists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  checkIdNumber,
  classHoursProblem,
  flagReasons,
  normalizeIdNumber,
  type ClassBody,
  type IdType,
  beijingDate,
  type ScoreCorrectionBody,
} from '@hbzsgx/domain';
import type { ClassStatus, SubjectType } from '@hbzsgx/domain';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { claims, classEnrolments, files, organizations, personnel, trainingClasses, users } from '../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { escapeLike, jurisdiction, requireAccess, underPath } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests } from '../../lib/self-review.js';
import type { ServiceContext } from '../../context.js';
import type { Actor } from '../../plugins/access.js';
import { overlapFlags, policyFor, transitionClaims } from '../ledger/service.js';

const baseOrg = alias(organizations, 'base_org');
const personOrg = alias(organizations, 'person_org');

async function ownClass(db: Db, actor: Actor, id: number) {
  const [c] = await db
    .select()
    .from(trainingClasses)
    .where(and(eq(trainingClasses.id, id), eq(trainingClasses.baseOrgId, actor.org.id)));
  if (!c) throw new NotFoundError('培训班');
  return c;
}

/** The class's hours against its dates under the year's per-day maximum (学时政策); 400 naming 学时 when they do not fit. */
async function checkClassHours(db: Db, body: ClassBody) {
  const policy = await policyFor(db, body.year); // the year must have a policy
  const problem = classHoursProblem(body, policy.maxHoursPerDay);
  if (problem) throw new BadRequestError(`学时：${problem}`, { field: 'hours' });
}

export async function createClass(ctx: ServiceContext, body: ClassBody) {
  const { actor } = ctx;
  await checkClassHours(ctx.db, body);
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(trainingClasses)
      .values({ ...body, baseOrgId: actor.org.id, createdBy: actor.userId })
      .returning();
    await writeAudit(tx, ctx, {
      action: 'class.create',
      targetType: 'training_class',
      targetId: c!.id,
      detail: { name: body.name, year: body.year },
    });
    return c!;
  });
}

/** The states a base may still change its class in: not yet decided, sent back, or taken back by itself. */
const EDITABLE: ClassStatus[] = ['pending', 'rejected', 'withdrawn'];

/** 修改 (and, for a rejected or withdrawn class, 重新提交): the class goes (back) to 待审核. */
export async function updateClass(ctx: ServiceContext, id: number, body: ClassBody) {
  const { actor } = ctx;
  await ownClass(ctx.db, actor, id);
  await checkClassHours(ctx.db, body);
  return ctx.db.transaction(async (tx) => {
    const before = await ownClass(tx, actor, id);
    const [c] = await tx
      .update(trainingClasses)
      .set({ ...body, status: 'pending', rejectReason: null, reviewedAt: null, reviewedBy: null })
      .where(and(eq(trainingClasses.id, id), eq(trainingClasses.baseOrgId, actor.org.id), inArray(trainingClasses.status, EDITABLE)))
      .returning();
    if (!c) throw new ConflictError('只有待审核、被驳回或已撤回的培训班可以修改');
    await writeAudit(tx, ctx, {
      action: 'class.update',
      targetType: 'training_class',
      targetId: id,
      detail: { before: { name: before.name, hours: before.hours, status: before.status }, after: body },
    });
    return c;
  });
}

export async function withdrawClass(ctx: ServiceContext, id: number) {
  const { actor } = ctx;
  return ctx.db.transaction(async (tx) => {
    await ownClass(tx, actor, id);
    const done = await tx
      .update(trainingClasses)
      .set({ status: 'withdrawn' })
      .where(and(eq(trainingClasses.id, id), inArray(trainingClasses.status, ['pending', 'rejected'])))
      .returning({ id: trainingClasses.id });
    if (!done.length) throw new ConflictError('只有待审核或被驳回的培训班可以撤回');
    await writeAudit(tx, ctx, { action: 'class.withdraw', targetType: 'training_class', targetId: id });
    return { ok: true as const };
  });
}

/** 删除: a withdrawn or rejected class that never had learners; one guarded statement, audited with what it was. */
export async function deleteClass(ctx: ServiceContext, id: number) {
  const { actor } = ctx;
  return ctx.db.transaction(async (tx) => {
    const before = await ownClass(tx, actor, id);
    const done = await tx
      .delete(trainingClasses)
      .where(
        and(
          eq(trainingClasses.id, id),
          eq(trainingClasses.baseOrgId, actor.org.id),
          inArray(trainingClasses.status, ['withdrawn', 'rejected']),
          // a class that ever had a learner (a claim in any state, deleted ones included) is never deleted
          notExists(
            tx
              .select({ x: sql`1` })
              .from(claims)
              .where(eq(claims.classId, trainingClasses.id)),
          ),
        ),
      )
      .returning({ id: trainingClasses.id });
    if (!done.length) {
      if (before.status !== 'withdrawn' && before.status !== 'rejected') throw new ConflictError('只有已撤回或被驳回的培训班可以删除');
      throw new ConflictError('该培训班已登记过学员，不能删除');
    }
    await writeAudit(tx, ctx, {
      action: 'class.delete',
      targetType: 'training_class',
      targetId: id,
      detail: { name: before.name, year: before.year, status: before.status },
    });
    return { ok: true as const };
  });
}

/** One class of this organisation with its list fields (学员成绩's selected class); 404 for anyone else's. */
export async function getClass(ctx: ServiceContext, id: number) {
  const { items } = await listClasses(ctx.db, ctx.actor, { id, page: 1, pageSize: 1, own: true });
  if (!items[0]) throw new NotFoundError('培训班');
  return items[0];
}

/** A class is about the organisation that declared it (lib/self-review.ts). */
const CLASS_SUBJECTS = { org: trainingClasses.baseOrgId, requester: trainingClasses.createdBy };
/** Classes a reviewer may decide: bases whose superior is the actor, or anywhere in an HR jurisdiction; never its own. */
function classScope(actor: Actor) {
  return and(jurisdiction(actor).reviews(baseOrg), notOwnRequest(actor, CLASS_SUBJECTS))!;
}

/**
 * A learner's claim as the base reads it (工作台, 培训班管理's filter): 待审核, 已通过, 已驳回 by HR — an unqualified
 * learner's score is recorded as a rejected claim nobody reviewed (qualified false) and is not counted as 已驳回.
 */
export const LEARNER_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];
const LEARNER_STATUS: Record<LearnerStatus, SQL> = {
  pending: sql`${claims.status} = 'pending'`,
  approved: sql`${claims.status} = 'approved'`,
  rejected: sql`${claims.status} = 'rejected' AND ${claims.qualified}`,
};

/**
 * Learners the declaring organisation may still correct (修改) or take back (撤销): HR has not decided their claim —
 * it waits in 学时审核 (pending), or it is the unqualified score the organisation recorded itself (rejected, never
 * reviewed). Anything HR decided only HR changes.
 */
const UNDECIDED = or(eq(claims.status, 'pending'), and(eq(claims.status, 'rejected'), isNull(claims.reviewedBy)))!;
const DECIDED_MESSAGE = '该学时已由人社部门审核，只能由人社部门修改';

/** The one query behind a base's own classes, the review queue, their exports and the 待办 counts. */
export async function listClasses(
  db: Db,
  actor: Actor,
  q: {
    tab?: 'pending' | 'done';
    id?: number;
    status?: ClassStatus;
    learnerStatus?: LearnerStatus;
    year?: number;
    keyword?: string;
    subjectType?: SubjectType;
    orgName?: string;
    orgType?: 'base' | 'employer';
    page: number;
    pageSize: number;
    own: boolean;
  },
) {
  const where = and(
    q.own ? eq(trainingClasses.baseOrgId, actor.org.id) : classScope(actor),
    q.orgType ? eq(baseOrg.type, q.orgType) : undefined,
    q.id ? eq(trainingClasses.id, q.id) : undefined,
    q.status ? eq(trainingClasses.status, q.status) : undefined,
    q.learnerStatus
      ? exists(sql`(SELECT 1 FROM ${claims} WHERE ${claims.classId} = ${trainingClasses.id} AND ${LEARNER_STATUS[q.learnerStatus]})`)
      : undefined,
    q.tab === 'pending'
      ? eq(trainingClasses.status, 'pending')
      : q.tab === 'done'
        ? inArray(trainingClasses.status, ['approved', 'rejected'])
        : undefined,
    q.year ? eq(trainingClasses.year, q.year) : undefined,
    q.keyword ? like(trainingClasses.name, `%${escapeLike(q.keyword)}%`) : undefined,
    q.subjectType ? eq(trainingClasses.subjectType, q.subjectType) : undefined,
    q.orgName ? like(baseOrg.name, `%${escapeLike(q.orgName)}%`) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(trainingClasses).innerJoin(baseOrg, eq(baseOrg.id, trainingClasses.baseOrgId)).where(where);
  const items = await db
    .select({
      c: trainingClasses,
      baseName: baseOrg.name,
      learners: sql<number>`(select count(*)::int from claims k where k.class_id = ${trainingClasses.id} and k.status <> 'deleted')`,
    })
    .from(trainingClasses)
    .innerJoin(baseOrg, eq(baseOrg.id, trainingClasses.baseOrgId))
    .where(where)
    .orderBy(desc(trainingClasses.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total!.n, items: items.map(({ c, ...x }) => ({ ...c, ...x })) };
}

export async function decideClasses(ctx: ServiceContext, body: { ids: number[]; decision: 'approve' | 'reject'; reason: string }) {
  const { actor } = ctx;
  await refuseOwnRequests(ctx, {
    table: trainingClasses,
    id: trainingClasses.id,
    ids: body.ids,
    subjects: CLASS_SUBJECTS,
    targetType: 'training_class',
  });
  return ctx.db.transaction(async (tx) => {
    const visible = await tx
      .select({ id: trainingClasses.id })
      .from(trainingClasses)
      .innerJoin(baseOrg, eq(baseOrg.id, trainingClasses.baseOrgId))
      .where(and(inArray(trainingClasses.id, body.ids), classScope(actor)));
    const ids = requireAccess(visible, body.ids, '培训班');
    const done = await tx
      .update(trainingClasses)
      .set({
        status: body.decision === 'approve' ? 'approved' : 'rejected',
        rejectReason: body.decision === 'reject' ? body.reason : null,
        reviewedBy: actor.userId,
        reviewedAt: ctx.now(),
      })
      .where(and(inArray(trainingClasses.id, ids), eq(trainingClasses.status, 'pending')))
      .returning({ id: trainingClasses.id });
    if (!done.length) throw new ConflictError('所选培训班已被处理，请刷新后查看', 'ALREADY_DECIDED');
    for (const d of done) {
      await writeAudit(tx, ctx, {
        action: `class.${body.decision}`,
        targetType: 'training_class',
        targetId: d.id,
        detail: body.reason ? { reason: body.reason } : undefined,
      });
    }
    return { done: done.length, skipped: body.ids.length - done.length };
  });
}

export class RowError extends BadRequestError {}

type ClassRow = typeof trainingClasses.$inferSelect;
type Policy = Awaited<ReturnType<typeof policyFor>>;

/** A class that takes scores now: this organisation's, approved, its year still open. */
async function scoringClass(db: Db, actor: Actor, classId: number) {
  const cls = await ownClass(db, actor, classId);
  if (cls.status !== 'approved') throw new ConflictError('培训班尚未通过审核，不能登记成绩');
  const policy = await policyFor(db, cls.year);
  const today = beijingDate();
  if (today > policy.closingDate) throw new ConflictError(`${cls.year}年度学时申报已于${policy.closingDate}截止`);
  return { cls, policy, today };
}

/**
 * Serialises every change to a class's learners (登记, 修改, 撤销) on the class row, so the one-registration-per-person
 * check and the state guards see each other's commits: of two concurrent requests for the same learner exactly one wins.
 */
async function lockClass(tx: Db, classId: number) {
  await tx.select({ id: trainingClasses.id }).from(trainingClasses).where(eq(trainingClasses.id, classId)).for('update');
}

/**
 * The learner's claim for the class: pending (qualified, to 学时审核) or the recorded unqualified score (rejected). Its
 * 学习起止日期 are the class's; a qualified one overlapping another provider's live claim of the learner is 重点审核.
 */
async function insertScoreClaim(
  tx: Db,
  ctx: ServiceContext,
  t: { cls: ClassRow; policy: Policy; today: string },
  personnelId: number,
  row: { score: string; qualified: boolean },
) {
  const { cls, policy, today } = t;
  const source = ctx.actor.org.type === 'employer' ? 'employer' : 'base';
  const reasons = [
    ...flagReasons({
      hours: cls.hours,
      classHours: cls.hours,
      classStart: cls.startDate,
      classEnd: cls.endDate,
      declaredOn: today,
      closingDate: policy.closingDate,
      maxHoursPerDay: policy.maxHoursPerDay,
    }),
    ...(row.qualified
      ? await overlapFlags(tx, {
          personnelId,
          year: cls.year,
          source,
          declaringOrgId: ctx.actor.org.id,
          activityStart: cls.startDate,
          activityEnd: cls.endDate,
        })
      : []),
  ];
  const [c] = await tx
    .insert(claims)
    .values({
      personnelId,
      year: cls.year,
      source,
      declaringOrgId: ctx.actor.org.id,
      classId: cls.id,
      activityStart: cls.startDate,
      activityEnd: cls.endDate,
      title: cls.name,
      subjectType: cls.subjectType,
      learningForm: cls.learningForm,
      hours: cls.hours,
      score: row.score || null,
      qualified: row.qualified,
      // an unqualified learner's score is recorded, but no hours are claimed for it
      status: row.qualified ? 'pending' : 'rejected',
      rejectReason: row.qualified ? null : '成绩不合格',
      flagged: reasons.length > 0,
      flagReasons: reasons,
    })
    .returning();
  return { c: c!, reasons };
}

/**
 * Who may be a learner of this organisation's classes (a predicate on personnel joined with `personOrg`): a base
 * trains the people of its HR department's jurisdiction; an employer declares hours for its own staff only.
 */
async function learnerScope(db: Db, actor: Actor): Promise<SQL> {
  if (actor.org.type === 'employer') return eq(personnel.orgId, actor.org.id);
  const [base] = await db.select().from(organizations).where(eq(organizations.id, actor.org.id));
  const [hr] = await db.select().from(organizations).where(eq(organizations.id, base!.parentId!));
  return underPath(personOrg.path, hr!.path);
}

/**
 * Registers one learner's score in an approved class of this base. A learner not in the platform, or outside the
 * jurisdiction of the base's HR department, is a row error (RowError), never a crash; a learner already registered in
 * the class (a claim not deleted) is refused with 409 DUPLICATE_LEARNER.
 */
export async function registerScore(
  ctx: ServiceContext,
  classId: number,
  row: { idType: IdType; idNumber: string; score: string; qualified: boolean; name?: string },
) {
  const { db, actor } = ctx;
  const target = await scoringClass(db, actor, classId);
  const id = checkIdNumber(row.idType, row.idNumber);
  if (!id.ok) throw new RowError(`证件号：${id.reason}`, { field: 'idNumber' });
  const who = await learnerScope(db, actor);
  const [person] = await db
    .select({ p: personnel, name: users.name })
    .from(users)
    .innerJoin(personnel, eq(personnel.userId, users.id))
    .innerJoin(personOrg, eq(personOrg.id, personnel.orgId))
    .where(and(eq(users.idNumberHash, ctx.deps.pii.blindIndex(normalizeIdNumber(id.value))), eq(personnel.status, 'active'), who));
  if (!person) {
    throw new RowError(
      actor.org.type === 'employer' ? '证件号：该人员不是本单位已注册的专业技术人员' : '证件号：该人员未在平台注册，或不在本基地所属人社部门辖区内',
      { field: 'idNumber' },
    );
  }
  if (row.name && row.name !== person.name) throw new RowError('姓名：与证件号对应的人员姓名不符', { field: 'name' });
  return db.transaction(async (tx) => {
    await lockClass(tx, classId);
    const [same] = await tx
      .select({ status: claims.status })
      .from(claims)
      .where(and(eq(claims.classId, classId), eq(claims.personnelId, person.p.id), sql`${claims.status} <> 'deleted'`))
      .limit(1);
    if (same) throw new ConflictError(`证件号：该学员已登记（${person.name}），如需更正请在名单中修改`, 'DUPLICATE_LEARNER', 'idNumber');
    const { c, reasons } = await insertScoreClaim(tx, ctx, target, person.p.id, row);
    await writeAudit(tx, ctx, {
      action: 'score.register',
      targetType: 'claim',
      targetId: c.id,
      detail: { classId, qualified: row.qualified },
    });
    return { claimId: c.id, name: person.name, flagged: reasons.length > 0, flagReasons: reasons, status: c.status };
  });
}

/**
 * 报名名单 › 登记成绩 / 全部登记: one score and 合格 for enrolled learners of this organisation's approved class, each
 * registered exactly as registerScore does (insertScoreClaim, audited score.register) in ONE transaction under the
 * class lock. A learner scored already (a claim not deleted) is skipped; an id not enrolled in the class, or no
 * longer an active person of the base's learner scope, refuses the whole batch with 404 (nothing written).
 */
export async function registerRosterScores(
  ctx: ServiceContext,
  classId: number,
  body: { personnelIds: number[]; score: string; qualified: boolean },
) {
  const { db, actor } = ctx;
  const target = await scoringClass(db, actor, classId);
  const who = await learnerScope(db, actor);
  return db.transaction(async (tx) => {
    await lockClass(tx, classId);
    const rows = await tx
      .select({
        id: personnel.id,
        name: users.name,
        scored: sql<boolean>`exists (select 1 from ${claims} where ${claims.classId} = ${classId} and ${claims.personnelId} = ${personnel.id} and ${claims.status} <> 'deleted')`,
      })
      .from(classEnrolments)
      .innerJoin(personnel, eq(personnel.id, classEnrolments.personnelId))
      .innerJoin(users, eq(users.id, personnel.userId))
      .innerJoin(personOrg, eq(personOrg.id, personnel.orgId))
      .where(
        and(
          eq(classEnrolments.classId, classId),
          eq(classEnrolments.status, 'enrolled'),
          inArray(classEnrolments.personnelId, body.personnelIds),
          eq(personnel.status, 'active'),
          who,
        ),
      )
      .orderBy(classEnrolments.id);
    requireAccess(rows, body.personnelIds, '报名学员');
    let flagged = 0;
    const names: string[] = [];
    for (const r of rows.filter((x) => !x.scored)) {
      const { c, reasons } = await insertScoreClaim(tx, ctx, target, r.id, body);
      await writeAudit(tx, ctx, {
        action: 'score.register',
        targetType: 'claim',
        targetId: c.id,
        detail: { classId, qualified: body.qualified, from: 'roster' },
      });
      if (reasons.length) flagged++;
      names.push(r.name);
    }
    return { done: names.length, skipped: rows.length - names.length, flagged, names };
  });
}

/**
 * The learner's claim in this organisation's class, locked, still undecided by HR (else 409): 404 for a claim of
 * another class or organisation, exactly as for one that does not exist.
 */
async function undecidedLearner(tx: Db, ctx: ServiceContext, classId: number, claimId: number) {
  await lockClass(tx, classId);
  const [cur] = await tx
    .select({ c: claims, name: users.name })
    .from(claims)
    .innerJoin(personnel, eq(personnel.id, claims.personnelId))
    .innerJoin(users, eq(users.id, personnel.userId))
    .where(and(eq(claims.id, claimId), eq(claims.classId, classId), eq(claims.declaringOrgId, ctx.actor.org.id)));
  if (!cur) throw new NotFoundError('学员成绩');
  // the other of two concurrent edits (or an edit of a stale row) finds the claim already replaced or taken back
  if (cur.c.status === 'deleted' && cur.c.deleteReason == null) throw new ConflictError('该学员成绩已被修改或撤销，请刷新后重试', 'ALREADY_CHANGED');
  if (cur.c.status !== 'pending' && !(cur.c.status === 'rejected' && cur.c.reviewedBy == null)) {
    throw new ConflictError(DECIDED_MESSAGE, 'ALREADY_DECIDED');
  }
  return cur;
}

/** Takes the undecided claim out through the ledger (→ deleted, no reason: it leaves the learner's lists); 409 if HR got there first. */
async function takeBack(tx: Db, ctx: ServiceContext, claimId: number) {
  const moved = await transitionClaims(tx, { ids: [claimId], to: 'deleted', actorUserId: ctx.actor.userId, scope: UNDECIDED });
  if (!moved.length) throw new ConflictError(DECIDED_MESSAGE, 'ALREADY_DECIDED');
}

/**
 * 修改 (成绩, 是否合格) of a learner HR has not decided: the claim is replaced by one with the new values, in one
 * transaction with the audit row (the old one deleted through the ledger, the new one pending — or the recorded
 * unqualified score — with its 重点审核 flags judged again).
 */
export async function correctScore(ctx: ServiceContext, classId: number, claimId: number, body: ScoreCorrectionBody) {
  const target = await scoringClass(ctx.db, ctx.actor, classId);
  return ctx.db.transaction(async (tx) => {
    const cur = await undecidedLearner(tx, ctx, classId, claimId);
    await takeBack(tx, ctx, claimId);
    const { c, reasons } = await insertScoreClaim(tx, ctx, target, cur.c.personnelId, body);
    await writeAudit(tx, ctx, {
      action: 'score.correct',
      targetType: 'claim',
      targetId: c.id,
      detail: {
        classId,
        replaces: claimId,
        before: { score: cur.c.score, qualified: cur.c.qualified },
        after: { score: body.score || null, qualified: body.qualified },
      },
    });
    return { claimId: c.id, name: cur.name, flagged: reasons.length > 0, flagReasons: reasons, status: c.status };
  });
}

/** 撤销: a learner HR has not decided leaves the class (claim → deleted through the ledger), audited. */
export async function revokeScore(ctx: ServiceContext, classId: number, claimId: number) {
  await ownClass(ctx.db, ctx.actor, classId);
  return ctx.db.transaction(async (tx) => {
    const cur = await undecidedLearner(tx, ctx, classId, claimId);
    await takeBack(tx, ctx, claimId);
    await writeAudit(tx, ctx, {
      action: 'score.revoke',
      targetType: 'claim',
      targetId: claimId,
      detail: { classId, score: cur.c.score, qualified: cur.c.qualified },
    });
    return { ok: true as const };
  });
}

/** The learners a base (or employer) declared in its class; a claim 学时审核 deleted with a reason stays listed with it. */
export async function listScores(ctx: ServiceContext, classId: number) {
  const { db, actor } = ctx;
  await ownClass(db, actor, classId);
  return db
    .select({
      claimId: claims.id,
      name: users.name,
      idNumberMasked: users.idNumberMasked,
      orgName: personOrg.name,
      score: claims.score,
      qualified: claims.qualified,
      hours: claims.hours,
      status: claims.status,
      flagged: claims.flagged,
      flagReasons: claims.flagReasons,
      rejectReason: claims.rejectReason,
      revokeReason: claims.revokeReason,
      deleteReason: claims.deleteReason,
      correctable: sql<boolean>`coalesce(${UNDECIDED}, false)`,
    })
    .from(claims)
    .innerJoin(personnel, eq(personnel.id, claims.personnelId))
    .innerJoin(users, eq(users.id, personnel.userId))
    .innerJoin(personOrg, eq(personOrg.id, personnel.orgId))
    .where(and(eq(claims.classId, classId), or(sql`${claims.status} <> 'deleted'`, isNotNull(claims.deleteReason))))
    .orderBy(claims.id);
}

/** A 失败数据 file of this organisation's score import. */
export async function failedImportFile(ctx: ServiceContext, id: number) {
  const [f] = await ctx.db
    .select()
    .from(files)
    .where(and(eq(files.id, id), eq(files.ownerOrgId, ctx.actor.org.id)));
  if (!f) throw new NotFoundError('文件');
  return f;
}

/**
 * 工作台 of a 继续教育基地: its classes under review and its learners' claims by state (待审核/已通过/已驳回, as
 * LEARNER_STATUS reads them), each linking to 培训班管理 filtered to those classes.
 */
export async function baseSummary(db: Db, actor: Actor) {
  const [classes] = await db
    .select({ n: count() })
    .from(trainingClasses)
    .where(and(eq(trainingClasses.baseOrgId, actor.org.id), eq(trainingClasses.status, 'pending')));
  const [learners] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${LEARNER_STATUS.pending})::int`,
      approved: sql<number>`count(*) filter (where ${LEARNER_STATUS.approved})::int`,
      rejected: sql<number>`count(*) filter (where ${LEARNER_STATUS.rejected})::int`,
    })
    .from(claims)
    .where(and(eq(claims.declaringOrgId, actor.org.id), isNotNull(claims.classId)));
  return [
    { label: '审核中的培训班', value: classes?.n ?? 0, path: '/training/classes?status=pending' },
    { label: '学员学时待审核', value: learners?.pending ?? 0, path: '/training/classes?learnerStatus=pending' },
    { label: '学员学时已通过', value: learners?.approved ?? 0, path: '/training/classes?learnerStatus=approved' },
    { label: '学员学时已驳回', value: learners?.rejected ?? 0, path: '/training/classes?learnerStatus=rejected' },
  ];
}
