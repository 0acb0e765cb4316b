/** Pages of 培训班管理, 学员成绩管理, 年度培训计划/工作总结 and their HR review (mounted by app/routes.tsx). */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const ClassesPage = page(() => import('./ClassesPage'), 'ClassesPage');
const ScoresPage = page(() => import('./ScoresPage'), 'ScoresPage');
const AnnualPlanPage = page(() => import('./AnnualDocsPage'), 'AnnualPlanPage');
const AnnualSummaryPage = page(() => import('./AnnualDocsPage'), 'AnnualSummaryPage');
const BaseClassReviewPage = page(() => import('./ClassReviewPage'), 'BaseClassReviewPage');
const AnnualPlanReviewPage = page(() => import('./AnnualReviewPage'), 'AnnualPlanReviewPage');
const AnnualSummaryReviewPage = page(() => import('./AnnualReviewPage'), 'AnnualSummaryReviewPage');

export const TRAINING_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/training/classes', rule: { permission: 'class.manage' }, Component: ClassesPage },
  { path: '/training/scores', rule: { permission: 'score.manage' }, Component: ScoresPage },
  { path: '/training/annual/plan', rule: { permission: 'annual.manage' }, Component: AnnualPlanPage },
  { path: '/training/annual/summary', rule: { permission: 'annual.manage' }, Component: AnnualSummaryPage },
  { path: '/training/class-review', rule: { permission: 'class.review' }, Component: BaseClassReviewPage },
  { path: '/training/annual-review/plan', rule: { permission: 'annual.review' }, Component: AnnualPlanReviewPage },
  { path: '/training/annual-review/summary', rule: { permission: 'annual.review' }, Component: AnnualSummaryReviewPage },
];
