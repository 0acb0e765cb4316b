/** 通知公告 / 政策文件 (server/src/modules/announcements). */
import { z } from 'zod';
import { ANNOUNCEMENT_KIND_CODES, ANNOUNCEMENT_STATUS_CODES } from '../dictionaries.js';
import { paged, timestamp } from './common.js';

/** An attachment of an announcement (a `files` row). */
export const announcementFile = z.object({
  fileId: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  kind: z.string(),
  uploadedAt: timestamp,
});

/** A published announcement as readers see it (home page, dashboards): its publisher names its scope. */
export const announcementItem = z.object({
  id: z.number().int(),
  kind: z.enum(ANNOUNCEMENT_KIND_CODES),
  title: z.string(),
  pinned: z.boolean(),
  publishedAt: timestamp,
  publisherName: z.string(),
  /** 'province': 全省 (the 省人社厅's); 'city': the publishing city's jurisdiction. */
  scope: z.enum(['province', 'city']),
});
export const announcementPage = paged(announcementItem);
export const announcementDetail = announcementItem.extend({ body: z.string(), files: z.array(announcementFile) });

/** One of the own organisation's announcements (通知公告管理), any state. */
export const managedAnnouncement = z.object({
  id: z.number().int(),
  kind: z.enum(ANNOUNCEMENT_KIND_CODES),
  title: z.string(),
  status: z.enum(ANNOUNCEMENT_STATUS_CODES),
  pinned: z.boolean(),
  publishedAt: timestamp.nullable(),
  withdrawnAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  creatorName: z.string(),
  fileCount: z.number().int(),
});
export const managedAnnouncementPage = paged(managedAnnouncement);
export const managedAnnouncementDetail = managedAnnouncement.extend({ body: z.string(), files: z.array(announcementFile) });

/** POST …/files: the attachment added. */
export const addedAnnouncementFile = z.object({ fileId: z.number().int(), name: z.string(), size: z.number().int() });
