/**
 * 审核培训计划申报 (bases' classes) and 单位培训计划审核 (employers' unit plans): one review queue over training_classes,
 * filtered by the declaring organisation's type (lib/review-queue.ts).
 */
import { z } from 'zod';
import { CLASS_STATUSES, LEARNING_FORMS, SUBJECT_TYPE_CODES, SUBJECT_TYPES, TITLE_SERIES, text, trainingClass, year } from '@hbzsgx/domain';
import type { Db } from '../../db/client.js';
import type { Column } from '../../lib/excel.js';
import { fmtTime } from '../../lib/paging.js';
import type { QueueDefinition } from '../../lib/review-queue.js';
import type { Actor } from '../../plugins/access.js';
import { decideClasses, LEARNER_STATUSES, listClasses } from './service.js';

export const classFilters = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional(),
  /** Classes with a learner whose claim is 待审核 / 已通过 / 已驳回 (工作台's cards). */
  learnerStatus: z.enum(LEARNER_STATUSES).optional(),
  year: year().optional(),
  keyword: text(50).optional(),
  /** 学习科目 (公需/专业) and 所在单位 (the declaring organisation's name, contains): 单位培训计划审核's filters. */
  subjectType: z.enum(SUBJECT_TYPE_CODES, { error: '请选择有效的学习科目' }).optional(),
  orgName: text(50).optional(),
});
const reviewFilters = classFilters.extend({ tab: z.enum(['pending', 'done']).default('pending'), orgType: z.enum(['base', 'employer']).optional() });

type ClassRow = z.output<typeof trainingClass>;
export const classColumns = (org: string): Column<ClassRow>[] => [
  { header: '培训年度', width: 10, value: (r) => r.year },
  { header: '名称', width: 36, value: (r) => r.name },
  { header: org, width: 30, value: (r) => r.baseName },
  { header: '科目类型', value: (r) => SUBJECT_TYPES[r.subjectType] },
  { header: '学习形式', value: (r) => LEARNING_FORMS[r.learningForm] },
  { header: '学时', width: 8, value: (r) => Number(r.hours) },
  { header: '开始日期', width: 12, value: (r) => r.startDate },
  { header: '结束日期', width: 12, value: (r) => r.endDate },
  { header: '培训地点', width: 30, value: (r) => r.place },
  { header: '计划人数', width: 10, value: (r) => r.capacity },
  { header: '已登记人数', width: 10, value: (r) => r.learners },
  { header: '面向职称系列', width: 30, value: (r) => r.targetSeries.map((c) => TITLE_SERIES.find((t) => t.code === c)?.name ?? c).join('、') },
  { header: '状态', width: 10, value: (r) => CLASS_STATUSES[r.status] },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
  { header: '申报时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];

/** 待办: pending classes of bases, or unit plans of employers, that the actor may decide. */
const pending = (orgType: 'base' | 'employer') => async (db: Db, actor: Actor) =>
  (await listClasses(db, actor, { tab: 'pending', orgType, page: 1, pageSize: 1, own: false })).total;

export const classQueue: QueueDefinition<never, typeof reviewFilters, typeof trainingClass> = {
  path: 'classes',
  tags: ['培训计划管理'],
  permission: 'class.review',
  title: () => '审核培训计划申报',
  filters: reviewFilters,
  row: trainingClass,
  list: (ctx, _kind, q) => listClasses(ctx.db, ctx.actor, { ...q, own: false }),
  columns: (_kind, f) => classColumns(f.orgType === 'employer' ? '申报单位' : '继续教育机构'),
  exportTitle: (_kind, f) => `${f.orgType === 'employer' ? '单位培训计划' : '培训班'}审核（${f.tab === 'pending' ? '待审核' : '已审核'}）`,
  exportWhat: () => 'class_reviews',
  todo: [
    { key: () => 'class-review', path: () => '/training/class-review', types: () => ['hr'], count: pending('base') },
    {
      key: () => 'unit-plan-review',
      title: () => '单位培训计划审核',
      path: () => '/hours/unit-plans',
      types: () => ['hr'],
      count: pending('employer'),
    },
  ],
  decide: { summary: '通过/驳回培训班', run: (ctx, _kind, body) => decideClasses(ctx, body) },
  summaries: {
    list: '审核培训计划申报（orgType=base）/ 单位培训计划审核（orgType=employer）',
    export: '导出培训计划审核列表（xlsx，与列表相同的筛选）',
  },
};
