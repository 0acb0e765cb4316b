import { useMemo } from 'react';
import { Breadcrumb } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import type { MenuItem } from '@hbzsgx/domain';
import { menuChain } from './menu';
import { MY_EXPORTS_PATH } from '../../features/exports/routes';
import { MESSAGES_PATH } from '../../features/messages/routes';

/** Pages reached from the header (bell, user menu), not from the side menu. */
const HEADER_PAGES: Record<string, string> = { [MESSAGES_PATH]: '我的消息', [MY_EXPORTS_PATH]: '我的导出' };

/** `home` false leaves out the 工作台 link (a registrant has no workspace yet). */
export function Breadcrumbs({ menus, home = true }: { menus: MenuItem[]; home?: boolean }) {
  const { pathname } = useLocation();
  const items = useMemo(() => {
    const chain = menuChain(menus, pathname).filter((m) => m.path !== '/dashboard');
    return [
      ...(home
        ? [
            {
              key: 'home',
              title: (
                <Link to="/dashboard" aria-label="工作台">
                  <HomeOutlined /> 工作台
                </Link>
              ),
            },
          ]
        : []),
      ...chain.map((m, i) => ({
        key: m.key,
        title: m.path && i < chain.length - 1 ? <Link to={m.path}>{m.title}</Link> : m.title,
      })),
      ...(!chain.length && HEADER_PAGES[pathname] ? [{ key: pathname, title: HEADER_PAGES[pathname] }] : []),
    ];
  }, [menus, pathname, home]);
  return <Breadcrumb items={items} />;
}
