import { useQuery } from '@tanstack/react-query';
import type {
  ImportJobStatus,
  importFailure,
  importFailurePage,
  importJob,
  importJobCreated,
  importJobPage,
  personnelDepartmentOptions,
  personnelDetail,
  personnelHistoryClaim,
  personnelHistoryYear,
  personnelIdentity,
  personnelPage,
  personnelPasswordReset,
  personnelRegionOptions,
  personnelRow,
  personnelUnitOptions,
  ExportFormat,
  TitleLevel,
  Wire,
} from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import { uploadForm } from '../../components/upload';

/** The list's filters (all optional; 年度 defaults to this year on the server). */
export interface PersonnelFilters {
  personName?: string;
  idNumber?: string;
  orgId?: number;
  departmentId?: number;
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

export type PersonRow = Wire<typeof personnelRow>;
export type PersonnelPage = Wire<typeof personnelPage>;

export type HistoryClaim = Wire<typeof personnelHistoryClaim>;
export type HistoryYear = Wire<typeof personnelHistoryYear>;
export type PersonDetail = Wire<typeof personnelDetail>;

export type JobStatus = ImportJobStatus;
export type ImportJob = Wire<typeof importJob>;
export type ImportFailure = Wire<typeof importFailure>;

export type UnitOption = Wire<typeof personnelUnitOptions>['items'][number];
export type RegionOption = Wire<typeof personnelRegionOptions>['items'][number];

export const PERSONNEL_KEY = ['personnel'] as const;
export const IMPORTS_KEY = ['personnel', 'imports'] as const;

export const personnelApi = {
  list: (q: PersonnelQuery) => api.get<PersonnelPage>('/api/personnel', q),
  exportXlsx: ({ page: _p, pageSize: _s, ...f }: PersonnelQuery, format: ExportFormat = 'xlsx') =>
    download('/api/personnel/export', { ...f, format }, `人员信息.${format}`),
  detail: (id: number) => api.get<PersonDetail>(`/api/personnel/${id}`),
  identity: (id: number) => api.get<Wire<typeof personnelIdentity>>(`/api/personnel/${id}/identity`),
  /** The one-time password is answered once and never kept in the client's cache. */
  resetPassword: (id: number) => api.post<Wire<typeof personnelPasswordReset>>(`/api/personnel/${id}/reset-password`),
  units: (keyword?: string) => api.get<Wire<typeof personnelUnitOptions>>('/api/personnel/options/units', { keyword }),
  regions: () => api.get<Wire<typeof personnelRegionOptions>>('/api/personnel/options/regions'),
  departments: (orgId?: number) => api.get<Wire<typeof personnelDepartmentOptions>>('/api/personnel/options/departments', { orgId }),
  template: () => download('/api/personnel/import/template', undefined, '专技人员批量导入模板.xlsx'),
  upload: (file: File, onProgress?: (p: number) => void) => uploadForm<Wire<typeof importJobCreated>>('/api/personnel/import', {}, file, onProgress),
  jobs: (q: { page: number; pageSize: number }) => api.get<Wire<typeof importJobPage>>('/api/personnel/imports', q),
  job: (id: number) => api.get<ImportJob>(`/api/personnel/imports/${id}`),
  failures: (id: number, q: { page: number; pageSize: number }) =>
    api.get<Wire<typeof importFailurePage>>(`/api/personnel/imports/${id}/failures`, q),
  failuresXlsx: (id: number) => download(`/api/personnel/imports/${id}/failures.xlsx`, undefined, '失败数据.xlsx'),
};

/** The 区域 picker's options (`enabled`: only HR has regions below it). */
export function useRegionOptions(enabled = true) {
  return useQuery({ queryKey: ['personnel', 'regions'], queryFn: personnelApi.regions, staleTime: 10 * 60_000, enabled });
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
