/** 查询统计: the answers of /api/stats/* and their xlsx exports. */
import { useQuery } from '@tanstack/react-query';
import { api, download } from '../../app/api';
import type { Items } from '../../app/types';

export interface RegionRef {
  id: number;
  name: string;
}
export interface RegionNode {
  id: number;
  name: string;
  parentId: number | null;
  hrLevel: string | null;
}
export interface Policy {
  year: number;
  totalRequired: number;
  professionalMin: number;
  publicMin: number;
  closingDate: string;
}
export interface CompletionSummary {
  total: number;
  completed: number;
  uncompleted: number;
  rate: number | null;
}

export type GroupBy = 'region' | 'employer' | 'series';
export type SortField = 'rate' | 'total' | 'completed' | 'name';

export interface CompletionRow extends CompletionSummary {
  key: string;
  name: string;
  regionId?: number | null;
  hasChildren?: boolean;
  orgId?: number;
  orgTypeName?: string;
}
export interface CompletionStats {
  year: number;
  policy: Policy;
  region: RegionRef & { hrLevel: string | null };
  path: RegionRef[];
  groupBy: GroupBy;
  summary: CompletionSummary;
  total: number;
  rows: CompletionRow[];
}

export interface OverviewRow {
  key: string;
  regionId: number | null;
  name: string;
  hasChildren: boolean;
  personnel: number;
  authorities: number;
  employers: number;
  bases: number;
  classes: number;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  completed: number;
  rate: number | null;
}
export interface Overview {
  year: number;
  policy: Policy;
  region: RegionRef;
  path: RegionRef[];
  personnel: number;
  orgs: { hr: number; authority: number; employer: number; base: number };
  classes: { total: number; byStatus: { status: string; name: string; count: number }[] };
  claims: { total: number; byStatus: { status: string; name: string; count: number }[] };
  hours: {
    public: number;
    professional: number;
    total: number;
    bySubject: { subjectType: string; name: string; hours: number }[];
    byForm: { form: string; name: string; hours: number }[];
  };
  completion: CompletionSummary;
  rows: OverviewRow[];
}

export interface TitleStats {
  region: RegionRef;
  path: RegionRef[];
  levels: { code: string; name: string }[];
  rows: { key: string; name: string; counts: Record<string, number>; total: number }[];
  totals: { counts: Record<string, number>; total: number };
}

export interface CompletionParams {
  year: number;
  regionId?: number;
  groupBy: GroupBy;
  sort?: SortField;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export const statsApi = {
  regions: () => api.get<Items<RegionNode>>('/api/stats/regions'),
  overview: (p: { year: number; regionId?: number }) => api.get<Overview>('/api/stats/overview', p),
  exportOverview: (p: { year: number; regionId?: number }) => download('/api/stats/overview/export', p, '继教综合统计.xlsx'),
  completion: (p: CompletionParams) => api.get<CompletionStats>('/api/stats/completion', p),
  exportCompletion: ({ page: _p, pageSize: _s, ...p }: CompletionParams) => download('/api/stats/completion/export', p, '继教完成情况.xlsx'),
  titles: (p: { regionId?: number }) => api.get<TitleStats>('/api/stats/titles', p),
  exportTitles: (p: { regionId?: number }) => download('/api/stats/titles/export', p, '职称系列分布.xlsx'),
};

/** The jurisdiction's regions (for the 区域 picker); they change rarely. */
export function useRegions() {
  return useQuery({ queryKey: ['stats', 'regions'], queryFn: statsApi.regions, staleTime: 10 * 60_000 });
}

/** 完成率 as text. */
export const fmtRate = (v: number | null | undefined) => (v == null ? '—' : `${v}%`);
