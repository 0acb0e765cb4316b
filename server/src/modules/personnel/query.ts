/**
 * 专技人员信息查询: the jurisdiction's personnel (active profiles whose organisation lies in the actor's subtree),
 * filtered, sorted and paged on the server, with the chosen year's hours; and one person's detail with the hour
 * history by year. 证件号/手机号 are the stored masked copies here; the full values are a separate audited request.
 */
import { z } from 'zod';
import { and, asc, desc, eq, ilike, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import {
  CLAIM_STATUSES,
  completion,
  EDUCATION_LEVELS,
  gapText,
  GENDERS,
  ID_TYPES,
  idSchema,
  LEARNING_FORMS,
  normalizeIdNumber,
  pageQuery,
  SUBJECT_TYPES,
  TITLE_LEVELS,
  TITLE_SERIES,
  type Gender,
  type HourPolicy,
  type IdType,
  type TitleLevel,
  text,
  year,
  beijingYear,
} from '@hbzsgx/domain';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../../context.js';
import { queryRows, type Db } from '../../db/client.js';
import { claims, departments, divisions, hourPolicies, organizations, personnel, personYearTotals, users } from '../../db/schema.js';
import { BadRequestError, NotFoundError } from '../../errors.js';
import type { Pii } from '../../lib/pii.js';
import { boundedCount, boundedTotal, paging } from '../../lib/paging.js';
import { nameContains } from '../../lib/name-search.js';
import { escapeLike, inSubtree, jurisdiction, loadOrgInScope, orgScope, REGION_KEYS, subtreeIds } from '../../lib/scope.js';
import type { Actor } from '../../plugins/access.js';
import { completedWhere } from './completion.js';

const seriesCodes = TITLE_SERIES.map((s) => s.code) as [string, ...string[]];
const levelCodes = Object.keys(TITLE_LEVELS) as [TitleLevel, ...TitleLevel[]];

export const personnelFilters = z.object({
  personName: text(50).optional(),
  idNumber: text(30, { tooLong: '过长' }).optional(),
  orgId: idSchema.optional(),
  departmentId: idSchema.optional(),
  regionId: idSchema.optional(),
  titleSeries: z.enum(seriesCodes, { error: '请选择有效的职称系列' }).optional(),
  titleLevel: z.enum(levelCodes, { error: '请选择有效的职称级别' }).optional(),
  year: year('必须是2000至2100年间的年份').optional(),
  completed: z.enum(['yes', 'no'], { error: '应为已完成（yes）或未完成（no）' }).optional(),
  sort: z.enum(['name', 'orgName', 'titleSeries', 'titleLevel', 'totalHours', 'createdAt'], { error: '排序字段不正确' }).default('createdAt'),
  order: z.enum(['asc', 'desc'], { error: '排序方向应为升序或降序' }).default('desc'),
});
export const personnelQuery = pageQuery.extend(personnelFilters.shape);
export type PersonnelQuery = z.infer<typeof personnelQuery>;
export type PersonnelFilters = z.infer<typeof personnelFilters>;

/** The columns of a year's policy, selected alone (policyOf) or beside the list's rows (listPersonnel). */
const POLICY = {
  policyYear: hourPolicies.year,
  policyTotalRequired: hourPolicies.totalRequired,
  policyProfessionalMin: hourPolicies.professionalMin,
  policyPublicMin: hourPolicies.publicMin,
  policyClosingDate: hourPolicies.closingDate,
};
type PolicyColumns = { [K in keyof typeof POLICY]: (typeof POLICY)[K]['_']['data'] | null };
const policyFrom = (p: PolicyColumns | undefined): HourPolicy | null =>
  p?.policyYear != null
    ? {
        year: p.policyYear,
        totalRequired: p.policyTotalRequired!,
        professionalMin: p.policyProfessionalMin!,
        publicMin: p.policyPublicMin!,
        closingDate: p.policyClosingDate!,
      }
    : null;

/** The year's policy on its own: what 完成情况 judges by. */
async function policyOf(db: Db, year: number): Promise<HourPolicy | null> {
  const [p] = await db.select(POLICY).from(hourPolicies).where(eq(hourPolicies.year, year));
  return policyFrom(p);
}

/**
 * The WHERE of the list (and its export), every condition on the personnel row itself so the list's order index
 * serves it (docs/decisions.md, 2026-12-01): scope by the row's jurisdiction keys, 单位/区域 as a subtree of keys,
 * 姓名 and 证件号 through the user, 完成情况 through the year totals. Ids the client sent are checked.
 * `orgs`: the same selection as a condition on organisations (each person is counted under their unit by 查询统计's
 * counters; 'all': every organisation), when every filter is one the counters are keyed by (jurisdiction, 单位, 区域,
 * 职称系列); else undefined.
 * `fromTotals` (已完成, docs/decisions.md 2026-12-02): the rows are the year's completed totals of listed persons —
 * scope, 单位 and 区域 on the totals' own copy of the person's keys (db/repeatable/year-totals.sql), so the list reads
 * one partial index in its order — and `personJoin` says whether a filter still needs the personnel row.
 */
async function listWhere(
  db: Db,
  pii: Pii,
  actor: Actor,
  f: PersonnelFilters,
  policy: HourPolicy | null,
  year: number,
): Promise<{ where: SQL; orgs?: SQL | 'all'; fromTotals: boolean; personJoin: boolean }> {
  if (f.completed && !policy) throw new BadRequestError(`年度：${year}年度尚未设置学时要求，无法按完成情况查询`, { field: 'year' });
  const zeroCompletes = !!policy && completion({ publicHours: 0, professionalHours: 0 }, policy).completed;
  // (a policy that zero hours meet completes persons without a totals row: those are left to the per-person test)
  const fromTotals = f.completed === 'yes' && !zeroCompletes;
  const keys = fromTotals ? REGION_KEYS.yearTotals : REGION_KEYS.personnel;
  const orgKeys = REGION_KEYS.organizations;
  const conds: (SQL | undefined)[] = fromTotals
    ? [eq(personYearTotals.year, year), sql`${personYearTotals.completed}`, sql`${personYearTotals.personActive}`]
    : [eq(personnel.status, 'active')];
  // a 单位 in scope (checked below) bounds the rows by itself: the jurisdiction's key beside it would only make the
  // planner combine both indexes (a city's big unit, page 500: 146 ms at 3M) — but an employer's scope is its own
  // organisation only, never the subtree the filter reads, so there it stays
  const scoped = !(f.orgId && jurisdiction(actor).subtree);
  if (scoped) conds.push(jurisdiction(actor).region(keys));
  const orgConds: (SQL | undefined)[] = [scoped ? jurisdiction(actor).region(orgKeys) : undefined];
  const personConds: SQL[] = [];
  if (f.personName)
    personConds.push(sql`EXISTS (SELECT 1 FROM users u WHERE u.id = ${personnel.userId} AND ${nameContains(sql`u.name`, f.personName)})`);
  if (f.idNumber) {
    // part of a 证件号 — its last 4 characters, or the masked form a list shows (4201**********123X) — is matched on the
    // stored masked copy (users_id_suffix_idx); anything else is a whole number, matched through the blind index
    const part = idNumberPart(f.idNumber);
    personConds.push(
      part
        ? sql`${personnel.userId} = ANY(ARRAY(SELECT u.id FROM users u WHERE right(u.id_number_masked, 4) = ${part.suffix}${
            part.prefix ? sql` AND left(u.id_number_masked, 4) = ${part.prefix}` : sql``
          }))`
        : sql`${personnel.userId} = (SELECT u.id FROM users u WHERE u.id_number_hash = ${pii.blindIndex(normalizeIdNumber(f.idNumber))})`,
    );
  }
  if (f.orgId) {
    const org = await loadOrgInScope(db, actor, f.orgId);
    conds.push(sql`${keys.orgId} = ANY(${subtreeIds(org.path)})`);
    orgConds.push(sql`${organizations.id} = ANY(${subtreeIds(org.path)})`);
  }
  if (f.departmentId) {
    // 内设部门 of an organisation in scope (an employer's own, a 主管部门's units'), else 404
    const [d] = await db
      .select({ id: departments.id })
      .from(departments)
      .innerJoin(organizations, eq(organizations.id, departments.orgId))
      .where(and(eq(departments.id, f.departmentId), orgScope(actor)));
    if (!d) throw new NotFoundError('内设部门', 'departmentId');
    personConds.push(eq(personnel.departmentId, d.id));
  }
  if (f.regionId) {
    const region = await loadOrgInScope(db, actor, f.regionId).catch(() => null);
    if (!region || region.type !== 'hr') throw new NotFoundError('区域', 'regionId');
    conds.push(inSubtree(keys, region));
    orgConds.push(inSubtree(orgKeys, region));
  }
  if (f.titleSeries) personConds.push(eq(personnel.titleSeries, f.titleSeries));
  if (f.titleLevel) personConds.push(eq(personnel.titleLevel, f.titleLevel));
  if (f.completed && !fromTotals) conds.push(completedWhere(policy!, f.completed === 'yes', { id: personnel.id, year }));
  // (the counters count 已完成 among persons with a totals row: a policy that zero hours meet is left to the rows)
  const countable = !f.personName && !f.idNumber && !f.titleLevel && !f.departmentId && !zeroCompletes;
  return {
    where: and(...conds, ...personConds)!, // status (or the totals' year) is always there
    orgs: countable ? (and(...orgConds) ?? 'all') : undefined,
    fromTotals,
    personJoin: personConds.length > 0,
  };
}

/** The 证件号 filter as a part: 4 trailing characters ("123X"), or a masked number's visible ends ("4201****123X"). */
export function idNumberPart(input: string): { prefix?: string; suffix: string } | null {
  const v = input.trim().toUpperCase();
  if (/^[0-9A-Z]{4}$/.test(v)) return { suffix: v };
  const m = /^([0-9A-Z]{4})\*+([0-9A-Z]{4})$/.exec(v);
  return m ? { prefix: m[1]!, suffix: m[2]! } : null;
}

/**
 * 完成情况's 共 N 条 from 查询统计's counters instead of testing person after person (at a low completion rate the
 * bounded count would read 10 times its cap): 已完成 = the units' completed persons of the year, 未完成 = their active
 * persons minus those — exact, one counter row per unit, capped like any bounded count so paging stays within 500
 * pages. The counters are kept in the transaction of every change (db/repeatable/counters.sql): the same truth.
 */
async function completionCount(db: Db, orgs: SQL | 'all', f: PersonnelFilters, year: number) {
  // stat_org_personnel holds (职称系列, 级别) rows and the organisation's roll-up ('*', '*'); stat_org_ledger (系列) and ('*')
  const series = f.titleSeries ?? '*';
  const personRows = f.titleSeries ? sql`sp.title_series = ${series}` : sql`sp.title_series = '*' AND sp.title_level = '*'`;
  // the whole tree (the province, no 单位/区域): every counter row, no organisation to join
  const of = (table: 'stat_org_ledger' | 'stat_org_personnel', alias: 'sl' | 'sp', where: SQL) =>
    orgs === 'all'
      ? sql`FROM ${sql.raw(`${table} ${alias}`)} WHERE ${where}`
      : sql`FROM ${sql.raw(`${table} ${alias}`)} JOIN organizations ON organizations.id = ${sql.raw(alias)}.org_id WHERE ${where} AND ${orgs}`;
  const completed = sql`coalesce((SELECT sum(sl.completed) ${of('stat_org_ledger', 'sl', sql`sl.year = ${year} AND sl.title_series = ${series}`)}), 0)::int`;
  const persons = f.completed === 'yes' ? sql`0` : sql`coalesce((SELECT sum(sp.persons) ${of('stat_org_personnel', 'sp', personRows)}), 0)::int`;
  const [r] = await queryRows<{ persons: number; completed: number }>(db, sql`SELECT ${persons} AS persons, ${completed} AS completed`);
  return boundedTotal(f.completed === 'yes' ? Number(r!.completed) : Number(r!.persons) - Number(r!.completed));
}

const totalHours = sql<number>`coalesce(${personYearTotals.publicHours}, 0) + coalesce(${personYearTotals.professionalHours}, 0)`;
const SORTS = {
  name: users.name,
  orgName: organizations.name,
  titleSeries: personnel.titleSeries,
  titleLevel: personnel.titleLevel,
  totalHours,
  createdAt: personnel.createdAt,
} as const;
/** The sort of a list read from the completed totals: the same values, from the totals' copy where it has one. */
const TOTALS_SORTS = { ...SORTS, createdAt: personYearTotals.personCreatedAt } as const;
/** Sorts that read the personnel row (or what hangs off it) rather than the totals. */
const PERSON_SORTS = new Set<PersonnelQuery['sort']>(['name', 'orgName', 'titleSeries', 'titleLevel']);

export async function listPersonnel(ctx: ServiceContext, q: PersonnelQuery) {
  const { db } = ctx;
  const year = q.year ?? beijingYear(ctx.now());
  // the year's policy judges every row; only 完成情况 needs it before the WHERE is built — otherwise it comes with the
  // page's rows (one statement fewer: docs/decisions.md 2026-12-06); a page without rows has nothing to judge
  const policyFirst = q.completed ? await policyOf(db, year) : null;
  const { where, orgs, fromTotals, personJoin } = await listWhere(db, ctx.deps.pii, ctx.actor, q, policyFirst, year);
  const yearJoin = and(eq(personYearTotals.personnelId, personnel.id), eq(personYearTotals.year, year));
  const joinPerson = personJoin || PERSON_SORTS.has(q.sort);
  // the selection's rows: persons with their year totals LEFT JOINed (unique per person and year: the planner drops
  // the join where nothing reads it), or — 已完成 — the year's completed totals, with the person only when needed
  const id = fromTotals ? personYearTotals.personnelId : personnel.id;
  // (the count selects a constant: with no column to return, an index of the WHERE's columns alone serves it)
  const selection = (fields: Record<string, SQL | typeof id> = { id }): PgSelect =>
    fromTotals
      ? joinPerson
        ? db.select(fields).from(personYearTotals).innerJoin(personnel, eq(personnel.id, personYearTotals.personnelId)).$dynamic()
        : db.select(fields).from(personYearTotals).$dynamic()
      : db.select(fields).from(personnel).leftJoin(personYearTotals, yearJoin).$dynamic();
  // 共 N 条: 已完成 straight from the completed totals' index is a bounded range (dense: no person to test); else the
  // counters where the filters are theirs, else the bounded count of the rows
  const counted =
    q.completed && orgs && !(fromTotals && !personJoin)
      ? completionCount(db, orgs, q, year)
      : boundedCount(db, selection({ one: sql`1` }).where(where));
  const dir = q.order === 'asc' ? asc : desc;
  const order = fromTotals ? [dir(TOTALS_SORTS[q.sort]), dir(personYearTotals.personnelId)] : [dir(SORTS[q.sort]), dir(personnel.id)];
  // the page's ids first (joining only what the sort reads), then their columns for those rows only
  let ids = selection();
  if (q.sort === 'name') ids = ids.innerJoin(users, eq(users.id, personnel.userId));
  if (q.sort === 'orgName') ids = ids.innerJoin(organizations, eq(organizations.id, personnel.orgId));
  ids = ids
    .where(where)
    .orderBy(...order)
    .limit(paging(q).limit)
    .offset(paging(q).offset);
  // the count and the page's rows at once (independent statements: docs/decisions.md 2026-12-06)
  const [{ total, capped }, rows] = await Promise.all([
    counted,
    db
      .select({
        id: personnel.id,
        name: users.name,
        idType: users.idType,
        idNumberMasked: users.idNumberMasked,
        phoneMasked: users.phoneMasked,
        gender: users.gender,
        orgId: organizations.id,
        orgName: organizations.name,
        departmentName: departments.name,
        titleSeries: personnel.titleSeries,
        titleLevel: personnel.titleLevel,
        titleName: personnel.titleName,
        education: personnel.education,
        accountStatus: users.status,
        createdAt: personnel.createdAt,
        publicHours: personYearTotals.publicHours,
        professionalHours: personYearTotals.professionalHours,
        ...POLICY,
      })
      .from(personnel)
      .innerJoin(users, eq(users.id, personnel.userId))
      .innerJoin(organizations, eq(organizations.id, personnel.orgId))
      .leftJoin(departments, eq(departments.id, personnel.departmentId))
      .leftJoin(personYearTotals, yearJoin)
      .leftJoin(hourPolicies, eq(hourPolicies.year, year))
      .where(inArray(personnel.id, ids))
      .orderBy(...order),
  ]);
  const policy = q.completed ? policyFirst : policyFrom(rows[0]);
  return {
    total,
    totalCapped: capped,
    year,
    hasPolicy: q.completed || rows.length ? !!policy : null,
    items: rows.map(({ policyYear, policyTotalRequired, policyProfessionalMin, policyPublicMin, policyClosingDate, ...r }) => {
      const t = { publicHours: r.publicHours ?? 0, professionalHours: r.professionalHours ?? 0 };
      const c = policy ? completion(t, policy) : null;
      return {
        ...r,
        ...names(r),
        publicHours: t.publicHours,
        professionalHours: t.professionalHours,
        totalHours: Math.round((t.publicHours + t.professionalHours) * 10) / 10,
        completed: c ? c.completed : null,
        missing: c ? c.missing : null,
        gap: c ? gapText(c.missing) : null,
      };
    }),
  };
}

const LEVEL_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(TITLE_LEVELS));
const EDUCATION_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(EDUCATION_LEVELS));

