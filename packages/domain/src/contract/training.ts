/** 培训班管理, 学员成绩管理 and 审核培训计划申报 (server/src/modules/training). */
import { z } from 'zod';
import { CLASS_STATUS_CODES } from '../dictionaries.js';
import { CLAIM_STATUS_CODES, LEARNING_FORM_CODES, SUBJECT_TYPE_CODES } from '../hours.js';
import { itemsOf, paged, timestamp } from './common.js';

/** A class as stored (an answer of 申报/修改). */
export const trainingClassRecord = z.object({
  id: z.number().int(),
  baseOrgId: z.number().int(),
  year: z.number().int(),
  name: z.string(),
  subjectType: z.enum(SUBJECT_TYPE_CODES),
  learningForm: z.enum(LEARNING_FORM_CODES),
  hours: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  capacity: z.number().int(),
  targetSeries: z.array(z.string()),
  status: z.enum(CLASS_STATUS_CODES),
  rejectReason: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  createdAt: timestamp,
});
/** A row of the class lists (the base's own, and the review queue). */
export const trainingClass = trainingClassRecord.extend({
  baseName: z.string(),
  /** Learners registered (claims not deleted). */
  learners: z.number().int(),
});
export const trainingClassPage = paged(trainingClass);

/** A learner's score in a class, as its claim stands. */
export const scoreRow = z.object({
  claimId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  orgName: z.string(),
  score: z.string().nullable(),
  qualified: z.boolean(),
  hours: z.number(),
  status: z.enum(CLAIM_STATUS_CODES),
  flagged: z.boolean(),
  flagReasons: z.array(z.string()),
  rejectReason: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /** Why 学时审核 deleted this learner's claim (status deleted). */
  deleteReason: z.string().nullable(),
  /** HR has not decided it (待审核, or the unqualified score the base recorded): the base may still 修改 or 撤销 it. */
  correctable: z.boolean(),
});
export const scoreList = itemsOf(scoreRow);
export const scoreResult = z.object({
  claimId: z.number().int(),
  name: z.string(),
  flagged: z.boolean(),
  flagReasons: z.array(z.string()),
  status: z.enum(CLAIM_STATUS_CODES),
});
export const scoreImportResult = z.object({
  total: z.number().int(),
  imported: z.number().int(),
  flagged: z.number().int(),
  failed: z.array(z.object({ row: z.number().int(), idNumberMasked: z.string(), name: z.string(), reason: z.string() })),
  failedFileId: z.number().int().nullable(),
});
