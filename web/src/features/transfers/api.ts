import { api, download } from '../../app/api';
import type { Items, Ok, Page } from '../../app/types';
import type { TransferStatus } from '../../components/StatusTag';

export interface TransferPerson {
  personnelId: number;
  name: string;
  idNumberMasked: string;
  departmentName: string | null;
}
/** The data the 调出 form fills in (also kept on the record as its snapshot). */
export interface TransferPersonDetail {
  personnelId: number;
  name: string;
  idNumberMasked: string;
  gender: string | null;
  birthDate: string | null;
  departmentId: number | null;
  departmentName: string | null;
  titleSeriesName: string;
  titleLevelName: string;
  titleName: string | null;
}
export interface TransferRecord {
  id: number;
  personnelId: number;
  name: string;
  idNumberMasked: string;
  fromOrgName: string;
  toOrgName: string;
  reason: string;
  transferDate: string;
  status: TransferStatus;
  refuseReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  snapshot: TransferPersonDetail | null;
  direction: 'in' | 'out';
}
export type Direction = 'in' | 'out' | 'all';
export interface TransferFilters {
  direction: Direction;
  status?: TransferStatus;
  keyword?: string;
}

export const TRANSFERS_KEY = ['transfers'] as const;

export const transfersApi = {
  people: (keyword: string) => api.get<Items<TransferPerson>>('/api/transfers/people', { keyword }).then((d) => d.items),
  person: (id: number) => api.get<TransferPersonDetail>(`/api/transfers/people/${id}`),
  create: (body: { personnelId: number; toOrgId: number; reason: string; transferDate: string }) => api.post<{ id: number }>('/api/transfers', body),
  list: (q: TransferFilters & { page: number; pageSize: number }) => api.get<Page<TransferRecord>>('/api/transfers', q),
  exportXlsx: (f: TransferFilters, name = '调转记录.xlsx') => download('/api/transfers/export', f, name),
  confirm: (id: number, departmentId: number | null) => api.post<Ok>(`/api/transfers/${id}/confirm`, { departmentId }),
  refuse: (id: number, reason: string) => api.post<Ok>(`/api/transfers/${id}/refuse`, { reason }),
  cancel: (id: number) => api.post<Ok>(`/api/transfers/${id}/cancel`),
};