function names(r: { idType: IdType; gender: Gender | null; titleSeries: string | null; titleLevel: string | null; education: string | null }) {
  return {
    idTypeName: ID_TYPES[r.idType] ?? r.idType,
    genderName: r.gender ? (GENDERS[r.gender] ?? '') : '',
    titleSeriesName: TITLE_SERIES.find((s) => s.code === r.titleSeries)?.name ?? '',
    titleLevelName: (r.titleLevel && LEVEL_NAMES.get(r.titleLevel)) || '',
    educationName: (r.education && EDUCATION_NAMES.get(r.education)) || '',
  };
}

/** An active profile of the jurisdiction, or 404 (with its user). */
export async function personInScope(db: Db, actor: Actor, id: number) {
  const [p] = await db
    .select({ p: personnel, u: users, orgName: organizations.name, orgPath: organizations.path, departmentName: departments.name })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .innerJoin(organizations, eq(organizations.id, personnel.orgId))
    .leftJoin(departments, eq(departments.id, personnel.departmentId))
    .where(and(eq(personnel.id, id), eq(personnel.status, 'active'), orgScope(actor)))
    .limit(1);
  if (!p) throw new NotFoundError('人员');
  return p;
}

const declarer = alias(organizations, 'declarer');

/** Profile and hour history: per year the totals judged against that year's policy, and the claims with status. */
export async function personnelDetail(ctx: ServiceContext, id: number) {
  const { db } = ctx;
  const { p, u, orgName, departmentName } = await personInScope(db, ctx.actor, id);
  const totals = await db.select().from(personYearTotals).where(eq(personYearTotals.personnelId, id));
  const claimRows = await db
    .select({
      id: claims.id,
      year: claims.year,
      title: claims.title,
      subjectType: claims.subjectType,
      learningForm: claims.learningForm,
      hours: claims.hours,
      status: claims.status,
      declaringOrg: declarer.name,
      createdAt: claims.createdAt,
      revokeReason: claims.revokeReason,
      rejectReason: claims.rejectReason,
    })
    .from(claims)
    .innerJoin(declarer, eq(declarer.id, claims.declaringOrgId))
    .where(and(eq(claims.personnelId, id), notInArray(claims.status, ['deleted', 'withdrawn'])))
    .orderBy(desc(claims.year), desc(claims.id))
    .limit(2000);
  const current = beijingYear(ctx.now());
  const years = [...new Set([current, ...totals.map((t) => t.year), ...claimRows.map((c) => c.year)])].sort((a, b) => b - a);
  const policies = await db.select().from(hourPolicies).where(inArray(hourPolicies.year, years));
  const history = years.flatMap((year) => {
    const policy = policies.find((x) => x.year === year);
    const t = totals.find((x) => x.year === year);
    const yearClaims = claimRows.filter((c) => c.year === year);
    if (year === current && !policy && !t && !yearClaims.length) return [];
    const hours = { publicHours: t?.publicHours ?? 0, professionalHours: t?.professionalHours ?? 0 };
    const c = policy ? completion(hours, policy) : null;
    return [
      {
        year,
        publicHours: hours.publicHours,
        professionalHours: hours.professionalHours,
        totalHours: Math.round((hours.publicHours + hours.professionalHours) * 10) / 10,
        policy: policy ? { totalRequired: policy.totalRequired, publicMin: policy.publicMin, professionalMin: policy.professionalMin } : null,
        completed: c ? c.completed : null,
        missing: c ? c.missing : null,
        claims: yearClaims.map((x) => ({
          ...x,
          statusName: CLAIM_STATUSES[x.status] ?? x.status,
          subjectTypeName: SUBJECT_TYPES[x.subjectType] ?? x.subjectType,
          learningFormName: LEARNING_FORMS[x.learningForm] ?? x.learningForm,
        })),
      },
    ];
  });
  return {
    id: p.id,
    userId: u.id,
    name: u.name,
    idType: u.idType,
    idNumberMasked: u.idNumberMasked,
    phoneMasked: u.phoneMasked,
    gender: u.gender,
    birthDate: u.birthDate,
    email: u.email,
    accountStatus: u.status,
    mustChangePassword: u.mustChangePassword,
    hasPassword: u.passwordHash != null,
    orgId: p.orgId,
    orgName,
    departmentName,
    titleSeries: p.titleSeries,
    titleLevel: p.titleLevel,
    titleName: p.titleName,
    titleDate: p.titleDate,
    education: p.education,
    createdAt: p.createdAt,
    ...names({ idType: u.idType, gender: u.gender, titleSeries: p.titleSeries, titleLevel: p.titleLevel, education: p.education }),
    history,
  };
}

