/**
 * 学时提醒: on each reminder date of the year's policy (hour_policies.reminder_days before closing_date; dueReminder()),
 * every active person whose year is not 已完成 (person_year_totals.completed, kept under the year's policy; no totals
 * row: nothing yet) gets one reminder message, and each admin of an employer with such people a summary
 * ("本单位尚有 37 人未完成"). ONE statement per run (3 M people are never 3 M round trips): the people due, their
 * messages and the units' summaries in one INSERT … SELECT chain. The dedupe key (reminder:<year>:<date>) and the
 * unique index make a run repeated — by the scheduler's retry, a second process, or by hand — send nothing twice.
 * Run daily by the server's scheduler (main.ts), which also runs each day's slot in one process only.
 */
import { eq, sql } from 'drizzle-orm';
import { beijingDate, beijingYear, dueReminder } from '@hbzsgx/domain';
import { queryRows, type Db } from '../../db/client.js';
import { hourPolicies } from '../../db/schema.js';

export interface ReminderOutcome {
  /** The reminder date sent (null: none due today). */
  date: string | null;
  people: number;
  unitAdmins: number;
}

const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The statement of one reminder date (exported for the benchmark, which times it beside a bare INSERT … SELECT). */
export function reminderStatement(
  year: number,
  closingDate: string,
  date: string,
  policy: { totalRequired: number; publicMin: number; professionalMin: number },
) {
  const key = `reminder:${year}:${date}`;
  const deadline = monthDay(closingDate);
  return sql`
    WITH due AS (
      SELECT p.user_id, p.org_id,
             trim_scale(coalesce(t.public_hours, 0)) AS pub,
             trim_scale(coalesce(t.professional_hours, 0)) AS pro,
             trim_scale(coalesce(t.public_hours, 0) + coalesce(t.professional_hours, 0)) AS total
      FROM personnel p
      LEFT JOIN person_year_totals t ON t.personnel_id = p.id AND t.year = ${year}
      WHERE p.status = 'active' AND t.completed IS NOT TRUE
    ), people AS (
      INSERT INTO messages (user_id, admin_id, kind, title, body, link, dedupe_key)
      SELECT d.user_id, NULL, 'reminder',
             ${`学时提醒：您${year}年度的继续教育学时尚未完成`},
             '已认定 公需 ' || d.pub || ' / ' || ${String(policy.publicMin)} || '、专业 ' || d.pro || ' / ' || ${String(policy.professionalMin)}
               || '、合计 ' || d.total || ' / ' || ${String(policy.totalRequired)} || ${` 学时，请于${deadline}前完成。`},
             '/dashboard', ${key}
      FROM due d
      ON CONFLICT (user_id, (coalesce(admin_id, 0)), dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
      RETURNING 1
    ), units AS (
      INSERT INTO messages (user_id, admin_id, kind, title, body, link, dedupe_key)
      SELECT a.user_id, a.id, 'reminder',
             '学时提醒：本单位尚有 ' || c.n || ${` 人未完成${year}年度继续教育学时`},
             ${`截止${deadline}。可在“本单位人员”中按“未完成”筛选、导出名单并督促完成。`},
             '/personnel', ${key}
      FROM (SELECT org_id, count(*) AS n FROM due GROUP BY org_id) c
      JOIN organizations o ON o.id = c.org_id AND o.type = 'employer' AND o.status = 'active'
      JOIN admins a ON a.org_id = c.org_id AND a.removed_at IS NULL
      ON CONFLICT (user_id, (coalesce(admin_id, 0)), dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM units)::int AS units`;
}

/** Sends today's reminder of the current (Beijing) year, if one is due; in `db` (the scheduler's transaction). */
export async function runReminders(db: Db, now: Date): Promise<ReminderOutcome> {
  const year = beijingYear(now);
  const [policy] = await db.select().from(hourPolicies).where(eq(hourPolicies.year, year));
  const date = policy ? dueReminder(policy, beijingDate(now)) : null;
  if (!policy || !date) return { date: null, people: 0, unitAdmins: 0 };
  const [r] = await queryRows<{ people: number; units: number }>(db, reminderStatement(year, policy.closingDate, date, policy));
  return { date, people: Number(r?.people ?? 0), unitAdmins: Number(r?.units ?? 0) };
}
