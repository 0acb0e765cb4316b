/** 导出: a list export above the synchronous limit answers 202 with its background job; 我的导出 lists them. */
import { z } from 'zod';
import { EXPORT_FORMAT_CODES, EXPORT_JOB_STATUS_CODES } from '../dictionaries.js';
import { paged, timestamp } from './common.js';

/** One export job as its requester sees it (no one else does). */
export const exportJob = z.object({
  id: z.number().int(),
  title: z.string(),
  format: z.enum(EXPORT_FORMAT_CODES),
  status: z.enum(EXPORT_JOB_STATUS_CODES),
  statusName: z.string(),
  /** Rows to write: null until the run has counted them. */
  total: z.number().int().nullable(),
  processed: z.number().int(),
  /** 0–100 (100 only when done). */
  percent: z.number().int(),
  error: z.string().nullable(),
  /** Bytes of the finished file. */
  fileSize: z.number().int().nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  /** When the file is deleted (done jobs). */
  expiresAt: timestamp.nullable(),
});
export const exportJobPage = paged(exportJob);
/** An export route's 202: too many rows to send at once, so it became this background job. */
export const exportQueued = z.object({ queued: z.literal(true), job: exportJob });
