/** 账号信息 at registration: 证件类型, 证件号, 真实姓名, 手机号, 电子邮箱, 密码, 确认密码 (domain validators). */
import { Form, Input } from 'antd';
import { checkPassword, emailSchema, personNameSchema, phoneSchema } from '@hbzsgx/domain';
import { zodRule } from '../../components/formErrors';
import { policyText, usePasswordPolicy } from '../auth/api';
import { IdFields } from '../admins/IdFields';

export function AccountFields({ withPassword = true }: { withPassword?: boolean }) {
  const policy = usePasswordPolicy();
  return (
    <>
      <IdFields />
      <Form.Item
        label="真实姓名"
        name="realName"
        rules={[{ required: true, whitespace: true, message: '请输入真实姓名' }, zodRule(personNameSchema)]}
      >
        <Input placeholder="请输入与证件一致的姓名" maxLength={50} />
      </Form.Item>
      <Form.Item label="手机号" name="phone" rules={[{ required: true, message: '请输入手机号' }, zodRule(phoneSchema)]}>
        <Input placeholder="请输入11位手机号码" maxLength={11} />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email" rules={[{ required: true, message: '请输入电子邮箱' }, zodRule(emailSchema)]}>
        <Input placeholder="请输入电子邮箱" maxLength={100} />
      </Form.Item>
      {withPassword && (
        <>
          <Form.Item
            label="密码"
            name="password"
            dependencies={['idNumber']}
            extra={policyText(policy)}
            rules={[
              { required: true, message: '请输入密码' },
              ({ getFieldValue }) => ({
                validator(_, v: string | undefined) {
                  if (!v) return Promise.resolve();
                  const reason = checkPassword(v, { idNumber: getFieldValue('idNumber') as string | undefined, policy });
                  return reason ? Promise.reject(new Error(reason)) : Promise.resolve();
                },
              }),
            ]}
          >
            <Input.Password placeholder="请设置登录密码" maxLength={64} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认密码"
            name="confirmPassword"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入密码' },
              ({ getFieldValue }) => ({
                validator(_, v: string | undefined) {
                  return !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'));
                },
              }),
            ]}
          >
            <Input.Password placeholder="请再次输入密码" maxLength={64} autoComplete="new-password" />
          </Form.Item>
        </>
      )}
    </>
  );
}
