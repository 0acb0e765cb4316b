import { Form, Input } from 'antd';
import type { ExportFormat } from '@hbzsgx/domain';
import { ExportButton } from '../../components/ExportButton';
import { DepartmentSelect } from '../departments/DepartmentSelect';
import type { AdminFilters as Filters } from './api';
import { SearchButtons } from '../../components/SearchButtons';

export function AdminFilters({ onSearch, onExport }: { onSearch: (f: Filters) => void; onExport: (format: ExportFormat) => Promise<void> }) {
  const [form] = Form.useForm<Filters>();
  return (
    <Form
      form={form}
      name="adminFilters"
      layout="inline"
      className="filter-bar"
      onFinish={(v) => onSearch({ keyword: v.keyword?.trim() || undefined, departmentId: v.departmentId })}
    >
      <Form.Item label="姓名" name="keyword">
        <Input placeholder="请输入姓名" allowClear maxLength={50} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item label="工作部门" name="departmentId">
        <DepartmentSelect placeholder="全部部门" allowClear style={{ width: 220 }} />
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
