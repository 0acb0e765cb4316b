/** 年度培训计划 / 年度工作总结 and their review queues (server/src/modules/annual-docs). */
import { z } from 'zod';
import { ANNUAL_DOC_KIND_CODES, REVIEW_STATUS_CODES } from '../dictionaries.js';
import { paged, timestamp } from './common.js';

export const annualDoc = z.object({
  id: z.number().int(),
  kind: z.enum(ANNUAL_DOC_KIND_CODES),
  year: z.number().int(),
  description: z.string(),
  status: z.enum(REVIEW_STATUS_CODES),
  rejectReason: z.string().nullable(),
  createdAt: timestamp,
  reviewedAt: timestamp.nullable(),
  orgName: z.string(),
  fileName: z.string(),
  fileSize: z.number().int(),
  sha256: z.string(),
});
export const annualDocPage = paged(annualDoc);
/** The answer of an upload: the stored document. */
export const uploadedAnnualDoc = annualDoc.pick({
  id: true,
  kind: true,
  year: true,
  description: true,
  status: true,
  createdAt: true,
  fileName: true,
  sha256: true,
});
