/** Pages of 年度工作材料报送 (mounted by app/routes.tsx). */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

const MaterialsPage = lazy(async () => ({ default: (await import('./MaterialsPage')).MaterialsPage }));

export const MATERIALS_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/materials', rule: { permission: 'materials.manage' }, Component: MaterialsPage },
];
