/** 忘记密码 (public pages, mounted by app/routes.tsx) and 找回密码申请 (the unit's queue). */
import { lazy, type ComponentType } from 'react';
import type { RouteRule } from '../../app/access';

const PasswordResetsPage = lazy(async () => ({ default: (await import('./PasswordResetsPage')).PasswordResetsPage }));
export const ForgotPasswordPage = lazy(async () => ({ default: (await import('./ForgotPasswordPage')).ForgotPasswordPage }));
export const ResetStatePage = lazy(async () => ({ default: (await import('./ForgotPasswordPage')).ResetStatePage }));

export const PASSWORD_RESET_PAGES: { path: string; rule: RouteRule; Component: ComponentType }[] = [
  { path: '/password-resets', rule: { permission: 'personnel.manage' }, Component: PasswordResetsPage },
];
