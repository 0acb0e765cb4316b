/**
 * 导出: downloads the current list (the caller passes the current filters) as xlsx, or — from the button's menu, where
 * the list's export offers it (`csv`) — as CSV (UTF-8 with BOM). A big export comes back as a background job, whose
 * progress window app/api.ts download() opens; errors show as a message.
 */
import { useState, type ReactNode } from 'react';
import { Button, Dropdown, Space, type ButtonProps } from 'antd';
import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import type { ExportFormat } from '@hbzsgx/domain';
import { feedback } from '../app/feedback';

export function ExportButton({
  onExport,
  csv,
  disabled,
  type,
  children = '导出',
}: {
  onExport: (format: ExportFormat) => Promise<void>;
  /** The list's export takes `format=csv` too: a menu offers it. */
  csv?: boolean;
  disabled?: boolean;
  type?: ButtonProps['type'];
  children?: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      await onExport(format);
    } catch (e) {
      feedback.error(e);
    } finally {
      setBusy(false);
    }
  };
  const button = (
    <Button type={type} icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={() => void run('xlsx')}>
      {children}
    </Button>
  );
  if (!csv) return button;
  return (
    <Space.Compact>
      {button}
      <Dropdown
        disabled={disabled || busy}
        menu={{
          items: [
            { key: 'xlsx', label: '导出为 Excel（xlsx）' },
            { key: 'csv', label: '导出为 CSV（UTF-8）' },
          ],
          onClick: ({ key }) => void run(key as ExportFormat),
        }}
      >
        <Button type={type} icon={<DownOutlined />} aria-label="选择文件格式" />
      </Dropdown>
    </Space.Compact>
  );
}
