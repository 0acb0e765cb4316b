/** 培训报名 (mounted by app/routes.tsx): the catalogue and 我的报名 of a professional. */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

const EnrolmentPage = lazy(async () => ({ default: (await import('./EnrolmentPage')).EnrolmentPage }));

export const ENROLMENT_PATH = '/me/enrolment';
export const ENROLMENT_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: ENROLMENT_PATH, rule: { kind: 'personnel' }, Component: EnrolmentPage },
];
