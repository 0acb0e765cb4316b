/** 基本信息管理 (server/src/modules/org-info); 下属机构管理's detail builds on it (contract/suborgs.ts). */
import { z } from 'zod';
import { HR_LEVEL_CODES, ORG_STATUS_CODES, ORG_TYPE_CODES } from '../orgTypes.js';
import { timestamp } from './common.js';

/** What 修改单位信息 changes; also the values of an org-info change request waiting for review. */
export const orgInfoValues = z.object({ name: z.string(), contactName: z.string(), contactPhone: z.string(), address: z.string() });

/** GET /api/org/info: one organisation with display names. */
export const orgInfo = z.object({
  /** The values of an org-info change request waiting for the superior's review (null when none). */
  pendingChange: orgInfoValues.nullable(),
  id: z.number().int(),
  type: z.enum(ORG_TYPE_CODES),
  typeName: z.string(),
  hrLevel: z.enum(HR_LEVEL_CODES).nullable(),
  hrLevelName: z.string().nullable(),
  name: z.string(),
  creditCode: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  address: z.string(),
  status: z.enum(ORG_STATUS_CODES),
  statusName: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** PUT /api/org/info: applied at once (province HR), or filed as a change request for the superior. */
export const orgInfoUpdate = orgInfo.extend({ applied: z.boolean(), requestId: z.number().int().nullable() });
