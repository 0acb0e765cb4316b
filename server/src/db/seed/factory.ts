/** Inserting organisations, people and admin seats: used by the seeds and by tests' fixtures. */
import { eq } from 'drizzle-orm';
import type { OrgType, HrLevel, OrgStatus } from '@hbzsgx/domain';
import { userValues, type NewUser } from '../../lib/people.js';
import type { Db } from '../client.js';
import { admins, departments, organizations, personnel, users } from '../schema.js';
import type { Pii } from '../../lib/pii.js';
import { makeCreditCode } from './codes.js';

export async function insertOrg(
  db: Db,
  o: {
    type: OrgType;
    name: string;
    parentId: number;
    divisionCode: string;
    hrLevel?: HrLevel;
    creditCode?: string;
    status?: OrgStatus;
  },
) {
  const [parent] = await db.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, o.parentId));
  if (!parent) throw new Error(`parent ${o.parentId} not found`);
  const prefix = o.type === 'employer' ? '91' : o.type === 'base' ? '52' : '11';
  const [row] = await db
    .insert(organizations)
    .values({
      type: o.type,
      hrLevel: o.hrLevel ?? null,
      name: o.name,
      divisionCode: o.divisionCode,
      parentId: o.parentId,
      creditCode: o.creditCode ?? makeCreditCode(prefix, o.divisionCode, `${o.type}-${o.name}`),
      path: 'pending',
      contactName: '张明',
      contactPhone: '13871234567',
      address: `${o.name}办公楼`,
      status: o.status ?? 'active',
    })
    .returning();
  const path = `${parent.path}${row!.id}/`;
  await db.update(organizations).set({ path }).where(eq(organizations.id, row!.id));
  return { ...row!, path };
}

export async function insertDepartments(db: Db, orgId: number, names: string[]) {
  if (!names.length) return [];
  return db
    .insert(departments)
    .values(names.map((name, i) => ({ orgId, name, sortOrder: i })))
    .returning();
}

export type { NewUser };
export { userValues };

export async function insertUser(db: Db, pii: Pii, u: NewUser) {
  const [row] = await db.insert(users).values(userValues(pii, u)).returning();
  return row!;
}

export async function insertAdmin(db: Db, a: { orgId: number; userId: number; isSuper?: boolean; departmentId?: number | null }) {
  const [row] = await db
    .insert(admins)
    .values({ orgId: a.orgId, userId: a.userId, isSuper: a.isSuper ?? false, departmentId: a.departmentId ?? null })
    .returning();
  return row!;
}

export async function insertPersonnel(
  db: Db,
  p: { userId: number; orgId: number; departmentId?: number | null; titleSeries?: string; titleLevel?: string; education?: string },
) {
  const [row] = await db
    .insert(personnel)
    .values({
      userId: p.userId,
      orgId: p.orgId,
      departmentId: p.departmentId ?? null,
      titleSeries: p.titleSeries ?? null,
      titleLevel: p.titleLevel ?? null,
      education: p.education ?? null,
    })
    .returning();
  return row!;
}
