/**
 * Audit retention: rows older than AUDIT_RETENTION_DAYS (never below 180) are purged. The table's trigger refuses
 * any other DELETE, and any row younger than 180 days, whatever the setting says.
 */
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLogs } from '../../db/schema.js';

export async function purgeAuditLogs(db: Db, retentionDays: number, now = new Date()): Promise<number> {
  const days = Math.max(180, retentionDays);
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.audit_purge', 'on', true)`);
    const gone = await tx.delete(auditLogs).where(lt(auditLogs.at, cutoff)).returning({ id: auditLogs.id });
    return gone.length;
  });
}
