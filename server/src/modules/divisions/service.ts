/** GB/T 2260 divisions, one level at a time (reference data). */
import { eq, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { divisions } from '../../db/schema.js';
import type { Actor } from '../../plugins/access.js';

/** The children of `parentCode`, or the top level (the province) without one. */
export async function childDivisions(ctx: ServiceContext<Actor | null>, parentCode?: string) {
  return ctx.db
    .select()
    .from(divisions)
    .where(parentCode ? eq(divisions.parentCode, parentCode) : isNull(divisions.parentCode))
    .orderBy(divisions.code);
}
