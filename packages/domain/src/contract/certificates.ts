/** 电子证书 (server/src/modules/certificates): 查询打印 (HR), 我的电子证书, the public 证书验证. */
import { z } from 'zod';
import type { VerificationResult } from '../dictionaries.js';
import { ORG_TYPE_CODES } from '../orgTypes.js';
import { year } from '../fields.js';
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

/** What every verification answer states, whichever kind of certificate the code is. */
const verificationCommon = {
  code: z.string(),
  validity: certificateValidity,
  validityName: z.string(),
  revokedAt: timestamp.nullable(),
  /** Masked (张*三). */
  name: z.string(),
  idNumberMasked: z.string(),
  /** 工作单位 and 职称 as printed. */
  orgName: z.string(),
  titleSeries: z.string(),
  titleLevel: z.string(),
  issuerName: z.string(),
  issuedAt: timestamp,
  /** The issue date in Chinese, as printed (2026年3月5日). */
  issuedOn: z.string(),
};
const hoursNow = z.object({ publicHours: z.number(), professionalHours: z.number(), totalHours: z.number() });

/** A yearly 学时证明. */
export const yearVerification = z.object({
  kind: z.literal('year'),
  ...verificationCommon,
  year: z.number().int(),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  completed: z.boolean(),
  completionName: z.string(),
  policy: certificateRequirement,
  /** 学时明细: the approved claims the certificate counted (labels as printed). */
  claims: z.array(z.object({ title: z.string(), subjectType: z.string(), learningForm: z.string(), hours: z.number(), declaringOrg: z.string() })),
  /** The ledger now, when it differs from what was printed. */
  current: hoursNow.nullable(),
});

/** A year of a 多年度学时证明: hours by subject and completion (null: that year had no requirement set). */
export const multiYearRow = z.object({
  year: z.number().int(),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  completed: z.boolean().nullable(),
  completionName: z.string(),
  policy: certificateRequirement.nullable(),
  /** The ledger now, when this year differs from what was printed. */
  current: hoursNow.nullable(),
});
export const multiYearVerification = z.object({
  kind: z.literal('multiYear'),
  ...verificationCommon,
  fromYear: z.number().int(),
  toYear: z.number().int(),
  years: z.array(multiYearRow),
});

/** GET /api/public/certificates/:code: what the certificate states and whether it still holds. */
export const certificateVerification = z.discriminatedUnion('kind', [yearVerification, multiYearVerification]);

/** 多年度学时证明: at most this many years in one proof (one A4 page, a row per year). */
export const MULTI_YEAR_MAX_SPAN = 15;

/** 多年度学时证明: the years a person may ask for (the default range: since the current title's year). */
export const multiYearOptions = z.object({
  minYear: z.number().int(),
  maxYear: z.number().int(),
  maxSpan: z.number().int(),
  defaultFrom: z.number().int(),
  defaultTo: z.number().int(),
  /** 现职称取得时间, when known (the default range starts at its year). */
  titleDate: z.string().nullable(),
});

/** The years of a 多年度学时证明: 起始年度 ≤ 截止年度, at most MULTI_YEAR_MAX_SPAN years (the data-dependent bounds are the server's). */
export const multiYearRangeShape = { fromYear: year('起始年度不正确'), toYear: year('截止年度不正确') };
export function refineMultiYearRange(v: { fromYear: number; toYear: number }, ctx: z.RefinementCtx) {
  if (v.fromYear > v.toYear) ctx.addIssue({ code: 'custom', path: ['toYear'], message: '不能早于起始年度' });
  else if (v.toYear - v.fromYear + 1 > MULTI_YEAR_MAX_SPAN)
    ctx.addIssue({ code: 'custom', path: ['toYear'], message: `一份多年度学时证明最多包含${MULTI_YEAR_MAX_SPAN}个年度` });
}
export const multiYearRange = z.object(multiYearRangeShape).superRefine(refineMultiYearRange);
