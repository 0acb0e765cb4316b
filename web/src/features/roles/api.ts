import { useQuery } from '@tanstack/react-query';
import type { okResponse, permissionCatalogue, role, roleBody, roleList, roleRecord, Wire } from '@hbzsgx/domain';
import { api, download } from '../../app/api';

export type Role = Wire<typeof role>;
export type RoleBody = Wire<typeof roleBody>;
type RoleRecord = Wire<typeof roleRecord>;

export const ROLES_KEY = ['roles'] as const;

export const rolesApi = {
  list: () => api.get<Wire<typeof roleList>>('/api/roles'),
  exportXlsx: () => download('/api/roles/export', undefined, '角色列表.xlsx'),
  catalogue: () => api.get<Wire<typeof permissionCatalogue>>('/api/roles/catalogue'),
  create: (body: RoleBody) => api.post<RoleRecord>('/api/roles', body),
  update: (id: number, body: RoleBody) => api.put<RoleRecord>(`/api/roles/${id}`, body),
  remove: (id: number) => api.del<Wire<typeof okResponse>>(`/api/roles/${id}`),
};

export function useRoles() {
  return useQuery({ queryKey: ROLES_KEY, queryFn: rolesApi.list, select: (d) => d.items });
}

export function useCatalogue() {
  return useQuery({ queryKey: ['roles', 'catalogue'], queryFn: rolesApi.catalogue, staleTime: Infinity });
}
