/** Pages of 专技人员信息查询与批量导入 (mounted by app/routes.tsx). */
import type { ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

export const PERSONNEL_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [];
