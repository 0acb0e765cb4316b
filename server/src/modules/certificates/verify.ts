/**
 * 证书验证 (public, no login): what the certificate with this code really states — name masked, masked 证件号, year,
 * hours by subject, completion, issuer, issue date — and whether it still holds: 有效; 已作废 (superseded by a newer
 * certificate); 学时已变更 (the live ledger differs from the printed hours, e.g. after 学时审验 took hours back).
 * A PDF can be edited; this answer cannot. Every attempt, found or not, is logged with the caller's IP; an unknown
 * or malformed code answers the same 404 (nothing tells a valid code from an invalid one).
 */
import { and, eq } from 'drizzle-orm';
import { beijingChineseDate, VERIFICATION_RESULTS, type CERTIFICATE_VALIDITY_CODES } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { certificates, certificateVerifications, multiYearCertificates, personYearTotals } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../plugins/access.js';
import { maskName, normalizeCode } from './code.js';
import { readSnapshot, type CertificateContent } from './content.js';
import { multiYearAgainstLedger, yearCompletionName } from './multi-year.js';

export type Validity = (typeof CERTIFICATE_VALIDITY_CODES)[number];
export const VALIDITY_NAMES: Record<Validity, string> = {
  valid: VERIFICATION_RESULTS.valid,
  revoked: VERIFICATION_RESULTS.revoked,
  changed: VERIFICATION_RESULTS.changed,
};

const r1 = (n: number) => Math.round(n * 10) / 10;

/** The state of a certificate given the person's live totals for its year. */
export function validityOf(
  cert: { revokedAt: Date | null; snapshot: CertificateContent },
  live: { publicHours: number; professionalHours: number },
): Validity {
  if (cert.revokedAt) return 'revoked';
  if (r1(live.publicHours) !== r1(cert.snapshot.publicHours) || r1(live.professionalHours) !== r1(cert.snapshot.professionalHours)) return 'changed';
  return 'valid';
}

export async function liveTotals(db: Db, personnelId: number, year: number) {
  const [t] = await db
    .select()
    .from(personYearTotals)
    .where(and(eq(personYearTotals.personnelId, personnelId), eq(personYearTotals.year, year)));
  return { publicHours: r1(t?.publicHours ?? 0), professionalHours: r1(t?.professionalHours ?? 0) };
}

/** What every answer states: the code, its state, and the holder and issuer as printed (the name masked). */
function common(
  cert: { code: string; revokedAt: Date | null; issuedAt: Date },
  s: Pick<CertificateContent, 'name' | 'idNumberMasked' | 'orgName' | 'titleSeries' | 'titleLevel' | 'issuerName'>,
  validity: Validity,
) {
  return {
    code: cert.code,
    validity,
    validityName: VALIDITY_NAMES[validity],
    revokedAt: cert.revokedAt,
    name: maskName(s.name),
    idNumberMasked: s.idNumberMasked,
    orgName: s.orgName,
    titleSeries: s.titleSeries,
    titleLevel: s.titleLevel,
    issuerName: s.issuerName,
    issuedAt: cert.issuedAt,
    issuedOn: beijingChineseDate(cert.issuedAt),
  };
}

/** Public (any or no actor): every attempt is logged with the caller's IP. */
export async function verifyCertificate(ctx: ServiceContext<Actor | null>, raw: string) {
  const { db, ip } = ctx;
  const code = normalizeCode(raw);
  const [cert] = code ? await db.select().from(certificates).where(eq(certificates.code, code)) : [];
  if (!cert && code) {
    const [multi] = await db.select().from(multiYearCertificates).where(eq(multiYearCertificates.code, code));
    if (multi) return verifyMultiYear(ctx, multi);
  }
  if (!cert) {
    // the raw attempt is kept (cut short) so that probing shows in the log
    await db.insert(certificateVerifications).values({ code: raw.slice(0, 64), certificateId: null, result: code ? 'not_found' : 'malformed', ip });
    throw new AppError(404, 'NOT_FOUND', '未找到该证书，请核对验证码是否正确');
  }
  const s = readSnapshot(cert);
  const live = await liveTotals(db, cert.personnelId, cert.year);
  const validity = validityOf({ revokedAt: cert.revokedAt, snapshot: s }, live);
  await db.insert(certificateVerifications).values({ code: cert.code, certificateId: cert.id, result: validity, ip });
  return {
    kind: 'year' as const,
    ...common(cert, s, validity),
    year: s.year,
    publicHours: s.publicHours,
    professionalHours: s.professionalHours,
    totalHours: s.totalHours,
    completed: s.completed,
    completionName: s.completed ? '已完成' : '未完成',
    policy: s.policy,
    claims: s.claims,
    /** The ledger now (only when it differs from what was printed). */
    current: validity === 'changed' ? { ...live, totalHours: r1(live.publicHours + live.professionalHours) } : null,
  };
}

/** A 多年度学时证明's answer: the same rows as printed, each year beside the ledger now. */
async function verifyMultiYear(ctx: ServiceContext<Actor | null>, cert: typeof multiYearCertificates.$inferSelect) {
  const { content: s, rows, changed } = await multiYearAgainstLedger(ctx.db, cert);
  const validity: Validity = cert.revokedAt ? 'revoked' : changed ? 'changed' : 'valid';
  await ctx.db.insert(certificateVerifications).values({ code: cert.code, multiYearCertificateId: cert.id, result: validity, ip: ctx.ip });
  return {
    kind: 'multiYear' as const,
    ...common(cert, s, validity),
    fromYear: s.fromYear,
    toYear: s.toYear,
    years: rows.map((y) => ({ ...y, completionName: yearCompletionName(y.completed) })),
  };
}
