/** 更换上级部门: takes effect only after BOTH the former and the new superior approve. */
import { Alert, Descriptions, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { reparentBody } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { zodRule } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { ORG_CHANGES_KEY, changeApi } from '../change-review/api';
import { OrgPicker } from '../registration/OrgPicker';
import { PARENT_TYPES, type RegistrableOrgType } from '../registration/api';
import type { OrgInfo } from './api';

interface Values {
  newParentId: number;
  reason: string;
}

export function ReparentModal({ org, open, onClose }: { org: OrgInfo; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const types = PARENT_TYPES[org.type as RegistrableOrgType] ?? ['hr'];
  return (
    <FormModal
      title="更换上级部门"
      open={open}
      onClose={onClose}
      okText="提交申请"
      width={600}
      form={form}
      name="reparent"
      submit={(v) => changeApi.reparent({ newParentId: v.newParentId, reason: v.reason.trim() })}
      onSuccess={() => {
        feedback.success('更换上级部门申请已提交，须原上级和新上级都同意后生效');
        void qc.invalidateQueries({ queryKey: ORG_CHANGES_KEY });
        onClose();
      }}
      intro={
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="须原上级部门和新上级部门都审核同意后才生效，任一方驳回即不予更换。生效后本单位及下属机构一并转到新上级下。"
          />
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 20 }}
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'org', label: '本单位', children: org.name },
              { key: 'parent', label: '当前上级部门', children: org.parentName ?? '—' },
            ]}
          />
        </>
      }
    >
      <Form.Item
        label="新上级部门"
        name="newParentId"
        rules={[{ required: true, message: '请选择新上级部门' }]}
        extra={types.includes('authority') ? '可选择主管部门或人社部门' : '可选择人社部门'}
      >
        <OrgPicker types={types} excludeIds={[org.id, ...(org.parentId != null ? [org.parentId] : [])]} placeholder="请输入新上级部门名称搜索" />
      </Form.Item>
      <Form.Item
        label="更换原因"
        name="reason"
        rules={[{ required: true, whitespace: true, message: '请填写更换原因' }, zodRule(reparentBody.shape.reason)]}
      >
        <Input.TextArea placeholder="请说明更换上级部门的原因" maxLength={200} showCount autoSize={{ minRows: 3, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
