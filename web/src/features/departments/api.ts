import { useQuery } from '@tanstack/react-query';
import type { department, departmentCreateBody, departmentList, departmentRecord, departmentUpdateBody, okResponse, Wire } from '@hbzsgx/domain';
import { api, download } from '../../app/api';

export type Department = Wire<typeof department>;
type DepartmentRecord = Wire<typeof departmentRecord>;
export interface DepartmentNode extends Department {
  children?: DepartmentNode[];
}

export const DEPARTMENTS_KEY = ['departments'] as const;

export const departmentsApi = {
  list: () => api.get<Wire<typeof departmentList>>('/api/departments'),
  exportXlsx: () => download('/api/departments/export', undefined, '内设部门.xlsx'),
  create: (body: Wire<typeof departmentCreateBody>) => api.post<DepartmentRecord>('/api/departments', body),
  update: (id: number, body: Wire<typeof departmentUpdateBody>) => api.patch<DepartmentRecord>(`/api/departments/${id}`, body),
  remove: (id: number) => api.del<Wire<typeof okResponse>>(`/api/departments/${id}`),
};

export function useDepartments(enabled = true) {
  return useQuery({ queryKey: DEPARTMENTS_KEY, queryFn: departmentsApi.list, select: (d) => d.items, enabled });
}

/** Flat rows → tree (orphans become roots, so nothing disappears). */
export function buildTree(rows: Department[]): DepartmentNode[] {
  const byId = new Map<number, DepartmentNode>(rows.map((r) => [r.id, { ...r }]));
  const roots: DepartmentNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId != null ? byId.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** The ids of a department and all of its descendants. */
export function subtreeIds(rows: Department[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) {
      if (r.parentId != null && out.has(r.parentId) && !out.has(r.id)) {
        out.add(r.id);
        grew = true;
      }
    }
  }
  return out;
}

export interface DeptTreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: DeptTreeOption[];
}

/** TreeSelect data; `disabled` ids stay visible but cannot be picked. */
export function treeOptions(nodes: DepartmentNode[], disabled?: Set<number>): DeptTreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    disabled: disabled?.has(n.id),
    children: n.children ? treeOptions(n.children, disabled) : undefined,
  }));
}
