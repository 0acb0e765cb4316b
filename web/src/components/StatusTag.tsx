import { Tag } from 'antd';
import {
  ORG_STATUSES,
  PERSONNEL_STATUSES,
  REVIEW_DECISIONS,
  REVIEW_STATUSES as REVIEW_LABELS,
  TRANSFER_STATUSES,
  type OrgStatus,
  type TransferStatus,
} from '@hbzsgx/domain';

// labels come from packages/domain (one source with the server's exports); only the colours are the web's
export { TRANSFER_STATUSES, type TransferStatus };

const ORG_STATUS_COLORS: Record<OrgStatus, string> = { active: 'success', pending: 'processing', rejected: 'error', disabled: 'default' };

export function OrgStatusTag({ status }: { status: string }) {
  const s = status as OrgStatus;
  return <Tag color={ORG_STATUS_COLORS[s] ?? 'default'}>{ORG_STATUSES[s] ?? status}</Tag>;
}

/** Review state of a registration (organisation or person) or of a change request. */
const REVIEW_STATUSES: Record<string, { text: string; color: string }> = {
  pending: { text: REVIEW_LABELS.pending, color: 'processing' },
  active: { text: PERSONNEL_STATUSES.active, color: 'success' },
  approved: { text: REVIEW_LABELS.approved, color: 'success' },
  rejected: { text: REVIEW_LABELS.rejected, color: 'error' },
  disabled: { text: ORG_STATUSES.disabled, color: 'default' },
};

export function ReviewStatusTag({ status }: { status: string }) {
  const s = REVIEW_STATUSES[status];
  return <Tag color={s?.color ?? 'default'}>{s?.text ?? status}</Tag>;
}

/** One reviewer's decision on a two-sided request (更换上级部门). */
export function decisionText(d: string | null | undefined): string {
  return d === 'approve' || d === 'reject' ? REVIEW_DECISIONS[d] : REVIEW_LABELS.pending;
}

const TRANSFER_COLORS: Record<TransferStatus, string> = { pending: 'processing', confirmed: 'success', refused: 'error', cancelled: 'default' };

export function TransferStatusTag({ status }: { status: string }) {
  const s = status as TransferStatus;
  return <Tag color={TRANSFER_COLORS[s] ?? 'default'}>{TRANSFER_STATUSES[s] ?? status}</Tag>;
}
