/** 调转详情: the record, the person's data as it was when the transfer started, and what happened. */
import { Descriptions, Drawer, Tag, Typography } from 'antd';
import { fmtMinute, orDash } from '../../components/format';
import { TransferStatusTag } from '../../components/StatusTag';
import { personItems } from './PersonCard';
import type { TransferRecord } from './api';

export function TransferDetailDrawer({ record, onClose, extra }: { record: TransferRecord | null; onClose: () => void; extra?: React.ReactNode }) {
  const r = record;
  return (
    <Drawer title="调转详情" open={!!r} onClose={onClose} size={640} destroyOnHidden extra={extra}>
      {r && (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'dir', label: '类型', children: r.direction === 'in' ? <Tag color="green">调入</Tag> : <Tag color="orange">调出</Tag> },
              { key: 'status', label: '状态', children: <TransferStatusTag status={r.status} /> },
              { key: 'from', label: '调出单位', children: r.fromOrgName },
              { key: 'to', label: '调入单位', children: r.toOrgName },
              { key: 'date', label: '调转日期', children: r.transferDate },
              { key: 'reason', label: '调转原因', children: r.reason },
              ...(r.status === 'refused' ? [{ key: 'refuse', label: '拒绝原因', children: orDash(r.refuseReason) }] : []),
              { key: 'created', label: '发起时间', children: fmtMinute(r.createdAt) },
              { key: 'decided', label: '处理时间', children: fmtMinute(r.decidedAt) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            调转人员信息（发起调出时）
          </Typography.Title>
          {r.snapshot ? (
            <Descriptions bordered size="small" column={2} styles={{ label: { width: 90, whiteSpace: 'nowrap' } }} items={personItems(r.snapshot)} />
          ) : (
            <Descriptions
              bordered
              size="small"
              column={2}
              items={[
                { key: 'name', label: '姓名', children: r.name },
                { key: 'id', label: '证件号', children: r.idNumberMasked },
              ]}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
