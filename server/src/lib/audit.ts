/** Writing the audit log. Callers pass masked values only; raw personal data never goes in. */
import { maskIdNumber, maskPhone, type AuditResult } from '@hbzsgx/domain';
import type { Db } from '../db/client.js';
import { auditLogs } from '../db/schema.js';
import { deliverFor } from './messages.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number | null;
  result?: AuditResult;
  detail?: Record<string, unknown>;
  /** For events without a session (login attempts): who it concerned. */
  userId?: number | null;
  name?: string | null;
  orgId?: number | null;
  orgPath?: string | null;
}

/** Keys whose values are personal numbers (an org-info change's before/after holds contactPhone). */
const PHONE_KEYS = /^(contactPhone|phone|mobile)$/;
const ID_KEYS = /^idNumber$/;
/** The safety net under the callers' duty: personal numbers in a detail are masked, at any depth. */
export function maskDetail(v: unknown, key = ''): unknown {
  if (typeof v === 'string') return PHONE_KEYS.test(key) ? maskPhone(v) : ID_KEYS.test(key) ? maskIdNumber(v) : v;
  if (Array.isArray(v)) return v.map((x) => maskDetail(x, key));
  if (v && typeof v === 'object' && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskDetail(x, k)]));
  return v;
}

/**
 * Who acted and from where: a ServiceContext (server/src/context.ts) or, for the few hooks that run before one
 * exists, the request itself (it has the same two fields).
 */
export interface AuditSource {
  actor?: { userId: number; name: string; org: { id: number; path: string } } | null;
  ip?: string | null;
}

export async function writeAudit(db: Db, src: AuditSource, e: AuditEntry): Promise<void> {
  const a = src.actor;
  await db.insert(auditLogs).values({
    actorUserId: e.userId ?? a?.userId ?? null,
    actorName: e.name ?? a?.name ?? null,
    actorOrgId: e.orgId ?? a?.org.id ?? null,
    actorOrgPath: e.orgPath ?? a?.org.path ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId == null ? null : String(e.targetId),
    result: e.result ?? 'success',
    ip: src.ip ?? null,
    detail: e.detail ? (maskDetail(e.detail) as Record<string, unknown>) : null,
  });
  // a decision on somebody's item tells them (站内消息), in the same transaction
  await deliverFor(db, e);
}

/** Every export is audited with what it was (`what`, and the file's title users read), its filters and row count. */
export function auditExport(db: Db, src: AuditSource, what: string, filters: unknown, rows: number, title?: string) {
  return writeAudit(db, src, { action: 'export', targetType: what, detail: { title, filters, rows } });
}
