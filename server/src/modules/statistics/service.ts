/**
 * 查询统计 (SPEC §5): figures for the actor's jurisdiction and a year, by region with drill-down.
 * Completion and hours come from the ledger (person_year_totals LEFT JOIN active personnel: no totals row = 0 hours),
 * judged by completedSql() — the one SQL form of the domain's completion(). Claims are scanned only for what the
 * ledger does not hold (claims by status, approved hours by 学习形式) on the overview.
 */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import {
  CLAIM_STATUSES, LEARNING_FORMS, ORG_TYPES, SUBJECT_TYPES, TITLE_LEVELS, TITLE_SERIES,
  type ClaimStatus, type HourPolicy, type LearningForm, type OrgType, type TitleLevel,
} from '@hbzsgx/domain';
import type { Db } from '../../db/client.js';
import { claims, hourPolicies, organizations, personnel, personYearTotals, trainingClasses } from '../../db/schema.js';
import { BadRequestError } from '../../errors.js';
import type { Actor } from '../../plugins/access.js';
import { completedSql } from '../ledger/completion-sql.js';
import { childKey, childRegions, drillPath, foldByChild, inRegion, resolveRegion, type Region } from './region.js';

export const CLASS_STATUSES = { pending: '待审核', approved: '已通过', rejected: '已驳回', withdrawn: '已撤回' } as const;
export type GroupBy = 'region' | 'employer' | 'series';
export type EmployerSort = 'rate' | 'total' | 'completed' | 'name';

const r1 = (n: number) => Math.round(n * 10) / 10;
/** 完成率 in percent with one decimal; null when nobody is due. */
export const rate = (completed: number, total: number) => (total > 0 ? r1((completed / total) * 100) : null);

async function yearPolicy(db: Db, year: number): Promise<HourPolicy> {
  const [p] = await db.select().from(hourPolicies).where(eq(hourPolicies.year, year));
  if (!p) throw new BadRequestError(`年度：${year}年度尚未设置学时要求`, { field: 'year' });
  return { year: p.year, totalRequired: p.totalRequired, professionalMin: p.professionalMin, publicMin: p.publicMin, closingDate: p.closingDate };
}

async function regionContext(db: Db, actor: Actor, regionId: number | undefined) {
  const region = await resolveRegion(db, actor, regionId);
  return { region, path: await drillPath(db, actor, region), regionOut: { id: region.id, name: region.name, hrLevel: region.hrLevel } };
}

/** Aggregates over active personnel of the region with their totals for the year (the ledger); hours only when shown. */
function ledgerAgg(policy: HourPolicy, withHours: boolean) {
  const done = completedSql(policy);
  return {
    total: sql<number>`count(*)::int`.as('total'),
    completed: sql<number>`(count(*) filter (where ${done}))::int`.as('completed'),
    publicHours: (withHours ? sql<number>`coalesce(sum(${personYearTotals.publicHours}), 0)::float8` : sql<number>`0::float8`).as('public_hours'),
    professionalHours: (withHours ? sql<number>`coalesce(sum(${personYearTotals.professionalHours}), 0)::float8` : sql<number>`0::float8`).as('professional_hours'),
  };
}
const ledgerJoin = (year: number) => and(eq(personYearTotals.personnelId, personnel.id), eq(personYearTotals.year, year));
const activeIn = (region: Region) => and(eq(personnel.status, 'active'), inRegion(region));

type Agg = { total: number; completed: number; publicHours: number; professionalHours: number };
const zeroAgg = (): Agg => ({ total: 0, completed: 0, publicHours: 0, professionalHours: 0 });
const addAgg = (a: Agg, g: Agg) => { a.total += g.total; a.completed += g.completed; a.publicHours += g.publicHours; a.professionalHours += g.professionalHours; };

/**
 * The ledger per child region. Grouped per organisation first (an integer key over every person), then the few
 * thousand organisation rows are folded into child regions by their path: cheaper than computing each person's
 * child region from a path string.
 */
