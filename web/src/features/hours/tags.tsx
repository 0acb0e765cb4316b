/** Status and 重点审核 tags of hour claims (学时申报). */
import { Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { CLAIM_STATUSES, type ClaimStatus } from '@hbzsgx/domain';

const COLORS: Record<ClaimStatus, string> = {
  pendingEmployer: 'gold',
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  revoked: 'red',
  deleted: 'default',
  withdrawn: 'default',
};

export function ClaimStatusTag({ status, name }: { status: string; name?: string }) {
  const s = status as ClaimStatus;
  return (
    <Tag color={COLORS[s] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {name ?? CLAIM_STATUSES[s] ?? status}
    </Tag>
  );
}

/** 重点审核 with the rules' reasons in a tooltip. */
export function FlagTag({ reasons }: { reasons: string[] }) {
  return (
    <Tooltip
      title={
        <div>
          <div style={{ fontWeight: 600, marginBottom: 4 }}>重点审核原因</div>
          {reasons.length
            ? reasons.map((r, i) => (
                <div key={i}>
                  {reasons.length > 1 ? `${i + 1}. ` : ''}
                  {r}
                </div>
              ))
            : '—'}
        </div>
      }
    >
      <Tag color="orange" icon={<WarningOutlined />} style={{ marginInlineEnd: 0, cursor: 'help' }}>
        重点审核
      </Tag>
    </Tooltip>
  );
}

/** 学习起止日期 as a small second line of a claim's title cell ('—' stays out: old claims have none). */
export function ActivityDates({ start, end }: { start: string | null; end: string | null }) {
  if (!start || !end) return null;
  return (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, whiteSpace: 'nowrap' }}>
      {start === end ? start : `${start}至${end}`}
    </Typography.Text>
  );
}

const REASON_LABELS: Partial<Record<ClaimStatus, string>> = { revoked: '审验不通过原因', rejected: '驳回原因', deleted: '删除原因' };

/** The reason that goes with a status: 驳回原因, 审验不通过原因 or 删除原因 (in red). */
export function StatusReason({
  status,
  rejectReason,
  revokeReason,
  deleteReason,
}: {
  status: string;
  rejectReason: string | null;
  revokeReason: string | null;
  deleteReason?: string | null;
}) {
  const text = status === 'revoked' ? revokeReason : status === 'rejected' ? rejectReason : status === 'deleted' ? deleteReason : null;
  if (!text) return null;
  return (
    <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, maxWidth: 260 }} ellipsis={{ tooltip: text }}>
      {REASON_LABELS[status as ClaimStatus]}：{text}
    </Typography.Text>
  );
}
