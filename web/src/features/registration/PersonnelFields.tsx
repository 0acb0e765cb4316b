/** 单位与职务 of a person: 所在单位 (any active organisation), 部门, 学历, then the 专业技术职务 fields. */
import { Form, Select } from 'antd';
import { EDUCATION_LEVELS } from '@hbzsgx/domain';
import { OrgPicker } from './OrgPicker';
import { PublicDepartmentSelect } from './PublicDepartmentSelect';
import { TitleFields } from './TitleFields';

export const EDUCATION_OPTIONS = Object.entries(EDUCATION_LEVELS).map(([value, label]) => ({ value, label }));

export function PersonnelFields({ currentOrg }: { currentOrg?: { id: number; name: string } | null }) {
  const form = Form.useFormInstance();
  const orgId = Form.useWatch<number | undefined>('orgId', form);
  return (
    <>
      <Form.Item
        label="所在单位"
        name="orgId"
        rules={[{ required: true, message: '请选择所在单位' }]}
        extra="输入单位名称关键字搜索；注册由所在单位审核"
      >
        <OrgPicker current={currentOrg} placeholder="请输入所在单位名称搜索" onPick={() => form.setFieldValue('departmentId', null)} />
      </Form.Item>
      <Form.Item label="所在部门" name="departmentId">
        <PublicDepartmentSelect orgId={orgId} placeholder="请选择所在部门（可不选）" />
      </Form.Item>
      <Form.Item label="学历" name="education" rules={[{ required: true, message: '请选择学历' }]}>
        <Select options={EDUCATION_OPTIONS} placeholder="请选择学历" />
      </Form.Item>
      <TitleFields />
    </>
  );
}
