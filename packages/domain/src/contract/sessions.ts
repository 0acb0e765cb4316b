/** 在线会话 (server/src/modules/sessions). */
import { z } from 'zod';
import { itemsOf, timestamp } from './common.js';

export const onlineSession = z.object({
  /** The first 16 hex digits of the session's hash: enough to name it, useless as a credential. */
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  createdAt: timestamp,
  lastSeenAt: timestamp,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const onlineSessions = itemsOf(onlineSession);
