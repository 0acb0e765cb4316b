/**
 * The completion rule of packages/domain/src/hours.ts#completion() for the ledger's SQL readers — the statistics'
 * aggregations, the personnel list's 完成情况 filter and the statistics counters' triggers — which judge thousands of
 * people per query and so cannot call the domain function per person. The rule itself is ONE SQL function,
 * hours_completed() (migration 0009_stat_counters; inlined by the planner); completion-sql.test.ts cross-checks it
 * against completion() on the edge cases and on random totals.
 *
 * completion(): 已完成 ⇔ total ≥ totalRequired ∧ 公需 ≥ publicMin ∧ 专业 ≥ professionalMin. The ledger stores hours as
 * numeric(7,1), so SQL compares exact decimals where the domain rounds floats to one decimal: the same answer.
 * A person without a totals row for the year has 0 hours (the LEFT JOIN yields NULL → 0).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyColumn } from 'drizzle-orm';
import type { HourPolicy } from '@hbzsgx/domain';
import { personYearTotals } from '../../db/schema.js';

type Hours = AnyColumn | SQL;

/** Numbers from the year's policy, as numeric literals (checked to be finite numbers: no injection possible). */
function num(n: number): SQL {
  if (!Number.isFinite(n)) throw new Error(`policy value is not a number: ${n}`);
  return sql.raw(`${n}::numeric`);
}

/**
 * True when the person-year with these hour columns is 已完成 under `policy`. The columns default to
 * person_year_totals' (LEFT JOINed on personnel and the year). Policy values are inlined as literals so that the
 * predicate can sit inside aggregate FILTERs and ORDER BY without parameter-numbering surprises.
 */
export function completedSql(policy: HourPolicy, cols: { publicHours: Hours; professionalHours: Hours } = personYearTotals): SQL<boolean> {
  return sql<boolean>`hours_completed(${cols.publicHours}, ${cols.professionalHours}, ${num(policy.totalRequired)}, ${num(policy.publicMin)}, ${num(policy.professionalMin)})`;
}
