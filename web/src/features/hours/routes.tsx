/** Pages of 学时审核, 学时审验, 学时政策设置 and the person's 我的学时 (mounted by app/routes.tsx). */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const BaseClaimReviewPage = page(() => import('./ClaimReviewPage'), 'BaseClaimReviewPage');
const EmployerClaimReviewPage = page(() => import('./PlanClaimReviewPage'), 'EmployerClaimReviewPage');
const PersonalClaimReviewPage = page(() => import('./ClaimReviewPage'), 'PersonalClaimReviewPage');
const UnitPlanReviewPage = page(() => import('../training/ClassReviewPage'), 'UnitPlanReviewPage');
const PersonalReviewPage = page(() => import('./PersonalReviewPage'), 'PersonalReviewPage');
const AuditPage = page(() => import('./AuditPage'), 'AuditPage');
const PolicyPage = page(() => import('./PolicyPage'), 'PolicyPage');
const MyHoursPage = page(() => import('../my-hours/MyHoursPage'), 'MyHoursPage');

export const HOURS_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/hours/review/base', rule: { permission: 'claim.review' }, Component: BaseClaimReviewPage },
  { path: '/hours/review/employer', rule: { permission: 'claim.review' }, Component: EmployerClaimReviewPage },
  { path: '/hours/review/personal', rule: { permission: 'claim.review' }, Component: PersonalClaimReviewPage },
  { path: '/hours/unit-plans', rule: { permission: 'class.review' }, Component: UnitPlanReviewPage },
  { path: '/hours/personal-review', rule: { permission: 'claim.unitReview' }, Component: PersonalReviewPage },
  { path: '/hours/audit', rule: { permission: 'claim.audit' }, Component: AuditPage },
  { path: '/hours/policy', rule: { permission: 'policy.manage' }, Component: PolicyPage },
  { path: '/me/hours', rule: { kind: 'personnel' }, Component: MyHoursPage },
];
