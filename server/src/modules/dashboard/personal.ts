/**
 * 我的工作台 (a professional's dashboard): this year's hours against the year's policy and what is still missing
 * (the domain's completion() and gapText(), as everywhere), the deadline, own claims waiting, the latest decisions
 * with their reasons, and the past years. Everything is the signed-in person's own: no other record is reachable.
 */
import { and, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { beijingDate, beijingYear, CLAIM_STATUSES, completion, gapText, type ClaimStatus } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { claims, hourPolicies, personYearTotals } from '../../db/schema.js';
import { BadRequestError } from '../../errors.js';

/** Past years shown beside this one. */
const YEARS = 5;
const RECENT = 5;
const DECIDED: ClaimStatus[] = ['approved', 'rejected', 'revoked', 'deleted'];

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

export async function myOverview(ctx: ServiceContext) {
  const personnelId = ctx.actor.personnelId;
  if (!personnelId) throw new BadRequestError('只有专业技术人员有个人工作台');
  const { db } = ctx;
  const year = beijingYear();
  const from = year - YEARS + 1;
  const [totals, policies, waiting, recent] = await Promise.all([
    db
      .select()
      .from(personYearTotals)
      .where(and(eq(personYearTotals.personnelId, personnelId), gte(personYearTotals.year, from))),
    db.select().from(hourPolicies).where(gte(hourPolicies.year, from)),
    db
      .select({ status: claims.status, n: sql<number>`count(*)::int` })
      .from(claims)
      .where(and(eq(claims.personnelId, personnelId), inArray(claims.status, ['pendingEmployer', 'pending'])))
      .groupBy(claims.status),
    // a deletion is shown only with its reason (我的学时's rule); an unqualified score nobody reviewed is no decision
    db
      .select()
      .from(claims)
      .where(
        and(
          eq(claims.personnelId, personnelId),
          inArray(claims.status, DECIDED),
          isNotNull(claims.reviewedAt),
          sql`(${claims.status} <> 'deleted' OR ${claims.deleteReason} IS NOT NULL)`,
        ),
      )
      .orderBy(desc(claims.reviewedAt), desc(claims.id))
      .limit(RECENT),
  ]);
  const totalOf = (y: number) => {
    const t = totals.find((r) => r.year === y);
    return { publicHours: Number(t?.publicHours ?? 0), professionalHours: Number(t?.professionalHours ?? 0) };
  };
  const policyOf = (y: number) => policies.find((p) => p.year === y);
  const judged = (y: number) => {
    const p = policyOf(y);
    const t = totalOf(y);
    if (p) return completion(t, p);
    const totalHours = Math.round((t.publicHours + t.professionalHours) * 10) / 10;
    return { ...t, totalHours, completed: null, missing: { total: 0, public: 0, professional: 0 } };
  };

  const policy = policyOf(year);
  const now = judged(year);
  const current =
    policy && now.completed !== null
      ? {
          totalRequired: policy.totalRequired,
          publicMin: policy.publicMin,
          professionalMin: policy.professionalMin,
          closingDate: policy.closingDate,
          daysLeft: Math.round(dayNumber(policy.closingDate) - dayNumber(beijingDate())),
          publicHours: now.publicHours,
          professionalHours: now.professionalHours,
          totalHours: now.totalHours,
          completed: now.completed,
          missing: now.missing,
          gap: gapText(now.missing),
        }
      : null;
  const count = (s: ClaimStatus) => waiting.find((w) => w.status === s)?.n ?? 0;
  return {
    year,
    current,
    waiting: { pendingEmployer: count('pendingEmployer'), pending: count('pending') },
    recent: recent.map((c) => ({
      id: c.id,
      year: c.year,
      title: c.title,
      hours: Number(c.hours),
      status: c.status,
      statusName: CLAIM_STATUSES[c.status],
      reason: c.status === 'rejected' ? c.rejectReason : c.status === 'revoked' ? c.revokeReason : c.status === 'deleted' ? c.deleteReason : null,
      decidedAt: c.reviewedAt,
    })),
    // the past years that have a policy or hours, newest first
    years: Array.from({ length: YEARS - 1 }, (_, i) => year - 1 - i)
      .filter((y) => policyOf(y) || totals.some((t) => t.year === y))
      .map((y) => {
        const j = judged(y);
        return { year: y, publicHours: j.publicHours, professionalHours: j.professionalHours, totalHours: j.totalHours, completed: j.completed };
      }),
  };
}
