import { api, download } from '../../app/api';
import type { Items, Ok, Page } from '../../app/types';
import type { IdType } from '@hbzsgx/domain';

export interface Admin {
  id: number;
  userId: number;
  name: string;
  idType: IdType;
  idNumberMasked: string;
  phoneMasked: string | null;
  email: string | null;
  departmentId: number | null;
  departmentName: string | null;
  isSuper: boolean;
  createdAt: string;
  roles: { id: number; name: string }[];
}
export interface AdminFilters {
  keyword?: string;
  departmentId?: number;
}
export interface Candidate {
  userId: number;
  name: string;
  idNumberMasked: string;
  departmentId: number | null;
}
export interface Identity {
  idType: IdType;
  idNumber: string;
  phone: string;
}

export type AdminCreate =
  | { mode: 'select'; userId: number; departmentId: number; roleIds: number[] }
  | {
      mode: 'register';
      idType: IdType;
      idNumber: string;
      password: string;
      confirmPassword: string;
      realName: string;
      phone: string;
      email: string;
      landline?: string;
      departmentId: number;
      roleIds: number[];
    }
  | { mode: 'existing'; idType: IdType; idNumber: string; password: string; departmentId: number; roleIds: number[] };

export const ADMINS_KEY = ['admins'] as const;

export const adminsApi = {
  list: (q: AdminFilters & { page: number; pageSize: number }) => api.get<Page<Admin>>('/api/admins', q),
  exportXlsx: (q: AdminFilters) => download('/api/admins/export', q, '管理员列表.xlsx'),
  candidates: (departmentId?: number) => api.get<Items<Candidate>>('/api/admins/candidates', { departmentId }),
  create: (body: AdminCreate) => api.post<{ id: number; userId: number }>('/api/admins', body),
  setRoles: (id: number, roleIds: number[]) => api.put<Ok>(`/api/admins/${id}/roles`, { roleIds }),
  makeSuper: (id: number) => api.post<Ok>(`/api/admins/${id}/make-super`),
  remove: (id: number) => api.del<Ok>(`/api/admins/${id}`),
  identity: (id: number) => api.get<Identity>(`/api/admins/${id}/identity`),
};
