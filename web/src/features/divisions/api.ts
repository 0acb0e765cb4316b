/** GB/T 2260 divisions of Hubei (public reference data): province → cities (incl. 仙桃/潜江/天门/神农架) → counties. */
import { useQueries, useQuery, type QueryClient } from '@tanstack/react-query';
import type { division, divisionList, Wire } from '@hbzsgx/domain';
import { api } from '../../app/api';

export type Division = Wire<typeof division>;

export const PROVINCE_CODE = '420000';
const ROOT = 'root';

export const divisionsKey = (parentCode?: string) => ['divisions', parentCode ?? ROOT] as const;

function fetchChildren(parentCode?: string) {
  return api.get<Wire<typeof divisionList>>('/api/divisions', { parentCode }).then((d) => d.items);
}

export function divisionChildrenQuery(parentCode?: string) {
  return { queryKey: divisionsKey(parentCode), queryFn: () => fetchChildren(parentCode), staleTime: Infinity, gcTime: Infinity };
}

export function prefetchDivisions(qc: QueryClient, parentCode?: string) {
  return qc.fetchQuery(divisionChildrenQuery(parentCode));
}

/** Counties have no children; nor do the province-administered county-level cities (4290xx). */
export function isLeafDivision(d: Division): boolean {
  return d.level >= 3 || d.code.startsWith('4290');
}

/**
 * The chain of codes from the province down to `code`, derived from the code itself:
 * 420000 → [420000]; 420100 → [420000, 420100]; 420102 → [420000, 420100, 420102]; 429004 → [420000, 429004].
 */
export function divisionPath(code: string | null | undefined): string[] {
  if (!code || !/^\d{6}$/.test(code)) return [];
  if (code.endsWith('0000')) return [code];
  if (code.endsWith('00') || code.startsWith('4290')) return [PROVINCE_CODE, code];
  return [PROVINCE_CODE, `${code.slice(0, 4)}00`, code];
}

/**
 * Loads the levels needed to name `code`; answers e.g. "湖北省 / 武汉市 / 江岸区", or undefined while loading or when a
 * level cannot be named (never the bare code: callers show the name they have).
 */
export function useDivisionLabel(code: string | null | undefined): string | undefined {
  const path = divisionPath(code);
  const parents: (string | undefined)[] = path.length ? [undefined, ...path.slice(0, -1)] : [];
  const qs = useQueries({ queries: parents.map((p) => divisionChildrenQuery(p)) });
  if (!path.length) return undefined;
  const names = path.map((c, i) => qs[i]?.data?.find((d) => d.code === c)?.name);
  if (names.some((n) => !n)) return undefined;
  return names.join(' / ');
}

export function useDivisionChildren(parentCode?: string, enabled = true) {
  return useQuery({ ...divisionChildrenQuery(parentCode), enabled });
}
