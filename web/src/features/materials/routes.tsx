/** Pages of 年度工作材料报送 (mounted by app/routes.tsx). */
import type { ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

export const MATERIALS_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [];
