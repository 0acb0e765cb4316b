import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api';
import type { Me } from './types';

export const ME_KEY = ['auth', 'me'] as const;

export function fetchMe(): Promise<Me> {
  return api.get<Me>('/api/auth/me');
}

/** The current session (null when not logged in). */
export function useSession() {
  const q = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await fetchMe();
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
  return { me: q.data ?? null, loading: q.isPending, error: q.error, refetch: q.refetch };
}

/** The current session where the route guard has already made sure there is one. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe() outside an authenticated route');
  return me;
}

export function useRefreshSession() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ME_KEY });
}

/** Whether the session is a registrant whose registration is not approved yet (pending or rejected). */
export function isRegistrant(me: Me | null | undefined): boolean {
  return !!me && me.registration !== 'active';
}

/** Where a logged-in user lands: the forced password change first, then a registrant's status page, else the workspace. */
export function homePath(me: Me): string {
  if (me.mustChangePassword) return '/change-password';
  if (isRegistrant(me)) return '/registration';
  return '/dashboard';
}
