import type {
  ExportFormat,
  adminCandidate,
  adminCandidates,
  adminCreateBody,
  adminCreated,
  adminIdentity,
  adminList,
  adminRow,
  okResponse,
  Wire,
} from '@hbzsgx/domain';
import { api, download } from '../../app/api';

export type Admin = Wire<typeof adminRow>;
export interface AdminFilters {
  keyword?: string;
  departmentId?: number;
}
export type Candidate = Wire<typeof adminCandidate>;
export type Identity = Wire<typeof adminIdentity>;
export type AdminCreate = Wire<typeof adminCreateBody>;
type Ok = Wire<typeof okResponse>;

export const ADMINS_KEY = ['admins'] as const;

export const adminsApi = {
  list: (q: AdminFilters & { page: number; pageSize: number }) => api.get<Wire<typeof adminList>>('/api/admins', q),
  exportXlsx: (q: AdminFilters, format: ExportFormat = 'xlsx') => download('/api/admins/export', { ...q, format }, `管理员列表.${format}`),
  candidates: (departmentId?: number) => api.get<Wire<typeof adminCandidates>>('/api/admins/candidates', { departmentId }),
  create: (body: AdminCreate) => api.post<Wire<typeof adminCreated>>('/api/admins', body),
  setRoles: (id: number, roleIds: number[]) => api.put<Ok>(`/api/admins/${id}/roles`, { roleIds }),
  makeSuper: (id: number) => api.post<Ok>(`/api/admins/${id}/make-super`),
  remove: (id: number) => api.del<Ok>(`/api/admins/${id}`),
  identity: (id: number) => api.get<Identity>(`/api/admins/${id}/identity`),
};
