/** The 学时审核 / 学时审验 filter: exactly 认定年度, 姓名, 科目类型, 学习形式, 所在单位, 继续教育机构, 是否重点审核. */
import type { ReactNode } from 'react';
import { Form, Input, Select } from 'antd';
import { usePolicies, yearOptions, type ClaimFilters as Filters } from './api';
import { SearchButtons } from '../../components/SearchButtons';
import { FORM_OPTIONS, SUBJECT_OPTIONS } from '../../components/options';

const FLAGGED = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
];

export function ClaimFilters({ name, onSearch, extra }: { name: string; onSearch: (f: Filters) => void; extra?: ReactNode }) {
  const [form] = Form.useForm<Filters>();
  const policies = usePolicies();
  const finish = (v: Filters) =>
    onSearch({
      year: v.year,
      name: v.name?.trim() || undefined,
      subjectType: v.subjectType,
      learningForm: v.learningForm,
      orgName: v.orgName?.trim() || undefined,
      baseName: v.baseName?.trim() || undefined,
      flagged: v.flagged,
    });
  return (
    <Form form={form} name={name} layout="inline" className="filter-bar" onFinish={finish}>
      <Form.Item label="认定年度" name="year">
        <Select options={yearOptions(policies.data?.items)} allowClear placeholder="全部" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item label="姓名" name="name">
        <Input placeholder="请输入姓名" allowClear maxLength={50} style={{ width: 130 }} />
      </Form.Item>
      <Form.Item label="科目类型" name="subjectType">
        <Select options={SUBJECT_OPTIONS} allowClear placeholder="全部" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item label="学习形式" name="learningForm">
        <Select options={FORM_OPTIONS} allowClear placeholder="全部" style={{ width: 120 }} />
      </Form.Item>
      <Form.Item label="所在单位" name="orgName">
        <Input placeholder="单位名称关键字" allowClear maxLength={100} style={{ width: 170 }} />
      </Form.Item>
      <Form.Item label="继续教育机构" name="baseName">
        <Input placeholder="机构名称关键字" allowClear maxLength={100} style={{ width: 170 }} />
      </Form.Item>
      <Form.Item label="是否重点审核" name="flagged">
        <Select options={FLAGGED} allowClear placeholder="全部" style={{ width: 90 }} />
      </Form.Item>
      <SearchButtons
        onReset={() => {
          form.resetFields();
          onSearch({});
        }}
        wrap
      >
        {extra}
      </SearchButtons>
    </Form>
  );
}
