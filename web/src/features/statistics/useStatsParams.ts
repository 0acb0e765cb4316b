/**
 * The statistics pages keep their filters (年度, 区域, 维度, 排序, 页码) in the URL, so a drill-down is a history
 * entry (the browser's back button goes back up) and a view can be bookmarked or shared.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { thisYear } from '../hours/api';

export interface StatsParams {
  year: number;
  regionId?: number;
  tab?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const int = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export function useStatsParams() {
  const [sp, setSp] = useSearchParams();
  const params: StatsParams = useMemo(
    () => ({
      year: int(sp.get('year')) ?? thisYear(),
      regionId: int(sp.get('region')),
      tab: sp.get('tab') ?? undefined,
      sort: sp.get('sort') ?? undefined,
      order: sp.get('order') === 'asc' ? 'asc' : sp.get('order') === 'desc' ? 'desc' : undefined,
      page: int(sp.get('page')) ?? 1,
      pageSize: int(sp.get('pageSize')) ?? 20,
    }),
    [sp],
  );

  /** Merges a change into the URL; a new region or year or tab starts again at page 1. */
  const update = useCallback(
    (change: Partial<StatsParams>, opts: { replace?: boolean } = {}) => {
      setSp(
        (cur) => {
          const next = new URLSearchParams(cur);
          const set = (k: string, v: string | number | undefined) => (v === undefined || v === '' ? next.delete(k) : next.set(k, String(v)));
          if ('year' in change) set('year', change.year);
          if ('regionId' in change) set('region', change.regionId);
          if ('tab' in change) set('tab', change.tab);
          if ('sort' in change) set('sort', change.sort);
          if ('order' in change) set('order', change.order);
          if ('pageSize' in change) set('pageSize', change.pageSize);
          if ('page' in change) set('page', change.page === 1 ? undefined : change.page);
          else if ('year' in change || 'regionId' in change || 'tab' in change || 'sort' in change || 'order' in change) next.delete('page');
          return next;
        },
        { replace: opts.replace },
      );
    },
    [setSp],
  );

  return [params, update] as const;
}
