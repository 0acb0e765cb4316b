import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { orgInfoBody } from '@hbzsgx/domain';
import { ApiError, errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { ME_KEY } from '../../app/session';
import { applyFieldErrors, zodRule } from '../../components/formErrors';
import { ORG_CHANGES_KEY } from '../change-review/api';
import { ORG_INFO_KEY, orgInfoApi, type OrgInfo, type OrgInfoEdit } from './api';

const shape = orgInfoBody.shape;

export function OrgInfoEditModal({ org, open, onClose }: { org: OrgInfo; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<OrgInfoEdit>();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: orgInfoApi.update,
    onSuccess: ({ applied, requestId: _r, ...info }) => {
      // Only an organisation without a superior (the province HR) edits directly; otherwise the server files a change
      // request for the superior and answers with the unchanged information plus the pending values.
      qc.setQueryData(ORG_INFO_KEY, info);
      void qc.invalidateQueries({ queryKey: ORG_CHANGES_KEY });
      if (applied) void qc.invalidateQueries({ queryKey: ME_KEY }); // the header shows the organisation's name
      feedback.success(applied ? '单位信息已保存' : '修改申请已提交，待上级部门审核通过后生效');
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      setError(errorMessage(e));
    },
  });

  return (
    <Modal
      title="修改单位信息"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {org.parentId != null && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="修改后须经上级部门审核通过才能生效" />}
      <Form
        form={form}
        name="orgInfo"
        layout="vertical"
        preserve={false}
        initialValues={{ name: org.name, contactName: org.contactName, contactPhone: org.contactPhone, address: org.address }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, zodRule(shape.name)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label="联系人"
          name="contactName"
          rules={[{ required: true, whitespace: true, message: '请输入联系人' }, zodRule(shape.contactName)]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          label="联系电话"
          name="contactPhone"
          rules={[{ required: true, message: '请输入联系电话' }, zodRule(shape.contactPhone)]}
          extra="手机号或固定电话（如 027-87654321）"
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item label="地址" name="address" rules={[{ required: true, whitespace: true, message: '请输入地址' }, zodRule(shape.address)]}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
