import { Tag } from 'antd';
import { CLASS_STATUSES as CLASS_LABELS, REVIEW_STATUSES } from '@hbzsgx/domain';
import type { ClassStatus } from './api';

/** Labels from packages/domain (the server's exports say the same); colours are the web's. */
export const CLASS_STATUSES: Record<ClassStatus, { text: string; color: string }> = {
  pending: { text: CLASS_LABELS.pending, color: 'processing' },
  approved: { text: CLASS_LABELS.approved, color: 'success' },
  rejected: { text: CLASS_LABELS.rejected, color: 'error' },
  withdrawn: { text: CLASS_LABELS.withdrawn, color: 'default' },
};

export function ClassStatusTag({ status }: { status: string }) {
  const s = CLASS_STATUSES[status as ClassStatus];
  return (
    <Tag color={s?.color ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {s?.text ?? status}
    </Tag>
  );
}

export const DOC_STATUSES: Record<string, { text: string; color: string }> = {
  pending: { text: REVIEW_STATUSES.pending, color: 'processing' },
  approved: { text: REVIEW_STATUSES.approved, color: 'success' },
  rejected: { text: REVIEW_STATUSES.rejected, color: 'error' },
};

export function DocStatusTag({ status }: { status: string }) {
  const s = DOC_STATUSES[status];
  return (
    <Tag color={s?.color ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {s?.text ?? status}
    </Tag>
  );
}
