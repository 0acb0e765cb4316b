import type {
  ExportFormat,
  idResponse,
  okResponse,
  transferCandidate,
  transferCandidates,
  transferPage,
  transferPerson,
  transferRecord,
  TransferStatus,
  Wire,
} from '@hbzsgx/domain';
import { api, download } from '../../app/api';

export type TransferPerson = Wire<typeof transferCandidate>;
/** The data the 调出 form fills in (also kept on the record as its snapshot). */
export type TransferPersonDetail = Wire<typeof transferPerson>;
export type TransferRecord = Wire<typeof transferRecord>;
export type Direction = 'in' | 'out' | 'all';
export interface TransferFilters {
  direction: Direction;
  status?: TransferStatus;
  keyword?: string;
}
type Ok = Wire<typeof okResponse>;

export const TRANSFERS_KEY = ['transfers'] as const;

export const transfersApi = {
  people: (keyword: string) => api.get<Wire<typeof transferCandidates>>('/api/transfers/people', { keyword }).then((d) => d.items),
  person: (id: number) => api.get<TransferPersonDetail>(`/api/transfers/people/${id}`),
  create: (body: { personnelId: number; toOrgId: number; reason: string; transferDate: string }) =>
    api.post<Wire<typeof idResponse>>('/api/transfers', body),
  list: (q: TransferFilters & { page: number; pageSize: number }) => api.get<Wire<typeof transferPage>>('/api/transfers', q),
  exportXlsx: (f: TransferFilters & { format?: ExportFormat }, name = '调转记录.xlsx') => download('/api/transfers/export', f, name),
  confirm: (id: number, departmentId: number | null) => api.post<Ok>(`/api/transfers/${id}/confirm`, { departmentId }),
  refuse: (id: number, reason: string) => api.post<Ok>(`/api/transfers/${id}/refuse`, { reason }),
  cancel: (id: number) => api.post<Ok>(`/api/transfers/${id}/cancel`),
};
