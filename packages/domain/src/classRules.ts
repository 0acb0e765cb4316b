/**
 * 培训班申报 rules shared by the server (the refusal) and the web (the form's check before sending): a class's hours
 * against its dates under the year's per-day maximum (hour_policies.max_hours_per_day, set by the province HR), and
 * learners beyond the class's 计划人数 (a warning, never a refusal).
 */

/** Calendar days from `start` to `end` inclusive ('YYYY-MM-DD'); 0 when end is before start. */
export function classDays(start: string, end: string): number {
  const d = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
  return Number.isFinite(d) && d > 0 ? d : 0;
}

/**
 * Why the class's hours are too many for its days ("培训学时16超过每天上限8学时×1天"), or null when they fit.
 * Dates out of order are another rule's message (结束日期不能早于开始日期), so they answer null here.
 */
export function classHoursProblem(c: { hours: number; startDate: string; endDate: string }, maxHoursPerDay: number): string | null {
  const days = classDays(c.startDate, c.endDate);
  if (!days) return null;
  const cap = Math.round(maxHoursPerDay * days * 10) / 10;
  if (c.hours <= cap) return null;
  return `培训学时${c.hours}超过每天上限${maxHoursPerDay}学时×${days}天（最多${cap}学时）`;
}

/** The warning shown to the base (学员成绩) and to HR (审核培训计划申报) when more learners are registered than planned. */
export function overCapacityWarning(c: { learners: number; capacity: number }): string | null {
  if (c.learners <= c.capacity) return null;
  return `已登记${c.learners}人，超过计划人数${c.capacity}人（超出${c.learners - c.capacity}人）`;
}
