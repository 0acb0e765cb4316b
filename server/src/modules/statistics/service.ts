/**
 * 查询统计 (SPEC §5): figures for the actor's jurisdiction and a year, by region with drill-down.
 * Every figure is read from the per-organisation counters (stat_org_personnel, stat_org_ledger, stat_org_claims;
 * kept by triggers in the transaction of each change, see statistics/counters.ts), joined to the organisations of
 * the region and folded by child region, employer or 职称系列: a few thousand counter rows per request instead of
 * every person and claim. 已完成 is judged by hours_completed() (the one SQL form of the domain's completion()) when
 * the totals change and again when the year's policy changes; a person without a totals row has 0 hours.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import {
  CLAIM_STATUS_CODES,
  CLAIM_STATUSES,
  CLASS_STATUS_CODES,
  CLASS_STATUSES,
  completion,
  isCode,
  LEARNING_FORM_CODES,
  LEARNING_FORMS,
  ORG_TYPES,
  SUBJECT_TYPES,
  TITLE_LEVELS,
  TITLE_SERIES,
  type ClaimStatus,
  type ClassStatus,
  type HourPolicy,
  type LearningForm,
  type OrgType,
  type TitleLevel,
} from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { queryRows, type Db } from '../../db/client.js';
import { departments, hourPolicies, organizations, personnel, personYearTotals, trainingClasses } from '../../db/schema.js';
import { BadRequestError, NotFoundError } from '../../errors.js';
import { underPath } from '../../lib/scope.js';
import { completedSql } from '../ledger/completion-sql.js';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../plugins/access.js';
import { childKey, childRegions, drillPath, foldByChild, inRegion, resolveRegion, type Region } from './region.js';

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

type Agg = { total: number; completed: number; publicHours: number; professionalHours: number };
const zeroAgg = (): Agg => ({ total: 0, completed: 0, publicHours: 0, professionalHours: 0 });
const addAgg = (a: Agg, g: Agg) => {
  a.total += g.total;
  a.completed += g.completed;
  a.publicHours += g.publicHours;
  a.professionalHours += g.professionalHours;
};

/**
 * The ledger counters of a year per organisation — by 职称系列 (`bySeries`) or the organisation's roll-up rows ('*')
 * — as one relation `l`: active persons (stat_org_personnel) and, of those with a totals row (stat_org_ledger), how
 * many are 已完成 and their hours. People without a totals row have 0 hours: 已完成 only if the policy asks for
 * nothing (then everyone counts).
 */
function ledgerRows(year: number, policy: HourPolicy, bySeries = false): SQL {
  const zeroDone = completion({ publicHours: 0, professionalHours: 0 }, policy).completed;
  const series = sql.raw(bySeries ? "title_series <> '*'" : "title_series = '*'");
  return sql`(select x.org_id, x.title_series, sum(x.persons)::int as total,
      (sum(x.completed) + ${sql.raw(zeroDone ? 'sum(x.persons) - sum(x.with_row)' : '0')})::int as completed,
      sum(x.pub)::float8 as public_hours, sum(x.pro)::float8 as professional_hours
    from (select org_id, title_series, persons, 0 as with_row, 0 as completed, 0::numeric as pub, 0::numeric as pro from stat_org_personnel where ${series}
      union all select org_id, title_series, 0, persons, completed, public_hours, professional_hours from stat_org_ledger where year = ${year} and ${series}) x
    group by x.org_id, x.title_series) l`;
}

/** The ledger per child region: the counter rows of the region's organisations folded by childKey(). */
async function ledgerByChild(db: Db, region: Region, year: number, policy: HourPolicy): Promise<(Agg & { key: string })[]> {
  return await queryRows<Agg & { key: string }>(
    db,
    sql`select ${childKey(region)} as key, sum(l.total)::int as total, sum(l.completed)::int as completed,
      coalesce(sum(l.public_hours), 0)::float8 as "publicHours", coalesce(sum(l.professional_hours), 0)::float8 as "professionalHours"
    from ${ledgerRows(year, policy)} join ${organizations} on ${organizations.id} = l.org_id
    where ${inRegion(region)} group by 1`,
  );
}

