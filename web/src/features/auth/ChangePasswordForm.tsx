/** 修改密码 form, used by the forced first-login page and by the header's 修改密码 dialog. */
import { Alert, Button, Form, Input, Space } from 'antd';
import { checkPassword } from '@hbzsgx/domain';
import { useFormSubmit } from '../../components/useFormSubmit';
import { authApi, policyText, usePasswordPolicy } from './api';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm({
  onDone,
  onCancel,
  submitText = '确认修改',
}: {
  onDone: () => void;
  onCancel?: () => void;
  submitText?: string;
}) {
  const [form] = Form.useForm<Values>();
  const policy = usePasswordPolicy();
  const { submit, pending, error, clearError } = useFormSubmit(
    form,
    (v: Values) => authApi.changePassword({ oldPassword: v.oldPassword, newPassword: v.newPassword }),
    {
      onSuccess: () => {
        form.resetFields();
        onDone();
      },
    },
  );

  return (
    <Form
      form={form}
      name="changePassword"
      layout="vertical"
      onFinish={submit}
      // the server's answer was about what was sent: editing again clears it (a new attempt gets its own)
      onValuesChange={clearError}
      requiredMark
      autoComplete="off"
    >
      <Alert type="info" showIcon title="密码规则" description={policyText(policy)} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password placeholder="请输入原密码" autoComplete="current-password" maxLength={64} />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        dependencies={['oldPassword']}
        rules={[
          { required: true, message: '请输入新密码' },
          ({ getFieldValue }) => ({
            validator(_, value: string | undefined) {
              if (!value) return Promise.resolve();
              const reason = checkPassword(value, { policy });
              if (reason) return Promise.reject(new Error(reason));
              if (value === getFieldValue('oldPassword')) return Promise.reject(new Error('新密码不能与原密码相同'));
              return Promise.resolve();
            },
          }),
        ]}
      >
        <Input.Password placeholder="请输入新密码" autoComplete="new-password" maxLength={64} />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator(_, value: string | undefined) {
              if (!value || value === getFieldValue('newPassword')) return Promise.resolve();
              return Promise.reject(new Error('两次输入的新密码不一致'));
            },
          }),
        ]}
      >
        <Input.Password placeholder="请再次输入新密码" autoComplete="new-password" maxLength={64} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0, textAlign: 'right' }}>
        <Space>
          {onCancel && <Button onClick={onCancel}>取消</Button>}
          <Button type="primary" htmlType="submit" loading={pending}>
            {submitText}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
