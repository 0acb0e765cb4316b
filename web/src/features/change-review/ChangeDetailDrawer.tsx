/** 查看: a change request, old vs new field by field, with 通过 / 驳回 while it waits on us. */
import { Button, Descriptions, Drawer, Popconfirm, Space, Typography } from 'antd';
import { fmtMinute, orDash } from '../../components/format';
import { ReviewStatusTag } from '../../components/StatusTag';
import { ChangeDiffTable } from './ChangeDiffTable';
import { ReparentProgress } from './ReparentProgress';
import type { ChangeItem, ChangeKind } from './api';

const TITLES: Record<ChangeKind, string> = { title: '人员信息修改详情', 'org-info': '机构信息修改详情', reparent: '更换上级部门详情' };

export function subjectName(r: ChangeItem): string {
  return r.personName ?? r.orgName;
}

export function ChangeDetailDrawer({
  kind,
  item,
  actionable,
  onClose,
  onApprove,
  onReject,
  busy,
}: {
  kind: ChangeKind;
  item: ChangeItem | null;
  actionable: boolean;
  onClose: () => void;
  onApprove: (r: ChangeItem) => void;
  onReject: (r: ChangeItem) => void;
  busy: boolean;
}) {
  const r = item;
  return (
    <Drawer
      title={TITLES[kind]}
      open={!!r}
      onClose={onClose}
      size={680}
      destroyOnHidden
      extra={
        r &&
        actionable &&
        r.status === 'pending' && (
          <Space>
            <Button danger onClick={() => onReject(r)} disabled={busy}>
              驳回
            </Button>
            <Popconfirm
              title="通过申请"
              description={
                kind === 'reparent'
                  ? '确定同意该机构更换上级部门吗？双方都同意后生效。'
                  : `确定通过“${subjectName(r)}”的修改申请吗？通过后新信息立即生效。`
              }
              okText="通过"
              cancelText="取消"
              onConfirm={() => onApprove(r)}
            >
              <Button type="primary" loading={busy}>
                通过
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {r && (
        <>
          <Descriptions
            bordered
            column={1}
            size="small"
            styles={{ label: { width: 140, whiteSpace: 'nowrap' } }}
            items={[
              ...(r.personName
                ? [
                    { key: 'person', label: '姓名', children: r.personName },
                    { key: 'id', label: '证件号', children: <span className="mono">{orDash(r.idNumberMasked)}</span> },
                    { key: 'org', label: '所在单位', children: r.orgName },
                  ]
                : [{ key: 'org', label: '机构名称', children: r.orgName }]),
              ...(kind === 'reparent'
                ? [
                    { key: 'old', label: '原上级部门', children: orDash(r.oldParentName) },
                    { key: 'new', label: '新上级部门', children: orDash(r.newParentName) },
                    { key: 'reason', label: '更换原因', children: orDash(r.reason) },
                    { key: 'progress', label: '审核进度', children: <ReparentProgress r={r} /> },
                  ]
                : [{ key: 'reviewer', label: '审核单位', children: orDash(r.oldParentName) }]),
              { key: 'createdAt', label: '提交时间', children: fmtMinute(r.createdAt) },
              { key: 'status', label: '状态', children: <ReviewStatusTag status={r.status} /> },
              ...(r.decidedAt ? [{ key: 'decidedAt', label: '审核时间', children: fmtMinute(r.decidedAt) }] : []),
              ...(r.status === 'rejected' ? [{ key: 'rejectReason', label: '驳回原因', children: orDash(r.rejectReason) }] : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            修改内容（原值与新值对比）
          </Typography.Title>
          <ChangeDiffTable changes={r.changes} />
        </>
      )}
    </Drawer>
  );
}