const completionRow = (a: { total: number; completed: number }) => ({
  total: a.total,
  completed: a.completed,
  uncompleted: a.total - a.completed,
  rate: rate(a.completed, a.total),
});

// ---------------------------------------------------------------------------------------------- 继教完成情况查询

export interface CompletionQuery {
  year: number;
  regionId?: number;
  groupBy: GroupBy;
  page: number;
  pageSize: number;
  sort: EmployerSort;
  order: 'asc' | 'desc';
}
export interface CompletionRow {
  key: string;
  name: string;
  regionId?: number | null;
  hasChildren?: boolean;
  orgId?: number;
  orgType?: OrgType;
  orgTypeName?: string;
  departmentId?: number | null;
  total: number;
  completed: number;
  uncompleted: number;
  rate: number | null;
}

export async function completionStats(ctx: ServiceContext, q: CompletionQuery) {
  const { db, actor } = ctx;
  const policy = await yearPolicy(db, q.year);
  const { region, path, regionOut } = await regionContext(db, actor, q.regionId);
  // the summary is the sum of the groups
  let rows: CompletionRow[];
  let total: number;
  let summary: ReturnType<typeof completionRow>;
  if (q.groupBy === 'region') {
    const groups = await ledgerByChild(db, region, q.year, policy);
    rows = foldByChild(region, await childRegions(db, region), groups, zeroAgg, addAgg).map((r) => ({
      key: String(r.regionId ?? 'own'),
      name: r.name,
      regionId: r.regionId,
      hasChildren: r.hasChildren,
      ...completionRow(r.acc),
    }));
    total = rows.length;
    summary = completionRow(groups.reduce((a, g) => (addAgg(a, g), a), zeroAgg()));
  } else if (q.groupBy === 'series') {
    const groups = (
      await queryRows<{ series: string; total: number; completed: number }>(
        db,
        sql`select l.title_series as series,
        sum(l.total)::int as total, sum(l.completed)::int as completed
      from ${ledgerRows(q.year, policy, true)} join ${organizations} on ${organizations.id} = l.org_id
      where ${inRegion(region)} group by 1 having sum(l.total) > 0`,
      )
    ).map((g) => ({ ...g, series: g.series || null }));
    rows = seriesOrder(groups).map((g) => ({ key: g.series ?? 'none', name: seriesName(g.series), ...completionRow(g) }));
    total = rows.length;
    summary = completionRow({ total: sum(groups, (g) => g.total), completed: sum(groups, (g) => g.completed) });
  } else {
    ({ rows, total, summary } = await completionByEmployer(db, region, q, policy));
  }
  return { year: q.year, policy, region: regionOut, path, groupBy: q.groupBy, summary, total, rows };
}

/**
 * 导出 of 继教完成情况: the region's name (for the file's title) and a loader of every group in the shown order, then
 * the 合计 row the page shows under the table (lib/export.ts reads it batch by batch).
 */
export async function completionExport(ctx: ServiceContext, q: Omit<CompletionQuery, 'page' | 'pageSize'>) {
  const region = await resolveRegion(ctx.db, ctx.actor, q.regionId);
  return {
    regionName: region.name,
    // units are paged like the page's table (an export reads batch by batch until one comes back short); regions and
    // series come whole on the first page. The 合计 row closes the last batch.
    load: withTotalRow(q.groupBy === 'employer', (page) => completionStats(ctx, { ...q, ...page })),
  };
}

/**
 * An export loader of a completion table: its rows batch by batch — `paged` (units) as the table pages them, else
 * all on the first batch — and the 合计 row closing the last batch.
 */
