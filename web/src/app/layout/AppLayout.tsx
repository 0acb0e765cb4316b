/** The workspace shell: dark side menu from me.menus, header with breadcrumbs and the user menu. */
import { Suspense, useState } from 'react';
import { Layout } from 'antd';
import { Outlet } from 'react-router';
import { isRegistrant, useMe } from '../session';
import { PageSpin } from '../ErrorPages';
import { SideMenu } from './SideMenu';
import { Breadcrumbs } from './Breadcrumbs';
import { UserMenu } from './UserMenu';
import { MessageBell } from '../../features/messages/MessageBell';
import { ExportJobModal } from '../../features/exports/ExportJobModal';
import './layout.css';

export function AppLayout() {
  const me = useMe();
  const [collapsed, setCollapsed] = useState(false);
  return (
    <Layout className="shell">
      <Layout.Sider width={248} collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" className="shell-sider">
        <div className="shell-logo" title="湖北省专业技术人员继续教育公共服务平台">
          <img src="/favicon.svg" alt="" width={30} height={30} />
          {!collapsed && (
            <div className="shell-logo-text">
              <div>湖北省专业技术人员</div>
              <div>继续教育公共服务平台</div>
            </div>
          )}
        </div>
        <SideMenu menus={me.menus} collapsed={collapsed} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <Breadcrumbs menus={me.menus} home={!isRegistrant(me)} />
          <div className="shell-header-right">
            <MessageBell />
            <UserMenu me={me} />
          </div>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="shell-footer">湖北省专业技术人员继续教育公共服务平台</Layout.Footer>
        <ExportJobModal />
      </Layout>
    </Layout>
  );
}
