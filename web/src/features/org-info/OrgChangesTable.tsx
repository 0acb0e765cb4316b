/** 变更申请记录: the organisation's own org-info and reparent requests with their status. */
import { Alert, Table, Tag, Tooltip } from 'antd';
import { errorMessage } from '../../app/api';
import { fmtMinute, orDash } from '../../components/format';
import { ReviewStatusTag } from '../../components/StatusTag';
import { ChangeSummary } from '../change-review/ChangeDiffTable';
import { ReparentProgress } from '../change-review/ReparentProgress';
import type { MyChange } from '../change-review/api';

const KIND_TAGS: Record<string, React.ReactNode> = {
  org_info: <Tag color="blue">单位信息修改</Tag>,
  reparent: <Tag color="purple">更换上级部门</Tag>,
};

export function OrgChangesTable({ items, loading, error }: { items: MyChange[]; loading: boolean; error: unknown }) {
  if (error) return <Alert type="error" showIcon title="加载失败" description={errorMessage(error)} />;
  return (
    <Table<MyChange>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: '暂无变更申请' }}
      columns={[
        { title: '申请类型', dataIndex: 'kind', width: 120, render: (v: string) => KIND_TAGS[v] ?? v },
        { title: '申请内容', key: 'changes', render: (_, r) => <ChangeSummary changes={r.changes} max={4} /> },
        {
          title: '审核进度',
          key: 'progress',
          width: 170,
          render: (_, r) => (r.kind === 'reparent' ? <ReparentProgress r={r} vertical /> : '上级部门审核'),
        },
        { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <ReviewStatusTag status={v} /> },
        {
          title: '驳回原因',
          dataIndex: 'rejectReason',
          width: 160,
          ellipsis: { showTitle: false },
          render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
        },
        { title: '提交时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtMinute(v) },
      ]}
    />
  );
}
