import { useQuery } from '@tanstack/react-query';
import { api, download } from '../../app/api';
import type { Items, Ok } from '../../app/types';

export interface Role {
  id: number;
  orgId: number;
  name: string;
  description: string;
  permissions: string[];
  createdAt: string;
  updatedAt: string;
  adminCount: number;
}
export interface RoleBody {
  name: string;
  description: string;
  permissions: string[];
}
export interface Catalogue {
  groups: { group: string; permissions: { code: string; name: string }[] }[];
}

export const ROLES_KEY = ['roles'] as const;

export const rolesApi = {
  list: () => api.get<Items<Role>>('/api/roles'),
  exportXlsx: () => download('/api/roles/export', undefined, '角色列表.xlsx'),
  catalogue: () => api.get<Catalogue>('/api/roles/catalogue'),
  create: (body: RoleBody) => api.post<Role>('/api/roles', body),
  update: (id: number, body: RoleBody) => api.put<Role>(`/api/roles/${id}`, body),
  remove: (id: number) => api.del<Ok>(`/api/roles/${id}`),
};

export function useRoles() {
  return useQuery({ queryKey: ROLES_KEY, queryFn: rolesApi.list, select: (d) => d.items });
}

export function useCatalogue() {
  return useQuery({ queryKey: ['roles', 'catalogue'], queryFn: rolesApi.catalogue, staleTime: Infinity });
}
