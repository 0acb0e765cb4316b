/** 管理内设部门 (server/src/modules/departments). */
import { z } from 'zod';
import { itemsOf, timestamp } from './common.js';

/** One department of the list, with how many people and admins work in it. */
export const department = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  sortOrder: z.number().int(),
  personnelCount: z.number().int(),
  adminCount: z.number().int(),
});
export const departmentList = itemsOf(department);

/** A department as stored: the answer of 添加部门 and 重命名/移动. */
export const departmentRecord = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  sortOrder: z.number().int(),
  createdAt: timestamp,
});
