/** 人员调转 (server/src/modules/transfers): 调出, 人员调入审核 and 调转记录. */
import { z } from 'zod';
import { TRANSFER_STATUS_CODES } from '../dictionaries.js';
import { calendarDate, itemsOf, paged, timestamp } from './common.js';

/** A person of the own organisation, to pick for 调出 (masked 证件号). */
export const transferCandidate = z.object({
  personnelId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  departmentName: z.string().nullable(),
});
export const transferCandidates = itemsOf(transferCandidate);

/** The data the 调出 form fills in; kept on the transfer as its snapshot. */
export const transferPerson = z.object({
  personnelId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  gender: z.string().nullable(),
  birthDate: calendarDate.nullable(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  titleSeriesName: z.string(),
  titleLevelName: z.string(),
  titleName: z.string().nullable(),
});

/** One transfer as either side sees it: `direction` is 'in' for the target, 'out' for the source. */
export const transferRecord = z.object({
  id: z.number().int(),
  personnelId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  fromOrgName: z.string(),
  toOrgName: z.string(),
  reason: z.string(),
  transferDate: calendarDate,
  status: z.enum(TRANSFER_STATUS_CODES),
  refuseReason: z.string().nullable(),
  createdAt: timestamp,
  decidedAt: timestamp.nullable(),
  /** The person as they were when 调出 started. */
  snapshot: transferPerson,
  direction: z.enum(['in', 'out']),
});
export const transferPage = paged(transferRecord);
