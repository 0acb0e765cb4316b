import { Space, Tag } from 'antd';
import { decisionText } from '../../components/StatusTag';
import type { SideDecision } from './api';

const COLORS = { approve: 'success', reject: 'error' } as const;

function Side({ label, d, closed }: { label: string; d: SideDecision; closed: boolean }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {label}：
      {d ? (
        <Tag color={COLORS[d]} style={{ marginInlineEnd: 0 }}>
          {decisionText(d)}
        </Tag>
      ) : closed ? (
        <Tag style={{ marginInlineEnd: 0 }}>无需审核</Tag>
      ) : (
        <Tag color="processing" style={{ marginInlineEnd: 0 }}>
          {decisionText(d)}
        </Tag>
      )}
    </span>
  );
}

/** "原上级：已同意 / 新上级：待审核" — both superiors must agree; either can reject. */
export function ReparentProgress({
  r,
  vertical,
}: {
  r: { status: string; reviewerDecision: SideDecision; secondDecision: SideDecision };
  vertical?: boolean;
}) {
  const closed = r.status !== 'pending';
  return (
    <Space size={vertical ? 2 : 8} orientation={vertical ? 'vertical' : 'horizontal'} wrap>
      <Side label="原上级" d={r.reviewerDecision} closed={closed} />
      <Side label="新上级" d={r.secondDecision} closed={closed} />
    </Space>
  );
}
