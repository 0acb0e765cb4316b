/** Pages of 查询统计 (mounted by app/routes.tsx). */
import type { ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

export const STATS_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [];
