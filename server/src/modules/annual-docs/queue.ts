/** 审核继教机构年度培训计划 / 审核继教机构年度工作总结: one review-queue definition (lib/review-queue.ts). */
import { ANNUAL_DOC_KIND_CODES, ANNUAL_DOC_KINDS, annualDoc, REVIEW_STATUSES, type AnnualDocKind } from '@hbzsgx/domain';
import type { Column } from '../../lib/excel.js';
import { fmtTime } from '../../lib/paging.js';
import type { QueueDefinition } from '../../lib/review-queue.js';
import { countPendingDocs, decideDocs, reviewDocs, reviewFilters, type DocRow } from './service.js';

const COLUMNS: Column<Omit<DocRow, 'reviewedBy'>>[] = [
  { header: '继续教育机构', width: 32, value: (r) => r.orgName },
  { header: '类别', width: 14, value: (r) => ANNUAL_DOC_KINDS[r.kind] },
  { header: '报送年度', width: 10, value: (r) => r.year },
  { header: '说明', width: 40, value: (r) => r.description },
  { header: '文件', width: 30, value: (r) => r.fileName },
  { header: '上传时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核状态', width: 10, value: (r) => REVIEW_STATUSES[r.status] },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];

export const annualDocQueue: QueueDefinition<AnnualDocKind, typeof reviewFilters, typeof annualDoc> = {
  path: 'annual-docs',
  tags: ['年度培训计划与工作总结'],
  permission: 'annual.review',
  kinds: { values: ANNUAL_DOC_KIND_CODES, error: '类别不正确' },
  title: (kind) => `审核继教机构${ANNUAL_DOC_KINDS[kind]}`,
  filters: reviewFilters,
  row: annualDoc,
  list: reviewDocs,
  columns: () => COLUMNS,
  exportWhat: (kind) => `annual_docs.${kind}`,
  todo: { key: (kind) => `annual-${kind}`, path: (kind) => `/training/annual-review/${kind}`, types: () => ['hr'], count: countPendingDocs },
  decide: { summary: '通过/驳回', run: decideDocs },
  summaries: { list: '审核继教机构年度培训计划/年度工作总结', export: '导出审核列表（xlsx，与列表相同的筛选）' },
};
export { COLUMNS as DOC_COLUMNS };
