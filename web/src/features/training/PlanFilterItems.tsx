/**
 * The manual's filters of a list of 培训班 — 培训年度 and the name, and for unit training plans also 学习科目 and
 * 所在单位 — written once for 审核培训计划申报/单位培训计划审核 and 单位培训学时审核 (each names its own query fields).
 */
import { Form, Input, Select } from 'antd';
import { SUBJECT_OPTIONS } from '../../components/options';
import { usePolicies, yearOptions } from '../hours/api';

export function PlanFilterItems({ nameField, nameLabel, unitPlan }: { nameField: string; nameLabel: string; unitPlan: boolean }) {
  const policies = usePolicies();
  return (
    <>
      <Form.Item label="培训年度" name="year">
        <Select options={yearOptions(policies.data?.items)} allowClear placeholder="全部年度" style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label={nameLabel} name={nameField}>
        <Input placeholder={`请输入${nameLabel}`} allowClear maxLength={50} style={{ width: 200 }} />
      </Form.Item>
      {unitPlan && (
        <>
          <Form.Item label="学习科目" name="subjectType">
            <Select options={SUBJECT_OPTIONS} allowClear placeholder="全部" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item label="所在单位" name="orgName">
            <Input placeholder="单位名称关键字" allowClear maxLength={100} style={{ width: 180 }} />
          </Form.Item>
        </>
      )}
    </>
  );
}
