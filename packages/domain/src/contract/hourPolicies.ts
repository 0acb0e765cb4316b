/** 学时政策 (server/src/modules/ledger/policy.ts): each year's requirement and recognition rules. */
import { z } from 'zod';
import { LEARNING_FORM_CODES } from '../hours.js';
import { calendarDate, itemsOf, timestamp } from './common.js';

/** A recognition rule as saved: 学习形式 → hours per unit, unit, yearly cap. */
const ruleFields = {
  learningForm: z.enum(LEARNING_FORM_CODES),
  hoursPerUnit: z.number(),
  unit: z.string(),
  capPerYear: z.number().nullable(),
  note: z.string(),
};
export const recognitionRule = z.object({ id: z.number().int(), year: z.number().int(), ...ruleFields });

const requirementFields = {
  year: z.number().int(),
  totalRequired: z.number(),
  professionalMin: z.number(),
  publicMin: z.number(),
  /** 申报截止日期, 'YYYY-MM-DD'. */
  closingDate: calendarDate,
  /** 每天最多学时: a class's hours may not exceed this × its days. */
  maxHoursPerDay: z.number(),
  /** 学时提醒: days before the closing date on which those not yet complete are reminded. */
  reminderDays: z.array(z.number().int()),
};
export const hourPolicy = z.object({
  ...requirementFields,
  updatedAt: timestamp,
  updatedBy: z.number().int().nullable(),
  rules: z.array(recognitionRule),
});
export const hourPolicyList = itemsOf(hourPolicy);
/** PUT /api/hour-policies/:year answers what was saved. */
export const savedHourPolicy = z.object({ ...requirementFields, rules: z.array(z.object(ruleFields)) });
