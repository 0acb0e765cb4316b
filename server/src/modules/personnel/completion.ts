/**
 * 完成情况 as a filter of the personnel list: the ledger's one SQL form of completion() (ledger/completion-sql.ts),
 * or its negation. person_year_totals is LEFT JOINed by the list, so no row = 0 hours = 未完成.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { HourPolicy } from '@hbzsgx/domain';
import { completedSql } from '../ledger/completion-sql.js';

export function completedWhere(policy: HourPolicy, completed: boolean): SQL {
  const met = completedSql(policy);
  return completed ? met : sql`not ${met}`;
}
