/**
 * 培训班管理 (base) and 审核培训计划申报 (HR), 学员成绩管理 (base): a qualified learner's score becomes a claim
 * (学时申报) with the base as 代申报机构, flagged by the 重点审核 rules.
 */
import { and, count, desc, eq, inArray, isNotNull, like, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { checkIdNumber, flagReasons, normalizeIdNumber, type ClassBody, type IdType, beijingDate } from '@hbzsgx/domain';
import type { ClassStatus } from '@hbzsgx/domain';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { claims, files, organizations, personnel, trainingClasses, users } from '../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { escapeLike, jurisdiction, requireAccess, underPath } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests } from '../../lib/self-review.js';
import type { ServiceContext } from '../../context.js';
import type { Actor } from '../../plugins/access.js';
import { policyFor } from '../ledger/service.js';

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

export async function createClass(ctx: ServiceContext, body: ClassBody) {
  const { actor } = ctx;
  await policyFor(ctx.db, body.year); // the year must have a policy
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

export async function updateClass(ctx: ServiceContext, id: number, body: ClassBody) {
  const { actor } = ctx;
  return ctx.db.transaction(async (tx) => {
    const before = await ownClass(tx, actor, id);
    const [c] = await tx
      .update(trainingClasses)
      .set({ ...body, status: 'pending', rejectReason: null, reviewedAt: null, reviewedBy: null })
      .where(and(eq(trainingClasses.id, id), inArray(trainingClasses.status, ['pending', 'rejected'])))
      .returning();
    if (!c) throw new ConflictError('只有待审核或被驳回的培训班可以修改');
    await writeAudit(tx, ctx, {
      action: 'class.update',
      targetType: 'training_class',
      targetId: id,
      detail: { before: { name: before.name, hours: before.hours }, after: body },
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

/** A class is about the organisation that declared it (lib/self-review.ts). */
const CLASS_SUBJECTS = { org: trainingClasses.baseOrgId, requester: trainingClasses.createdBy };
/** Classes a reviewer may decide: bases whose superior is the actor, or anywhere in an HR jurisdiction; never its own. */
function classScope(actor: Actor) {
  return and(jurisdiction(actor).reviews(baseOrg), notOwnRequest(actor, CLASS_SUBJECTS))!;
}

/** The one query behind a base's own classes, the review queue, their exports and the 待办 counts. */
export async function listClasses(
  db: Db,
  actor: Actor,
  q: {
    tab?: 'pending' | 'done';
    status?: ClassStatus;
    year?: number;
    keyword?: string;
    orgType?: 'base' | 'employer';
    page: number;
    pageSize: number;
    own: boolean;
  },
) {
  const where = and(
    q.own ? eq(trainingClasses.baseOrgId, actor.org.id) : classScope(actor),
    q.orgType ? eq(baseOrg.type, q.orgType) : undefined,
    q.status ? eq(trainingClasses.status, q.status) : undefined,
    q.tab === 'pending'
      ? eq(trainingClasses.status, 'pending')
      : q.tab === 'done'
        ? inArray(trainingClasses.status, ['approved', 'rejected'])
        : undefined,
    q.year ? eq(trainingClasses.year, q.year) : undefined,
    q.keyword ? like(trainingClasses.name, `%${escapeLike(q.keyword)}%`) : undefined,
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

/**
 * Registers one learner's score in an approved class of this base. A learner not in the platform, or outside the
 * jurisdiction of the base's HR department, is a row error (RowError), never a crash.
 */
export async function registerScore(
  ctx: ServiceContext,
  classId: number,
  row: { idType: IdType; idNumber: string; score: string; qualified: boolean; name?: string },
) {
  const { db, actor } = ctx;
  const cls = await ownClass(db, actor, classId);
  if (cls.status !== 'approved') throw new ConflictError('培训班尚未通过审核，不能登记成绩');
  const policy = await policyFor(db, cls.year);
  const today = beijingDate();
  if (today > policy.closingDate) throw new ConflictError(`${cls.year}年度学时申报已于${policy.closingDate}截止`);
  const id = checkIdNumber(row.idType, row.idNumber);
  if (!id.ok) throw new RowError(`证件号：${id.reason}`, { field: 'idNumber' });
  // A base trains people of its HR department's jurisdiction; an employer declares hours for its own staff only.
  let who: SQL;
  if (actor.org.type === 'employer') who = eq(personnel.orgId, actor.org.id);
  else {
    const [base] = await db.select().from(organizations).where(eq(organizations.id, actor.org.id));
    const [hr] = await db.select().from(organizations).where(eq(organizations.id, base!.parentId!));
    who = underPath(personOrg.path, hr!.path);
  }
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
    const [same] = await tx
      .select({ n: count() })
      .from(claims)
      .where(and(eq(claims.classId, cls.id), eq(claims.personnelId, person.p.id), sql`${claims.status} <> 'deleted'`));
    const reasons = flagReasons({
      hours: cls.hours,
      classHours: cls.hours,
      classStart: cls.startDate,
      classEnd: cls.endDate,
      sameClassClaims: same!.n,
      declaredOn: today,
      closingDate: policy.closingDate,
    });
    const [c] = await tx
      .insert(claims)
      .values({
        personnelId: person.p.id,
        year: cls.year,
        source: actor.org.type === 'employer' ? 'employer' : 'base',
        declaringOrgId: actor.org.id,
        classId: cls.id,
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
    await writeAudit(tx, ctx, {
      action: 'score.register',
      targetType: 'claim',
      targetId: c!.id,
      detail: { classId: cls.id, qualified: row.qualified },
    });
    return { claimId: c!.id, name: person.name, flagged: reasons.length > 0, flagReasons: reasons, status: c!.status };
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
