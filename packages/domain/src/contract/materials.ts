/** 年度工作材料报送 (server/src/modules/materials). */
import { z } from 'zod';
import { MATERIAL_CATEGORY_CODES, MATERIAL_STATUS_CODES } from '../dictionaries.js';
import { ORG_TYPE_CODES } from '../orgTypes.js';
import { paged, timestamp } from './common.js';

/** A live file of a material. */
export const materialFile = z.object({
  fileId: z.number().int(),
  category: z.enum(MATERIAL_CATEGORY_CODES),
  categoryName: z.string(),
  name: z.string(),
  size: z.number().int(),
  kind: z.string(),
  uploadedAt: timestamp,
});

/** A submission of 年度工作材料 (own, or of an organisation in the jurisdiction), with its live files. */
export const material = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  description: z.string(),
  status: z.enum(MATERIAL_STATUS_CODES),
  submittedAt: timestamp.nullable(),
  viewedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  orgName: z.string(),
  orgType: z.enum(ORG_TYPE_CODES),
  divisionName: z.string(),
  files: z.array(materialFile),
});
export const materialPage = paged(material);

/** POST /api/materials/:id/files: the file added to the draft. */
export const addedMaterialFile = z.object({
  fileId: z.number().int(),
  name: z.string(),
  category: z.enum(MATERIAL_CATEGORY_CODES),
  size: z.number().int(),
});
