/**
 * Route guards: a session is required, the password change comes first, a registrant reaches only its status page,
 * and the page's rule must hold.
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Result } from 'antd';
import { isRegistrant, useSession } from './session';
import { allows, type RouteRule } from './access';
import { ForbiddenPage, FullPageSpin } from './ErrorPages';
import { errorMessage } from './api';

/** The only page of the shell a registrant (registration pending or rejected) may open. */
export const REGISTRATION_PATH = '/registration';

export function RequireSession({ children }: { children: ReactNode }) {
  const { me, loading, error } = useSession();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (error) return <Result status="error" title="加载失败" subTitle={errorMessage(error)} />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (me.mustChangePassword) return <Navigate to="/change-password" replace />;
  if (isRegistrant(me) && location.pathname !== REGISTRATION_PATH) return <Navigate to={REGISTRATION_PATH} replace />;
  return <>{children}</>;
}

export function RequireRule({ rule, children }: { rule: RouteRule; children: ReactNode }) {
  const { me } = useSession();
  if (!allows(me, rule)) return <ForbiddenPage />;
  return <>{children}</>;
}
