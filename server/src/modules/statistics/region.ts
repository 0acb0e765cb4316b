/**
 * Regions of the statistics: an HR department stands for its division (湖北省 → 武汉市 → 江岸区), and "the region"
 * is its organisation subtree (organizations.path). The region a client asks for must be an HR department inside
 * the actor's jurisdiction (lib/scope.ts); anything else answers 404.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyColumn } from 'drizzle-orm';
import type { HrLevel } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { divisions, organizations } from '../../db/schema.js';
import { orgScope, underPath } from '../../lib/scope.js';
import { NotFoundError } from '../../errors.js';
import type { Actor } from '../../plugins/access.js';

export interface Region {
  id: number;
  name: string;
  orgName: string;
  hrLevel: HrLevel | null;
  path: string;
  divisionCode: string;
  parentId: number | null;
}
export interface RegionChild {
  id: number;
  name: string;
  hasChildren: boolean;
}

const regionFields = {
  id: organizations.id,
  name: divisions.name,
  orgName: organizations.name,
  hrLevel: organizations.hrLevel,
  path: organizations.path,
  divisionCode: organizations.divisionCode,
  parentId: organizations.parentId,
};

/** The HR department `regionId` (default: the actor's own) if it lies in the actor's jurisdiction, else 404. */
export async function resolveRegion(db: Db, actor: Actor, regionId?: number): Promise<Region> {
  const [r] = await db
    .select(regionFields)
    .from(organizations)
    .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
    .where(and(eq(organizations.id, regionId ?? actor.org.id), eq(organizations.type, 'hr'), orgScope(actor)))
    .limit(1);
  if (!r) throw new NotFoundError('区域', 'regionId');
  return r;
}

/** The breadcrumb from the actor's own region down to `region` (ids read off the materialised path). */
export async function drillPath(db: Db, actor: Actor, region: Region): Promise<{ id: number; name: string }[]> {
  const ids = region.path.split('/').filter(Boolean).map(Number);
  const from = ids.indexOf(actor.org.id);
  const chain = ids.slice(from < 0 ? ids.length - 1 : from);
  const rows = await db
    .select({ id: organizations.id, name: divisions.name })
    .from(organizations)
    .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
    .where(inArray(organizations.id, chain));
  return chain.map((id) => ({ id, name: rows.find((r) => r.id === id)?.name ?? String(id) }));
}

/** The HR departments directly under the region (cities of the province, counties of a city), in division order. */
export async function childRegions(db: Db, region: Region): Promise<RegionChild[]> {
  const grand = sql<boolean>`exists (select 1 from organizations g where g.parent_id = ${organizations.id} and g.type = 'hr')`;
  return db
    .select({ id: organizations.id, name: divisions.name, hasChildren: grand })
    .from(organizations)
    .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
    .where(and(eq(organizations.parentId, region.id), eq(organizations.type, 'hr')))
    .orderBy(asc(organizations.divisionCode));
}

/** Every HR department of the jurisdiction (the 区域 picker's tree). */
export async function regionTree(ctx: ServiceContext) {
  const items = await ctx.db
    .select({ id: organizations.id, name: divisions.name, parentId: organizations.parentId, hrLevel: organizations.hrLevel })
    .from(organizations)
    .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
    .where(and(eq(organizations.type, 'hr'), orgScope(ctx.actor)))
    .orderBy(asc(organizations.divisionCode));
  return { items };
}

/** Organisations of the region: its subtree by materialised path (the same rule as lib/scope.ts). */
export function inRegion(region: Region, path: AnyColumn = organizations.path): SQL {
  return underPath(path, region.path);
}

/**
 * The child-region key of an organisation path: the first path segment below the region ('/1/5/23/40/' under
 * '/1/5/' → '23'). It names a child HR department, or a unit directly under the region (→ the region's 本级 row),
 * or '' for the region's own HR department (also 本级). The length is an integer we computed: inlined, so that the
 * same expression can be grouped by.
 */
export function childKey(region: Region, path: AnyColumn = organizations.path): SQL<string> {
  return sql<string>`split_part(substr(${path}, ${sql.raw(String(region.path.length + 1))}), '/', 1)`;
}

/** Groups keyed by childKey() folded into the child regions, the rest into one 本级 row (regionId null). */
export function foldByChild<T extends { key: string }, R>(
  region: Region,
  children: RegionChild[],
  groups: T[],
  empty: () => R,
  add: (acc: R, g: T) => void,
): { regionId: number | null; name: string; hasChildren: boolean; acc: R }[] {
  type Row = { regionId: number | null; name: string; hasChildren: boolean; acc: R };
  const rows = children.map((c): Row => ({ regionId: c.id, name: c.name, hasChildren: c.hasChildren, acc: empty() }));
  const own: Row = { regionId: null, name: `${region.name}本级`, hasChildren: false, acc: empty() };
  const byId = new Map(rows.map((r) => [String(r.regionId), r]));
  let ownUsed = false;
  for (const g of groups) {
    const row = byId.get(g.key);
    if (row) add(row.acc, g);
    else {
      add(own.acc, g);
      ownUsed = true;
    }
  }
  return ownUsed || !rows.length ? [...rows, own] : rows;
}
