/** 学时审核, 学时审验 and 我的学时 (server/src/modules/claim-review). */
import { z } from 'zod';
import { CLAIM_SOURCE_CODES, CLAIM_STATUS_CODES, LEARNING_FORM_CODES, SUBJECT_TYPE_CODES } from '../hours.js';
import { paged, timestamp } from './common.js';

/** A row of the 学时审核 queues and of 学时审验 (masked 证件号 only), numbered on its page (`seq`). */
export const claimRow = z.object({
  seq: z.number().int(),
  id: z.number().int(),
  declaringOrg: z.string(),
  /** The class (培训班) or the declared activity. */
  className: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  year: z.number().int(),
  orgName: z.string(),
  titleSeries: z.string().nullable(),
  titleSeriesName: z.string(),
  score: z.string().nullable(),
  hours: z.number(),
  qualified: z.boolean(),
  status: z.enum(CLAIM_STATUS_CODES),
  statusName: z.string(),
  subjectType: z.enum(SUBJECT_TYPE_CODES),
  subjectTypeName: z.string(),
  learningForm: z.enum(LEARNING_FORM_CODES),
  learningFormName: z.string(),
  flagged: z.boolean(),
  /** Why it is 重点审核. */
  flagReasons: z.array(z.string()),
  rejectReason: z.string().nullable(),
  revokeReason: z.string().nullable(),
  basis: z.string().nullable(),
  evidenceFileId: z.number().int().nullable(),
  hasEvidence: z.boolean(),
  /** 学习起止日期 (YYYY-MM-DD; null on claims from before they were recorded). */
  activityStart: z.string().nullable(),
  activityEnd: z.string().nullable(),
  createdAt: timestamp,
  reviewedAt: timestamp.nullable(),
});
export const claimPage = paged(claimRow);

/**
 * A row of 单位培训学时审核: one unit training plan (培训班) of an employer with claims in the tab — `claims` of them
 * in the tab (待审核: waiting; 已审核: decided), `pendingClaims` still waiting, `declaredAt` the newest claim's time.
 */
export const claimClassRow = z.object({
  seq: z.number().int(),
  id: z.number().int(),
  year: z.number().int(),
  className: z.string(),
  orgName: z.string(),
  subjectType: z.enum(SUBJECT_TYPE_CODES),
  subjectTypeName: z.string(),
  learningForm: z.enum(LEARNING_FORM_CODES),
  learningFormName: z.string(),
  hours: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  claims: z.number().int(),
  pendingClaims: z.number().int(),
  flaggedClaims: z.number().int(),
  declaredAt: timestamp.nullable(),
  /** 'pending' while any claim of the plan waits (the row can still be decided as a whole). */
  status: z.enum(['pending', 'done']),
  reviewedAt: timestamp.nullable(),
});
export const claimClassPage = paged(claimClassRow);

/** One claim of 我的学时 (a deletion made with a reason is shown with it). */
export const myClaim = z.object({
  id: z.number().int(),
  /** personal: the person's own declaration (撤回 while undecided; 再次申报). */
  source: z.enum(CLAIM_SOURCE_CODES),
  title: z.string(),
  hours: z.number(),
  score: z.string().nullable(),
  status: z.enum(CLAIM_STATUS_CODES),
  statusName: z.string(),
  subjectTypeName: z.string(),
  learningFormName: z.string(),
  rejectReason: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /** Why 学时审核 deleted it (status deleted; shown like 审验不通过原因). */
  deleteReason: z.string().nullable(),
  basis: z.string().nullable(),
  hasEvidence: z.boolean(),
  subjectType: z.enum(SUBJECT_TYPE_CODES),
  learningForm: z.enum(LEARNING_FORM_CODES),
  /** 学习起止日期 (YYYY-MM-DD; null on claims from before they were recorded). */
  activityStart: z.string().nullable(),
  activityEnd: z.string().nullable(),
  createdAt: timestamp,
});
/** GET /api/me/hours: the year's totals judged against its policy (domain completion()), and every claim of the year. */
export const myHours = z.object({
  policy: z.object({
    year: z.number().int(),
    totalRequired: z.number(),
    professionalMin: z.number(),
    publicMin: z.number(),
    /** 申报截止日期, 'YYYY-MM-DD'. */
    closingDate: z.string(),
  }),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  completed: z.boolean(),
  missing: z.object({ total: z.number(), public: z.number(), professional: z.number() }),
  claims: z.array(myClaim),
});
