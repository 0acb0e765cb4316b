import { Alert, Table, Tooltip } from 'antd';
import { errorMessage } from '../../app/api';
import { fmtMinute, orDash } from '../../components/format';
import { ReviewStatusTag } from '../../components/StatusTag';
import { ChangeSummary } from '../change-review/ChangeDiffTable';
import type { MyChange } from '../change-review/api';

/** The person's title-change requests, newest first, with status and reasons of rejections. */
export function TitleChangeHistory({ items, loading, error }: { items: MyChange[]; loading: boolean; error: unknown }) {
  if (error) return <Alert type="error" showIcon title="加载失败" description={errorMessage(error)} />;
  return (
    <Table<MyChange>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 860 }}
      locale={{ emptyText: '暂无修改记录' }}
      columns={[
        { title: '提交时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtMinute(v) },
        { title: '修改内容', key: 'changes', render: (_, r) => <ChangeSummary changes={r.changes} max={4} /> },
        { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <ReviewStatusTag status={v} /> },
        { title: '审核时间', dataIndex: 'decidedAt', width: 150, render: (v: string | null) => fmtMinute(v) },
        {
          title: '驳回原因',
          dataIndex: 'rejectReason',
          width: 200,
          ellipsis: { showTitle: false },
          render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
        },
      ]}
    />
  );
}
