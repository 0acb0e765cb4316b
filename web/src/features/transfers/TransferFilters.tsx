import { Form, Input, Select } from 'antd';
import type { ExportFormat } from '@hbzsgx/domain';
import { ExportButton } from '../../components/ExportButton';
import { TRANSFER_STATUSES, type TransferStatus } from '../../components/StatusTag';
import { SearchButtons } from '../../components/SearchButtons';

const STATUS_OPTIONS = Object.entries(TRANSFER_STATUSES).map(([value, label]) => ({ value, label }));

export interface FilterValues {
  keyword?: string;
  status?: TransferStatus;
}

/** 姓名 + 状态 filter of the transfer tables; 导出 where offered. */
export function TransferFilters({
  name,
  onSearch,
  statuses = true,
  onExport,
}: {
  name: string;
  onSearch: (f: FilterValues) => void;
  statuses?: boolean;
  onExport?: (format: ExportFormat) => Promise<void>;
}) {
  const [form] = Form.useForm<FilterValues>();
  return (
    <Form
      form={form}
      name={name}
      layout="inline"
      className="filter-bar"
      onFinish={(v) => onSearch({ keyword: v.keyword?.trim() || undefined, status: v.status })}
    >
      <Form.Item label="姓名" name="keyword">
        <Input placeholder="请输入姓名" allowClear maxLength={50} style={{ width: 180 }} />
      </Form.Item>
      {statuses && (
        <Form.Item label="状态" name="status">
          <Select options={STATUS_OPTIONS} allowClear placeholder="全部" style={{ width: 120 }} />
        </Form.Item>
      )}
      <SearchButtons
        onReset={() => {
          form.resetFields();
          onSearch({});
        }}
      >
        {onExport && <ExportButton csv onExport={onExport} />}
      </SearchButtons>
    </Form>
  );
}
