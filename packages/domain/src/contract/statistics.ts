/** 查询统计 (server/src/modules/statistics): regions, 继教综合统计, 完成情况, 职称系列分布. */
import { z } from 'zod';
import { CLASS_STATUS_CODES } from '../dictionaries.js';
import { CLAIM_STATUS_CODES, LEARNING_FORM_CODES, SUBJECT_TYPE_CODES } from '../hours.js';
import { HR_LEVEL_CODES, ORG_TYPE_CODES } from '../orgTypes.js';
import { calendarDate, itemsOf } from './common.js';

/** An HR department of the jurisdiction, named by its division (the 区域 picker's tree). */
export const statRegionNode = z.object({
  id: z.number().int(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  hrLevel: z.enum(HR_LEVEL_CODES).nullable(),
});
export const statRegionTree = itemsOf(statRegionNode);

/** A region of the breadcrumb. */
export const statRegionRef = z.object({ id: z.number().int(), name: z.string() });
/** The region the figures are for. */
export const statRegion = statRegionRef.extend({ hrLevel: z.enum(HR_LEVEL_CODES).nullable() });

/** The year's requirement the figures are judged by. */
export const statPolicy = z.object({
  year: z.number().int(),
  totalRequired: z.number(),
  professionalMin: z.number(),
  publicMin: z.number(),
  closingDate: calendarDate,
});

/** 应完成 / 已完成 / 未完成 and 完成率 (percent, one decimal; null when nobody is due). */
export const completionSummary = z.object({
  total: z.number().int(),
  completed: z.number().int(),
  uncompleted: z.number().int(),
  rate: z.number().nullable(),
});

export const STAT_GROUP_BY = ['region', 'employer', 'series'] as const;

/** A row of 继教完成情况: a child region (regionId null = 本级), a unit (orgId) or a 职称系列. */
export const completionRow = completionSummary.extend({
  key: z.string(),
  name: z.string(),
  regionId: z.number().int().nullable().optional(),
  hasChildren: z.boolean().optional(),
  orgId: z.number().int().optional(),
  orgType: z.enum(ORG_TYPE_CODES).optional(),
  orgTypeName: z.string().optional(),
});
export const completionStats = z.object({
  year: z.number().int(),
  policy: statPolicy,
  region: statRegion,
  path: z.array(statRegionRef),
  groupBy: z.enum(STAT_GROUP_BY),
  summary: completionSummary,
  /** Rows in all (units are paged; regions and series are not). */
  total: z.number().int(),
  rows: z.array(completionRow),
});

/** 本单位完成情况 (用人单位, by 内设部门; departmentId null = 未分配) / 所属单位完成情况 (主管部门, by unit). */
export const workplaceStats = z.object({
  year: z.number().int(),
  policy: statPolicy,
  org: z.object({ id: z.number().int(), name: z.string() }),
  groupBy: z.enum(['department', 'unit']),
  summary: completionSummary,
  total: z.number().int(),
  rows: z.array(completionRow.extend({ departmentId: z.number().int().nullable().optional() })),
});

/** A child region's row of 继教综合统计 (regionId null = the region's 本级). */
export const overviewRow = z.object({
  key: z.string(),
  regionId: z.number().int().nullable(),
  name: z.string(),
  hasChildren: z.boolean(),
  personnel: z.number().int(),
  authorities: z.number().int(),
  employers: z.number().int(),
  bases: z.number().int(),
  classes: z.number().int(),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  completed: z.number().int(),
  rate: z.number().nullable(),
});
const statusCount = <T extends readonly [string, ...string[]]>(codes: T) =>
  z.object({ status: z.enum(codes), name: z.string(), count: z.number().int() });
export const overviewStats = z.object({
  year: z.number().int(),
  policy: statPolicy,
  region: statRegion,
  path: z.array(statRegionRef),
  personnel: z.number().int(),
  orgs: z.object({ hr: z.number().int(), authority: z.number().int(), employer: z.number().int(), base: z.number().int() }),
  classes: z.object({ total: z.number().int(), byStatus: z.array(statusCount(CLASS_STATUS_CODES)) }),
  claims: z.object({ total: z.number().int(), byStatus: z.array(statusCount(CLAIM_STATUS_CODES)) }),
  hours: z.object({
    public: z.number(),
    professional: z.number(),
    total: z.number(),
    bySubject: z.array(z.object({ subjectType: z.enum(SUBJECT_TYPE_CODES), name: z.string(), hours: z.number() })),
    byForm: z.array(z.object({ form: z.enum(LEARNING_FORM_CODES), name: z.string(), hours: z.number() })),
  }),
  completion: completionSummary,
  rows: z.array(overviewRow),
});

/** 职称系列分布: per series the persons by 职称级别 code (or 'none' = 未填写). */
export const titleStats = z.object({
  region: statRegion,
  path: z.array(statRegionRef),
  levels: z.array(z.object({ code: z.string(), name: z.string() })),
  rows: z.array(z.object({ key: z.string(), name: z.string(), counts: z.record(z.string(), z.number().int()), total: z.number().int() })),
  totals: z.object({ counts: z.record(z.string(), z.number().int()), total: z.number().int() }),
});
