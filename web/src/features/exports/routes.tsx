/** 我的导出 (mounted by app/routes.tsx; reached from the user menu). */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

const MyExportsPage = lazy(async () => ({ default: (await import('./MyExportsPage')).MyExportsPage }));

export const MY_EXPORTS_PATH = '/me/exports';
export const EXPORT_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: MY_EXPORTS_PATH, rule: { authenticated: true }, Component: MyExportsPage },
];
