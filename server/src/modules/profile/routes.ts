/** 个人信息: a person's own profile (masked 证件号; full values come with the personnel issues). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { EDUCATION_LEVELS, GENDERS, ID_TYPES, TITLE_LEVELS, TITLE_SERIES } from '@hbzsgx/domain';
import { departments, organizations, personnel, users } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { NotFoundError } from '../../errors.js';

export default async function profileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/me/profile',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['个人信息'], summary: '本人信息' },
    },
    async (req) => {
      const a = actorOf(req);
      const [u] = await app.deps.database.db
        .select({ u: users, p: personnel, orgName: organizations.name, deptName: departments.name })
        .from(users)
        .leftJoin(personnel, eq(personnel.userId, users.id))
        .leftJoin(organizations, eq(organizations.id, personnel.orgId))
        .leftJoin(departments, eq(departments.id, personnel.departmentId))
        .where(eq(users.id, a.userId))
        .limit(1);
      if (!u) throw new NotFoundError('人员');
      const lv = u.p?.titleLevel as keyof typeof TITLE_LEVELS | undefined;
      return {
        name: u.u.name,
        idType: ID_TYPES[u.u.idType as keyof typeof ID_TYPES],
        idNumberMasked: u.u.idNumberMasked,
        gender: u.u.gender ? GENDERS[u.u.gender as keyof typeof GENDERS] : null,
        birthDate: u.u.birthDate,
        phoneMasked: u.u.phoneMasked,
        email: u.u.email,
        orgName: u.orgName ?? a.org.name,
        departmentName: u.deptName,
        titleSeries: TITLE_SERIES.find((s) => s.code === u.p?.titleSeries)?.name ?? null,
        titleLevel: lv ? TITLE_LEVELS[lv] : null,
        titleSeriesCode: u.p?.titleSeries ?? null,
        titleLevelCode: u.p?.titleLevel ?? null,
        titleName: u.p?.titleName ?? null,
        titleDate: u.p?.titleDate ?? null,
        education: u.p?.education ? EDUCATION_LEVELS[u.p.education as keyof typeof EDUCATION_LEVELS] : null,
      };
    },
  );
}
