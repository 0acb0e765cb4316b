/** Top-right: the user's name and organisation; 我的导出, 修改密码 and 退出登录. */
import { useState } from 'react';
import { App, Avatar, Dropdown, Space, Typography, type MenuProps } from 'antd';
import { DownOutlined, FileZipOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { Me } from '../types';
import { useLogout } from '../../features/auth/useLogout';
import { ChangePasswordModal } from './ChangePasswordModal';
import { MY_EXPORTS_PATH } from '../../features/exports/routes';

export function UserMenu({ me }: { me: Me }) {
  const { modal } = App.useApp();
  const logout = useLogout();
  const navigate = useNavigate();
  const [pwOpen, setPwOpen] = useState(false);

  const confirmLogout = () =>
    modal.confirm({
      title: '退出登录',
      content: '确定要退出登录吗？',
      okText: '退出',
      cancelText: '取消',
      onOk: () => logout.mutateAsync().catch(() => undefined),
    });

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div style={{ maxWidth: 260 }}>
          <div style={{ color: '#1f1f1f', fontWeight: 500 }}>
            {me.user.name}
            {me.isSuper ? '（超级管理员）' : ''}
          </div>
          <div style={{ fontSize: 12 }}>{me.org.name}</div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'exports', icon: <FileZipOutlined />, label: '我的导出' },
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  return (
    <>
      <Dropdown
        trigger={['click', 'hover']}
        placement="bottomRight"
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'exports') void navigate(MY_EXPORTS_PATH);
            if (key === 'password') setPwOpen(true);
            if (key === 'logout') confirmLogout();
          },
        }}
      >
        <button type="button" className="user-trigger" aria-label="用户菜单">
          <Space size={10}>
            <Avatar size={32} icon={<UserOutlined />} style={{ background: '#1657b8' }} />
            <span className="user-trigger-text">
              <span className="user-trigger-name">{me.user.name}</span>
              <Typography.Text type="secondary" className="user-trigger-org" ellipsis>
                {me.org.name}
              </Typography.Text>
            </span>
            <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
          </Space>
        </button>
      </Dropdown>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </>
  );
}
