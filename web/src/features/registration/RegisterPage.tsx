/** 注册 (public): choose the type, fill in the form, done — the registrant can log in at once to follow the review. */
import { useState } from 'react';
import { Button, Card, Result, Space, Steps, Tag, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, BookOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { LoginPrefill } from '../auth/LoginForm';
import { PortalFooter, PortalHeader } from '../auth/PortalHeader';
import { OrgRegisterForm, PersonnelRegisterForm, type Registered } from './RegisterForms';
import type { RegisterKind } from './api';
import '../auth/portal.css';
import './registration.css';

export const REGISTER_KINDS: { kind: RegisterKind; title: string; icon: React.ReactNode; text: string; reviewer: string }[] = [
  { kind: 'personnel', title: '专业技术人员', icon: <UserOutlined />, text: '在用人单位从事专业技术工作的人员', reviewer: '所在单位' },
  {
    kind: 'employer',
    title: '用人单位',
    icon: <BankOutlined />,
    text: '机关、企事业单位、社会组织等聘用专业技术人员的单位',
    reviewer: '上级主管部门或人社部门',
  },
  { kind: 'authority', title: '主管部门', icon: <ApartmentOutlined />, text: '行业主管部门，如教育局、卫生健康委员会', reviewer: '所在地人社部门' },
  { kind: 'base', title: '继续教育基地', icon: <BookOutlined />, text: '承担专业技术人员继续教育培训的基地（机构）', reviewer: '所在地人社部门' },
  { kind: 'hr', title: '人社部门', icon: <SafetyCertificateOutlined />, text: '市州、县区人力资源和社会保障部门', reviewer: '上一级人社部门' },
];

function KindChooser({ onChoose }: { onChoose: (k: RegisterKind) => void }) {
  return (
    <>
      <Typography.Paragraph type="secondary">请选择注册类型。注册信息提交后由相应单位审核，审核期间可以登录查看进度。</Typography.Paragraph>
      <div className="register-kinds">
        {REGISTER_KINDS.map((k) => (
          <button key={k.kind} type="button" className="register-kind" onClick={() => onChoose(k.kind)} aria-label={k.title}>
            <span className="register-kind-icon">{k.icon}</span>
            <span className="register-kind-title">{k.title}</span>
            <span className="register-kind-text">{k.text}</span>
            <span className="register-kind-reviewer">由{k.reviewer}审核</span>
          </button>
        ))}
      </div>
    </>
  );
}

export function RegisterPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const chosen = REGISTER_KINDS.find((k) => k.kind === params.get('type'));
  const [done, setDone] = useState<Registered | null>(null);
  const step = done ? 2 : chosen ? 1 : 0;

  const choose = (k: RegisterKind | null) => {
    setParams(k ? { type: k } : {});
    window.scrollTo({ top: 0 });
  };
  const finished = (r: Registered) => {
    setDone(r);
    window.scrollTo({ top: 0 });
  };
  const toLogin = () => navigate('/login', { state: { loginType: chosen?.kind, account: done?.account } satisfies LoginPrefill });

  return (
    <div className="portal">
      <PortalHeader />
      <main className="portal-main register-main">
        <Card variant="borderless" className="portal-login-card register-card" title="用户注册" extra={<Link to="/login">已有账号？返回登录</Link>}>
          <Steps
            current={step}
            status={done ? 'finish' : 'process'}
            size="small"
            className="register-steps"
            items={[{ title: '选择注册类型' }, { title: '填写注册信息' }, { title: '提交审核' }]}
          />
          {step === 0 && <KindChooser onChoose={choose} />}
          {step === 1 && chosen && (
            <>
              <div className="register-chosen">
                <Space>
                  <span>注册类型：</span>
                  <Tag color="blue" icon={chosen.icon} style={{ fontSize: 14, padding: '2px 10px' }}>
                    {chosen.title}
                  </Tag>
                  <Button type="link" size="small" onClick={() => choose(null)}>
                    重新选择
                  </Button>
                </Space>
                <Typography.Text type="secondary">
                  带 <span style={{ color: '#ff4d4f' }}>*</span> 的为必填项
                </Typography.Text>
              </div>
              {chosen.kind === 'personnel' ? (
                <PersonnelRegisterForm onBack={() => choose(null)} onDone={finished} />
              ) : (
                <OrgRegisterForm key={chosen.kind} type={chosen.kind} onBack={() => choose(null)} onDone={finished} />
              )}
            </>
          )}
          {step === 2 && (
            <Result
              status="success"
              title="注册已提交，可直接登录查看审核进度"
              subTitle={
                <>
                  您的{chosen?.title ?? ''}注册申请已提交，将由{chosen?.reviewer ?? '相应单位'}审核。
                  <br />
                  审核期间请使用证件号和设置的密码登录，查看审核进度；审核通过后即可使用平台的全部功能。
                </>
              }
              extra={
                <Button type="primary" size="large" onClick={toLogin}>
                  去登录
                </Button>
              }
            />
          )}
        </Card>
      </main>
      <PortalFooter />
    </div>
  );
}
