/** 角色管理 (server/src/modules/roles). */
import { z } from 'zod';
import { PERMISSION_CODES } from '../permissions.js';
import { itemsOf, timestamp } from './common.js';

/** A role as stored: the answer of 新增角色 and 修改角色. `permissions` as stored (a retired code stays visible). */
export const roleRecord = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
});
/** One role of the list, with how many admins hold it. */
export const role = roleRecord.extend({ adminCount: z.number().int() });
export const roleList = itemsOf(role);

/** The permission catalogue of the organisation's type, by group. */
export const permissionCatalogue = z.object({
  groups: z.array(z.object({ group: z.string(), permissions: z.array(z.object({ code: z.enum(PERMISSION_CODES), name: z.string() })) })),
});
