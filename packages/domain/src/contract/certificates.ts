/** 电子证书 (server/src/modules/certificates): 查询打印 (HR), 我的电子证书, the public 证书验证. */
import { z } from 'zod';
import type { VerificationResult } from '../dictionaries.js';
import { ORG_TYPE_CODES } from '../orgTypes.js';
import { calendarDate, itemsOf, paged, timestamp } from './common.js';

/** A certificate's state: 有效, 已作废 (superseded), 学时已变更 (the ledger moved since it was printed). */
export const CERTIFICATE_VALIDITY_CODES = ['valid', 'revoked', 'changed'] as const satisfies readonly VerificationResult[];
export const certificateValidity = z.enum(CERTIFICATE_VALIDITY_CODES);

/** The year's requirement as a certificate states it. */
export const certificateRequirement = z.object({ totalRequired: z.number(), publicMin: z.number(), professionalMin: z.number() });

/** The live certificate of a person-year. */
export const liveCertificate = z.object({
  code: z.string(),
  issuedAt: timestamp,
  validity: certificateValidity,
  validityName: z.string(),
});

/** A row of 电子证书查询打印: a person's year, and their live certificate (null until one is printed). */
export const certificatePerson = z.object({
  seq: z.number().int(),
  personnelId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  titleSeriesName: z.string(),
  titleLevelName: z.string(),
  year: z.number().int(),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  completed: z.boolean(),
  completionName: z.string(),
  certificate: liveCertificate.extend({ id: z.number().int() }).nullable(),
});
export const certificatePeople = paged(certificatePerson).extend({
  policy: z.object({
    year: z.number().int(),
    totalRequired: z.number(),
    professionalMin: z.number(),
    publicMin: z.number(),
    closingDate: calendarDate,
  }),
});

/** 批量打印: the units of the jurisdiction with active personnel (at most `cap` people per PDF). */
export const certificateUnits = z.object({
  cap: z.number().int(),
  items: z.array(z.object({ id: z.number().int(), name: z.string(), type: z.enum(ORG_TYPE_CODES), people: z.number().int() })),
});

/** A year of 我的电子证书. */
export const myCertificateYear = z.object({
  year: z.number().int(),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  completed: z.boolean(),
  completionName: z.string(),
  policy: certificateRequirement,
  certificate: liveCertificate.nullable(),
});
export const myCertificates = itemsOf(myCertificateYear);

/** GET /api/public/certificates/:code: what the certificate states and whether it still holds. */
export const certificateVerification = z.object({
  code: z.string(),
  validity: certificateValidity,
  validityName: z.string(),
  revokedAt: timestamp.nullable(),
  /** Masked (张*三). */
  name: z.string(),
  idNumberMasked: z.string(),
  year: z.number().int(),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  completed: z.boolean(),
  completionName: z.string(),
  policy: certificateRequirement,
  issuerName: z.string(),
  issuedAt: timestamp,
  /** The issue date in Chinese, as printed (2026年3月5日). */
  issuedOn: z.string(),
  /** The ledger now, when it differs from what was printed. */
  current: z.object({ publicHours: z.number(), professionalHours: z.number(), totalHours: z.number() }).nullable(),
});
