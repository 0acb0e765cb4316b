/**
 * What a 学时证明 states, read for many people at once (a batch of 500 is a handful of queries): identity (masked
 * 证件号), unit, title, the year's hours judged by the one completion rule, the approved claims, and the issuer.
 *
 * Issuer: the HR department whose jurisdiction the person is in — the nearest HR ancestor of the person's
 * organisation (属地管理: a county HR for a unit registered under it, a city or the province HR for units directly
 * under them). It does not depend on who prints, so a city HR and the person themself print the same certificate.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { alias } from 'drizzle-orm/pg-core';
import { completion, LEARNING_FORMS, SUBJECT_TYPES, TITLE_LEVELS, TITLE_SERIES, type HourPolicy, type TitleLevel } from '@hbzsgx/domain';
import type { Db } from '../../db/client.js';
import { claims, organizations, personnel, personYearTotals, users } from '../../db/schema.js';
import { AppError, BadRequestError, NotFoundError } from '../../errors.js';
import { policyFor } from '../ledger/service.js';

export const hoursValue = z.number().finite().nonnegative();
export const r1 = (n: number) => Math.round(n * 10) / 10;
/** A year's requirement as printed. */
export const requirementSchema = z.strictObject({ totalRequired: hoursValue, publicMin: hoursValue, professionalMin: hoursValue });

/** One approved claim as printed (labels, not codes: the certificate states what it said on the day). */
const claimLineSchema = z.strictObject({
  title: z.string(),
  subjectType: z.string(),
  learningForm: z.string(),
  hours: hoursValue,
  declaringOrg: z.string(),
});
export type ClaimLine = z.infer<typeof claimLineSchema>;

/**
 * Exactly what the PDF prints (stored as the certificate's snapshot; the code and issue date live in the row).
 * The snapshot is legally binding, so it is validated on every read (readSnapshot), never cast: unknown or missing
 * keys, wrong types and totals that do not add up are refused.
 */
/** Who a certificate is about and who issued it, as printed: the same fields in every kind of certificate. */
export const holderShape = {
  name: z.string().min(1),
  idNumberMasked: z.string(),
  orgName: z.string(),
  titleSeries: z.string(),
  titleLevel: z.string(),
  issuerName: z.string().min(1),
};

export const certificateContentSchema = z
  .strictObject({
    ...holderShape,
    year: z.number().int(),
    publicHours: hoursValue,
    professionalHours: hoursValue,
    totalHours: hoursValue,
    completed: z.boolean(),
    policy: requirementSchema,
    claims: z.array(claimLineSchema),
  })
  .refine((c) => r1(c.publicHours + c.professionalHours) === r1(c.totalHours), { path: ['totalHours'], message: 'totalHours is not the sum' })
  .refine((c) => c.completed === completion(c, { ...c.policy, year: c.year, closingDate: '' }).completed, {
    path: ['completed'],
    message: 'completed contradicts the hours',
  });
export type CertificateContent = z.infer<typeof certificateContentSchema>;

/** A stored snapshot that is not a valid certificate (tampered or corrupt): a 500 whose details are logged, never sent. */
export class CorruptCertificateError extends AppError {
  constructor(certificateId: number, issues: { path: string; code: string }[]) {
    super(500, 'CERTIFICATE_CORRUPT', '证书数据校验失败，请联系管理员', { certificateId, issues });
  }
}

/**
 * A stored snapshot parsed by `schema`, and `mismatch` (the row's own columns, e.g. its year, against the snapshot)
 * empty. The issues name paths and kinds only, never the values (the snapshot holds a person's name and 证件号).
 */
export function parseSnapshot<T>(schema: z.ZodType<T>, cert: { id: number; snapshot: unknown }, mismatch: (c: T) => string[]): T {
  const r = schema.safeParse(cert.snapshot);
  const issues = r.success
    ? mismatch(r.data).map((path) => ({ path, code: `${path}_mismatch` }))
    : r.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
  if (!r.success || issues.length) throw new CorruptCertificateError(cert.id, issues);
  return r.data;
}

/** The certificate's snapshot, validated (and for the row's year). */
export function readSnapshot(cert: { id: number; year: number; snapshot: unknown }): CertificateContent {
  return parseSnapshot(certificateContentSchema, cert, (c) => (c.year === cert.year ? [] : ['year']));
}

export interface PersonContent {
  personnelId: number;
  issuerOrgId: number;
  content: CertificateContent;
}

/** The year's requirement; a year without one cannot be certified (400 naming the year, not a 404). */
export async function certificatePolicy(db: Db, year: number): Promise<HourPolicy> {
  try {
    return await policyFor(db, year);
  } catch (e) {
    if (e instanceof NotFoundError) throw new BadRequestError(`年度：${year}年度尚未设置学时要求，不能出具学时证明`, { field: 'year' });
    throw e;
  }
}

const declarer = alias(organizations, 'declarer');

/** Who a certificate is about and who issues it, as printed (labels, masked 证件号). */
export interface Identity {
  personnelId: number;
  issuerOrgId: number;
  name: string;
  idNumberMasked: string;
  orgName: string;
  titleSeries: string;
  titleLevel: string;
  issuerName: string;
  /** 现职称取得时间 (YYYY-MM-DD) when recorded. */
  titleDate: string | null;
}

