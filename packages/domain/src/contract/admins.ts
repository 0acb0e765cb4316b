/** 管理单位管理员 (server/src/modules/admins). */
import { z } from 'zod';
import { ID_TYPE_CODES } from '../idNumber.js';
import { itemsOf, paged, timestamp } from './common.js';

/** One admin seat of the list (masked numbers), with its roles. */
export const adminRow = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  name: z.string(),
  idType: z.enum(ID_TYPE_CODES),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  email: z.string().nullable(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  isSuper: z.boolean(),
  createdAt: timestamp,
  roles: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export const adminList = paged(adminRow);

/** A registered person of the organisation who is not an admin yet (新增管理员 › 选择). */
export const adminCandidate = z.object({
  userId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  departmentId: z.number().int().nullable(),
});
export const adminCandidates = itemsOf(adminCandidate);

export const adminCreated = z.object({ id: z.number().int(), userId: z.number().int() });

/** 查看完整证件号与手机号: behind pii.view, each view audited. */
export const adminIdentity = z.object({ idType: z.enum(ID_TYPE_CODES), idNumber: z.string(), phone: z.string() });
