/** 忘记密码: the public request and its state (by 申请编号), and the unit's 找回密码申请 queue. */
import { z } from 'zod';
import { PASSWORD_RESET_STATUS_CODES } from '../dictionaries.js';
import { timestamp } from './common.js';

/** The same answer whether or not the details matched (no enumeration): a 申请编号 to look the state up by. */
export const passwordResetTicket = z.object({ ticket: z.string(), message: z.string() });
/** A request's state as the person sees it; 'expired' is a pending one older than PASSWORD_RESET_DAYS. */
export const passwordResetState = z.object({
  ticket: z.string(),
  status: z.enum([...PASSWORD_RESET_STATUS_CODES, 'expired']),
  statusName: z.string(),
  /** Beijing date of the request (YYYY-MM-DD). */
  requestedOn: z.string(),
  handledAt: timestamp.nullable(),
  reason: z.string().nullable(),
});
/** One row of 找回密码申请 (masked numbers only). */
export const passwordResetRow = z.object({
  id: z.number().int(),
  personnelId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  departmentName: z.string().nullable(),
  status: z.enum(PASSWORD_RESET_STATUS_CODES),
  rejectReason: z.string().nullable(),
  createdAt: timestamp,
  reviewedAt: timestamp.nullable(),
  reviewedBy: z.number().int().nullable(),
});
