/** 我的导出: the background exports the user started (this seat), their progress, and the download of finished ones. */
import { useState } from 'react';
import { Alert, Card, Progress, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { errorMessage } from '../../app/api';
import { fmtMinute } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { useMyExports, type ExportJob } from './api';
import { DownloadExportButton, fileSize, rowsText } from './parts';

const STATUS_COLORS: Record<ExportJob['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  expired: 'default',
};

export function MyExportsPage() {
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const q = useMyExports(page);
  const columns: TableColumnsType<ExportJob> = [
    { title: '导出内容', dataIndex: 'title', ellipsis: true },
    { title: '格式', dataIndex: 'format', width: 70, render: (v: string) => v.toUpperCase() },
    { title: '提交时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: ExportJob['status'], j) =>
        j.error ? (
          <Tooltip title={j.error}>
            <Tag color={STATUS_COLORS[v]}>{j.statusName}</Tag>
          </Tooltip>
        ) : (
          <Tag color={STATUS_COLORS[v]}>{j.statusName}</Tag>
        ),
    },
    {
      title: '进度',
      dataIndex: 'percent',
      width: 150,
      render: (v: number, j) => (
        <Progress
          percent={v}
          size="small"
          status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : j.status === 'expired' ? 'normal' : 'active'}
        />
      ),
    },
    { title: '行数', key: 'rows', width: 140, render: (_, j) => rowsText(j) },
    { title: '文件大小', dataIndex: 'fileSize', width: 100, render: (v: number | null) => fileSize(v) },
    { title: '保留至', dataIndex: 'expiresAt', width: 140, render: (v: string | null) => (v ? fmtMinute(v) : '') },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, j) => (j.status === 'done' ? <DownloadExportButton job={j} /> : null),
    },
  ];
  return (
    <PageContainer title="我的导出" description="超过单次下载上限的导出在服务器后台进行，完成后在这里下载（仅本人可见；文件保留期满后自动删除）。">
      <Card>
        {q.error ? <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 16 }} /> : null}
        <Table<ExportJob>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching && !q.data}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: '暂无导出任务' }}
        />
      </Card>
    </PageContainer>
  );
}
