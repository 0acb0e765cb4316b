/** 修改联系方式: the own 手机号 and 电子邮箱, confirmed with the current password (the 手机号 is what 忘记密码 checks). */
import { Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { profile, Wire } from '@hbzsgx/domain';
import { api } from '../../app/api';
import { feedback } from '../../app/feedback';
import { FormModal } from '../../components/FormModal';

interface Values {
  phone: string;
  email: string;
  password: string;
}

export function ContactModal({
  open,
  email,
  profileKey,
  onClose,
}: {
  open: boolean;
  email: string | null;
  profileKey: readonly unknown[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  return (
    <FormModal
      title="修改联系方式"
      open={open}
      onClose={onClose}
      width={480}
      form={form}
      name="contact"
      initialValues={{ phone: '', email: email ?? '', password: '' }}
      submit={(v) => api.put<Wire<typeof profile>>('/api/me/contact', { phone: v.phone.trim(), email: (v.email ?? '').trim(), password: v.password })}
      onSuccess={(p) => {
        qc.setQueryData(profileKey, p);
        feedback.success('联系方式已修改');
        onClose();
      }}
    >
      <Form.Item
        label="手机号"
        name="phone"
        rules={[
          { required: true, message: '请输入手机号' },
          { pattern: /^\s*1[3-9]\d{9}\s*$/, message: '请输入11位手机号码' },
        ]}
        extra="忘记密码时需核对此手机号"
      >
        <Input maxLength={11} placeholder="新的手机号" autoComplete="tel" />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
        <Input maxLength={100} placeholder="可不填" autoComplete="email" />
      </Form.Item>
      <Form.Item label="当前密码" name="password" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password maxLength={64} autoComplete="current-password" />
      </Form.Item>
    </FormModal>
  );
}
