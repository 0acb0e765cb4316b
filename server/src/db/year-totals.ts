/**
 * The truth of person_year_totals' copy (db/repeatable/year-totals.sql), computed without the triggers that keep it
 * and without the SQL completion rule: the person's organisation, keys, created_at and status from the personnel row,
 * 已完成 from the domain's completion() under the year's policy (none: NULL). yearTotalsDrift() lists every row whose
 * stored copy differs — empty when all is true. Tests call it after 调转, registration, policy and hour changes.
 */
import { sql } from 'drizzle-orm';
import { completion } from '@hbzsgx/domain';
import { queryRows, type Db } from './client.js';

export interface YearTotalsDrift {
  personnelId: number;
  year: number;
  field: string;
  stored: unknown;
  truth: unknown;
}

interface Row {
  personnel_id: number;
  year: number;
  public_hours: string | number;
  professional_hours: string | number;
  org_id: number | null;
  city_hr_id: number | null;
  county_hr_id: number | null;
  person_created_at: string | null;
  person_active: boolean;
  completed: boolean | null;
  p_org_id: number;
  p_city_hr_id: number | null;
  p_county_hr_id: number | null;
  p_created_at: string;
  p_status: string;
  total_required: string | number | null;
  public_min: string | number | null;
  professional_min: string | number | null;
}

export async function yearTotalsDrift(db: Db): Promise<YearTotalsDrift[]> {
  const rows = await queryRows<Row>(
    db,
    sql`SELECT t.personnel_id, t.year, t.public_hours, t.professional_hours, t.org_id, t.city_hr_id, t.county_hr_id,
               t.person_created_at::text, t.person_active, t.completed,
               p.org_id AS p_org_id, p.city_hr_id AS p_city_hr_id, p.county_hr_id AS p_county_hr_id, p.created_at::text AS p_created_at,
               p.status AS p_status, hp.total_required, hp.public_min, hp.professional_min
          FROM person_year_totals t JOIN personnel p ON p.id = t.personnel_id LEFT JOIN hour_policies hp ON hp.year = t.year
         ORDER BY t.personnel_id, t.year`,
  );
  const drift: YearTotalsDrift[] = [];
  for (const r of rows) {
    const completed =
      r.total_required === null
        ? null
        : completion(
            { publicHours: Number(r.public_hours), professionalHours: Number(r.professional_hours) },
            {
              year: r.year,
              totalRequired: Number(r.total_required),
              publicMin: Number(r.public_min),
              professionalMin: Number(r.professional_min),
              closingDate: '',
            },
          ).completed;
    const expect: [string, unknown, unknown][] = [
      ['org_id', r.org_id, r.p_org_id],
      ['city_hr_id', r.city_hr_id, r.p_city_hr_id],
      ['county_hr_id', r.county_hr_id, r.p_county_hr_id],
      ['person_created_at', r.person_created_at, r.p_created_at],
      ['person_active', r.person_active, r.p_status === 'active'],
      ['completed', r.completed, completed],
    ];
    for (const [field, stored, truth] of expect)
      if (stored !== truth) drift.push({ personnelId: r.personnel_id, year: r.year, field, stored, truth });
  }
  return drift;
}
