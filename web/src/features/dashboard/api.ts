import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface Todo {
  key: string;
  title: string;
  path: string;
  count: number;
}
export interface Dashboard {
  todos: Todo[];
  summary: { label: string; value: number }[];
}

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<Dashboard>('/api/dashboard'), refetchInterval: 60_000 });
}
