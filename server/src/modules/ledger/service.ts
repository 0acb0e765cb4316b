/**
 * The ledger (SPEC §4): a person's hours for a year = their approved claims. Every claim state change goes through
 * transitionClaims(), which updates the claims AND the per person-year totals in the caller's transaction, so
 * statistics read totals instead of scanning claims. recomputeTotals() is the slow truth used to verify it.
 */
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import {
  canTransition,
  CLAIM_SOURCES,
  completion,
  ledgerDelta,
  LIVE_CLAIM_STATUSES,
  overlapReasons,
  type ClaimSource,
  type ClaimStatus,
  type HourPolicy,
} from '@hbzsgx/domain';
import type { Db } from '../../db/client.js';
import { claims, hourPolicies, organizations, personnel, personYearTotals } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';

export interface Transition {
  ids: number[];
  to: ClaimStatus;
  actorUserId: number;
  reason?: string;
  scope?: SQL;
}

/** Moves the given claims to `to` where the state machine allows it; returns the ids moved with their former state. */
export async function transitionClaims(tx: Db, t: Transition): Promise<{ id: number; from: ClaimStatus }[]> {
  if (!t.ids.length) return [];
  // Lock order personnel → claims, the order 调转 takes them (its UPDATE of personnel moves the person's claims'
  // jurisdiction keys, db/repeatable/regions.sql), so a review beside a transfer waits instead of deadlocking; the
  // counters' triggers then find these person rows already share-locked.
  await tx
    .select({ id: personnel.id })
    .from(personnel)
    .where(inArray(personnel.id, tx.select({ id: claims.personnelId }).from(claims).where(inArray(claims.id, t.ids))))
    .orderBy(personnel.id)
    .for('share');
  const rows = await tx
    .select({
      id: claims.id,
      status: claims.status,
      personnelId: claims.personnelId,
      year: claims.year,
      subjectType: claims.subjectType,
      hours: claims.hours,
    })
    .from(claims)
    .where(and(inArray(claims.id, t.ids), t.scope))
    .orderBy(claims.id)
    .for('update');
  const moving = rows.filter((r) => canTransition(r.status, t.to));
  if (!moving.length) return [];
  const now = new Date();
  await tx
    .update(claims)
    .set({
      status: t.to,
      reviewedBy: t.actorUserId,
      reviewedAt: now,
      ...(t.to === 'rejected' ? { rejectReason: t.reason ?? null } : {}),
      ...(t.to === 'revoked' ? { revokeReason: t.reason ?? null } : {}),
      ...(t.to === 'deleted' ? { deleteReason: t.reason ?? null } : {}),
    })
    .where(
      inArray(
        claims.id,
        moving.map((m) => m.id),
      ),
    );

  const deltas = new Map<string, { personnelId: number; year: number; publicHours: number; professionalHours: number }>();
  for (const m of moving) {
    const d = ledgerDelta({ subjectType: m.subjectType, hours: m.hours }, m.status, t.to);
    if (!d.publicHours && !d.professionalHours) continue;
    const key = `${m.personnelId}:${m.year}`;
    const acc = deltas.get(key) ?? { personnelId: m.personnelId, year: m.year, publicHours: 0, professionalHours: 0 };
    acc.publicHours += d.publicHours;
    acc.professionalHours += d.professionalHours;
    deltas.set(key, acc);
  }
  if (deltas.size) {
    await tx
      .insert(personYearTotals)
      .values([...deltas.values()])
      .onConflictDoUpdate({
        target: [personYearTotals.personnelId, personYearTotals.year],
        set: {
          publicHours: sql`${personYearTotals.publicHours} + excluded.public_hours`,
          professionalHours: sql`${personYearTotals.professionalHours} + excluded.professional_hours`,
        },
      });
  }
  return moving.map((m) => ({ id: m.id, from: m.status }));
}

/** Who provides a claim's activity, for the overlap rule: the person themselves (个人申报) or the declaring organisation. */
const providerOf = (source: ClaimSource, declaringOrgId: number) => (source === 'personal' ? 'personal' : `org:${declaringOrgId}`);

/**
 * 重点审核 for a claim about to be created: the reasons (domain overlapReasons) naming each live claim of the same
 * person and year from a different provider whose 学习起止日期 overlap. One read of the person's claims of that year
 * through claims_person_year_idx, in the caller's transaction.
 */
export async function overlapFlags(
  tx: Db,
  c: { personnelId: number; year: number; source: ClaimSource; declaringOrgId: number; activityStart: string | null; activityEnd: string | null },
): Promise<string[]> {
  if (!c.activityStart || !c.activityEnd) return [];
  const others = await tx
    .select({
      title: claims.title,
      start: claims.activityStart,
      end: claims.activityEnd,
      source: claims.source,
      declaringOrgId: claims.declaringOrgId,
      declarer: organizations.name,
    })
    .from(claims)
    .innerJoin(organizations, eq(organizations.id, claims.declaringOrgId))
    .where(
      and(
        eq(claims.personnelId, c.personnelId),
        eq(claims.year, c.year),
        inArray(claims.status, [...LIVE_CLAIM_STATUSES]),
        lte(claims.activityStart, c.activityEnd),
        gte(claims.activityEnd, c.activityStart),
      ),
    )
    .orderBy(claims.id);
  return overlapReasons(
    { start: c.activityStart, end: c.activityEnd, provider: providerOf(c.source, c.declaringOrgId) },
    others.map((o) => ({
      title: o.title,
      start: o.start,
      end: o.end,
      provider: providerOf(o.source, o.declaringOrgId),
      providerName: o.source === 'personal' ? CLAIM_SOURCES.personal : o.declarer,
    })),
  );
}

/** Totals recomputed from the claims themselves (verification and repair; not for hot paths). */
export async function recomputeTotals(db: Db, personnelId: number, year: number) {
  const [r] = await db
    .select({
      publicHours: sql<string>`coalesce(sum(${claims.hours}) filter (where ${claims.subjectType} = 'public'), 0)`,
      professionalHours: sql<string>`coalesce(sum(${claims.hours}) filter (where ${claims.subjectType} = 'professional'), 0)`,
    })
    .from(claims)
    .where(and(eq(claims.personnelId, personnelId), eq(claims.year, year), eq(claims.status, 'approved')));
  return { publicHours: Number(r!.publicHours), professionalHours: Number(r!.professionalHours) };
}

export async function policyFor(db: Db, year: number): Promise<HourPolicy & { maxHoursPerDay: number }> {
  const [p] = await db.select().from(hourPolicies).where(eq(hourPolicies.year, year));
  if (!p) throw new NotFoundError(`${year}年度学时要求`);
  return {
    year: p.year,
    totalRequired: p.totalRequired,
    professionalMin: p.professionalMin,
    publicMin: p.publicMin,
    closingDate: p.closingDate,
    maxHoursPerDay: p.maxHoursPerDay,
  };
}

/** A person's year: stored totals judged against that year's policy by the one completion function. */
export async function personYear(db: Db, personnelId: number, year: number) {
  const [t] = await db
    .select()
    .from(personYearTotals)
    .where(and(eq(personYearTotals.personnelId, personnelId), eq(personYearTotals.year, year)));
  const policy = await policyFor(db, year);
  return { policy, ...completion({ publicHours: t?.publicHours ?? 0, professionalHours: t?.professionalHours ?? 0 }, policy) };
}
