import type {
  ExportFormat,
  OrgStatus,
  OrgType,
  orgStatusResult,
  passwordReset,
  suborgDetail,
  suborgList,
  suborgRow,
  suborgTree,
  suborgTreeNode,
  Wire,
} from '@hbzsgx/domain';
import { api, download } from '../../app/api';

export type TreeOrg = Wire<typeof suborgTreeNode>;
export type ListOrg = Wire<typeof suborgRow>;
export interface SuborgFilters {
  keyword?: string;
  type?: OrgType;
  status?: OrgStatus;
}
export type SuborgDetail = Wire<typeof suborgDetail>;

export const suborgsApi = {
  tree: (parentId?: number) => api.get<Wire<typeof suborgTree>>('/api/suborgs/tree', { parentId }),
  list: (q: SuborgFilters & { page: number; pageSize: number }) => api.get<Wire<typeof suborgList>>('/api/suborgs', q),
  exportXlsx: (f: SuborgFilters, format: ExportFormat = 'xlsx') => download('/api/suborgs/export', { ...f, format }, `辖区机构列表.${format}`),
  detail: (id: number) => api.get<SuborgDetail>(`/api/suborgs/${id}`),
  disable: (id: number) => api.post<Wire<typeof orgStatusResult>>(`/api/suborgs/${id}/disable`),
  enable: (id: number) => api.post<Wire<typeof orgStatusResult>>(`/api/suborgs/${id}/enable`),
  /** Resets the organisation's super admin's password: the one-time password is answered once, never stored here. */
  resetPassword: (id: number) => api.post<Wire<typeof passwordReset>>(`/api/suborgs/${id}/reset-password`),
};

export const SUBORGS_KEY = ['suborgs'] as const;
