/** 本单位人员学时申报 (单位审核 of personal declarations): one review-queue definition (lib/review-queue.ts). */
import { LEARNING_FORMS, personalClaimRow, spanText, SUBJECT_TYPES } from '@hbzsgx/domain';
import type { z } from 'zod';
import type { Column } from '../../lib/excel.js';
import { fmtTime } from '../../lib/paging.js';
import type { QueueDefinition } from '../../lib/review-queue.js';
import { countUnitPending, decideUnitReview, listUnitReview, unitReviewFilters } from './service.js';

const COLUMNS: Column<z.output<typeof personalClaimRow>>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  { header: '年度', width: 8, value: (r) => r.year },
  { header: '学习内容', width: 36, value: (r) => r.title },
  { header: '学习日期', width: 24, value: (r) => (r.activityStart && r.activityEnd ? spanText(r.activityStart, r.activityEnd) : '') },
  { header: '科目类型', value: (r) => SUBJECT_TYPES[r.subjectType] },
  { header: '学习形式', value: (r) => LEARNING_FORMS[r.learningForm] },
  { header: '学时', width: 8, value: (r) => Number(r.hours) },
  { header: '认定依据', width: 30, value: (r) => r.basis },
  { header: '状态', width: 12, value: (r) => r.statusName },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
  { header: '申报时间', width: 20, value: (r) => fmtTime(r.createdAt) },
];

export const personalClaimQueue: QueueDefinition<never, typeof unitReviewFilters, typeof personalClaimRow> = {
  path: 'personal-claims',
  tags: ['个人申报学时'],
  permission: 'claim.unitReview',
  title: () => '个人学时申报（单位审核）',
  filters: unitReviewFilters,
  row: personalClaimRow,
  list: (ctx, _kind, q) => listUnitReview(ctx, q),
  columns: () => COLUMNS,
  exportWhat: () => 'personal_claims',
  exportTitle: (_kind, f) => `本单位人员学时申报（${f.tab === 'pending' ? '待单位审核' : '已审核'}）`,
  todo: { key: () => 'personal-claims', path: () => '/hours/personal-review', count: (db, actor) => countUnitPending(db, actor) },
  decide: { summary: '单位审核：通过（转人社部门审核）/驳回', run: (ctx, _kind, body) => decideUnitReview(ctx, body) },
  summaries: { list: '本单位人员的个人学时申报（单位审核）', export: '导出本单位人员的个人学时申报（xlsx，与列表相同的筛选）' },
};
