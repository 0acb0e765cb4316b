/** Pages of 查询统计 (mounted by app/routes.tsx). */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const OverviewPage = page(() => import('./OverviewPage'), 'OverviewPage');
const CompletionPage = page(() => import('./CompletionPage'), 'CompletionPage');
const TitlesPage = page(() => import('./TitlesPage'), 'TitlesPage');

export const STATS_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/stats/overview', rule: { permission: 'stats.view' }, Component: OverviewPage },
  { path: '/stats/completion', rule: { permission: 'stats.view' }, Component: CompletionPage },
  { path: '/stats/titles', rule: { permission: 'stats.view' }, Component: TitlesPage },
];
