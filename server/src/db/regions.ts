/**
 * The jurisdiction keys' truth, computed independently of the triggers that keep them (db/repeatable/regions.sql):
 * an organisation's 市州/县区 HR department is the HR organisation of that level on its path; a person's and a
 * claim's are its declaring organisation's, and its person keys its person's organisation's. regionDrift() lists every row whose stored keys differ — empty when all is true.
 * Tests call it after 调转, 更换上级部门 and registration approval (regions.property.test.ts and the workflows' own).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './client.js';

export interface RegionDrift {
  table: 'organizations' | 'personnel' | 'claims';
  id: number;
  stored: [number | null, number | null];
  truth: [number | null, number | null];
}

export async function regionDrift(db: Db): Promise<RegionDrift[]> {
  return queryRows<RegionDrift>(
    db,
    sql`
    WITH truth AS (
      SELECT o.id,
             (SELECT a.id FROM organizations a WHERE a.type = 'hr' AND a.hr_level = 'city' AND starts_with(o.path, a.path)) AS city,
             (SELECT a.id FROM organizations a WHERE a.type = 'hr' AND a.hr_level = 'county' AND starts_with(o.path, a.path)) AS county,
             o.city_hr_id, o.county_hr_id
      FROM organizations o
    )
    SELECT 'organizations' AS "table", t.id, json_build_array(t.city_hr_id, t.county_hr_id) AS stored, json_build_array(t.city, t.county) AS truth
      FROM truth t WHERE (t.city_hr_id, t.county_hr_id) IS DISTINCT FROM (t.city, t.county)
    UNION ALL
    SELECT 'personnel', p.id, json_build_array(p.city_hr_id, p.county_hr_id), json_build_array(t.city, t.county)
      FROM personnel p JOIN truth t ON t.id = p.org_id WHERE (p.city_hr_id, p.county_hr_id) IS DISTINCT FROM (t.city, t.county)
    UNION ALL
    SELECT 'claims', c.id, json_build_array(c.city_hr_id, c.county_hr_id), json_build_array(t.city, t.county)
      FROM claims c JOIN truth t ON t.id = c.declaring_org_id WHERE (c.city_hr_id, c.county_hr_id) IS DISTINCT FROM (t.city, t.county)
    UNION ALL
    SELECT 'claims', c.id, json_build_array(c.person_city_hr_id, c.person_county_hr_id), json_build_array(t.city, t.county)
      FROM claims c JOIN personnel p ON p.id = c.personnel_id JOIN truth t ON t.id = p.org_id
     WHERE (c.person_city_hr_id, c.person_county_hr_id) IS DISTINCT FROM (t.city, t.county)
    ORDER BY 1, 2`,
  );
}
