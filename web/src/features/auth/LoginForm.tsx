import { useState } from 'react';
import { Alert, Button, Form, Input, Select } from 'antd';
import { IdcardOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { LOGIN_TYPES, type LoginType } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { ME_KEY, fetchMe, homePath } from '../../app/session';
import { authApi } from './api';
import { CaptchaInput } from './CaptchaInput';

interface Values {
  loginType: LoginType;
  account: string;
  password: string;
  captcha?: string;
}

const LOGIN_TYPE_OPTIONS = Object.entries(LOGIN_TYPES).map(([value, label]) => ({ value, label }));

/** What the registration page hands over: the 用户类型 and 账号 of the account just registered. */
export interface LoginPrefill {
  loginType?: LoginType;
  account?: string;
}

export function LoginForm() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const prefill = (useLocation().state ?? null) as LoginPrefill | null;
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const captcha = useQuery({
    queryKey: ['auth', 'captcha'],
    queryFn: authApi.captcha,
    staleTime: 4 * 60_000,
    refetchInterval: 4 * 60_000,
    gcTime: 0,
  });
  const captchaOn = captcha.data?.enabled ?? false;
  const refreshCaptcha = () => {
    form.setFieldValue('captcha', '');
    void captcha.refetch();
  };

  const submit = async (v: Values) => {
    setError(null);
    setSubmitting(true);
    try {
      const r = await authApi.login({
        loginType: v.loginType,
        account: v.account.trim(),
        password: v.password,
        captchaId: captcha.data?.captchaId ?? '',
        captcha: v.captcha?.trim() ?? '',
      });
      // Load the session before leaving so the workspace renders at once.
      const me = await fetchMe();
      qc.setQueryData(ME_KEY, me);
      navigate(r.mustChangePassword ? '/change-password' : homePath(me), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
      form.setFieldValue('password', '');
      if (captchaOn) refreshCaptcha(); // each challenge is single use
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form
      form={form}
      name="login"
      layout="vertical"
      size="large"
      requiredMark={false}
      initialValues={{ loginType: prefill?.loginType ?? 'hr', account: prefill?.account }}
      onFinish={submit}
      onValuesChange={() => error && setError(null)}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item label="用户类型" name="loginType" rules={[{ required: true, message: '请选择用户类型' }]}>
        <Select options={LOGIN_TYPE_OPTIONS} placeholder="请选择用户类型" />
      </Form.Item>
      <Form.Item label="账号" name="account" rules={[{ required: true, whitespace: true, message: '请输入证件号' }]}>
        <Input prefix={<IdcardOutlined style={{ color: '#8c8c8c' }} />} placeholder="请输入证件号" maxLength={30} autoComplete="username" />
      </Form.Item>
      <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password
          prefix={<LockOutlined style={{ color: '#8c8c8c' }} />}
          placeholder="请输入密码"
          maxLength={64}
          autoComplete="current-password"
        />
      </Form.Item>
      {captchaOn && (
        <Form.Item label="图形验证码" name="captcha" rules={[{ required: true, whitespace: true, message: '请输入图形验证码' }]}>
          <CaptchaInput image={captcha.data?.image} onRefresh={refreshCaptcha} />
        </Form.Item>
      )}
      <div className="login-forgot">
        <Link to="/forgot-password">忘记密码？</Link>
      </div>
      <Form.Item style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {submitting ? '正在登录…' : '登录'}
        </Button>
      </Form.Item>
    </Form>
  );
}