/** 所在单位 picker: units of the jurisdiction (employers, authorities, bases) by name or credit code. */
export const unitOptionsQuery = z.object({ keyword: text(50).optional() });
export async function unitOptions(ctx: ServiceContext, keyword?: string) {
  const { db, actor } = ctx;
  const items = await db
    .select({ id: organizations.id, name: organizations.name, creditCode: organizations.creditCode, type: organizations.type })
    .from(organizations)
    .where(
      and(
        orgScope(actor),
        inArray(organizations.type, ['employer', 'authority', 'base']),
        eq(organizations.status, 'active'),
        keyword
          ? sql`(${ilike(organizations.name, `%${escapeLike(keyword)}%`)} or ${organizations.creditCode} = ${keyword.toUpperCase()})`
          : undefined,
      ),
    )
    .orderBy(organizations.name)
    .limit(50);
  return { items };
}

/**
 * 内设部门 picker: the departments of one organisation in scope — `orgId`, or the actor's own (an employer's 本单位人员)
 * — by name; an organisation out of scope is 404.
 */
export async function departmentOptions(ctx: ServiceContext, orgId?: number) {
  const { db, actor } = ctx;
  const org = orgId ? await loadOrgInScope(db, actor, orgId) : actor.org;
  const items = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.orgId, org.id))
    .orderBy(departments.name, departments.id)
    .limit(500);
  return { items };
}

/** 区域 picker: the HR departments of the jurisdiction (named by their division), as a flat tree. */
export async function regionOptions(ctx: ServiceContext) {
  const { db, actor } = ctx;
  const items = await db
    .select({ id: organizations.id, name: divisions.name, parentId: organizations.parentId })
    .from(organizations)
    .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
    .where(and(eq(organizations.type, 'hr'), orgScope(actor)))
    .orderBy(organizations.divisionCode);
  return { items };
}
