import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { buildTree, treeOptions, useDepartments } from './api';

/** 工作部门 / 上级部门 picker over the organisation's department tree. */
export function DepartmentSelect({
  id,
  value,
  onChange,
  placeholder = '请选择',
  allowClear,
  disabledIds,
  style,
}: {
  id?: string;
  value?: number | null;
  onChange?: (v: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  disabledIds?: Set<number>;
  style?: React.CSSProperties;
}) {
  const q = useDepartments();
  const data = useMemo(() => treeOptions(buildTree(q.data ?? []), disabledIds), [q.data, disabledIds]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={data}
      placeholder={placeholder}
      allowClear={allowClear}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={q.isPending}
      notFoundContent={q.isPending ? '加载中…' : '暂无部门，请先在“管理内设部门”中添加'}
      style={{ width: '100%', ...style }}
    />
  );
}
