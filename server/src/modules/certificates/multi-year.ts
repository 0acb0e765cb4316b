/**
 * 多年度学时证明 (for a title application): one person's hours for a range of years, a row per year — hours by
 * subject and whether the year's requirement was met (a year without a requirement says so) — issued like the
 * yearly 学时证明: reused while it states the same (same code), superseded when printed again with different
 * contents, verified through the same public 证书验证 with the same rows, and 学时已变更 when any year's ledger moved.
 */
import { and, asc, eq, gte, isNull, lte, min } from 'drizzle-orm';
import { z } from 'zod';
import { beijingYear, completion, MULTI_YEAR_MAX_SPAN } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { hourPolicies, multiYearCertificates, personnel, personYearTotals } from '../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { newCode } from './code.js';
import { canonical, holderShape, hoursValue, loadIdentities, parseSnapshot, r1, requirementSchema } from './content.js';

const yearRowSchema = z
  .strictObject({
    year: z.number().int(),
    publicHours: hoursValue,
    professionalHours: hoursValue,
    totalHours: hoursValue,
    /** null: the year had no requirement set. */
    completed: z.boolean().nullable(),
    policy: requirementSchema.nullable(),
  })
  .refine((y) => r1(y.publicHours + y.professionalHours) === r1(y.totalHours), { path: ['totalHours'], message: 'totalHours is not the sum' })
  .refine((y) => y.completed === (y.policy ? completion(y, { ...y.policy, year: y.year, closingDate: '' }).completed : null), {
    path: ['completed'],
    message: 'completed contradicts the hours',
  });
export type MultiYearRow = z.infer<typeof yearRowSchema>;

/** A row's 完成情况 as the PDF and the verification page show it. */
export const yearCompletionName = (completed: boolean | null) => (completed == null ? '未设置要求' : completed ? '已完成' : '未完成');

/** Exactly what the PDF prints; validated on every read like the yearly snapshot. */
export const multiYearContentSchema = z
  .strictObject({
    ...holderShape,
    fromYear: z.number().int(),
    toYear: z.number().int(),
    years: z.array(yearRowSchema),
  })
  .refine((c) => c.years.length === c.toYear - c.fromYear + 1 && c.years.every((y, i) => y.year === c.fromYear + i), {
    path: ['years'],
    message: 'the rows do not cover the range year by year',
  });
export type MultiYearContent = z.infer<typeof multiYearContentSchema>;

type CertRow = typeof multiYearCertificates.$inferSelect;

export function readMultiYear(cert: { id: number; fromYear: number; toYear: number; snapshot: unknown }): MultiYearContent {
  return parseSnapshot(multiYearContentSchema, cert, (c) => [
    ...(c.fromYear === cert.fromYear ? [] : ['fromYear']),
    ...(c.toYear === cert.toYear ? [] : ['toYear']),
  ]);
}

/** The person's stored totals for each year of the range (0 where none). */
async function totalsFor(db: Db, personnelId: number, fromYear: number, toYear: number) {
  const rows = await db
    .select({ year: personYearTotals.year, publicHours: personYearTotals.publicHours, professionalHours: personYearTotals.professionalHours })
    .from(personYearTotals)
    .where(and(eq(personYearTotals.personnelId, personnelId), gte(personYearTotals.year, fromYear), lte(personYearTotals.year, toYear)));
  const byYear = new Map(rows.map((r) => [r.year, r]));
  return (y: number) => ({ publicHours: r1(byYear.get(y)?.publicHours ?? 0), professionalHours: r1(byYear.get(y)?.professionalHours ?? 0) });
}

/** What a proof for the range states now (null: no such person). */
export async function loadMultiYear(db: Db, personnelId: number, fromYear: number, toYear: number) {
  const who = (await loadIdentities(db, [personnelId])).get(personnelId);
  if (!who) return null;
  const totals = await totalsFor(db, personnelId, fromYear, toYear);
  const policies = await db
    .select()
    .from(hourPolicies)
    .where(and(gte(hourPolicies.year, fromYear), lte(hourPolicies.year, toYear)));
  const policyOf = new Map(policies.map((p) => [p.year, p]));
  const years: MultiYearRow[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const t = totals(y);
    const p = policyOf.get(y);
    const c = p ? completion(t, p) : null;
    years.push({
      year: y,
      publicHours: t.publicHours,
      professionalHours: t.professionalHours,
      totalHours: r1(t.publicHours + t.professionalHours),
      completed: c ? c.completed : null,
      policy: p ? { totalRequired: p.totalRequired, publicMin: p.publicMin, professionalMin: p.professionalMin } : null,
    });
  }
  const content: MultiYearContent = {
    name: who.name,
    idNumberMasked: who.idNumberMasked,
    orgName: who.orgName,
    titleSeries: who.titleSeries,
    titleLevel: who.titleLevel,
    issuerName: who.issuerName,
    fromYear,
    toYear,
    years,
  };
  return { issuerOrgId: who.issuerOrgId, titleDate: who.titleDate, content };
}

