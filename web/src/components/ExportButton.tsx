/** 导出: downloads the current list as xlsx (the caller passes the current filters); errors show as a message. */
import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { feedback } from '../app/feedback';

export function ExportButton({
  onExport,
  disabled,
  type,
  children = '导出',
}: {
  onExport: () => Promise<void>;
  disabled?: boolean;
  type?: ButtonProps['type'];
  children?: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onExport();
    } catch (e) {
      feedback.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type={type} icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={() => void run()}>
      {children}
    </Button>
  );
}
