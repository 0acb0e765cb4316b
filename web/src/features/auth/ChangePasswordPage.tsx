/** Forced password change (first login, or after an admin reset): nothing else is reachable before it. */
import { Button, Card, Result, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { FullPageSpin } from '../../app/ErrorPages';
import { feedback } from '../../app/feedback';
import { ME_KEY, homePath, useSession } from '../../app/session';
import type { Me } from '../../app/types';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useLogout } from './useLogout';
import { PortalFooter, PortalHeader } from './PortalHeader';
import './portal.css';

export function ChangePasswordPage() {
  const { me, loading } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = useLogout();

  if (loading) return <FullPageSpin />;
  if (!me) return <Navigate to="/login" replace />;

  const done = async () => {
    await qc.invalidateQueries({ queryKey: ME_KEY });
    feedback.success('密码修改成功');
    const next = qc.getQueryData<Me | null>(ME_KEY);
    navigate(next ? homePath(next) : '/dashboard', { replace: true });
  };

  return (
    <div className="portal">
      <PortalHeader />
      <main className="portal-main">
        <div className="portal-narrow">
          <Card variant="borderless" className="portal-login-card" style={{ width: '100%' }} title="修改密码">
            {me.mustChangePassword ? (
              <>
                <Typography.Paragraph>
                  {me.user.name}，您好！为保障账号安全，首次登录或密码被重置后，须先修改密码才能使用平台的其他功能。
                </Typography.Paragraph>
                <ChangePasswordForm onDone={done} submitText="修改密码并进入平台" />
                <div style={{ marginTop: 12, textAlign: 'center' }}>
                  <Button type="link" onClick={() => logout.mutate()} loading={logout.isPending}>
                    暂不修改，退出登录
                  </Button>
                </div>
              </>
            ) : (
              <Result
                status="success"
                title="您的密码无需修改"
                extra={
                  <Button type="primary" onClick={() => navigate(homePath(me))}>
                    进入工作台
                  </Button>
                }
              />
            )}
          </Card>
        </div>
      </main>
      <PortalFooter />
    </div>
  );
}
