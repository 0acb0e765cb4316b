/** Test fixtures: organisations, admins with roles, logged-in clients. Each file has its own database. */
import { and, eq } from 'drizzle-orm';
import type { LoginType, OrgType, Permission } from '@hbzsgx/domain';
import { organizations, roles, adminRoles } from '../src/db/schema.js';
import { hashPassword } from '../src/lib/passwords.js';
import { makeIdNumber } from '../src/db/seed/codes.js';
import { insertAdmin, insertDepartments, insertOrg, insertPersonnel, insertUser } from '../src/db/seed/factory.js';
import { Client, type TestCtx } from './harness.js';

export const PASSWORD = 'Test@2026pw';
let hash: Promise<string> | null = null;
const passwordHash = () => (hash ??= hashPassword(PASSWORD));
let seq = 0;

export function nextIdNumber(division = '420102'): string {
  seq++;
  const y = 1970 + (seq % 30),
    m = 1 + (seq % 12),
    d = 1 + (seq % 28);
  return makeIdNumber(division, `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`, seq);
}

export async function hrOrg(ctx: TestCtx, divisionCode: string) {
  const [o] = await ctx.db
    .select()
    .from(organizations)
    .where(and(eq(organizations.type, 'hr'), eq(organizations.divisionCode, divisionCode)));
  if (!o) throw new Error(`no HR org for ${divisionCode}`);
  return o;
}

export async function newOrg(ctx: TestCtx, type: OrgType, parentId: number, name = `测试${type}${++seq}`, divisionCode = '420102') {
  return insertOrg(ctx.db, { type, name, parentId, divisionCode });
}

export interface TestUser {
  idNumber: string;
  password: string;
  userId: number;
  adminId: number;
  orgId: number;
  departmentId: number;
}

/** An admin of `orgId`: super admin, or a plain admin holding a role with `permissions`. */
export async function newAdmin(
  ctx: TestCtx,
  orgId: number,
  opts: { isSuper?: boolean; permissions?: Permission[]; name?: string; mustChangePassword?: boolean } = {},
): Promise<TestUser> {
  const idNumber = nextIdNumber();
  const [dept] = await insertDepartments(ctx.db, orgId, [`部门${++seq}`]);
  const u = await insertUser(ctx.db, ctx.pii, {
    idNumber,
    name: opts.name ?? `管理员${seq}`,
    phone: '13800001234',
    email: 'a@example.cn',
    passwordHash: await passwordHash(),
    mustChangePassword: opts.mustChangePassword ?? false,
  });
  const a = await insertAdmin(ctx.db, { orgId, userId: u.id, isSuper: opts.isSuper ?? false, departmentId: dept!.id });
  if (opts.permissions) {
    const [r] = await ctx.db
      .insert(roles)
      .values({ orgId, name: `角色${++seq}`, permissions: opts.permissions })
      .returning();
    await ctx.db.insert(adminRoles).values({ adminId: a.id, roleId: r!.id });
  }
  return { idNumber, password: PASSWORD, userId: u.id, adminId: a.id, orgId, departmentId: dept!.id };
}

export async function newPerson(ctx: TestCtx, orgId: number, departmentId: number | null = null, password: string | null = PASSWORD) {
  const idNumber = nextIdNumber();
  const u = await insertUser(ctx.db, ctx.pii, {
    idNumber,
    name: `人员${seq}`,
    phone: '13900005678',
    passwordHash: password ? await passwordHash() : null,
    mustChangePassword: false,
  });
  const p = await insertPersonnel(ctx.db, { userId: u.id, orgId, departmentId, titleSeries: 'ZXXJ', titleLevel: 'intermediate' });
  return { idNumber, password: PASSWORD, userId: u.id, personnelId: p.id };
}

export async function loggedIn(ctx: TestCtx, who: { idNumber: string; password: string }, loginType: LoginType = 'hr'): Promise<Client> {
  const c = new Client(ctx);
  const r = await c.login(loginType, who.idNumber, who.password);
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}

/** A county HR organisation not used yet in this file (each org has one super admin seat). */
const usedHr = new Set<number>();
export async function freshHrOrg(ctx: TestCtx, level: 'county' | 'city' = 'county') {
  const rows = await ctx.db
    .select()
    .from(organizations)
    .where(and(eq(organizations.type, 'hr'), eq(organizations.hrLevel, level)));
  const o = rows.find((r) => !usedHr.has(r.id));
  if (!o) throw new Error('no unused HR org left');
  usedHr.add(o.id);
  return o;
}
