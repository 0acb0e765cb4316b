import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { AUDIT_ACTIONS, AUDIT_RESULTS, type ExportFormat } from '@hbzsgx/domain';
import type { AuditFilters } from './api';
import { SearchButtons } from '../../components/SearchButtons';
import { ExportButton } from '../../components/ExportButton';

interface Values {
  action?: string;
  result?: string;
  keyword?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ACTION_OPTIONS = Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }));
const RESULT_OPTIONS = Object.entries(AUDIT_RESULTS).map(([value, label]) => ({ value, label }));

/** Dates are sent as calendar days (YYYY-MM-DD), which the server reads as Beijing days whatever the browser's zone. */
function toFilters(v: Values): AuditFilters {
  const [from, to] = v.range ?? [];
  return {
    action: v.action,
    result: v.result,
    keyword: v.keyword?.trim() || undefined,
    from: from ? from.format('YYYY-MM-DD') : undefined,
    to: to ? to.format('YYYY-MM-DD') : undefined, // the server includes the whole day of `to`
  };
}

export function AuditFilterForm({ onSearch, onExport }: { onSearch: (f: AuditFilters) => void; onExport: (format: ExportFormat) => Promise<void> }) {
  const [form] = Form.useForm<Values>();
  return (
    <Form form={form} name="auditFilters" layout="inline" className="filter-bar" onFinish={(v) => onSearch(toFilters(v))}>
      <Form.Item label="操作类型" name="action">
        <Select options={ACTION_OPTIONS} allowClear placeholder="全部" style={{ width: 170 }} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item label="结果" name="result">
        <Select options={RESULT_OPTIONS} allowClear placeholder="全部" style={{ width: 110 }} />
      </Form.Item>
      <Form.Item label="操作人" name="keyword">
        <Input placeholder="姓名" allowClear maxLength={50} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label="日期范围" name="range">
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
      </Form.Item>
      <SearchButtons
        onReset={() => {
          form.resetFields();
          onSearch({});
        }}
      >
        <ExportButton csv onExport={onExport} />
      </SearchButtons>
    </Form>
  );
}
