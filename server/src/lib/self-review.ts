/**
 * Nobody reviews their own request — decided once, here, for every review queue (注册审核, 变更审核, 人员调入审核,
 * 学时审核, 个人申报单位审核, 培训班审核, 年度材料审核). A queue names its request's subjects as columns of its own
 * table; this module turns them into
 *  - notOwnRequest(): the condition every list, export, detail and 待办 count of the queue carries, so the subject
 *    never sees its own request there;
 *  - refuseOwnRequests(): the check a decision runs on the submitted ids before it writes anything — one own request
 *    in a batch refuses the whole batch (403, audited as denied).
 * A request is the actor's own when it is about the actor's organisation, or an organisation where the actor's
 * natural person holds a live admin seat (a person may hold seats in several organisations: the registrant of a unit
 * who is also an officer of its superior); when it is about the actor's own personnel profile (their registration,
 * title change, transfer, hours); or when the actor filed it.
 */
import { and, inArray, not, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../context.js';
import { ForbiddenError } from '../errors.js';
import type { Actor } from '../plugins/access.js';

export interface Subjects {
  /** The organisation the request is about (organizations.id): its registration, its info, its move, its class or documents. */
  org?: AnyPgColumn;
  /** The person it is about (personnel.id): registered, re-titled, transferred, credited with hours. */
  person?: AnyPgColumn;
  /** Who filed it (users.id). */
  requester?: AnyPgColumn;
}

export const OWN_REQUEST_MESSAGE = '不能审核本单位或本人的申请，请由其他审核人员处理';

/** True (never NULL) when the row is a request about the actor's organisation or person, or filed by the actor. */
export function ownRequest(actor: Actor, s: Subjects): SQL {
  const parts: SQL[] = [];
  if (s.org) {
    parts.push(sql`${s.org} = ${actor.org.id}`);
    parts.push(
      sql`exists (select 1 from admins own_seat where own_seat.org_id = ${s.org} and own_seat.user_id = ${actor.userId} and own_seat.removed_at is null)`,
    );
  }
  // personnel.user_id is unique: the actor's own profile, if any, is one id (evaluated once per query)
  if (s.person) parts.push(sql`${s.person} = (select own_profile.id from personnel own_profile where own_profile.user_id = ${actor.userId})`);
  if (s.requester) parts.push(sql`${s.requester} = ${actor.userId}`);
  if (!parts.length) return sql`false`;
  return sql`coalesce(${or(...parts)}, false)`;
}

/** The condition a queue's list, export, detail and 待办 count carry: none of the actor's own requests. */
export const notOwnRequest = (actor: Actor, s: Subjects): SQL => not(ownRequest(actor, s));

/**
 * Before a decision writes anything: if any of `ids` (rows of `table`, narrowed by `where`, e.g. the queue's kind) is
 * the actor's own request, the whole decision is refused (403) and the attempt audited. Checked on the submitted ids
 * whatever the queue's scope, so the subject learns nothing it did not know and is refused rather than told "not found".
 */
export async function refuseOwnRequests(
  ctx: ServiceContext,
  q: {
    table: PgTable;
    id: AnyPgColumn;
    ids: number[];
    subjects: Subjects;
    where?: SQL;
    targetType: string;
  },
): Promise<void> {
  if (!q.ids.length) return;
  const { db, actor } = ctx;
  const own = await db
    .select({ id: q.id })
    .from(q.table)
    .where(and(inArray(q.id, q.ids), q.where, ownRequest(actor, q.subjects)));
  if (!own.length) return;
  await ctx.audit({
    action: 'review.own',
    targetType: q.targetType,
    targetId: own.length === 1 ? (own[0]!.id as number) : null,
    result: 'denied',
    detail: { ids: own.map((o) => o.id), route: ctx.route },
  });
  throw new ForbiddenError(OWN_REQUEST_MESSAGE, 'OWN_REQUEST');
}
