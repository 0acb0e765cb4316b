/** 学时政策: each year's requirement and recognition rules, read by everyone, set by the province HR (audited). */
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { LEARNING_FORM_CODES, decimal, dateSchema, int, text } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { hourPolicies, recognitionRules } from '../../db/schema.js';
import { ForbiddenError } from '../../errors.js';
import { jurisdiction } from '../../lib/scope.js';

const hours = decimal({ min: 0, max: 1000, step: 0.1, stepMessage: '最多一位小数' });
export const policyBody = z
  .object({
    totalRequired: hours,
    professionalMin: hours,
    publicMin: hours,
    closingDate: dateSchema,
    /** 每天最多学时 (培训班申报: hours ≤ this × days); kept as it is when not sent. */
    maxHoursPerDay: decimal({ gt: 0, max: 24, step: 0.5, stepMessage: '最小单位为0.5', maxMessage: '一天最多24学时' }).optional(),
    /** 学时提醒: days before the closing date (1–365, at most 5 dates); kept as it is when not sent. */
    reminderDays: z
      .array(int(1, 365, { min: '提醒天数最小为1', max: '提醒天数最大为365' }), { error: '提醒时间不正确' })
      .max(5, '最多设置5个提醒时间')
      .refine((d) => new Set(d).size === d.length, '提醒时间不能重复')
      .optional(),
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
export type PolicyBody = z.infer<typeof policyBody>;

/** Every year's requirement with its rules, oldest first. */
export async function listPolicies(ctx: ServiceContext) {
  const policies = await ctx.db.select().from(hourPolicies).orderBy(asc(hourPolicies.year));
  const rules = await ctx.db.select().from(recognitionRules).orderBy(asc(recognitionRules.id));
  return { items: policies.map((p) => ({ ...p, rules: rules.filter((r) => r.year === p.year) })) };
}

/** Sets a year's requirement and replaces its rules, in one transaction with the audit row (province HR only). */
export async function savePolicy(ctx: ServiceContext, year: number, body: PolicyBody) {
  if (!jurisdiction(ctx.actor).isProvince) throw new ForbiddenError('学时政策由省人社厅设置');
  const { rules, ...p } = body;
  const userId = ctx.actor.userId;
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(hourPolicies).where(eq(hourPolicies.year, year));
    const [saved] = await tx
      .insert(hourPolicies)
      .values({ year, ...p, updatedBy: userId })
      .onConflictDoUpdate({ target: hourPolicies.year, set: { ...p, updatedAt: ctx.now(), updatedBy: userId } })
      .returning();
    await tx.delete(recognitionRules).where(eq(recognitionRules.year, year));
    if (rules.length) await tx.insert(recognitionRules).values(rules.map((r) => ({ ...r, year })));
    await ctx.audit({ action: 'policy.update', targetType: 'hour_policy', targetId: year, detail: { before: before ?? null, after: body } }, tx);
    return { year, ...p, maxHoursPerDay: saved!.maxHoursPerDay, reminderDays: saved!.reminderDays, rules };
  });
}
