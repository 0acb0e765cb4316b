/**
 * Picker of active organisations over the public GET /api/register/orgs (server-side search by name):
 * 上级部门 / 所在单位 at registration, 新上级部门 for 更换上级部门, 调入单位 for 人员调出.
 */
import { useRef, useState } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OrgType } from '@hbzsgx/domain';
import { useDebounced } from '../../components/useDebounced';
import { registrationApi, type PickerOrg } from './api';

const TYPE_COLORS: Record<string, string> = { hr: 'blue', authority: 'purple', employer: 'cyan', base: 'orange' };

export function OrgPicker({
  id,
  value,
  onChange,
  types,
  excludeIds,
  current,
  placeholder = '请输入名称搜索',
  onPick,
  disabled,
  style,
}: {
  id?: string;
  value?: number;
  onChange?: (v: number | undefined) => void;
  /** Allowed organisation types (all when omitted). */
  types?: OrgType[];
  excludeIds?: number[];
  /** The organisation already chosen (e.g. when editing), so that its name shows before any search. */
  current?: { id: number; name: string } | null;
  placeholder?: string;
  onPick?: (org: PickerOrg | undefined) => void;
  disabled?: boolean;
  style?: React.CSSProperties;
}) {
  const [keyword, setKeyword] = useState('');
  const debounced = useDebounced(keyword.trim(), 300);
  const picked = useRef(new Map<number, PickerOrg>());
  const q = useQuery({
    queryKey: ['register', 'orgs', types?.join(',') ?? 'all', debounced],
    queryFn: () => registrationApi.orgs({ types, keyword: debounced || undefined }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const items = (q.data ?? []).filter((o) => !excludeIds?.includes(o.id));
  for (const o of items) picked.current.set(o.id, o);

  const options: { value: number; label: string; org?: PickerOrg }[] = items.map((o) => ({ value: o.id, label: o.name, org: o }));
  if (value != null && !options.some((o) => o.value === value)) {
    const known = picked.current.get(value);
    const name = known?.name ?? (current?.id === value ? current.name : undefined);
    if (name) options.unshift({ value, label: name, org: known });
  }

  return (
    <Select<number, { value: number; label: string; org?: PickerOrg }>
      id={id}
      value={value}
      disabled={disabled}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      options={options}
      loading={q.isFetching}
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      onChange={(v) => {
        onChange?.(v ?? undefined);
        onPick?.(v != null ? picked.current.get(v) : undefined);
      }}
      onOpenChange={(open) => !open && setKeyword('')}
      optionRender={(o) => (
        <Space size={6} style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{o.data.label}</span>
          {o.data.org && (
            <span style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 6 }}>
                {o.data.org.divisionName}
              </Typography.Text>
              <Tag color={TYPE_COLORS[o.data.org.type] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                {o.data.org.typeName}
              </Tag>
            </span>
          )}
        </Space>
      )}
      notFoundContent={q.isFetching ? '正在搜索…' : keyword ? '没有找到匹配的单位，请换个关键字' : '暂无可选单位'}
    />
  );
}