async function ledgerByChild(db: Db, region: Region, year: number, policy: HourPolicy, withHours: boolean) {
  const orgsInRegion = db.select({ id: organizations.id }).from(organizations).where(inRegion(region));
  const perOrg = db.select({ orgId: personnel.orgId, ...ledgerAgg(policy, withHours) }).from(personnel)
    .leftJoin(personYearTotals, ledgerJoin(year))
    .where(and(eq(personnel.status, 'active'), inArray(personnel.orgId, orgsInRegion)))
    .groupBy(personnel.orgId).as('per_org');
  return db.select({
    key: childKey(region),
    total: sql<number>`sum(${perOrg.total})::int`, completed: sql<number>`sum(${perOrg.completed})::int`,
    publicHours: sql<number>`sum(${perOrg.publicHours})::float8`, professionalHours: sql<number>`sum(${perOrg.professionalHours})::float8`,
  }).from(perOrg).innerJoin(organizations, eq(organizations.id, perOrg.orgId)).groupBy(sql`1`);
}

const completionRow = (a: { total: number; completed: number }) => ({
  total: a.total, completed: a.completed, uncompleted: a.total - a.completed, rate: rate(a.completed, a.total),
});

// ---------------------------------------------------------------------------------------------- 继教完成情况查询

export interface CompletionQuery {
  year: number; regionId?: number; groupBy: GroupBy; page: number; pageSize: number; sort: EmployerSort; order: 'asc' | 'desc';
}
export interface CompletionRow {
  key: string; name: string; regionId?: number | null; hasChildren?: boolean; orgId?: number; orgType?: string; orgTypeName?: string;
  total: number; completed: number; uncompleted: number; rate: number | null;
}

export async function completionStats(db: Db, actor: Actor, q: CompletionQuery) {
  const policy = await yearPolicy(db, q.year);
  const { region, path, regionOut } = await regionContext(db, actor, q.regionId);
  const done = completedSql(policy);
  // one pass over the region's personnel per request: the summary is the sum of the groups
  let rows: CompletionRow[];
  let total: number;
  let summary: ReturnType<typeof completionRow>;
  if (q.groupBy === 'region') {
    const groups = await ledgerByChild(db, region, q.year, policy, false);
    rows = foldByChild(region, await childRegions(db, region), groups, zeroAgg, addAgg)
      .map((r) => ({ key: String(r.regionId ?? 'own'), name: r.name, regionId: r.regionId, hasChildren: r.hasChildren, ...completionRow(r.acc) }));
    total = rows.length;
    summary = completionRow(groups.reduce((a, g) => (addAgg(a, g), a), zeroAgg()));
  } else if (q.groupBy === 'series') {
    const groups = await db.select({ series: personnel.titleSeries, total: sql<number>`count(*)::int`, completed: sql<number>`(count(*) filter (where ${done}))::int` })
      .from(personnel).innerJoin(organizations, eq(organizations.id, personnel.orgId)).leftJoin(personYearTotals, ledgerJoin(q.year))
      .where(activeIn(region)).groupBy(personnel.titleSeries);
    rows = seriesOrder(groups).map((g) => ({ key: g.series ?? 'none', name: seriesName(g.series), ...completionRow(g) }));
    total = rows.length;
    summary = completionRow({ total: sum(groups, (g) => g.total), completed: sum(groups, (g) => g.completed) });
  } else {
    ({ rows, total, summary } = await completionByEmployer(db, region, q, done));
  }
  return { year: q.year, policy, region: regionOut, path, groupBy: q.groupBy, summary, total, rows };
}

const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

/** One page of units; window sums over all groups (before LIMIT) give the count of units and the summary. */
async function completionByEmployer(db: Db, region: Region, q: CompletionQuery, done: SQL) {
  const completed = sql<number>`(count(*) filter (where ${done}))::int`;
  const rateExpr = sql`(count(*) filter (where ${done}))::float8 / count(*)`;
  const dir = q.order === 'asc' ? asc : desc;
  const primary = q.sort === 'name' ? dir(organizations.name) : q.sort === 'completed' ? dir(completed) : q.sort === 'rate' ? dir(rateExpr) : dir(sql`count(*)`);
  const base = () => db.select({
    orgId: organizations.id, name: organizations.name, orgType: organizations.type,
    total: sql<number>`count(*)::int`, completed,
    units: sql<number>`(count(*) over ())::int`,
    allTotal: sql<number>`(sum(count(*)) over ())::int`,
    allCompleted: sql<number>`(sum(count(*) filter (where ${done})) over ())::int`,
  }).from(personnel).innerJoin(organizations, eq(organizations.id, personnel.orgId)).leftJoin(personYearTotals, ledgerJoin(q.year))
    .where(activeIn(region)).groupBy(organizations.id, organizations.name, organizations.type)
    .orderBy(primary, desc(sql`count(*)`), asc(organizations.id));
  const groups = await base().limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  // a page past the end: the first row still tells how many units and people there are
  const head = groups[0] ?? (q.page > 1 ? (await base().limit(1))[0] : undefined);
  const rows: CompletionRow[] = groups.map((g) => ({
    key: String(g.orgId), name: g.name, orgId: g.orgId, orgType: g.orgType, orgTypeName: ORG_TYPES[g.orgType as OrgType] ?? g.orgType, ...completionRow(g),
  }));
  return { rows, total: head?.units ?? 0, summary: completionRow({ total: head?.allTotal ?? 0, completed: head?.allCompleted ?? 0 }) };
}

