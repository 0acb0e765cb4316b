import { useQuery } from '@tanstack/react-query';
import type { ExportFormat, exportJob, exportJobPage, Wire } from '@hbzsgx/domain';
import { api, download } from '../../app/api';

export type ExportJob = Wire<typeof exportJob>;
export type { ExportFormat };

export const EXPORTS_KEY = ['exports'] as const;
const live = (j: ExportJob | undefined) => !!j && (j.status === 'queued' || j.status === 'running');

export const exportsApi = {
  list: (q: { page: number; pageSize: number }) => api.get<Wire<typeof exportJobPage>>('/api/exports', q),
  get: (id: number) => api.get<ExportJob>(`/api/exports/${id}`),
  download: (j: Pick<ExportJob, 'id' | 'title' | 'format'>) => download(`/api/exports/${j.id}/download`, undefined, `${j.title}.${j.format}`),
};

/** One export job, polled every second while it runs. */
export function useExportJob(id: number | null) {
  return useQuery({
    queryKey: [...EXPORTS_KEY, 'job', id],
    queryFn: () => exportsApi.get(id as number),
    enabled: id != null,
    refetchInterval: (q) => (q.state.data && !live(q.state.data) ? false : 1000),
  });
}

/** 我的导出, polled while any of the page's jobs runs. */
export function useMyExports(page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...EXPORTS_KEY, 'list', page],
    queryFn: () => exportsApi.list(page),
    refetchInterval: (q) => (q.state.data?.items.some(live) ? 2000 : false),
  });
}
