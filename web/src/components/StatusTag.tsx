import { Tag } from 'antd';
import { ORG_STATUSES, type OrgStatus } from '@hbzsgx/domain';

const ORG_STATUS_COLORS: Record<OrgStatus, string> = { active: 'success', pending: 'processing', rejected: 'error', disabled: 'default' };

export function OrgStatusTag({ status }: { status: string }) {
  const s = status as OrgStatus;
  return <Tag color={ORG_STATUS_COLORS[s] ?? 'default'}>{ORG_STATUSES[s] ?? status}</Tag>;
}

/** Review state of a registration (organisation or person) or of a change request. */
const REVIEW_STATUSES: Record<string, { text: string; color: string }> = {
  pending: { text: '待审核', color: 'processing' },
  active: { text: '已通过', color: 'success' },
  approved: { text: '已通过', color: 'success' },
  rejected: { text: '已驳回', color: 'error' },
  disabled: { text: '已停用', color: 'default' },
};

export function ReviewStatusTag({ status }: { status: string }) {
  const s = REVIEW_STATUSES[status];
  return <Tag color={s?.color ?? 'default'}>{s?.text ?? status}</Tag>;
}

/** One reviewer's decision on a two-sided request (更换上级部门). */
export function decisionText(d: string | null | undefined): string {
  return d === 'approve' ? '已同意' : d === 'reject' ? '已驳回' : '待审核';
}

export const TRANSFER_STATUSES = { pending: '待确认', confirmed: '已调入', refused: '已拒绝', cancelled: '已撤回' } as const;
export type TransferStatus = keyof typeof TRANSFER_STATUSES;
const TRANSFER_COLORS: Record<TransferStatus, string> = { pending: 'processing', confirmed: 'success', refused: 'error', cancelled: 'default' };

export function TransferStatusTag({ status }: { status: string }) {
  const s = status as TransferStatus;
  return <Tag color={TRANSFER_COLORS[s] ?? 'default'}>{TRANSFER_STATUSES[s] ?? status}</Tag>;
}
