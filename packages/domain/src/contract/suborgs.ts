/** 下属机构管理 (server/src/modules/suborgs). */
import { z } from 'zod';
import { HR_LEVEL_CODES, ORG_STATUS_CODES, ORG_TYPE_CODES } from '../orgTypes.js';
import { itemsOf, paged, timestamp } from './common.js';
import { orgInfo } from './org-info.js';

const orgType = z.enum(ORG_TYPE_CODES);
const hrLevel = z.enum(HR_LEVEL_CODES).nullable();
const orgStatus = z.enum(ORG_STATUS_CODES);

/** One node of the lazy jurisdiction tree. */
export const suborgTreeNode = z.object({
  id: z.number().int(),
  name: z.string(),
  type: orgType,
  typeName: z.string(),
  hrLevel,
  status: orgStatus,
  divisionCode: z.string(),
  childCount: z.number().int(),
});
export const suborgTree = itemsOf(suborgTreeNode);

/** One organisation of the searchable list. */
export const suborgRow = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  type: orgType,
  typeName: z.string(),
  hrLevel,
  status: orgStatus,
  divisionName: z.string(),
  createdAt: timestamp,
  /** Whether it has a (live) super admin: 重置密码 resets that seat's password, so it is offered only then. */
  hasSuper: z.boolean(),
});
export const suborgList = paged(suborgRow);

/** 机构详情: another organisation's info (its contact numbers masked) and its admins (masked). */
export const suborgDetail = orgInfo.extend({
  admins: z.array(
    z.object({ id: z.number().int(), name: z.string(), idNumberMasked: z.string(), phoneMasked: z.string().nullable(), isSuper: z.boolean() }),
  ),
});

/** 停用/启用: the organisation's new status. */
export const orgStatusResult = z.object({ status: orgStatus });
/** 重置密码: the one-time password, answered once (never stored in clear). */
export const passwordReset = z.object({ name: z.string(), password: z.string() });
