/**
 * The access layer, in one place: which records an actor may see or decide ("jurisdiction") and the bulk refusal of a
 * batch that holds anything else. An HR department's jurisdiction is its organisation's subtree (materialised path),
 * and so is a supervising department's (主管部门: itself and the units under it); an employer's or a base's scope is
 * its own organisation. Out-of-scope records answer 404, one by one (loadOrgInScope) or as a batch (requireAccess).
 *
 * The organisation-path predicate (`path LIKE '<root>%'`, escaped) is written here only — `underPath` — and a test
 * (scope.guard.test.ts) fails if another file under server/src hand-writes one.
 */
import { and, eq, like, or, sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm';
import { hasHrDuty } from '@hbzsgx/domain';
import type { Db } from '../db/client.js';
import { auditLogs, claims, organizations, personnel, personYearTotals } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import type { Actor } from '../plugins/access.js';

export const hasSubtree = (actor: Actor) => actor.org.type === 'hr' || actor.org.type === 'authority';

/** A value for LIKE/ILIKE that matches itself literally (keyword searches wrap it in `%…%`). */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** A path column (a table's, an alias's, or raw SQL such as sql`o.path`). */
type PathColumn = Column | SQL | SQL.Aliased;

/** THE organisation-path predicate: rows whose path lies in the subtree rooted at `root` (the root included). */
export const underPath = (column: PathColumn, root: string): SQL => like(column, escapeLike(root) + '%');

/** Condition on `organizations` rows within the actor's scope. */
export function orgScope(actor: Actor): SQL {
  return hasSubtree(actor) ? underPath(organizations.path, actor.org.path) : eq(organizations.id, actor.org.id);
}

/**
 * The jurisdiction keys a table keeps (db/repeatable/regions.sql): its organisation column and the copied ids of the
 * 市州 and 县区 HR departments above that organisation. organizations, personnel and claims have them.
 */
export interface RegionColumns {
  orgId: Column | SQL;
  cityHrId: Column;
  countyHrId: Column;
}

/**
 * The keys of each table that keeps them: an organisation's (its own, from its path), a person's (their unit's), an
 * audit row's (its actor's organisation's when written), a claim's (its declaring organisation's) and a claim's
 * person keys (学时审验: the person's unit; the unit itself is only read for a non-HR subtree, never in practice).
 */
export const REGION_KEYS = {
  organizations: { orgId: organizations.id, cityHrId: organizations.cityHrId, countyHrId: organizations.countyHrId },
  personnel: { orgId: personnel.orgId, cityHrId: personnel.cityHrId, countyHrId: personnel.countyHrId },
  claimDeclarer: { orgId: claims.declaringOrgId, cityHrId: claims.cityHrId, countyHrId: claims.countyHrId },
  auditLogs: { orgId: auditLogs.actorOrgId, cityHrId: auditLogs.actorCityHrId, countyHrId: auditLogs.actorCountyHrId },
  yearTotals: { orgId: personYearTotals.orgId, cityHrId: personYearTotals.cityHrId, countyHrId: personYearTotals.countyHrId },
  claimPerson: {
    orgId: sql`(SELECT p.org_id FROM personnel p WHERE p.id = ${claims.personnelId})`,
    cityHrId: claims.personCityHrId,
    countyHrId: claims.personCountyHrId,
  },
} satisfies Record<string, RegionColumns>;

const isRootPath = (p: string) => /^\/\d+\/$/.test(p);
/** The ids on a materialised path ('/1/5/23/' → {1,5,23}) as a Postgres array literal. */
const pathIds = (p: string) => `{${p.split('/').filter(Boolean).map(Number).join(',')}}`;

/**
 * THE index-friendly form of the subtree rule (docs/decisions.md, 2026-12-01): a county's or city's subtree is
 * `county_hr_id = id` / `city_hr_id = id` (one index range, in the list's order), the tree's root (省人社厅) has no
 * predicate at all, and any other subtree (a 主管部门's, an employer's own units) is the organisation-id set an
 * index probes. `subtree` false: the organisation itself. Exactly the rows `underPath(<org path>, root)` selects.
 */
function regionScope(actor: Actor, t: RegionColumns, subtree: boolean): SQL | undefined {
  return subtree ? inSubtree(t, actor.org) : sql`${t.orgId} = ${actor.org.id}`;
}

/** The organisations (their ids, for `= ANY(…)`) in the subtree rooted at `root`. */
export const subtreeIds = (root: string): SQL => sql`ARRAY(SELECT o.id FROM organizations o WHERE ${underPath(sql`o.path`, root)})`;

/** Rows of a table with jurisdiction keys whose organisation lies in `root`'s subtree (a region or unit filter). */
export function inSubtree(t: RegionColumns, root: Pick<Actor['org'], 'id' | 'type' | 'hrLevel' | 'path'>): SQL | undefined {
  if (root.type === 'hr' && root.hrLevel === 'county') return eq(t.countyHrId, root.id);
  if (root.type === 'hr' && root.hrLevel === 'city') return eq(t.cityHrId, root.id);
  if (root.type === 'hr' && isRootPath(root.path)) return undefined;
  return sql`${t.orgId} = ANY(${subtreeIds(root.path)})`;
}

/** The columns of an (aliased) organisations table a review scope needs. */
interface OrgColumns {
  id?: SQLWrapper;
  parentId: SQLWrapper;
  path: PathColumn;
}

/**
 * Every scope question about an actor, answered once. Each predicate takes the path column of whatever table (or
 * alias) the query holds, so the same rule serves lists, exports, 待办 counts and decisions alike.
 */
export function jurisdiction(actor: Actor) {
  const { org } = actor;
  const isHr = org.type === 'hr';
  return {
    /** HR level: 'province' | 'city' | 'county' for an HR department, null for any other organisation. */
    hrLevel: isHr ? org.hrLevel : null,
    isHr,
    /** 学时政策 is set by the 省人社厅 (domain HR_DUTIES.policy). */
    isProvince: hasHrDuty(org, 'policy'),
    /** 学时审验 is done by city (市州) and province HR, never a county (domain HR_DUTIES.audit). */
    mayAudit: hasHrDuty(org, 'audit'),
    /** Whether the scope is a subtree (HR, 主管部门) or the own organisation only. */
    subtree: hasSubtree(actor),
    /** `organizations` rows in scope. */
    orgs: () => orgScope(actor),
    /** Rows of a table with jurisdiction keys (RegionColumns) in scope, as orgs(): subtree (HR/主管部门) or own. */
    region: (t: RegionColumns): SQL | undefined => regionScope(actor, t, hasSubtree(actor)),
    /** Rows of a table with jurisdiction keys whose organisation lies in the actor's subtree, as below(). */
    regionBelow: (t: RegionColumns): SQL | undefined => regionScope(actor, t, true),
    /** Within the actor's own subtree, whatever its type (a reviewer's reach over declaring organisations). */
    below: (column: PathColumn) => underPath(column, org.path),
    /** HR only: within its subtree; undefined otherwise (to be OR-ed with the direct rule, `or()` drops it). */
    hrBelow: (column: PathColumn): SQL | undefined => (isHr ? underPath(column, org.path) : undefined),
    /** Who reviews an organisation's submissions: its direct superior, or anyone whose subtree holds it. */
    reviews: (o: OrgColumns): SQL => or(eq(o.parentId, org.id), underPath(o.path, org.path))!,
    /**
     * Organisations that serve the actor's: those whose parent is the actor's organisation or one of its ancestors
     * (培训报名: a base trains the people of its HR department's subtree, as 学员成绩's registration requires).
     */
    servedBy: (o: OrgColumns): SQL => sql`${o.parentId} = ANY(${pathIds(org.path)}::int[])`,
  };
}
export type Jurisdiction = ReturnType<typeof jurisdiction>;

export async function loadOrgInScope(db: Db, actor: Actor, orgId: number) {
  const [org] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, orgId), orgScope(actor)))
    .limit(1);
  if (!org) throw new NotFoundError('机构');
  return org;
}

/**
 * Bulk access: `visible` are the rows of the submitted `ids` that the actor's scope (and the queue's kind) admits,
 * selected by the caller's query. A batch holding ANY other id is refused whole with 404 — as that record alone
 * would be — before anything is written, instead of silently deciding the rest. Returns the ids, deduplicated.
 */
export function requireAccess<R extends { id: number }>(visible: readonly R[], ids: readonly number[], resource: string): number[] {
  const seen = new Set(visible.map((v) => v.id));
  const wanted = [...new Set(ids)];
  if (!wanted.length || wanted.some((id) => !seen.has(id))) throw new NotFoundError(resource);
  return wanted;
}
