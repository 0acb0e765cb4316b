/** 学时政策: the province HR edits each year's requirement and recognition rules; everyone may read them. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { LEARNING_FORM_CODES, decimal, year, dateSchema, text } from '@hbzsgx/domain';
import { hourPolicies, recognitionRules } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { ForbiddenError } from '../../errors.js';
import { writeAudit } from '../../lib/audit.js';
import { jurisdiction } from '../../lib/scope.js';

const hours = decimal({ min: 0, max: 1000, step: 0.1, stepMessage: '最多一位小数' });
const yearParam = z.object({ year: year() });
const policyBody = z
  .object({
    totalRequired: hours,
    professionalMin: hours,
    publicMin: hours,
    closingDate: dateSchema,
    rules: z
      .array(
        z.object({
          learningForm: z.enum(LEARNING_FORM_CODES, { error: '学习形式不正确' }),
          hoursPerUnit: hours,
          unit: text(10, { min: 1, required: '请填写计量单位' }),
          capPerYear: hours.nullable().default(null),
          note: text(100).default(''),
        }),
      )
      .max(20),
  })
  .superRefine((v, ctx) => {
    if (v.professionalMin + v.publicMin > v.totalRequired)
      ctx.addIssue({ code: 'custom', path: ['totalRequired'], message: '专业科目与公需科目最低学时之和不能超过总学时' });
    const forms = v.rules.map((r) => r.learningForm);
    if (new Set(forms).size !== forms.length) ctx.addIssue({ code: 'custom', path: ['rules'], message: '同一学习形式只能有一条认定规则' });
  });

export default async function policyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['学时政策'];
  const db = () => app.deps.database.db;

  app.get(
    '/api/hour-policies',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '各年度学时要求与认定规则' },
    },
    async () => {
      const policies = await db().select().from(hourPolicies).orderBy(asc(hourPolicies.year));
      const rules = await db().select().from(recognitionRules).orderBy(asc(recognitionRules.id));
      return { items: policies.map((p) => ({ ...p, rules: rules.filter((r) => r.year === p.year) })) };
    },
  );

  app.put(
    '/api/hour-policies/:year',
    {
      config: { access: { permission: 'policy.manage' } },
      schema: { tags, summary: '设置年度学时要求与认定规则（省人社厅）', params: yearParam, body: policyBody },
    },
    async (req) => {
      const a = actorOf(req);
      if (!jurisdiction(a).isProvince) throw new ForbiddenError('学时政策由省人社厅设置');
      const { rules, ...p } = req.body;
      const year = req.params.year;
      return db().transaction(async (tx) => {
        const [before] = await tx.select().from(hourPolicies).where(eq(hourPolicies.year, year));
        await tx
          .insert(hourPolicies)
          .values({ year, ...p, updatedBy: a.userId })
          .onConflictDoUpdate({ target: hourPolicies.year, set: { ...p, updatedAt: new Date(), updatedBy: a.userId } });
        await tx.delete(recognitionRules).where(eq(recognitionRules.year, year));
        if (rules.length) await tx.insert(recognitionRules).values(rules.map((r) => ({ ...r, year })));
        await writeAudit(tx, req, {
          action: 'policy.update',
          targetType: 'hour_policy',
          targetId: year,
          detail: { before: before ?? null, after: req.body },
        });
        return { year, ...p, rules };
      });
    },
  );
}
