/** 变更审核管理: the three change queues (title, org-info, reparent) as one review-queue definition (lib/review-queue.ts). */
import { CHANGE_QUEUES, changeRow, REVIEW_STATUSES, reviewTabQuery, type ChangeQueue, type OrgType } from '@hbzsgx/domain';
import type { z } from 'zod';
import type { Column } from '../../lib/excel.js';
import { fmtTime } from '../../lib/paging.js';
import type { QueueDefinition } from '../../lib/review-queue.js';
import { countChanges, decideChanges, listChanges } from './service.js';

const filters = reviewTabQuery.pick({ tab: true, keyword: true });
type ChangeRow = z.output<typeof changeRow>;

const DECISION = { approve: '同意', reject: '驳回' } as const;
/** A superior's side of a move: 同意 / 驳回, or 待审核 while it has not decided. */
const side = (d: ChangeRow['reviewerDecision']) => (d ? DECISION[d] : '待审核');

function changeColumns(kind: ChangeQueue): Column<ChangeRow>[] {
  const person: Column<ChangeRow>[] = [
    { header: '姓名', value: (r) => r.personName },
    { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
  ];
  const reparent: Column<ChangeRow>[] = [
    { header: '更换原因', width: 30, value: (r) => r.reason },
    { header: '原上级部门', width: 28, value: (r) => r.oldParentName },
    { header: '原上级意见', value: (r) => side(r.reviewerDecision) },
    { header: '新上级部门', width: 28, value: (r) => r.newParentName },
    { header: '新上级意见', value: (r) => side(r.secondDecision) },
  ];
  return [
    { header: kind === 'title' ? '所在单位' : '申请单位', width: 30, value: (r) => r.orgName },
    ...(kind === 'title' ? person : []),
    {
      header: '变更内容',
      width: 60,
      value: (r) =>
        r.changes
          .filter((c) => c.changed)
          .map((c) => `${c.label}：${c.before || '（空）'} → ${c.after || '（空）'}`)
          .join('\n'),
    },
    ...(kind === 'reparent' ? reparent : []),
    { header: '状态', width: 10, value: (r) => REVIEW_STATUSES[r.status] },
    { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
    { header: '申请时间', width: 20, value: (r) => fmtTime(r.createdAt) },
    { header: '处理时间', width: 20, value: (r) => fmtTime(r.decidedAt) },
  ];
}

/** The queue's name in exports (and menus). */
const TITLES: Record<ChangeQueue, string> = { title: '人员信息修改审核', 'org-info': '机构信息修改审核', reparent: '更换上级部门审核' };
/** 待办事项: the dashboard's name of each queue and which organisation types have it (matches the menus). */
const TODO: Record<ChangeQueue, { title: string; types: OrgType[] }> = {
  title: { title: '审核人员信息修改', types: ['hr', 'authority', 'employer'] },
  'org-info': { title: '机构信息修改审核', types: ['hr', 'authority'] },
  reparent: { title: '更换上级部门审核', types: ['hr', 'authority'] },
};

export const changeQueue: QueueDefinition<ChangeQueue, typeof filters, typeof changeRow> = {
  path: 'changes',
  tags: ['变更审核管理'],
  permission: 'change.review',
  kinds: { values: CHANGE_QUEUES, error: '审核类别不正确' },
  title: (kind) => TITLES[kind],
  filters,
  row: changeRow,
  list: listChanges,
  columns: changeColumns,
  exportWhat: (kind) => `changes.${kind}`,
  todo: {
    key: (kind) => `change-${kind}`,
    title: (kind) => TODO[kind].title,
    path: (kind) => `/account/changes/${kind}`,
    types: (kind) => TODO[kind].types,
    count: countChanges,
  },
  decide: { run: decideChanges },
  // change_requests record the deciding organisation and decidedAt, not the deciding account
  reviewer: false,
  summaries: { list: '变更审核队列（待审核/已审核），含新旧对比', export: '导出变更审核队列（xlsx，与列表相同的筛选）' },
};
