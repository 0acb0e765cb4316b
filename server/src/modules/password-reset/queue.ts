/** 找回密码申请: the unit's queue of 忘记密码 requests, one review-queue definition (lib/review-queue.ts). */
import type { z } from 'zod';
import { PASSWORD_RESET_STATUSES, passwordResetRejectBody, passwordResetRow, reviewTabQuery } from '@hbzsgx/domain';
import type { Column } from '../../lib/excel.js';
import { fmtTime } from '../../lib/paging.js';
import type { QueueDefinition } from '../../lib/review-queue.js';
import { countOpenPasswordResets, listPasswordResets, rejectPasswordResets } from './service.js';

type Row = z.output<typeof passwordResetRow>;
const COLUMNS: Column<Row>[] = [
  { header: '姓名', width: 12, value: (r) => r.name },
  { header: '证件号', width: 22, value: (r) => r.idNumberMasked },
  { header: '手机号', width: 16, value: (r) => r.phoneMasked },
  { header: '内设部门', width: 20, value: (r) => r.departmentName },
  { header: '申请时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '状态', width: 10, value: (r) => PASSWORD_RESET_STATUSES[r.status] },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
];

export const passwordResetQueue: QueueDefinition<never, typeof reviewTabQuery, typeof passwordResetRow, typeof passwordResetRejectBody> = {
  path: 'password-resets',
  tags: ['忘记密码'],
  permission: 'personnel.manage',
  title: () => '找回密码申请',
  filters: reviewTabQuery,
  row: passwordResetRow,
  list: listPasswordResets,
  columns: () => COLUMNS,
  exportWhat: () => 'password_resets',
  todo: { key: () => 'password-resets', path: () => '/password-resets', count: countOpenPasswordResets },
  decide: { body: passwordResetRejectBody, summary: '驳回找回密码申请（重置密码请用 /reset）', run: rejectPasswordResets },
  summaries: { list: '找回密码申请（本单位人员的忘记密码申请）', export: '导出找回密码申请（xlsx，与列表相同的筛选）' },
};
