/** 所属地区: a Cascader over /api/divisions, loaded level by level; the form value is the chosen 6-digit code. */
import { useMemo, useState } from 'react';
import { Cascader } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { divisionChildrenQuery, divisionPath, isLeafDivision, type Division } from './api';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

export function DivisionCascader({
  id,
  value,
  onChange,
  placeholder = '请选择所属地区',
  disabled,
  style,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
}) {
  // Parents whose children are wanted: the root, the ancestors of the current value, and whatever the user opened.
  const [opened, setOpened] = useState<string[]>([]);
  const valuePath = useMemo(() => divisionPath(value), [value]);
  const parents = useMemo(() => [...new Set<string | undefined>([undefined, ...valuePath.slice(0, -1), ...opened])], [valuePath, opened]);
  const qs = useQueries({ queries: parents.map((p) => divisionChildrenQuery(p)) });
  const children = new Map<string | undefined, Division[]>();
  parents.forEach((p, i) => {
    const d = qs[i]?.data;
    if (d) children.set(p, d);
  });

  const build = (parent: string | undefined): Option[] | undefined =>
    children.get(parent)?.map((d) => ({
      value: d.code,
      label: d.name,
      isLeaf: isLeafDivision(d),
      children: isLeafDivision(d) ? undefined : build(d.code),
    }));
  const options = build(undefined) ?? [];

  return (
    <Cascader
      id={id}
      value={valuePath.length ? valuePath : undefined}
      options={options}
      changeOnSelect
      disabled={disabled}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      loading={qs[0]?.isPending}
      loadData={(selected) => {
        const last = selected.at(-1);
        if (last?.value != null) setOpened((cur) => (cur.includes(String(last.value)) ? cur : [...cur, String(last.value)]));
      }}
      onChange={(path) => onChange?.(path?.length ? String(path.at(-1)) : undefined)}
      showSearch={false}
      notFoundContent="暂无数据"
    />
  );
}
