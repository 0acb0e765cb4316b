/** 个人申报学时 and the unit's review of them (server/src/modules/personal-claims). */
import { z } from 'zod';
import { CLAIM_SOURCE_CODES, CLAIM_STATUS_CODES, LEARNING_FORM_CODES, SUBJECT_TYPE_CODES } from '../hours.js';
import { paged, timestamp } from './common.js';

/** A personal declaration in its unit's review queue (本单位人员学时申报; masked 证件号 only). */
export const personalClaimRow = z.object({
  id: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  year: z.number().int(),
  title: z.string(),
  hours: z.number(),
  /** Why these hours (认定依据). */
  basis: z.string().nullable(),
  status: z.enum(CLAIM_STATUS_CODES),
  statusName: z.string(),
  subjectType: z.enum(SUBJECT_TYPE_CODES),
  learningForm: z.enum(LEARNING_FORM_CODES),
  rejectReason: z.string().nullable(),
  /** 学习起止日期 (YYYY-MM-DD; null on claims from before they were recorded). */
  activityStart: z.string().nullable(),
  activityEnd: z.string().nullable(),
  /** 重点审核 and why (e.g. 学习时间重叠 with another provider's claim). */
  flagged: z.boolean(),
  flagReasons: z.array(z.string()),
  createdAt: timestamp,
  reviewedAt: timestamp.nullable(),
});
export const personalClaimPage = paged(personalClaimRow);

/** POST /api/me/claims/:id/withdraw: the claim now 已撤回. */
export const withdrawnClaim = z.object({ id: z.number().int(), status: z.enum(CLAIM_STATUS_CODES), statusName: z.string() });

/** POST /api/me/claims: the stored declaration, with the hours the year's rule recognised and why. */
export const declaredClaim = z.object({
  id: z.number().int(),
  personnelId: z.number().int(),
  year: z.number().int(),
  source: z.enum(CLAIM_SOURCE_CODES),
  declaringOrgId: z.number().int(),
  classId: z.number().int().nullable(),
  title: z.string(),
  subjectType: z.enum(SUBJECT_TYPE_CODES),
  learningForm: z.enum(LEARNING_FORM_CODES),
  hours: z.number(),
  score: z.string().nullable(),
  qualified: z.boolean(),
  basis: z.string().nullable(),
  evidenceFileId: z.number().int().nullable(),
  status: z.enum(CLAIM_STATUS_CODES),
  flagged: z.boolean(),
  flagReasons: z.array(z.string()),
  rejectReason: z.string().nullable(),
  revokeReason: z.string().nullable(),
  deleteReason: z.string().nullable(),
  /** 学习起止日期 (YYYY-MM-DD; null on claims from before they were recorded). */
  activityStart: z.string().nullable(),
  activityEnd: z.string().nullable(),
  reviewedBy: z.number().int().nullable(),
  reviewedAt: timestamp.nullable(),
  createdAt: timestamp,
});
