import { api, download } from '../../app/api';
import type { Items, Page } from '../../app/types';
import type { OrgInfo } from '../org-info/api';

export interface TreeOrg {
  id: number;
  name: string;
  type: string;
  typeName: string;
  hrLevel: string | null;
  status: string;
  divisionCode: string;
  childCount: number;
}
export interface ListOrg {
  id: number;
  name: string;
  creditCode: string;
  type: string;
  typeName: string;
  hrLevel: string | null;
  status: string;
  divisionName: string;
  createdAt: string;
}
export interface SuborgFilters {
  keyword?: string;
  type?: string;
  status?: string;
}
export interface SuborgDetail extends OrgInfo {
  admins: { id: number; name: string; idNumberMasked: string; phoneMasked: string | null; isSuper: boolean }[];
}

export const suborgsApi = {
  tree: (parentId?: number) => api.get<Items<TreeOrg>>('/api/suborgs/tree', { parentId }),
  list: (q: SuborgFilters & { page: number; pageSize: number }) => api.get<Page<ListOrg>>('/api/suborgs', q),
  exportXlsx: (f: SuborgFilters) => download('/api/suborgs/export', f, '辖区机构列表.xlsx'),
  detail: (id: number) => api.get<SuborgDetail>(`/api/suborgs/${id}`),
  disable: (id: number) => api.post<{ status: string }>(`/api/suborgs/${id}/disable`),
  enable: (id: number) => api.post<{ status: string }>(`/api/suborgs/${id}/enable`),
  /** Resets the organisation's super admin's password: the one-time password is answered once, never stored here. */
  resetPassword: (id: number) => api.post<{ name: string; password: string }>(`/api/suborgs/${id}/reset-password`),
};

export const SUBORGS_KEY = ['suborgs'] as const;
