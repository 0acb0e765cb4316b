/** 部门 of a given organisation over the public department list (registration; transfers without 查看内设部门). */
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { usePublicDepartments, type PublicDepartment } from './api';

interface Node {
  value: number;
  title: string;
  children?: Node[];
}

function toTree(rows: PublicDepartment[]): Node[] {
  const byId = new Map<number, Node & { parentId: number | null }>(rows.map((r) => [r.id, { value: r.id, title: r.name, parentId: r.parentId }]));
  const roots: Node[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId != null ? byId.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  return roots;
}

export function PublicDepartmentSelect({
  id,
  orgId,
  value,
  onChange,
  placeholder = '请选择部门',
  allowClear = true,
}: {
  id?: string;
  orgId: number | null | undefined;
  value?: number | null;
  onChange?: (v: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
}) {
  const q = usePublicDepartments(orgId);
  const data = useMemo(() => toTree(q.data ?? []), [q.data]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={data}
      disabled={orgId == null}
      placeholder={orgId == null ? '请先选择单位' : placeholder}
      allowClear={allowClear}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={q.isFetching}
      notFoundContent={q.isFetching ? '加载中…' : '该单位暂无内设部门'}
      style={{ width: '100%' }}
    />
  );
}
