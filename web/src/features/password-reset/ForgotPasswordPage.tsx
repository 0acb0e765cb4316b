/**
 * 忘记密码 (public, from the login box): 证件号 + 姓名 + 注册手机号 → a 申请编号, the same answer whether or not they
 * match; the unit's admin resets the password and tells the person. /forgot-password/<申请编号> shows the state.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { IdcardOutlined, KeyOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { fmtMinute } from '../../components/format';
import { authApi } from '../auth/api';
import { CaptchaInput } from '../auth/CaptchaInput';
import { PortalFooter, PortalHeader } from '../auth/PortalHeader';
import { passwordResetApi, type ResetState } from './api';
import '../auth/portal.css';
import './password-reset.css';

export const FORGOT_PATH = '/forgot-password';
export const statePath = (ticket: string) => `${FORGOT_PATH}/${encodeURIComponent(ticket)}`;

interface Values {
  idNumber: string;
  personName: string;
  phone: string;
  captcha?: string;
}

function Shell({ title, children }: { title: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="portal">
      <PortalHeader />
      <main className="portal-main reset-main">
        <Card variant="borderless" className="portal-login-card reset-card" title={title} extra={<Link to="/login">返回登录</Link>}>
          {children}
        </Card>
      </main>
      <PortalFooter />
    </div>
  );
}

function TicketLookup() {
  const navigate = useNavigate();
  return (
    <div className="reset-lookup">
      <Typography.Text strong>已提交过申请？</Typography.Text>
      <Input.Search
        aria-label="申请编号"
        placeholder="输入申请编号查询处理进度"
        enterButton="查询进度"
        maxLength={40}
        onSearch={(v) => v.trim() && navigate(statePath(v.trim()))}
        style={{ marginTop: 8 }}
      />
    </div>
  );
}

export function ForgotPasswordPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ ticket: string; message: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const captcha = useQuery({ queryKey: ['auth', 'captcha', 'reset'], queryFn: authApi.captcha, staleTime: 4 * 60_000, gcTime: 0 });
  const captchaOn = captcha.data?.enabled ?? false;
  const submit = async (v: Values) => {
    setError(null);
    setSubmitting(true);
    try {
      setSent(
        await passwordResetApi.request({
          idNumber: v.idNumber.trim(),
          personName: v.personName.trim(),
          phone: v.phone.trim(),
          captchaId: captcha.data?.captchaId ?? '',
          captcha: v.captcha?.trim() ?? '',
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
      if (captchaOn) {
        form.setFieldValue('captcha', '');
        void captcha.refetch();
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (sent)
    return (
      <Shell title="忘记密码">
        <Result
          status="success"
          title="申请已提交"
          subTitle={sent.message}
          extra={[
            <Button type="primary" key="state" onClick={() => navigate(statePath(sent.ticket))}>
              查询处理进度
            </Button>,
            <Button key="login" onClick={() => navigate('/login')}>
              返回登录
            </Button>,
          ]}
        >
          <div className="reset-ticket">
            <span>申请编号</span>
            <Typography.Text code copyable aria-label="申请编号">
              {sent.ticket}
            </Typography.Text>
          </div>
        </Result>
      </Shell>
    );

  return (
    <Shell title="忘记密码">
      <Alert
        type="info"
        showIcon
        title="请填写账号登记的信息。信息一致的，申请将转给您所在单位的管理员（直属人社部门的人员转人社部门），由其核实身份后为您重置密码并告知临时密码。"
        style={{ marginBottom: 20 }}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form
        form={form}
        name="forgotPassword"
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={submit}
        onValuesChange={() => error && setError(null)}
      >
        <Form.Item label="证件号" name="idNumber" rules={[{ required: true, whitespace: true, message: '请输入证件号' }]}>
          <Input prefix={<IdcardOutlined style={{ color: '#8c8c8c' }} />} placeholder="请输入证件号" maxLength={30} autoComplete="username" />
        </Form.Item>
        <Form.Item label="姓名" name="personName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input prefix={<UserOutlined style={{ color: '#8c8c8c' }} />} placeholder="请输入姓名" maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item
          label="注册手机号"
          name="phone"
          rules={[
            { required: true, whitespace: true, message: '请输入注册时填写的手机号' },
            { pattern: /^1\d{10}$/, message: '请输入11位手机号' },
          ]}
        >
          <Input prefix={<MobileOutlined style={{ color: '#8c8c8c' }} />} placeholder="注册时填写的手机号" maxLength={11} autoComplete="tel" />
        </Form.Item>
        {captchaOn && (
          <Form.Item label="图形验证码" name="captcha" rules={[{ required: true, whitespace: true, message: '请输入图形验证码' }]}>
            <CaptchaInput image={captcha.data?.image} onRefresh={() => void captcha.refetch()} />
          </Form.Item>
        )}
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" block loading={submitting} icon={<KeyOutlined />}>
            提交申请
          </Button>
        </Form.Item>
      </Form>
      <TicketLookup />
    </Shell>
  );
}

const STATE_TAG: Record<ResetState['status'], string> = {
  pending: 'processing',
  done: 'success',
  rejected: 'error',
  cancelled: 'default',
  expired: 'warning',
};
const STATE_TEXT: Record<ResetState['status'], string> = {
  pending: '申请已转给您所在单位的管理员，请保持手机畅通，管理员核实身份后将为您重置密码并告知临时密码。',
  done: '密码已重置。请向单位管理员获取临时密码登录，登录后须立即修改密码。',
  rejected: '单位管理员驳回了申请，请按驳回原因处理，或直接联系单位管理员。',
  cancelled: '您之后又提交了新的申请，本申请已取消，请以最新的申请编号查询。',
  expired: '申请在7天内未被处理，已过期。请重新提交申请，或直接联系单位管理员。',
};

export function ResetStatePage() {
  const { ticket = '' } = useParams();
  const q = useQuery({
    queryKey: ['password-reset', ticket],
    queryFn: () => passwordResetApi.state(ticket),
    retry: false,
    refetchOnWindowFocus: false,
  });
  const s = q.data;
  const step = s ? (s.status === 'pending' ? 1 : 2) : 0;
  return (
    <Shell title="找回密码进度">
      {q.isPending && <Skeleton active paragraph={{ rows: 5 }} />}
      {s && (
        <>
          <Steps
            current={step}
            status={
              s.status === 'rejected' || s.status === 'expired' || s.status === 'cancelled' ? 'error' : s.status === 'done' ? 'finish' : 'process'
            }
            items={[{ title: '提交申请' }, { title: '单位管理员处理' }, { title: s.status === 'done' ? '密码已重置' : '处理完成' }]}
            style={{ marginBottom: 24 }}
          />
          <Descriptions bordered column={1} size="middle" styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="申请编号">
              <Typography.Text code>{s.ticket}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="申请日期">{s.requestedOn}</Descriptions.Item>
            <Descriptions.Item label="处理状态">
              <Space>
                <Tag color={STATE_TAG[s.status]} aria-label="处理状态">
                  {s.statusName}
                </Tag>
                {s.handledAt && <span className="reset-muted">{fmtMinute(s.handledAt)}</span>}
              </Space>
            </Descriptions.Item>
            {s.reason && <Descriptions.Item label="驳回原因">{s.reason}</Descriptions.Item>}
            <Descriptions.Item label="说明">{STATE_TEXT[s.status]}</Descriptions.Item>
          </Descriptions>
          <Space style={{ marginTop: 20 }}>
            {s.status === 'done' && (
              <Link to="/login">
                <Button type="primary">去登录</Button>
              </Link>
            )}
            {(s.status === 'rejected' || s.status === 'expired') && (
              <Link to={FORGOT_PATH}>
                <Button type="primary">重新申请</Button>
              </Link>
            )}
          </Space>
        </>
      )}
      {q.error && (
        <Result
          status={q.error instanceof ApiError && q.error.status === 404 ? 'warning' : 'error'}
          title={q.error instanceof ApiError && q.error.status === 404 ? '未找到该申请' : '暂时无法查询'}
          subTitle={errorMessage(q.error)}
          extra={
            <Link to={FORGOT_PATH}>
              <Button>返回忘记密码</Button>
            </Link>
          }
        />
      )}
      {!q.isPending && <TicketLookup />}
    </Shell>
  );
}
