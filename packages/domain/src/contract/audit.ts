/** 审计日志 (server/src/modules/audit). */
import { z } from 'zod';
import { AUDIT_RESULT_CODES } from '../labels.js';
import { paged, timestamp } from './common.js';

/** One audit row as stored (append-only; personal numbers in `detail` masked when written). */
export const auditLog = z.object({
  id: z.number().int(),
  at: timestamp,
  actorUserId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  actorOrgId: z.number().int().nullable(),
  actorOrgPath: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** The target by name as it reads now ("张三·2026年·<课程>", a class's or organisation's name); null when unknown. */
  targetName: z.string().nullable(),
  result: z.enum(AUDIT_RESULT_CODES),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export const auditLogList = paged(auditLog);
