/** The left menu and the breadcrumbs both come from `me.menus` (already filtered by the server). */
import type { ReactNode } from 'react';
import type { MenuProps } from 'antd';
import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  DashboardOutlined,
  FileTextOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuItem } from '@hbzsgx/domain';

const ICONS: Record<string, ReactNode> = {
  dashboard: <DashboardOutlined />,
  team: <TeamOutlined />,
  setting: <SettingOutlined />,
  user: <UserOutlined />,
  audit: <AuditOutlined />,
  book: <BookOutlined />,
  solution: <SolutionOutlined />,
  file: <FileTextOutlined />,
  safety: <SafetyCertificateOutlined />,
  chart: <BarChartOutlined />,
  notification: <NotificationOutlined />,
};

type AntItem = NonNullable<MenuProps['items']>[number];

/** Leaves are keyed by their path (so selecting one navigates), groups by their key. */
export function toMenuItems(menus: MenuItem[], depth = 0): AntItem[] {
  return menus.map((m): AntItem => {
    const icon = m.icon ? (ICONS[m.icon] ?? <AppstoreOutlined />) : undefined;
    if (m.children?.length) return { key: `group:${m.key}`, label: m.title, icon, children: toMenuItems(m.children, depth + 1) };
    return { key: m.path ?? m.key, label: m.title, icon };
  });
}

/** The chain of menu entries from the root to the entry whose path is `pathname`, or []. */
export function menuChain(menus: MenuItem[], pathname: string): MenuItem[] {
  for (const m of menus) {
    if (m.path && (pathname === m.path || pathname.startsWith(m.path + '/'))) return [m];
    if (m.children) {
      const sub = menuChain(m.children, pathname);
      if (sub.length) return [m, ...sub];
    }
  }
  return [];
}

export function groupKeys(chain: MenuItem[]): string[] {
  return chain.filter((m) => m.children?.length).map((m) => `group:${m.key}`);
}
