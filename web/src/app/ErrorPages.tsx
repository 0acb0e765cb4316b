import { Button, Result, Spin } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from './session';
import { menuChain } from './layout/menu';

export function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您没有访问此页面的权限。如需开通，请联系本单位超级管理员分配角色。"
      extra={
        <Button type="primary" onClick={() => navigate('/dashboard')}>
          返回工作台
        </Button>
      }
    />
  );
}

/** Unknown paths: 404, except entries of the user's own menu whose page is not built yet. */
export function NotFoundPage() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { me } = useSession();
  const entry = me ? menuChain(me.menus, pathname).at(-1) : undefined;
  if (entry) {
    return (
      <Result
        status="info"
        title={`${entry.title}`}
        subTitle="该功能正在建设中，敬请期待。"
        extra={
          <Button type="primary" onClick={() => navigate('/dashboard')}>
            返回工作台
          </Button>
        }
      />
    );
  }
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Button type="primary" onClick={() => navigate('/dashboard')}>
          返回工作台
        </Button>
      }
    />
  );
}

export function FullPageSpin() {
  return (
    <div className="full-center">
      <Spin size="large" description="正在加载…" />
    </div>
  );
}

export function PageSpin() {
  return (
    <div style={{ padding: 80, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}
