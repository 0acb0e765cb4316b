import { useEffect, useMemo, useState } from 'react';
import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import type { MenuItem } from '@hbzsgx/domain';
import { groupKeys, menuChain, toMenuItems } from './menu';

export function SideMenu({ menus, collapsed }: { menus: MenuItem[]; collapsed: boolean }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const items = useMemo(() => toMenuItems(menus), [menus]);
  const chain = useMemo(() => menuChain(menus, pathname), [menus, pathname]);
  const current = chain.at(-1)?.path;
  const [openKeys, setOpenKeys] = useState<string[]>(() => groupKeys(chain));
  // Navigation runs in a transition: while the next page's code loads, `pathname` (and so `current`) still names the
  // page being left. The clicked entry is selected at once, so that exactly one entry — the one asked for — is selected.
  const [clicked, setClicked] = useState<string | null>(null);
  useEffect(() => setClicked(null), [current]);
  const selected = clicked ?? current;

  // Opening a page from elsewhere (dashboard todo, link) also opens its menu group.
  useEffect(() => {
    const need = groupKeys(chain);
    setOpenKeys((cur) => (need.every((k) => cur.includes(k)) ? cur : [...new Set([...cur, ...need])]));
  }, [chain]);

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      openKeys={collapsed ? undefined : openKeys}
      onOpenChange={(keys) => setOpenKeys(keys)}
      onClick={({ key }) => {
        if (!key.startsWith('/')) return;
        if (key !== current) setClicked(key);
        navigate(key);
      }}
    />
  );
}
