import { Alert, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { orgInfoBody } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { ME_KEY } from '../../app/session';
import { zodRule } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { ORG_CHANGES_KEY } from '../change-review/api';
import { OrgContactFields } from '../registration/OrgFields';
import { ORG_INFO_KEY, orgInfoApi, type OrgInfo, type OrgInfoEdit } from './api';

const shape = orgInfoBody.shape;

export function OrgInfoEditModal({ org, open, onClose }: { org: OrgInfo; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<OrgInfoEdit>();
  const qc = useQueryClient();
  return (
    <FormModal
      title="修改单位信息"
      open={open}
      onClose={onClose}
      width={560}
      form={form}
      name="orgInfo"
      initialValues={{ name: org.name, contactName: org.contactName, contactPhone: org.contactPhone, address: org.address }}
      submit={orgInfoApi.update}
      onSuccess={({ applied, requestId: _r, ...info }) => {
        // Only an organisation without a superior (the province HR) edits directly; otherwise the server files a change
        // request for the superior and answers with the unchanged information plus the pending values.
        qc.setQueryData(ORG_INFO_KEY, info);
        void qc.invalidateQueries({ queryKey: ORG_CHANGES_KEY });
        if (applied) void qc.invalidateQueries({ queryKey: ME_KEY }); // the header shows the organisation's name
        feedback.success(applied ? '单位信息已保存' : '修改申请已提交，待上级部门审核通过后生效');
        onClose();
      }}
      intro={org.parentId != null && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="修改后须经上级部门审核通过才能生效" />}
    >
      <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, zodRule(shape.name)]}>
        <Input maxLength={100} />
      </Form.Item>
      <OrgContactFields />
    </FormModal>
  );
}
