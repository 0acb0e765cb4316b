/** 个人信息: a person's own profile (masked 证件号/手机号), dictionary values by name. */
import { eq } from 'drizzle-orm';
import { EDUCATION_LEVELS, GENDERS, ID_TYPES, TITLE_LEVELS, TITLE_SERIES } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { departments, organizations, personnel, users } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';

/** A dictionary's name for a stored code (null for none or an unknown one). */
function nameOf(labels: Readonly<Record<string, string>>, code: string | null | undefined): string | null {
  return code ? (new Map(Object.entries(labels)).get(code) ?? null) : null;
}

export async function myProfile(ctx: ServiceContext) {
  const a = ctx.actor;
  const [u] = await ctx.db
    .select({ u: users, p: personnel, orgName: organizations.name, deptName: departments.name })
    .from(users)
    .leftJoin(personnel, eq(personnel.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, personnel.orgId))
    .leftJoin(departments, eq(departments.id, personnel.departmentId))
    .where(eq(users.id, a.userId))
    .limit(1);
  if (!u) throw new NotFoundError('人员');
  return {
    name: u.u.name,
    idType: ID_TYPES[u.u.idType],
    idNumberMasked: u.u.idNumberMasked,
    gender: u.u.gender ? GENDERS[u.u.gender] : null,
    birthDate: u.u.birthDate,
    phoneMasked: u.u.phoneMasked,
    email: u.u.email,
    orgName: u.orgName ?? a.org.name,
    departmentName: u.deptName,
    titleSeries: TITLE_SERIES.find((s) => s.code === u.p?.titleSeries)?.name ?? null,
    titleLevel: nameOf(TITLE_LEVELS, u.p?.titleLevel),
    titleSeriesCode: u.p?.titleSeries ?? null,
    titleLevelCode: u.p?.titleLevel ?? null,
    titleName: u.p?.titleName ?? null,
    titleDate: u.p?.titleDate ?? null,
    education: nameOf(EDUCATION_LEVELS, u.p?.education),
  };
}
