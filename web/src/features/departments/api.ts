import { useQuery } from '@tanstack/react-query';
import { api, download } from '../../app/api';
import type { Items, Ok } from '../../app/types';

export interface Department {
  id: number;
  parentId: number | null;
  name: string;
  sortOrder: number;
  personnelCount: number;
  adminCount: number;
}
export interface DepartmentNode extends Department {
  children?: DepartmentNode[];
}

export const DEPARTMENTS_KEY = ['departments'] as const;

export const departmentsApi = {
  list: () => api.get<Items<Department>>('/api/departments'),
  exportXlsx: () => download('/api/departments/export', undefined, '内设部门.xlsx'),
  create: (body: { name: string; parentId: number | null }) => api.post<Department>('/api/departments', body),
  update: (id: number, body: { name?: string; parentId?: number | null }) => api.patch<Department>(`/api/departments/${id}`, body),
  remove: (id: number) => api.del<Ok>(`/api/departments/${id}`),
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
