/**
 * Data scope, implemented once: an HR department's jurisdiction is its organisation's subtree (materialised path),
 * and so is a supervising department's (主管部门: itself and the units under it); an employer's or a base's scope is
 * its own organisation. Out-of-scope records answer 404.
 */
export const hasSubtree = (actor: Actor) => actor.org.type === 'hr' || actor.org.type === 'authority';
import { and, eq, like, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { organizations } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import type { Actor } from '../plugins/access.js';

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** Condition on `organizations` rows within the actor's scope. */
export function orgScope(actor: Actor): SQL {
  return hasSubtree(actor)
    ? like(organizations.path, escapeLike(actor.org.path) + '%')
    : eq(organizations.id, actor.org.id);
}

/** Condition on any column holding an organisation path (e.g. audit rows' actor_org_path). */
export function pathScope(actor: Actor, column: Column): SQL {
  return hasSubtree(actor) ? like(column, escapeLike(actor.org.path) + '%') : eq(column, actor.org.path);
}

export async function loadOrgInScope(db: Db, actor: Actor, orgId: number) {
  const [org] = await db.select().from(organizations).where(and(eq(organizations.id, orgId), orgScope(actor))).limit(1);
  if (!org) throw new NotFoundError('机构');
  return org;
}