/** Series in dictionary order, unknown codes after them, 未填写 last. */
function seriesOrder<T extends { series: string | null }>(groups: T[]): T[] {
  const idx = (s: string | null) => (s == null ? 1e6 : (TITLE_SERIES.findIndex((x) => x.code === s) + 1 || 1e5));
  return [...groups].sort((a, b) => idx(a.series) - idx(b.series));
}
const seriesName = (code: string | null) => (code == null ? '未填写' : TITLE_SERIES.find((s) => s.code === code)?.name ?? code);

// ---------------------------------------------------------------------------------------------- 职称系列分布查询

export const NO_LEVEL = 'none';

export async function titleStats(db: Db, actor: Actor, q: { regionId?: number }) {
  const { region, path, regionOut } = await regionContext(db, actor, q.regionId);
  const groups = await db.select({ series: personnel.titleSeries, level: personnel.titleLevel, n: sql<number>`count(*)::int` })
    .from(personnel).innerJoin(organizations, eq(organizations.id, personnel.orgId))
    .where(activeIn(region)).groupBy(personnel.titleSeries, personnel.titleLevel);
  const levelCodes = Object.keys(TITLE_LEVELS) as TitleLevel[];
  const hasNone = groups.some((g) => g.level == null || !levelCodes.includes(g.level as TitleLevel));
  const levels: { code: string; name: string }[] = [
    ...levelCodes.map((code) => ({ code, name: TITLE_LEVELS[code] })), ...(hasNone ? [{ code: NO_LEVEL, name: '未填写' }] : []),
  ];
  const bySeries = new Map<string, { series: string | null; counts: Record<string, number>; total: number }>();
  const totals: Record<string, number> = Object.fromEntries(levels.map((l) => [l.code, 0]));
  let all = 0;
  for (const g of groups) {
    const key = g.series ?? NO_LEVEL;
    const row = bySeries.get(key) ?? { series: g.series, counts: Object.fromEntries(levels.map((l) => [l.code, 0])), total: 0 };
    const level = g.level != null && levelCodes.includes(g.level as TitleLevel) ? g.level : NO_LEVEL;
    row.counts[level]! += g.n;
    row.total += g.n;
    totals[level]! += g.n;
    all += g.n;
    bySeries.set(key, row);
  }
  const rows = seriesOrder([...bySeries.values()]).map((r) => ({ key: r.series ?? NO_LEVEL, name: seriesName(r.series), counts: r.counts, total: r.total }));
  return { region: regionOut, path, levels, rows, totals: { counts: totals, total: all } };
}

// ---------------------------------------------------------------------------------------------- 继教综合统计查询

/**
 * Claims of the region's personnel for the year: counts by state, and approved hours by 学习形式 (which the ledger
 * does not hold). The province's region holds every organisation (one tree under it), so there its claims are
 * counted straight from the year's index entries, without the join that finds a person's organisation.
 */
function claimsByStateAndForm(db: Db, region: Region, year: number) {
  const cols = { status: claims.status, form: claims.learningForm, n: sql<number>`count(*)::int`, hours: sql<number>`coalesce(sum(${claims.hours}), 0)::float8` };
  const where = and(eq(claims.year, year), ne(claims.status, 'deleted'));
  if (region.parentId == null) return db.select(cols).from(claims).where(where).groupBy(claims.status, claims.learningForm);
  return db.select(cols).from(claims).innerJoin(personnel, eq(personnel.id, claims.personnelId)).innerJoin(organizations, eq(organizations.id, personnel.orgId))
    .where(and(where, inRegion(region))).groupBy(claims.status, claims.learningForm);
}

