/** The home page's 证书验证: the code printed on a certificate → the public verification page (/verify/:code). */
import { useState } from 'react';
import { Card, Form, Input, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { normalizeCode } from '@hbzsgx/domain';

export function VerifyBox() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const verify = (raw: string) => {
    if (!raw.trim()) return setError('请输入证书上的验证码');
    const code = normalizeCode(raw.trim());
    if (!code) return setError('验证码应为20位字母或数字，如 7K3M-Q9XD-2HBW-TN4F-8RCE');
    setError(null);
    void navigate(`/verify/${code}`);
  };
  return (
    <Card
      className="portal-verify-card"
      variant="borderless"
      title={
        <span>
          <SafetyCertificateOutlined /> 电子证书验证
        </span>
      }
    >
      <Form layout="vertical" onFinish={() => undefined}>
        <Form.Item label="验证码" htmlFor="verify-code" validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Input.Search
            id="verify-code"
            placeholder="证书右下角的验证码，如 7K3M-Q9XD-2HBW-TN4F-8RCE"
            enterButton="验证"
            maxLength={40}
            allowClear
            onChange={() => error && setError(null)}
            onSearch={verify}
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        输入或扫描证书上的二维码，即可核验证书真伪及其记载的学时。
      </Typography.Text>
    </Card>
  );
}
