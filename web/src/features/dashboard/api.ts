import { useQuery } from '@tanstack/react-query';
import type { dashboard, todo, Wire } from '@hbzsgx/domain';
import { api } from '../../app/api';

export type Todo = Wire<typeof todo>;
export type Dashboard = Wire<typeof dashboard>;

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<Dashboard>('/api/dashboard'), refetchInterval: 60_000 });
}