/** The years the platform can state: from its first year with a requirement to this year (Beijing). */
export async function multiYearOptions(db: Db, personnelId: number) {
  const maxYear = beijingYear();
  const [first] = await db.select({ y: min(hourPolicies.year) }).from(hourPolicies);
  const minYear = Math.min(first?.y ?? maxYear, maxYear);
  const who = (await loadIdentities(db, [personnelId])).get(personnelId);
  if (!who) throw new NotFoundError('专业技术人员', 'personnelId');
  const titleYear = who.titleDate ? Number(who.titleDate.slice(0, 4)) : null;
  const lowest = Math.max(minYear, maxYear - MULTI_YEAR_MAX_SPAN + 1);
  const defaultFrom = Math.min(Math.max(titleYear ?? maxYear - 4, lowest), maxYear);
  return { minYear, maxYear, maxSpan: MULTI_YEAR_MAX_SPAN, defaultFrom, defaultTo: maxYear, titleDate: who.titleDate };
}

/** The range checks that depend on the data and the date (the order and the span are checked at the edge). */
async function checkRange(db: Db, fromYear: number, toYear: number) {
  const thisYear = beijingYear();
  if (toYear > thisYear) throw new BadRequestError(`截止年度：不能晚于今年（${thisYear}年度）`, { field: 'toYear' });
  const [first] = await db.select({ y: min(hourPolicies.year) }).from(hourPolicies);
  if (first?.y == null) throw new BadRequestError('起始年度：平台尚未设置任何年度的学时要求，不能出具多年度学时证明', { field: 'fromYear' });
  if (fromYear < first.y)
    throw new BadRequestError(`起始年度：平台的学时记录自${first.y}年度起，请选择${first.y}年度以后的年度`, { field: 'fromYear' });
}

export interface IssuedMultiYear {
  id: number;
  code: string;
  personnelId: number;
  issuedAt: Date;
  content: MultiYearContent;
  reused: boolean;
}

/**
 * Issues (or reuses) the person's proof for the range, in one transaction with the person's row locked (two prints
 * at once: the second sees the first's certificate and reuses it; the partial unique index is the last guard), audited.
 */
export async function issueMultiYear(ctx: ServiceContext, personnelId: number, fromYear: number, toYear: number): Promise<IssuedMultiYear> {
  await checkRange(ctx.db, fromYear, toYear);
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: personnel.id }).from(personnel).where(eq(personnel.id, personnelId)).for('update');
    const loaded = await loadMultiYear(tx, personnelId, fromYear, toYear);
    if (!loaded) throw new NotFoundError('专业技术人员', 'personnelId');
    const [cur] = await tx
      .select()
      .from(multiYearCertificates)
      .where(
        and(
          eq(multiYearCertificates.personnelId, personnelId),
          eq(multiYearCertificates.fromYear, fromYear),
          eq(multiYearCertificates.toYear, toYear),
          isNull(multiYearCertificates.revokedAt),
        ),
      )
      .orderBy(asc(multiYearCertificates.id));
    const detail = { personnelId, fromYear, toYear };
    if (cur && canonical(cur.snapshot) === canonical(loaded.content)) {
      await ctx.audit({ action: 'certificate.multi-year.reprint', targetType: 'multi_year_certificate', targetId: cur.id, detail }, tx);
      return { id: cur.id, code: cur.code, personnelId, issuedAt: cur.issuedAt, content: loaded.content, reused: true };
    }
    const now = ctx.now();
    if (cur) {
      const done = await tx
        .update(multiYearCertificates)
        .set({ revokedAt: now })
        .where(and(eq(multiYearCertificates.id, cur.id), isNull(multiYearCertificates.revokedAt)))
        .returning({ id: multiYearCertificates.id });
      if (!done.length) throw new ConflictError('证明已被他人同时更新，请重新打印');
    }
    const [row] = await tx
      .insert(multiYearCertificates)
      .values({
        code: newCode(),
        personnelId,
        fromYear,
        toYear,
        issuerOrgId: loaded.issuerOrgId,
        snapshot: loaded.content as unknown as Record<string, unknown>,
        issuedBy: ctx.actor.userId,
        issuedAt: now,
      })
      .returning();
    await ctx.audit(
      {
        action: 'certificate.multi-year.issue',
        targetType: 'multi_year_certificate',
        targetId: row!.id,
        detail: { ...detail, supersedes: cur?.id ?? null },
      },
      tx,
    );
    return { id: row!.id, code: row!.code, personnelId, issuedAt: row!.issuedAt, content: readMultiYear(row!), reused: false };
  });
}

/** Each printed year beside the ledger now: `current` is set on the years whose hours moved since printing. */
export async function multiYearAgainstLedger(db: Db, cert: CertRow) {
  const content = readMultiYear(cert);
  const totals = await totalsFor(db, cert.personnelId, cert.fromYear, cert.toYear);
  const rows = content.years.map((y) => {
    const live = totals(y.year);
    const moved = live.publicHours !== r1(y.publicHours) || live.professionalHours !== r1(y.professionalHours);
    return { ...y, current: moved ? { ...live, totalHours: r1(live.publicHours + live.professionalHours) } : null };
  });
  return { content, rows, changed: rows.some((r) => r.current) };
}
