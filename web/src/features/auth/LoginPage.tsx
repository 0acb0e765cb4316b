import { Button, Card, Divider, Typography } from 'antd';
import { AuditOutlined, BankOutlined, BarChartOutlined, FileProtectOutlined, SolutionOutlined, UserAddOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { LoginForm } from './LoginForm';
import { VerifyBox } from './VerifyBox';
import { HomeNoticesCard } from '../announcements/HomeNoticesCard';
import { PortalFooter, PortalHeader } from './PortalHeader';
import './portal.css';

const FEATURES = [
  { icon: <SolutionOutlined />, title: '学时登记', text: '培训学时在线申报、逐级审核，年度学时一目了然' },
  { icon: <AuditOutlined />, title: '审核管理', text: '注册、变更、培训计划及学时审核集中办理' },
  { icon: <BarChartOutlined />, title: '统计分析', text: '辖区继续教育完成情况实时统计，数据随时掌握' },
  { icon: <FileProtectOutlined />, title: '电子证书', text: '年度学时证明在线打印，扫码即可核验真伪' },
];

export function LoginPage() {
  const navigate = useNavigate();
  return (
    <div className="portal">
      <PortalHeader />
      <main className="portal-main">
        <section className="portal-intro">
          <Typography.Title level={2} className="portal-intro-title">
            服务全省专业技术人员继续教育
          </Typography.Title>
          <Typography.Paragraph className="portal-intro-text">
            依据《专业技术人员继续教育规定》，专业技术人员每年参加继续教育的时间累计不少于90学时，其中专业科目一般不少于总学时的三分之二。
            本平台为专业技术人员、用人单位、主管部门、继续教育基地和各级人社部门提供学时登记、审核、统计与证书查询服务。
          </Typography.Paragraph>
          <div className="portal-features">
            {FEATURES.map((f) => (
              <div key={f.title} className="portal-feature">
                <span className="portal-feature-icon">{f.icon}</span>
                <div>
                  <div className="portal-feature-title">{f.title}</div>
                  <div className="portal-feature-text">{f.text}</div>
                </div>
              </div>
            ))}
          </div>
          <HomeNoticesCard />
          <VerifyBox />
        </section>
        <Card title="管理人员登录" className="portal-login-card" variant="borderless">
          <LoginForm />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            首次登录请使用单位下发的初始密码，登录后须立即修改密码。连续5次输错密码，账号将被锁定15分钟。
          </Typography.Text>
          <Divider plain className="portal-register-divider">
            还没有账号？
          </Divider>
          <div className="portal-register-actions">
            <Button icon={<UserAddOutlined />} onClick={() => navigate('/register?type=personnel')}>
              专业技术人员注册
            </Button>
            <Button icon={<BankOutlined />} onClick={() => navigate('/register')}>
              单位注册
            </Button>
          </div>
        </Card>
      </main>
      <PortalFooter />
    </div>
  );
}
