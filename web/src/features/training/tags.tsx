import { Tag } from 'antd';
import type { ClassStatus } from './api';

export const CLASS_STATUSES: Record<ClassStatus, { text: string; color: string }> = {
  pending: { text: '待审核', color: 'processing' },
  approved: { text: '已通过', color: 'success' },
  rejected: { text: '已驳回', color: 'error' },
  withdrawn: { text: '已撤回', color: 'default' },
};

export function ClassStatusTag({ status }: { status: string }) {
  const s = CLASS_STATUSES[status as ClassStatus];
  return <Tag color={s?.color ?? 'default'} style={{ marginInlineEnd: 0 }}>{s?.text ?? status}</Tag>;
}

export const DOC_STATUSES: Record<string, { text: string; color: string }> = {
  pending: { text: '待审核', color: 'processing' },
  approved: { text: '已通过', color: 'success' },
  rejected: { text: '已驳回', color: 'error' },
};

export function DocStatusTag({ status }: { status: string }) {
  const s = DOC_STATUSES[status];
  return <Tag color={s?.color ?? 'default'} style={{ marginInlineEnd: 0 }}>{s?.text ?? status}</Tag>;
}
