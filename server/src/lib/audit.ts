/** Writing the audit log. Callers pass masked values only; raw personal data never goes in. */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { auditLogs } from '../db/schema.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number | null;
  result?: 'success' | 'failure' | 'denied';
  detail?: Record<string, unknown>;
  /** For events without a session (login attempts): who it concerned. */
  userId?: number | null;
  name?: string | null;
  orgId?: number | null;
  orgPath?: string | null;
}

export async function writeAudit(db: Db, req: FastifyRequest, e: AuditEntry): Promise<void> {
  const a = req.actor;
  await db.insert(auditLogs).values({
    actorUserId: e.userId ?? a?.userId ?? null,
    actorName: e.name ?? a?.name ?? null,
    actorOrgId: e.orgId ?? a?.org.id ?? null,
    actorOrgPath: e.orgPath ?? a?.org.path ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId == null ? null : String(e.targetId),
    result: e.result ?? 'success',
    ip: req.ip,
    detail: e.detail ?? null,
  });
}

/** Every export is audited with what it was (`what`, and the file's title users read), its filters and row count. */
export function auditExport(db: Db, req: FastifyRequest, what: string, filters: unknown, rows: number, title?: string) {
  return writeAudit(db, req, { action: 'export', targetType: what, detail: { title, filters, rows } });
}