function withTotalRow(
  paged: boolean,
  stats: (page: { page: number; pageSize: number }) => Promise<{ total: number; rows: CompletionRow[]; summary: ReturnType<typeof completionRow> }>,
) {
  return async ({ page, pageSize }: { page: number; pageSize: number }) => {
    if (!paged && page > 1) return { total: 0, items: [] };
    const s = await stats({ page, pageSize });
    const last = !paged || s.rows.length < pageSize;
    const totalRow: CompletionRow = { key: 'total', name: '合计', ...s.summary };
    return { total: s.total, items: last ? [...s.rows, totalRow] : s.rows };
  };
}

const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

/**
 * One page of the units in `root`'s subtree (a region's, or a 主管部门's own); window sums over all groups (before
 * LIMIT) give the count of units and the summary.
 */
async function completionByEmployer(db: Db, root: { path: string }, q: Omit<CompletionQuery, 'groupBy'>, policy: HourPolicy) {
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const primary =
    q.sort === 'name'
      ? sql`o.name ${dir}`
      : q.sort === 'completed'
        ? sql`completed ${dir}`
        : q.sort === 'rate'
          ? sql`completed::float8 / total ${dir}`
          : sql`total ${dir}`;
  type G = { orgId: number; name: string; orgType: OrgType; total: number; completed: number; units: number; allTotal: number; allCompleted: number };
  const page = (limit: number, offset: number) =>
    queryRows<G>(
      db,
      sql`select o.id as "orgId", o.name, o.type as "orgType", g.total, g.completed,
      (count(*) over ())::int as units, (sum(g.total) over ())::int as "allTotal", (sum(g.completed) over ())::int as "allCompleted"
    from (select l.org_id, sum(l.total)::int as total, sum(l.completed)::int as completed
          from ${ledgerRows(q.year, policy)} join ${organizations} on ${organizations.id} = l.org_id
          where ${underPath(organizations.path, root.path)} group by l.org_id having sum(l.total) > 0) g
    join ${organizations} o on o.id = g.org_id
    order by ${primary}, g.total desc, o.id asc limit ${limit} offset ${offset}`,
    );
  const groups = await page(q.pageSize, (q.page - 1) * q.pageSize);
  // a page past the end: the first row still tells how many units and people there are
  const head = groups[0] ?? (q.page > 1 ? (await page(1, 0))[0] : undefined);
  const rows: CompletionRow[] = groups.map((g) => ({
    key: String(g.orgId),
    name: g.name,
    orgId: g.orgId,
    orgType: g.orgType,
    orgTypeName: ORG_TYPES[g.orgType] ?? g.orgType,
    ...completionRow(g),
  }));
  return { rows, total: head?.units ?? 0, summary: completionRow({ total: head?.allTotal ?? 0, completed: head?.allCompleted ?? 0 }) };
}

// ------------------------------------------------------------------------- 本单位完成情况 / 所属单位完成情况

export type WorkplaceQuery = Omit<CompletionQuery, 'groupBy' | 'regionId'>;

/**
 * 完成情况 of a 用人单位 by 内设部门, or of a 主管部门 by unit (its subtree, itself included): the same completion rule
 * as HR's statistics — a 主管部门's units from the same counters (completionByEmployer), an employer's departments
 * (which the counters do not key) aggregated over its own active people with hours_completed(), the rule's one SQL
 * form, as the counters' triggers judge it. Any other organisation: 404 (HR reads its region's statistics).
 */
