/**
 * The progress window of an export that became a background job (the server answered 202 to 导出: more rows than it
 * sends at once). Mounted once in the shell; opens for every queued export (app/api.ts onExportQueued), shows the
 * rows written against the total as an antd Progress, and the download once done. Closing it does not stop the
 * export: 我的导出 lists it.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Modal, Progress, Result, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage, onExportQueued, type QueuedExport } from '../../app/api';
import { useExportJob } from './api';
import { DownloadExportButton, rowsText } from './parts';
import { MY_EXPORTS_PATH } from './routes';

function JobBody({ id }: { id: number }) {
  const q = useExportJob(id);
  const job = q.data;
  if (q.error) return <Alert type="error" showIcon title="无法获取导出进度" description={errorMessage(q.error)} />;
  if (!job || job.status === 'queued' || job.status === 'running') {
    return (
      <div className="export-progress">
        <Progress percent={job?.percent ?? 0} status="active" />
        <Typography.Text type="secondary">
          {!job || job.status === 'queued' ? '排队中，即将开始…' : job.total == null ? '正在统计记录数…' : `正在导出：已写入 ${rowsText(job)}`}
        </Typography.Text>
      </div>
    );
  }
  if (job.status === 'done') {
    return (
      <Result
        status="success"
        title="导出完成"
        subTitle={`共 ${job.processed} 条`}
        extra={<DownloadExportButton job={job} type="primary" />}
        style={{ padding: '8px 0' }}
      />
    );
  }
  return <Result status="error" title="导出失败" subTitle={job.error ?? '导出未完成'} style={{ padding: '8px 0' }} />;
}

export function ExportJobModal() {
  const [job, setJob] = useState<QueuedExport | null>(null);
  useEffect(() => onExportQueued(setJob), []);
  return (
    <Modal
      title={job ? `后台导出：${job.title}` : '后台导出'}
      open={!!job}
      onCancel={() => setJob(null)}
      destroyOnHidden
      footer={
        <Space>
          <Link to={MY_EXPORTS_PATH} onClick={() => setJob(null)}>
            查看我的导出
          </Link>
          <Button onClick={() => setJob(null)}>关闭</Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="符合条件的记录较多，已转为后台导出"
        description="导出在服务器后台进行，关闭本窗口不会中断；完成后可在此或“我的导出”中下载（仅本人可下载）。"
      />
      {job && <JobBody id={job.id} />}
    </Modal>
  );
}
