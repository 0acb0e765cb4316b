/** 查询统计: the answers of /api/stats/* and their xlsx exports. */
import { useQuery } from '@tanstack/react-query';
import type {
  completionRow,
  completionStats,
  overviewRow,
  overviewStats,
  STAT_GROUP_BY,
  statRegionNode,
  statRegionRef,
  statRegionTree,
  titleStats,
  Wire,
} from '@hbzsgx/domain';
import { api, download } from '../../app/api';

export type RegionRef = Wire<typeof statRegionRef>;
export type RegionNode = Wire<typeof statRegionNode>;

export type GroupBy = (typeof STAT_GROUP_BY)[number];
export type SortField = 'rate' | 'total' | 'completed' | 'name';

export type CompletionRow = Wire<typeof completionRow>;
export type CompletionStats = Wire<typeof completionStats>;
export type OverviewRow = Wire<typeof overviewRow>;
export type Overview = Wire<typeof overviewStats>;
export type TitleStats = Wire<typeof titleStats>;

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
  regions: () => api.get<Wire<typeof statRegionTree>>('/api/stats/regions'),
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