export async function workplaceCompletion(ctx: ServiceContext, q: WorkplaceQuery) {
  const { db, actor } = ctx;
  const policy = await yearPolicy(db, q.year);
  const org = { id: actor.org.id, name: actor.org.name };
  if (actor.org.type === 'authority') {
    const { rows, total, summary } = await completionByEmployer(db, actor.org, q, policy);
    return { year: q.year, policy, org, groupBy: 'unit' as const, summary, total, rows };
  }
  if (actor.org.type !== 'employer') throw new NotFoundError('统计');
  const t = alias(personYearTotals, 't');
  const done = completedSql(policy, { publicHours: sql`coalesce(${t.publicHours}, 0)`, professionalHours: sql`coalesce(${t.professionalHours}, 0)` });
  const groups = await db
    .select({
      departmentId: personnel.departmentId,
      name: departments.name,
      total: sql<number>`count(*)::int`,
      completed: sql<number>`(count(*) filter (where ${done}))::int`,
    })
    .from(personnel)
    .leftJoin(departments, eq(departments.id, personnel.departmentId))
    .leftJoin(t, and(eq(t.personnelId, personnel.id), eq(t.year, q.year)))
    .where(and(eq(personnel.orgId, actor.org.id), eq(personnel.status, 'active')))
    .groupBy(personnel.departmentId, departments.name);
  const dir = q.order === 'asc' ? 1 : -1;
  const value = (g: { name: string | null; total: number; completed: number }) =>
    q.sort === 'name' ? 0 : q.sort === 'completed' ? g.completed : q.sort === 'rate' ? g.completed / Math.max(1, g.total) : g.total;
  const sorted = [...groups].sort(
    (a, b) =>
      (q.sort === 'name' ? (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'zh-CN') : value(a) - value(b)) * dir ||
      b.total - a.total ||
      (a.departmentId ?? 0) - (b.departmentId ?? 0),
  );
  const rows: CompletionRow[] = sorted.map((g) => ({
    key: String(g.departmentId ?? 'none'),
    name: g.name ?? '未分配内设部门',
    departmentId: g.departmentId,
    ...completionRow(g),
  }));
  const summary = completionRow({ total: sum(groups, (g) => g.total), completed: sum(groups, (g) => g.completed) });
  return { year: q.year, policy, org, groupBy: 'department' as const, summary, total: rows.length, rows };
}

/** 导出 of 本单位/所属单位完成情况: every row in the shown order (units batch by batch), then the 合计 row. */
export function workplaceExport(ctx: ServiceContext, q: Omit<WorkplaceQuery, 'page' | 'pageSize'>) {
  return withTotalRow(ctx.actor.org.type === 'authority', (page) => workplaceCompletion(ctx, { ...q, ...page }));
}

/** Series in dictionary order, unknown codes after them, 未填写 last. */
function seriesOrder<T extends { series: string | null }>(groups: T[]): T[] {
  const idx = (s: string | null) => (s == null ? 1e6 : TITLE_SERIES.findIndex((x) => x.code === s) + 1 || 1e5);
  return [...groups].sort((a, b) => idx(a.series) - idx(b.series));
}
const seriesName = (code: string | null) => (code == null ? '未填写' : (TITLE_SERIES.find((s) => s.code === code)?.name ?? code));

// ---------------------------------------------------------------------------------------------- 职称系列分布查询

export const NO_LEVEL = 'none';

export async function titleStats(ctx: ServiceContext, q: { regionId?: number }) {
  const { db, actor } = ctx;
  const { region, path, regionOut } = await regionContext(db, actor, q.regionId);
  const groups = (
    await queryRows<{ series: string; level: string; n: number }>(
      db,
      sql`select s.title_series as series, s.title_level as level,
      sum(s.persons)::int as n
    from stat_org_personnel s join ${organizations} on ${organizations.id} = s.org_id
    where s.title_series <> '*' and ${inRegion(region)} group by 1, 2 having sum(s.persons) > 0`,
    )
  ).map((g) => ({ series: g.series || null, level: g.level || null, n: g.n }));
  const levelCodes = Object.keys(TITLE_LEVELS) as TitleLevel[];
  const hasNone = groups.some((g) => !isCode(levelCodes, g.level));
  const levels: { code: string; name: string }[] = [
    ...levelCodes.map((code) => ({ code, name: TITLE_LEVELS[code] })),
    ...(hasNone ? [{ code: NO_LEVEL, name: '未填写' }] : []),
  ];
  const bySeries = new Map<string, { series: string | null; counts: Record<string, number>; total: number }>();
  const totals: Record<string, number> = Object.fromEntries(levels.map((l) => [l.code, 0]));
  let all = 0;
  for (const g of groups) {
    const key = g.series ?? NO_LEVEL;
    const row = bySeries.get(key) ?? { series: g.series, counts: Object.fromEntries(levels.map((l) => [l.code, 0])), total: 0 };
    const level = isCode(levelCodes, g.level) ? g.level : NO_LEVEL;
    row.counts[level] = (row.counts[level] ?? 0) + g.n;
    row.total += g.n;
    totals[level] = (totals[level] ?? 0) + g.n;
    all += g.n;
    bySeries.set(key, row);
  }
  const rows = seriesOrder([...bySeries.values()]).map((r) => ({
    key: r.series ?? NO_LEVEL,
    name: seriesName(r.series),
    counts: r.counts,
    total: r.total,
  }));
  return { region: regionOut, path, levels, rows, totals: { counts: totals, total: all } };
}

