/**
 * 完成情况 as an SQL filter over person_year_totals (LEFT JOINed: no row = 0 hours), for the personnel list, which
 * filters millions of people and cannot call the domain function per person. It states the ONE rule of
 * packages/domain/src/hours.ts#completion(): 已完成 ⇔ total ≥ totalRequired ∧ 公需 ≥ publicMin ∧ 专业 ≥ professionalMin.
 * completion.test.ts cross-checks it against completion(). (statistics/completion-sql.ts states the same rule for
 * the aggregations; the two are meant to be merged into one helper.)
 * Hours and policy values are numeric(7,1) in the database, so SQL compares exact decimals where completion()
 * rounds floats to one decimal: the same answer.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { HourPolicy } from '@hbzsgx/domain';
import { personYearTotals } from '../../db/schema.js';

export function completedWhere(policy: HourPolicy, completed: boolean): SQL {
  const pub = sql`coalesce(${personYearTotals.publicHours}, 0)`;
  const pro = sql`coalesce(${personYearTotals.professionalHours}, 0)`;
  const met = sql`(${pub} + ${pro} >= ${policy.totalRequired}::numeric and ${pub} >= ${policy.publicMin}::numeric and ${pro} >= ${policy.professionalMin}::numeric)`;
  return completed ? met : sql`not ${met}`;
}
