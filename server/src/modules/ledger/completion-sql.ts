/**
 * The completion rule of packages/domain/src/hours.ts#completion(), expressed ONCE as an SQL predicate for the ledger's
 * readers — the statistics' aggregations and the personnel list's 完成情况 filter — which judge thousands of people
 * per query and so cannot call the domain function per person. completion-sql.test.ts cross-checks it against
 * completion() on the edge cases and on random totals.
 *
 * completion(): 已完成 ⇔ total ≥ totalRequired ∧ 公需 ≥ publicMin ∧ 专业 ≥ professionalMin. The ledger stores hours as
 * numeric(7,1), so SQL compares exact decimals where the domain rounds floats to one decimal: the same answer.
 * A person without a totals row for the year has 0 hours (the LEFT JOIN yields NULL → coalesce 0).
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
  const pub = sql`coalesce(${cols.publicHours}, 0)`;
  const pro = sql`coalesce(${cols.professionalHours}, 0)`;
  return sql<boolean>`(${pub} + ${pro} >= ${num(policy.totalRequired)} and ${pub} >= ${num(policy.publicMin)} and ${pro} >= ${num(policy.professionalMin)})`;
}
