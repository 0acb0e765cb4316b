/** What 我的导出 and the progress window share: the download button, row and size texts. */
import { useState } from 'react';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { feedback } from '../../app/feedback';
import { exportsApi, type ExportJob } from './api';

/** 12.3 MB */
export function fileSize(bytes: number | null): string {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function rowsText(j: ExportJob): string {
  if (j.status === 'done') return `${j.processed} 条`;
  return j.total == null ? `${j.processed} 条` : `${j.processed} / ${j.total} 条`;
}

export function DownloadExportButton({ job, type = 'link' }: { job: ExportJob; type?: 'link' | 'primary' }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await exportsApi.download(job);
    } catch (e) {
      feedback.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type={type} size={type === 'link' ? 'small' : 'middle'} icon={<DownloadOutlined />} loading={busy} onClick={() => void run()}>
      下载
    </Button>
  );
}
