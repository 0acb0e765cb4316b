import { useQuery } from '@tanstack/react-query';
import type { dashboard, myOverview, todo, Wire } from '@hbzsgx/domain';
import { api } from '../../app/api';

export type Todo = Wire<typeof todo>;
export type Dashboard = Wire<typeof dashboard>;

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<Dashboard>('/api/dashboard'), refetchInterval: 60_000 });
}

export type MyOverview = Wire<typeof myOverview>;
/** 我的工作台 (a professional's own): under ['dashboard'], so whatever refreshes the 工作台 refreshes it too. */
export function useMyOverview() {
  return useQuery({ queryKey: ['dashboard', 'me'], queryFn: () => api.get<MyOverview>('/api/me/overview') });
}
