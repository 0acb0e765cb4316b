/**
 * Reacts to authentication events of the API client: session gone → /login, password change due → /change-password,
 * registration not (or no longer) approved → /registration.
 */
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { onAuthEvent } from './api';
import { feedback } from './feedback';
import { queryClient } from './queryClient';
import { ME_KEY } from './session';

const PUBLIC_PATHS = new Set(['/', '/login', '/register']);

export function AuthEventsBridge() {
  const navigate = useNavigate();
  const location = useLocation();
  const path = location.pathname;

  useEffect(
    () =>
      onAuthEvent((e) => {
        if (e.type === 'unauthorized') {
          if (PUBLIC_PATHS.has(path)) return;
          if (e.expired) feedback.warning('登录已超时，请重新登录', 'session-expired');
          queryClient.setQueryData(ME_KEY, null);
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
          navigate('/login', { replace: true, state: { from: path } });
        } else if (e.type === 'password-change-required') {
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
          if (path !== '/change-password') navigate('/change-password', { replace: true });
        } else {
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
          if (path !== '/registration') navigate('/registration', { replace: true });
        }
      }),
    [navigate, path],
  );
  return null;
}
