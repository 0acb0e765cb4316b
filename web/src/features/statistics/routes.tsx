/** Pages of 查询统计 (mounted by app/routes.tsx). */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const OverviewPage = page(() => import('./OverviewPage'), 'OverviewPage');
const CompletionPage = page(() => import('./CompletionPage'), 'CompletionPage');
const TitlesPage = page(() => import('./TitlesPage'), 'TitlesPage');
const WorkplaceCompletionPage = page(() => import('./WorkplaceCompletionPage'), 'WorkplaceCompletionPage');
/** HR's region statistics; 用人单位 and 主管部门 hold stats.view for their own 完成情况 (本单位/所属单位). */
const HR = ['hr'] as const;
const UNITS = ['employer', 'authority'] as const;

export const STATS_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/stats/overview', rule: { permission: 'stats.view', orgTypes: HR }, Component: OverviewPage },
  { path: '/stats/completion', rule: { permission: 'stats.view', orgTypes: HR }, Component: CompletionPage },
  { path: '/stats/titles', rule: { permission: 'stats.view', orgTypes: HR }, Component: TitlesPage },
  { path: '/stats/workplace', rule: { permission: 'stats.view', orgTypes: UNITS }, Component: WorkplaceCompletionPage },
];