/** The identities of the given people (one query for the people, one for their issuers); unknown ids are left out. */
export async function loadIdentities(db: Db, personnelIds: number[]): Promise<Map<number, Identity>> {
  if (!personnelIds.length) return new Map();
  const people = await db
    .select({
      id: personnel.id,
      name: users.name,
      idNumberMasked: users.idNumberMasked,
      orgName: organizations.name,
      orgPath: organizations.path,
      titleSeries: personnel.titleSeries,
      titleLevel: personnel.titleLevel,
      titleDate: personnel.titleDate,
    })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .innerJoin(organizations, eq(organizations.id, personnel.orgId))
    .where(inArray(personnel.id, personnelIds));
  const issuers = await nearestHr(
    db,
    people.map((p) => p.orgPath),
  );
  return new Map(
    people.map((p) => {
      const issuer = issuers.get(p.orgPath);
      if (!issuer) throw new Error(`no HR department above ${p.orgPath}`); // the tree's root is the province HR
      return [
        p.id,
        {
          personnelId: p.id,
          issuerOrgId: issuer.id,
          name: p.name,
          idNumberMasked: p.idNumberMasked,
          orgName: p.orgName,
          titleSeries: TITLE_SERIES.find((s) => s.code === p.titleSeries)?.name ?? '',
          titleLevel: TITLE_LEVELS[p.titleLevel as TitleLevel] ?? '',
          issuerName: issuer.name,
          titleDate: p.titleDate,
        },
      ];
    }),
  );
}

/** Contents for the given people in input order; ids that do not exist are left out. */
export async function loadContents(db: Db, personnelIds: number[], year: number, policy: HourPolicy): Promise<PersonContent[]> {
  if (!personnelIds.length) return [];
  const identities = await loadIdentities(db, personnelIds);
  const totals = await db
    .select({ id: personYearTotals.personnelId, publicHours: personYearTotals.publicHours, professionalHours: personYearTotals.professionalHours })
    .from(personYearTotals)
    .where(and(inArray(personYearTotals.personnelId, personnelIds), eq(personYearTotals.year, year)));
  const totalsOf = new Map(totals.map((t) => [t.id, t]));
  const lines = await db
    .select({
      personnelId: claims.personnelId,
      title: claims.title,
      subjectType: claims.subjectType,
      learningForm: claims.learningForm,
      hours: claims.hours,
      declaringOrg: declarer.name,
    })
    .from(claims)
    .innerJoin(declarer, eq(declarer.id, claims.declaringOrgId))
    .where(and(inArray(claims.personnelId, personnelIds), eq(claims.year, year), eq(claims.status, 'approved')))
    .orderBy(asc(claims.id));
  const claimsOf = new Map<number, ClaimLine[]>();
  for (const l of lines) {
    const list = claimsOf.get(l.personnelId) ?? [];
    list.push({
      title: l.title,
      subjectType: SUBJECT_TYPES[l.subjectType] ?? l.subjectType,
      learningForm: LEARNING_FORMS[l.learningForm] ?? l.learningForm,
      hours: l.hours,
      declaringOrg: l.declaringOrg,
    });
    claimsOf.set(l.personnelId, list);
  }

  return personnelIds.flatMap((id) => {
    const who = identities.get(id);
    if (!who) return [];
    const t = totalsOf.get(id);
    const c = completion({ publicHours: t?.publicHours ?? 0, professionalHours: t?.professionalHours ?? 0 }, policy);
    return [
      {
        personnelId: id,
        issuerOrgId: who.issuerOrgId,
        content: {
          name: who.name,
          idNumberMasked: who.idNumberMasked,
          orgName: who.orgName,
          titleSeries: who.titleSeries,
          titleLevel: who.titleLevel,
          year,
          publicHours: c.publicHours,
          professionalHours: c.professionalHours,
          totalHours: c.totalHours,
          completed: c.completed,
          policy: { totalRequired: policy.totalRequired, publicMin: policy.publicMin, professionalMin: policy.professionalMin },
          issuerName: who.issuerName,
          claims: claimsOf.get(id) ?? [],
        },
      },
    ];
  });
}

/** For each organisation path, the deepest HR organisation on it (the organisation itself included). */
async function nearestHr(db: Db, paths: string[]): Promise<Map<string, { id: number; name: string }>> {
  const unique = [...new Set(paths)];
  const ids = [...new Set(unique.flatMap((p) => p.split('/').filter(Boolean).map(Number)))];
  if (!ids.length) return new Map();
  const hrs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(inArray(organizations.id, ids), eq(organizations.type, 'hr')));
  const hrById = new Map(hrs.map((h) => [h.id, h]));
  const out = new Map<string, { id: number; name: string }>();
  for (const p of unique) {
    const chain = p.split('/').filter(Boolean).map(Number).reverse();
    const hit = chain.map((id) => hrById.get(id)).find(Boolean);
    if (hit) out.set(p, hit);
  }
  return out;
}

/** Key-order-independent JSON (jsonb reorders keys), to tell whether a stored snapshot still states the same. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
