/** 站内消息: the signed-in seat's messages (a person's own, or those of the organisation an admin acts for). */
import { z } from 'zod';
import { MESSAGE_KIND_CODES } from '../dictionaries.js';
import { paged, timestamp } from './common.js';

export const message = z.object({
  id: z.number().int(),
  kind: z.enum(MESSAGE_KIND_CODES),
  kindName: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  /** The page of the item it is about (a path of this web app), or null. */
  link: z.string().nullable(),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});
export const messagePage = paged(message).extend({ unread: z.number().int() });
/** The bell's badge: unread messages, counted up to 100 (`capped`: more than 99). */
export const unreadCount = z.object({ count: z.number().int(), capped: z.boolean() });
export const readAllResult = z.object({ done: z.number().int() });
