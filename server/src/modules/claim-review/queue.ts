/**
 * 学时审核: one review-queue definition (lib/review-queue.ts) for the three sources (继续教育机构学时审核,
 * 单位培训学时审核, 个人申报学时审核), which the list and export tell apart by `?source=` (one 待办 each); a decision
 * is by claim id, whatever its source.
 */
import { claimQuery, claimRow, spanText, type ClaimSource } from '@hbzsgx/domain';
import type { z } from 'zod';
import type { Column } from '../../lib/excel.js';
import { fmtTime } from '../../lib/paging.js';
import { tabSuffix, type QueueDefinition, type QueueTodo } from '../../lib/review-queue.js';
import { countPendingClaims, decideClaims, listClaims } from './service.js';

/** The columns of the 学时审核 and 学时审验 exports. */
export const CLAIM_COLUMNS: Column<z.output<typeof claimRow>>[] = [
  { header: '申报机构', width: 30, value: (r) => r.declaringOrg },
  { header: '培训班/学习内容', width: 36, value: (r) => r.className },
  { header: '学习日期', width: 24, value: (r) => (r.activityStart && r.activityEnd ? spanText(r.activityStart, r.activityEnd) : '') },
  { header: '姓名', value: (r) => r.name },
  { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  { header: '年度', width: 8, value: (r) => r.year },
  { header: '所在单位', width: 30, value: (r) => r.orgName },
  { header: '职称系列', width: 16, value: (r) => r.titleSeriesName },
  { header: '科目类型', value: (r) => r.subjectTypeName },
  { header: '学习形式', value: (r) => r.learningFormName },
  { header: '学时', width: 8, value: (r) => Number(r.hours) },
  { header: '成绩', width: 10, value: (r) => r.score },
  { header: '认定依据', width: 30, value: (r) => r.basis },
  { header: '重点审核', width: 30, value: (r) => (r.flagged ? r.flagReasons.join('；') || '是' : '') },
  { header: '状态', width: 12, value: (r) => r.statusName },
  { header: '驳回/审验不通过原因', width: 30, value: (r) => r.revokeReason ?? r.rejectReason },
  { header: '申报时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];

const QUEUES: Record<ClaimSource, string> = { base: '继续教育机构学时审核', employer: '单位培训学时审核', personal: '个人申报学时审核' };
const filters = claimQuery.omit({ page: true, pageSize: true });

const todo = (source: ClaimSource): QueueTodo<never> => ({
  key: () => `claim-${source}`,
  title: () => QUEUES[source],
  path: () => `/hours/review/${source}`,
  types: () => ['hr'],
  // the review list's own scope (declaring organisation in the jurisdiction, never the actor's own claims)
  count: (db, actor) => countPendingClaims(db, actor, source),
});

export const claimQueue: QueueDefinition<never, typeof filters, typeof claimRow> = {
  path: 'claims',
  tags: ['学时审核'],
  permission: 'claim.review',
  title: () => '学时审核',
  filters,
  row: claimRow,
  list: (ctx, _kind, q) => listClaims(ctx.db, ctx.actor, q),
  columns: () => CLAIM_COLUMNS,
  exportWhat: (_kind, f) => `claims.${f.source}`,
  exportTitle: (_kind, f) => `${QUEUES[f.source]}${tabSuffix(f.tab)}`,
  todo: [todo('base'), todo('employer'), todo('personal')],
  decide: { summary: '批量通过/驳回', run: (ctx, _kind, body) => decideClaims(ctx, body) },
  summaries: { list: '学时审核队列（按来源；待审核/已审核）', export: '导出学时审核队列（xlsx，与列表相同的筛选）' },
};
