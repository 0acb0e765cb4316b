import { useQuery } from '@tanstack/react-query';
import type { IdType, TitleLevel } from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import type { Items, Page } from '../../app/types';
import { uploadForm } from '../../components/upload';

/** The list's filters (all optional; 年度 defaults to this year on the server). */
export interface PersonnelFilters {
  personName?: string;
  idNumber?: string;
  orgId?: number;
  regionId?: number;
  titleSeries?: string;
  titleLevel?: TitleLevel;
  year?: number;
  completed?: 'yes' | 'no';
}
export type PersonnelSort = 'name' | 'orgName' | 'titleSeries' | 'titleLevel' | 'totalHours' | 'createdAt';
export interface PersonnelQuery extends PersonnelFilters {
  page: number;
  pageSize: number;
  sort?: PersonnelSort;
  order?: 'asc' | 'desc';
}

export interface PersonRow {
  id: number;
  name: string;
  idType: IdType;
  idTypeName: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  genderName: string;
  orgId: number;
  orgName: string;
  departmentName: string | null;
  titleSeriesName: string;
  titleLevelName: string;
  titleName: string | null;
  educationName: string;
  accountStatus: string;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  /** null when the year has no requirement set. */
  completed: boolean | null;
}
export interface PersonnelPage extends Page<PersonRow> {
  year: number;
  hasPolicy: boolean;
}

export interface HistoryClaim {
  id: number;
  title: string;
  hours: number;
  status: string;
  statusName: string;
  subjectTypeName: string;
  learningFormName: string;
  declaringOrg: string;
  createdAt: string;
  rejectReason: string | null;
  revokeReason: string | null;
}
export interface HistoryYear {
  year: number;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  policy: { totalRequired: number; publicMin: number; professionalMin: number } | null;
  completed: boolean | null;
  missing: { total: number; public: number; professional: number } | null;
  claims: HistoryClaim[];
}
export interface PersonDetail {
  id: number;
  name: string;
  idType: IdType;
  idTypeName: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  genderName: string;
  birthDate: string | null;
  email: string | null;
  accountStatus: string;
  mustChangePassword: boolean;
  hasPassword: boolean;
  orgName: string;
  departmentName: string | null;
  titleSeriesName: string;
  titleLevelName: string;
  titleName: string | null;
  titleDate: string | null;
  educationName: string;
  createdAt: string;
  history: HistoryYear[];
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export interface ImportJob {
  id: number;
  status: JobStatus;
  statusName: string;
  total: number;
  processed: number;
  imported: number;
  failed: number;
  percent: number;
  error: string | null;
  fileName: string;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
export interface ImportFailure {
  row: number;
  name: string;
  idNumberMasked: string;
  reason: string;
}

export interface UnitOption {
  id: number;
  name: string;
  creditCode: string;
  type: string;
}
export interface RegionOption {
  id: number;
  name: string;
  parentId: number | null;
}

export const PERSONNEL_KEY = ['personnel'] as const;
export const IMPORTS_KEY = ['personnel', 'imports'] as const;

export const personnelApi = {
  list: (q: PersonnelQuery) => api.get<PersonnelPage>('/api/personnel', q),
  exportXlsx: ({ page: _p, pageSize: _s, ...f }: PersonnelQuery) => download('/api/personnel/export', f, '专技人员信息.xlsx'),
  detail: (id: number) => api.get<PersonDetail>(`/api/personnel/${id}`),
  identity: (id: number) => api.get<{ idType: IdType; idNumber: string; phone: string }>(`/api/personnel/${id}/identity`),
  /** The one-time password is answered once and never kept in the client's cache. */
  resetPassword: (id: number) => api.post<{ name: string; password: string }>(`/api/personnel/${id}/reset-password`),
  units: (keyword?: string) => api.get<Items<UnitOption>>('/api/personnel/options/units', { keyword }),
  regions: () => api.get<Items<RegionOption>>('/api/personnel/options/regions'),
  template: () => download('/api/personnel/import/template', undefined, '专技人员批量导入模板.xlsx'),
  upload: (file: File, onProgress?: (p: number) => void) =>
    uploadForm<{ id: number; status: JobStatus }>('/api/personnel/import', {}, file, onProgress),
  jobs: (q: { page: number; pageSize: number }) => api.get<Page<ImportJob>>('/api/personnel/imports', q),
  job: (id: number) => api.get<ImportJob>(`/api/personnel/imports/${id}`),
  failures: (id: number, q: { page: number; pageSize: number }) => api.get<Page<ImportFailure>>(`/api/personnel/imports/${id}/failures`, q),
  failuresXlsx: (id: number) => download(`/api/personnel/imports/${id}/failures.xlsx`, undefined, '失败数据.xlsx'),
};

export function useRegionOptions() {
  return useQuery({ queryKey: ['personnel', 'regions'], queryFn: personnelApi.regions, staleTime: 10 * 60_000 });
}

/** Polls a job every second while it is queued or running. */
export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: [...IMPORTS_KEY, id],
    queryFn: () => personnelApi.job(id!),
    enabled: id != null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}