export async function overviewStats(db: Db, actor: Actor, q: { year: number; regionId?: number }) {
  const policy = await yearPolicy(db, q.year);
  const { region, path, regionOut } = await regionContext(db, actor, q.regionId);
  const key = childKey(region);
  const [ledger, orgGroups, classGroups, claimGroups, children] = await Promise.all([
    ledgerByChild(db, region, q.year, policy, true),
    db.select({ key, type: organizations.type, n: sql<number>`count(*)::int` }).from(organizations)
      .where(and(inRegion(region), eq(organizations.status, 'active'))).groupBy(sql`1`, organizations.type),
    db.select({ key, status: trainingClasses.status, n: sql<number>`count(*)::int` }).from(trainingClasses)
      .innerJoin(organizations, eq(organizations.id, trainingClasses.baseOrgId))
      .where(and(eq(trainingClasses.year, q.year), inRegion(region))).groupBy(sql`1`, trainingClasses.status),
    claimsByStateAndForm(db, region, q.year),
    childRegions(db, region),
  ]);

  type Row = Agg & { authorities: number; employers: number; bases: number; classes: number };
  const empty = (): Row => ({ ...zeroAgg(), authorities: 0, employers: 0, bases: 0, classes: 0 });
  const tagged = [
    ...ledger.map((g) => ({ key: g.key, add: (r: Row) => addAgg(r, g) })),
    ...orgGroups.filter((g) => g.type !== 'hr').map((g) => ({
      key: g.key,
      add: (r: Row) => { if (g.type === 'employer') r.employers += g.n; else if (g.type === 'base') r.bases += g.n; else if (g.type === 'authority') r.authorities += g.n; },
    })),
    ...classGroups.map((g) => ({ key: g.key, add: (r: Row) => { if (g.status === 'approved') r.classes += g.n; } })),
  ];
  const rows = foldByChild(region, children, tagged, empty, (r, g) => g.add(r)).map((r) => ({
    key: String(r.regionId ?? 'own'), regionId: r.regionId, name: r.name, hasChildren: r.hasChildren,
    personnel: r.acc.total, authorities: r.acc.authorities, employers: r.acc.employers, bases: r.acc.bases, classes: r.acc.classes,
    publicHours: r1(r.acc.publicHours), professionalHours: r1(r.acc.professionalHours), totalHours: r1(r.acc.publicHours + r.acc.professionalHours),
    completed: r.acc.completed, rate: rate(r.acc.completed, r.acc.total),
  }));

  const total = ledger.reduce((a, g) => (addAgg(a, g), a), zeroAgg());
  const orgs = { hr: 0, authority: 0, employer: 0, base: 0 } as Record<OrgType, number>;
  for (const g of orgGroups) if (g.type in orgs) orgs[g.type as OrgType] += g.n;
  const classStatus = Object.fromEntries(Object.keys(CLASS_STATUSES).map((s) => [s, 0])) as Record<string, number>;
  for (const g of classGroups) classStatus[g.status] = (classStatus[g.status] ?? 0) + g.n;
  const claimStatus = Object.fromEntries(Object.keys(CLAIM_STATUSES).filter((s) => s !== 'deleted').map((s) => [s, 0])) as Record<string, number>;
  const formHours = Object.fromEntries(Object.keys(LEARNING_FORMS).map((f) => [f, 0])) as Record<string, number>;
  for (const g of claimGroups) {
    claimStatus[g.status] = (claimStatus[g.status] ?? 0) + g.n;
    if (g.status === 'approved') formHours[g.form] = (formHours[g.form] ?? 0) + g.hours;
  }
  const sumOf = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  return {
    year: q.year, policy, region: regionOut, path,
    personnel: total.total,
    orgs,
    classes: { total: sumOf(classStatus), byStatus: Object.entries(classStatus).map(([status, count]) => ({ status, name: CLASS_STATUSES[status as keyof typeof CLASS_STATUSES] ?? status, count })) },
    claims: { total: sumOf(claimStatus), byStatus: Object.entries(claimStatus).map(([status, count]) => ({ status, name: CLAIM_STATUSES[status as ClaimStatus] ?? status, count })) },
    hours: {
      public: r1(total.publicHours), professional: r1(total.professionalHours), total: r1(total.publicHours + total.professionalHours),
      bySubject: [{ subjectType: 'public', name: SUBJECT_TYPES.public, hours: r1(total.publicHours) }, { subjectType: 'professional', name: SUBJECT_TYPES.professional, hours: r1(total.professionalHours) }],
      byForm: Object.entries(formHours).map(([form, hours]) => ({ form, name: LEARNING_FORMS[form as LearningForm] ?? form, hours: r1(hours) })),
    },
    completion: completionRow(total),
    rows,
  };
}
