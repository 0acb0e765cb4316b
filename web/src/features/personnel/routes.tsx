/** Pages of 专技人员信息查询与批量导入 (mounted by app/routes.tsx). */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

const PersonnelPage = lazy(async () => ({ default: (await import('./PersonnelPage')).PersonnelPage }));

export const PERSONNEL_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/personnel', rule: { permission: 'personnel.view' }, Component: PersonnelPage },
];
