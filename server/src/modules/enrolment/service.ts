/**
 * 培训报名: a person's catalogue of the approved classes of the bases serving their organisation, 报名 and 取消报名,
 * 我的报名; and a base's 报名名单 of its own class. A seat is taken with ONE guarded statement on the class's
 * enrolled_count (docs/decisions.md "培训报名's capacity counter"): of N people racing for the last seat exactly one
 * gets it; the counter equals the class's live enrolments.
 */
import { and, asc, count, desc, eq, like, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { beijingDate, type CatalogueState, type LearningForm, type SubjectType } from '@hbzsgx/domain';
import type { Db } from '../../db/client.js';
import { classEnrolments, claims, divisions, organizations, personnel, trainingClasses, users } from '../../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { escapeLike, jurisdiction } from '../../lib/scope.js';
import type { ServiceContext } from '../../context.js';
import type { Actor } from '../../plugins/access.js';

const baseOrg = alias(organizations, 'base_org');
const cityOrg = alias(organizations, 'city_org');
/** The base's 市州 by name (武汉市), from its city HR department's division. */
const cityDivision = alias(divisions, 'city_division');
const personOrg = alias(organizations, 'person_org');

/** 培训报名 is the signed-in person's own: an admin seat (HR, a base…) has no place in a class. */
function personOf(actor: Actor): number {
  if (actor.kind !== 'personnel' || !actor.personnelId) throw new ForbiddenError('只有专业技术人员可以报名培训班');
  return actor.personnelId;
}

/** Classes open to the actor: approved classes of bases (not employers' unit plans) serving the actor's organisation. */
function openToActor(actor: Actor): SQL {
  return and(eq(baseOrg.type, 'base'), jurisdiction(actor).servedBy(baseOrg))!;
}

/** The person's 职称系列 (a class with target_series accepts only those), and whether they may enrol at all. */
async function personRow(db: Db, personnelId: number) {
  const [p] = await db
    .select({ id: personnel.id, status: personnel.status, titleSeries: personnel.titleSeries })
    .from(personnel)
    .where(eq(personnel.id, personnelId));
  return p!;
}

/** A class's target_series accepts the series: empty = every 职称系列. */
const acceptsSeries = (series: string | null) =>
  sql<boolean>`(jsonb_array_length(${trainingClasses.targetSeries}) = 0 or ${trainingClasses.targetSeries} @> jsonb_build_array(${series ?? ''}::text))`;

export interface CatalogueQuery {
  year?: number;
  subjectType?: SubjectType;
  learningForm?: LearningForm;
  baseId?: number;
  /** The base's 市州: its city HR department's id (the organisations' jurisdiction key, not a prefix match on paths). */
  cityId?: number;
  /** 面向职称系列: classes open to it (listing it, or open to every series). */
  series?: string;
  keyword?: string;
  /** Only classes that have not started (default); false: every approved class of the year, with its state. */
  upcoming: boolean;
  page: number;
  pageSize: number;
}

/** 培训报名's catalogue: approved classes serving the person's organisation, their 剩余名额 and the person's state. */
export async function catalogue(ctx: ServiceContext, q: CatalogueQuery) {
  const personnelId = personOf(ctx.actor);
  const me = await personRow(ctx.db, personnelId);
  const today = beijingDate(ctx.now());
  const where = and(
    openToActor(ctx.actor),
    eq(trainingClasses.status, 'approved'),
    q.year ? eq(trainingClasses.year, q.year) : undefined,
    q.upcoming ? sql`${trainingClasses.startDate} > ${today}` : undefined,
    q.subjectType ? eq(trainingClasses.subjectType, q.subjectType) : undefined,
    q.learningForm ? eq(trainingClasses.learningForm, q.learningForm) : undefined,
    q.baseId ? eq(trainingClasses.baseOrgId, q.baseId) : undefined,
    q.cityId ? eq(baseOrg.cityHrId, q.cityId) : undefined,
    q.series ? acceptsSeries(q.series) : undefined,
    q.keyword ? like(trainingClasses.name, `%${escapeLike(q.keyword)}%`) : undefined,
  );
  const [total] = await ctx.db
    .select({ n: count() })
    .from(trainingClasses)
    .innerJoin(baseOrg, eq(baseOrg.id, trainingClasses.baseOrgId))
    .where(where);
  const rows = await ctx.db
    .select({
      c: trainingClasses,
      baseName: baseOrg.name,
      cityName: cityDivision.name,
      enrolmentId: classEnrolments.id,
      accepts: acceptsSeries(me.titleSeries),
    })
    .from(trainingClasses)
    .innerJoin(baseOrg, eq(baseOrg.id, trainingClasses.baseOrgId))
    .leftJoin(cityOrg, eq(cityOrg.id, baseOrg.cityHrId))
    .leftJoin(cityDivision, eq(cityDivision.code, cityOrg.divisionCode))
    .leftJoin(
      classEnrolments,
      and(eq(classEnrolments.classId, trainingClasses.id), eq(classEnrolments.personnelId, personnelId), eq(classEnrolments.status, 'enrolled')),
    )
    .where(where)
    .orderBy(asc(trainingClasses.startDate), asc(trainingClasses.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    total: total!.n,
    items: rows.map(({ c, baseName, cityName, enrolmentId, accepts }) => {
      const state: CatalogueState = enrolmentId
        ? 'enrolled'
        : c.startDate <= today
          ? 'closed'
          : !accepts
            ? 'series'
            : c.enrolledCount >= c.capacity
              ? 'full'
              : 'open';
      return {
        ...c,
        baseName,
        cityName,
        enrolmentId,
        remaining: Math.max(0, c.capacity - c.enrolledCount),
        state,
      };
    }),
  };
}

/** 培训报名's filter choices: the bases with approved classes open to the person (that year), and their cities. */
export async function catalogueOptions(ctx: ServiceContext, year?: number) {
  personOf(ctx.actor);
  const bases = await ctx.db
    .selectDistinct({ id: baseOrg.id, name: baseOrg.name, cityId: baseOrg.cityHrId, cityName: cityDivision.name })
    .from(trainingClasses)
    .innerJoin(baseOrg, eq(baseOrg.id, trainingClasses.baseOrgId))
    .leftJoin(cityOrg, eq(cityOrg.id, baseOrg.cityHrId))
    .leftJoin(cityDivision, eq(cityDivision.code, cityOrg.divisionCode))
    .where(and(openToActor(ctx.actor), eq(trainingClasses.status, 'approved'), year ? eq(trainingClasses.year, year) : undefined))
    .orderBy(baseOrg.name)
    .limit(500);
  const cities = new Map<number, string>();
  for (const b of bases) if (b.cityId && b.cityName) cities.set(b.cityId, b.cityName);
  return {
    bases: bases.map((b) => ({ id: b.id, name: b.name })),
    cities: [...cities].map(([id, name]) => ({ id, name })),
  };
}

/**
 * 报名: one transaction — the seat is taken by ONE guarded UPDATE of the class's counter (approved, not started,
 * below capacity; it also serialises the class's enrolments on its row), then the enrolment row, then the audit row.
 * 0 rows → the class is full or closed (409); the person already enrolled → 409 (the counter rolls back with it).
 */
export async function enrol(ctx: ServiceContext, classId: number) {
  const personnelId = personOf(ctx.actor);
  const me = await personRow(ctx.db, personnelId);
  if (me.status !== 'active') throw new ForbiddenError('只有注册审核通过的专业技术人员可以报名');
  const [cls] = await ctx.db
    .select({ c: trainingClasses })
    .from(trainingClasses)
    .innerJoin(baseOrg, eq(baseOrg.id, trainingClasses.baseOrgId))
    .where(and(eq(trainingClasses.id, classId), openToActor(ctx.actor)));
  if (!cls) throw new NotFoundError('培训班');
  const c = cls.c;
  if (c.status !== 'approved') throw new ConflictError('该培训班尚未开放报名', 'NOT_OPEN');
  if (c.targetSeries.length && !c.targetSeries.includes(me.titleSeries ?? '')) {
    throw new ConflictError('该培训班不面向您的职称系列，不能报名', 'SERIES_MISMATCH');
  }
  const today = beijingDate(ctx.now());
  return ctx.db.transaction(async (tx) => {
    const mine = () =>
      tx
        .select({ id: classEnrolments.id })
        .from(classEnrolments)
        .where(and(eq(classEnrolments.classId, classId), eq(classEnrolments.personnelId, personnelId), eq(classEnrolments.status, 'enrolled')));
    if ((await mine()).length) throw new ConflictError('您已报名该培训班', 'ALREADY_ENROLLED');
    const [seat] = await tx
      .update(trainingClasses)
      .set({ enrolledCount: sql`${trainingClasses.enrolledCount} + 1` })
      .where(
        and(
          eq(trainingClasses.id, classId),
          eq(trainingClasses.status, 'approved'),
          sql`${trainingClasses.enrolledCount} < ${trainingClasses.capacity}`,
          sql`${trainingClasses.startDate} > ${today}`,
        ),
      )
      .returning({ enrolledCount: trainingClasses.enrolledCount, capacity: trainingClasses.capacity });
    if (!seat) {
      const [now] = await tx.select().from(trainingClasses).where(eq(trainingClasses.id, classId));
      if (now!.startDate <= today) throw new ConflictError('报名已截止（培训班已开始）', 'CLOSED');
      if (now!.status !== 'approved') throw new ConflictError('该培训班尚未开放报名', 'NOT_OPEN');
      throw new ConflictError('名额已满', 'FULL');
    }
    // the counter's row lock is held: a concurrent 报名 of the same person waits for this commit, then finds it here
    if ((await mine()).length) throw new ConflictError('您已报名该培训班', 'ALREADY_ENROLLED');
    const [e] = await tx.insert(classEnrolments).values({ classId, personnelId }).returning({ id: classEnrolments.id });
    await ctx.audit({ action: 'enrolment.enrol', targetType: 'training_class', targetId: classId, detail: { enrolmentId: e!.id, name: c.name } }, tx);
    return { enrolmentId: e!.id, remaining: seat.capacity - seat.enrolledCount };
  });
}

/** 取消报名: until the class starts; guarded by the enrolment's state, the seat given back in the same transaction. */
export async function cancelEnrolment(ctx: ServiceContext, enrolmentId: number) {
  const personnelId = personOf(ctx.actor);
  const today = beijingDate(ctx.now());
  return ctx.db.transaction(async (tx) => {
    const [cur] = await tx
      .select({ e: classEnrolments, startDate: trainingClasses.startDate, name: trainingClasses.name })
      .from(classEnrolments)
      .innerJoin(trainingClasses, eq(trainingClasses.id, classEnrolments.classId))
      .where(and(eq(classEnrolments.id, enrolmentId), eq(classEnrolments.personnelId, personnelId)));
    if (!cur) throw new NotFoundError('报名记录');
    if (cur.startDate <= today) throw new ConflictError('培训班已开始，不能取消报名', 'STARTED');
    const [done] = await tx
      .update(classEnrolments)
      .set({ status: 'cancelled', cancelledAt: ctx.now() })
      .where(and(eq(classEnrolments.id, enrolmentId), eq(classEnrolments.personnelId, personnelId), eq(classEnrolments.status, 'enrolled')))
      .returning({ classId: classEnrolments.classId });
    if (!done) throw new ConflictError('该报名已取消', 'ALREADY_CANCELLED');
    const [seat] = await tx
      .update(trainingClasses)
      .set({ enrolledCount: sql`${trainingClasses.enrolledCount} - 1` })
      .where(and(eq(trainingClasses.id, done.classId), sql`${trainingClasses.startDate} > ${today}`, sql`${trainingClasses.enrolledCount} > 0`))
      .returning({ id: trainingClasses.id });
    // the class started between the two statements: the whole cancellation rolls back
    if (!seat) throw new ConflictError('培训班已开始，不能取消报名', 'STARTED');
    await ctx.audit(
      { action: 'enrolment.cancel', targetType: 'training_class', targetId: done.classId, detail: { enrolmentId, name: cur.name } },
      tx,
    );
    return { ok: true as const };
  });
}

/** 我的报名: the person's enrolments (cancelled ones too), newest first. */
export async function myEnrolments(ctx: ServiceContext, q: { status?: 'enrolled' | 'cancelled'; page: number; pageSize: number }) {
  const personnelId = personOf(ctx.actor);
  const today = beijingDate(ctx.now());
  const where = and(eq(classEnrolments.personnelId, personnelId), q.status ? eq(classEnrolments.status, q.status) : undefined);
  const [total] = await ctx.db.select({ n: count() }).from(classEnrolments).where(where);
  const rows = await ctx.db
    .select({ e: classEnrolments, c: trainingClasses, baseName: baseOrg.name })
    .from(classEnrolments)
    .innerJoin(trainingClasses, eq(trainingClasses.id, classEnrolments.classId))
    .innerJoin(baseOrg, eq(baseOrg.id, trainingClasses.baseOrgId))
    .where(where)
    .orderBy(desc(classEnrolments.createdAt), desc(classEnrolments.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    total: total!.n,
    items: rows.map(({ e, c, baseName }) => ({
      id: e.id,
      classId: c.id,
      className: c.name,
      baseName,
      year: c.year,
      subjectType: c.subjectType,
      learningForm: c.learningForm,
      hours: c.hours,
      startDate: c.startDate,
      endDate: c.endDate,
      place: c.place,
      status: e.status,
      createdAt: e.createdAt,
      cancelledAt: e.cancelledAt,
      cancellable: e.status === 'enrolled' && c.startDate > today,
    })),
  };
}

/** The base's own class (404 for anyone else's, as for one that does not exist). */
async function ownClass(ctx: ServiceContext, classId: number) {
  const [c] = await ctx.db
    .select({ id: trainingClasses.id, name: trainingClasses.name })
    .from(trainingClasses)
    .where(and(eq(trainingClasses.id, classId), eq(trainingClasses.baseOrgId, ctx.actor.org.id)));
  if (!c) throw new NotFoundError('培训班');
  return c;
}

export interface RosterQuery {
  status?: 'enrolled' | 'cancelled';
  page: number;
  pageSize: number;
}

/** 报名名单 of the base's own class: learners in 报名 order, 证件号 masked, whether their score is registered. */
export async function roster(ctx: ServiceContext, classId: number, q: RosterQuery) {
  await ownClass(ctx, classId);
  const where = and(eq(classEnrolments.classId, classId), eq(classEnrolments.status, q.status ?? 'enrolled'));
  const [total] = await ctx.db.select({ n: count() }).from(classEnrolments).where(where);
  const items = await ctx.db
    .select({
      enrolmentId: classEnrolments.id,
      personnelId: personnel.id,
      name: users.name,
      idNumberMasked: users.idNumberMasked,
      orgName: personOrg.name,
      titleSeries: personnel.titleSeries,
      titleName: personnel.titleName,
      status: classEnrolments.status,
      createdAt: classEnrolments.createdAt,
      cancelledAt: classEnrolments.cancelledAt,
      scored: sql<boolean>`exists (select 1 from ${claims} where ${claims.classId} = ${classEnrolments.classId} and ${claims.personnelId} = ${classEnrolments.personnelId} and ${claims.status} <> 'deleted')`,
    })
    .from(classEnrolments)
    .innerJoin(personnel, eq(personnel.id, classEnrolments.personnelId))
    .innerJoin(users, eq(users.id, personnel.userId))
    .innerJoin(personOrg, eq(personOrg.id, personnel.orgId))
    .where(where)
    .orderBy(asc(classEnrolments.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total!.n, items };
}

/** The class's name for the roster export's title (and its 404). */
export const rosterClass = ownClass;
