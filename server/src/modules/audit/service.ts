/** 审计日志: the audit rows of the actor's scope (HR: the jurisdiction), filtered; one query behind the list and its export. */
import { and, desc, eq, gte, ilike, isNotNull, lt, sql } from 'drizzle-orm';
import type { AuditResult } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { auditLogs } from '../../db/schema.js';
import { escapeLike, jurisdiction, REGION_KEYS } from '../../lib/scope.js';
import { boundedCount } from '../../lib/paging.js';
import { auditNames } from './targets.js';

export interface AuditFilters {
  action?: string;
  result?: AuditResult;
  keyword?: string;
  /** From this moment on (a date-only filter is already its Beijing day's start). */
  from?: Date;
  /** Up to the end of the Beijing day that starts here. */
  to?: Date;
}

export async function listAuditLogs(ctx: ServiceContext, f: AuditFilters, page: { page: number; pageSize: number }) {
  const { db } = ctx;
  const w = and(
    // the rows of actors in the jurisdiction (keys from the actor's organisation path when written: lib/scope.ts);
    // the whole tree's (no key to test): every row with an actor organisation
    jurisdiction(ctx.actor).region(REGION_KEYS.auditLogs) ?? isNotNull(auditLogs.actorOrgId),
    f.action ? eq(auditLogs.action, f.action) : undefined,
    f.result ? eq(auditLogs.result, f.result) : undefined,
    f.keyword ? ilike(auditLogs.actorName, `%${escapeLike(f.keyword)}%`) : undefined,
    f.from ? gte(auditLogs.at, f.from) : undefined,
    f.to ? lt(auditLogs.at, new Date(f.to.getTime() + 86_400_000)) : undefined,
  );
  // the count and the page's rows at once (independent statements: docs/decisions.md 2026-12-06)
  const [total, rows] = await Promise.all([
    boundedCount(
      db,
      db
        .select({ one: sql`1` })
        .from(auditLogs)
        .where(w)
        .$dynamic(),
    ),
    db
      .select()
      .from(auditLogs)
      .where(w)
      .orderBy(desc(auditLogs.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
  ]);
  // 操作人 and 对象 by name: the page's rows only, in one prepared statement (targets.ts)
  const names = await auditNames(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({ ...r, actorName: names.get(r.id)?.actorName ?? r.actorName, targetName: names.get(r.id)?.targetName ?? null }));
  return { total: total.total, totalCapped: total.capped, items };
}