/** 导出 of 职称系列分布: the table's rows and its 合计 row, with the levels (columns) and the region's name. */
export async function titleTable(ctx: ServiceContext, q: { regionId?: number }) {
  const s = await titleStats(ctx, q);
  const rows: { name: string; counts: Record<string, number>; total: number }[] = [...s.rows, { name: '合计', ...s.totals }];
  return { regionName: s.region.name, levels: s.levels, rows };
}

// ---------------------------------------------------------------------------------------------- 继教综合统计查询

/** Claims of the region's personnel for the year (stat_org_claims): counts by state (a deleted or withdrawn claim counts nowhere), and hours by 学习形式. */
async function claimsByStateAndForm(db: Db, region: Region, year: number) {
  return await queryRows<{ status: ClaimStatus; form: LearningForm; n: number; hours: number }>(
    db,
    sql`select c.status, c.learning_form as form,
      sum(c.claims)::int as n, coalesce(sum(c.hours), 0)::float8 as hours
    from stat_org_claims c join ${organizations} on ${organizations.id} = c.org_id
    where c.year = ${year} and c.status not in ('deleted', 'withdrawn') and ${inRegion(region)} group by 1, 2 having sum(c.claims) > 0`,
  );
}

export async function overviewStats(ctx: ServiceContext, q: { year: number; regionId?: number }) {
  const { db, actor } = ctx;
  const policy = await yearPolicy(db, q.year);
  const { region, path, regionOut } = await regionContext(db, actor, q.regionId);
  const key = childKey(region);
  const [ledger, orgGroups, classGroups, claimGroups, children] = await Promise.all([
    ledgerByChild(db, region, q.year, policy),
    db
      .select({ key, type: organizations.type, n: sql<number>`count(*)::int` })
      .from(organizations)
      .where(and(inRegion(region), eq(organizations.status, 'active')))
      .groupBy(sql`1`, organizations.type),
    db
      .select({ key, status: trainingClasses.status, n: sql<number>`count(*)::int` })
      .from(trainingClasses)
      .innerJoin(organizations, eq(organizations.id, trainingClasses.baseOrgId))
      .where(and(eq(trainingClasses.year, q.year), inRegion(region)))
      .groupBy(sql`1`, trainingClasses.status),
    claimsByStateAndForm(db, region, q.year),
    childRegions(db, region),
  ]);

  type Row = Agg & { authorities: number; employers: number; bases: number; classes: number };
  const empty = (): Row => ({ ...zeroAgg(), authorities: 0, employers: 0, bases: 0, classes: 0 });
  const tagged = [
    ...ledger.map((g) => ({ key: g.key, add: (r: Row) => addAgg(r, g) })),
    ...orgGroups
      .filter((g) => g.type !== 'hr')
      .map((g) => ({
        key: g.key,
        add: (r: Row) => {
          if (g.type === 'employer') r.employers += g.n;
          else if (g.type === 'base') r.bases += g.n;
          else if (g.type === 'authority') r.authorities += g.n;
        },
      })),
    ...classGroups.map((g) => ({
      key: g.key,
      add: (r: Row) => {
        if (g.status === 'approved') r.classes += g.n;
      },
    })),
  ];
  const rows = foldByChild(region, children, tagged, empty, (r, g) => g.add(r)).map((r) => ({
    key: String(r.regionId ?? 'own'),
    regionId: r.regionId,
    name: r.name,
    hasChildren: r.hasChildren,
    personnel: r.acc.total,
    authorities: r.acc.authorities,
    employers: r.acc.employers,
    bases: r.acc.bases,
    classes: r.acc.classes,
    publicHours: r1(r.acc.publicHours),
    professionalHours: r1(r.acc.professionalHours),
    totalHours: r1(r.acc.publicHours + r.acc.professionalHours),
    completed: r.acc.completed,
    rate: rate(r.acc.completed, r.acc.total),
  }));

  const total = ledger.reduce((a, g) => (addAgg(a, g), a), zeroAgg());
  const orgs: Record<OrgType, number> = { hr: 0, authority: 0, employer: 0, base: 0 };
  for (const g of orgGroups) orgs[g.type] += g.n;
  const classStatus = new Map<ClassStatus, number>(CLASS_STATUS_CODES.map((s) => [s, 0]));
  for (const g of classGroups) classStatus.set(g.status, (classStatus.get(g.status) ?? 0) + g.n);
  const claimStatus = new Map<ClaimStatus, number>(CLAIM_STATUS_CODES.filter((s) => s !== 'deleted' && s !== 'withdrawn').map((s) => [s, 0]));
  const formHours = new Map<LearningForm, number>(LEARNING_FORM_CODES.map((f) => [f, 0]));
  for (const g of claimGroups) {
    claimStatus.set(g.status, (claimStatus.get(g.status) ?? 0) + g.n);
    if (g.status === 'approved') formHours.set(g.form, (formHours.get(g.form) ?? 0) + g.hours);
  }
  const sumOf = (o: Map<string, number>) => [...o.values()].reduce((a, b) => a + b, 0);
  return {
    year: q.year,
    policy,
    region: regionOut,
    path,
    personnel: total.total,
    orgs,
    classes: {
      total: sumOf(classStatus),
      byStatus: [...classStatus].map(([status, count]) => ({ status, name: CLASS_STATUSES[status], count })),
    },
    claims: {
      total: sumOf(claimStatus),
      byStatus: [...claimStatus].map(([status, count]) => ({ status, name: CLAIM_STATUSES[status], count })),
    },
    hours: {
      public: r1(total.publicHours),
      professional: r1(total.professionalHours),
      total: r1(total.publicHours + total.professionalHours),
      bySubject: [
        { subjectType: 'public' as const, name: SUBJECT_TYPES.public, hours: r1(total.publicHours) },
        { subjectType: 'professional' as const, name: SUBJECT_TYPES.professional, hours: r1(total.professionalHours) },
      ],
      byForm: [...formHours].map(([form, hours]) => ({ form, name: LEARNING_FORMS[form], hours: r1(hours) })),
    },
    completion: completionRow(total),
    rows,
  };
}

/** 导出 of 继教综合统计: the region rows and a 合计 row built from the region's totals. */
export async function overviewTable(ctx: ServiceContext, q: { year: number; regionId?: number }) {
  const s = await overviewStats(ctx, q);
  type R = (typeof s.rows)[number];
  const sum = (f: (r: R) => number) => s.rows.reduce((a, r) => a + f(r), 0);
  const totalRow: R = {
    key: 'total',
    regionId: null,
    name: '合计',
    hasChildren: false,
    personnel: s.personnel,
    authorities: sum((r) => r.authorities),
    employers: sum((r) => r.employers),
    bases: sum((r) => r.bases),
    classes: sum((r) => r.classes),
    publicHours: s.hours.public,
    professionalHours: s.hours.professional,
    totalHours: s.hours.total,
    completed: s.completion.completed,
    rate: s.completion.rate,
  };
  return { regionName: s.region.name, year: s.year, rows: [...s.rows, totalRow] };
}
