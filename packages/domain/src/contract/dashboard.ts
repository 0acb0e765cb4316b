/** 工作台 (server/src/modules/dashboard). */
import { z } from 'zod';
import { timestamp } from './common.js';

/** One queue the actor may act on, with how many items wait in it (modules register these: dashboard/todos.ts). */
/** `capped`: the queue holds more than `count` (a bounded count, server lib/paging.ts): shown as "10000+". */
export const todo = z.object({ key: z.string(), title: z.string(), path: z.string(), count: z.number().int(), capped: z.boolean().optional() });
export const dashboard = z.object({
  todos: z.array(todo),
  /** 辖区概况 / 本单位概况: counts for the actor's scope, each with the page that lists them (when the seat may open it). */
  summary: z.array(z.object({ label: z.string(), value: z.number().int(), path: z.string().optional() })),
});

/** A year of 我的工作台's progress: the year's totals judged against its policy (null: the year has no policy). */
const yearProgress = z.object({
  year: z.number().int(),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  completed: z.boolean().nullable(),
});
/**
 * GET /api/me/overview — a professional's 工作台: this year's hours against the year's policy (none: `current` null),
 * what is still missing as a sentence ("还差 22 专业学时") with the deadline, claims waiting, the latest decisions with
 * their reasons, and the past years at a glance (newest first).
 */
export const myOverview = z.object({
  year: z.number().int(),
  current: z
    .object({
      totalRequired: z.number(),
      publicMin: z.number(),
      professionalMin: z.number(),
      /** 申报截止日期, 'YYYY-MM-DD'. */
      closingDate: z.string(),
      /** Days from today (Beijing) to the closing date; negative once it has passed. */
      daysLeft: z.number().int(),
      publicHours: z.number(),
      professionalHours: z.number(),
      totalHours: z.number(),
      completed: z.boolean(),
      missing: z.object({ total: z.number(), public: z.number(), professional: z.number() }),
      gap: z.string(),
    })
    .nullable(),
  /** Own claims not decided yet: 待单位审核 and 待审核. */
  waiting: z.object({ pendingEmployer: z.number().int(), pending: z.number().int() }),
  recent: z.array(
    z.object({
      id: z.number().int(),
      year: z.number().int(),
      title: z.string(),
      hours: z.number(),
      status: z.string(),
      statusName: z.string(),
      /** 驳回原因 / 审验不通过原因 / 删除原因. */
      reason: z.string().nullable(),
      decidedAt: timestamp.nullable(),
    }),
  ),
  years: z.array(yearProgress),
});
