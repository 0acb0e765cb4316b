/**
 * The filter of 专技人员信息查询 (HR: 姓名, 证件号, 所在单位, 区域, 职称系列, 职称级别, 完成情况 of a 年度), of 本单位人员
 * (用人单位: 内设部门 instead of 所在单位 and 区域) and of 所属单位人员 (主管部门: 所在单位, then its 内设部门).
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Form, Input, Select, TreeSelect } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { TITLE_LEVELS, TITLE_SERIES, type OrgType, type TitleLevel } from '@hbzsgx/domain';
import { useDebounced } from '../../components/useDebounced';
import { thisYear, usePolicies, yearOptions } from '../hours/api';
import { personnelApi, useRegionOptions, type PersonnelFilters as Filters, type RegionOption } from './api';
import { SearchButtons } from '../../components/SearchButtons';

const SERIES = TITLE_SERIES.map((s) => ({ value: s.code, label: s.name }));
const LEVELS = Object.entries(TITLE_LEVELS).map(([value, label]) => ({ value, label }));
const COMPLETION = [
  { value: 'yes', label: '已完成' },
  { value: 'no', label: '未完成' },
];

interface TreeNode {
  value: number;
  title: string;
  children?: TreeNode[];
}
function toTree(items: RegionOption[]): TreeNode[] {
  const byId = new Map<number, TreeNode>(items.map((r) => [r.id, { value: r.id, title: r.name }]));
  const roots: TreeNode[] = [];
  for (const r of items) {
    const parent = r.parentId != null ? byId.get(r.parentId) : undefined;
    if (parent) (parent.children ??= []).push(byId.get(r.id)!);
    else roots.push(byId.get(r.id)!);
  }
  return roots;
}

/** 内设部门 of one organisation in scope (the own one when `orgId` is not given). */
function DepartmentSelect({ id, value, onChange, orgId }: { id?: string; value?: number; onChange?: (v?: number) => void; orgId?: number }) {
  const q = useQuery({ queryKey: ['personnel', 'departments', orgId ?? 'own'], queryFn: () => personnelApi.departments(orgId), staleTime: 60_000 });
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={(q.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
      loading={q.isFetching}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="全部"
      notFoundContent={q.isFetching ? '加载中…' : '没有内设部门'}
      style={{ width: 150 }}
      popupMatchSelectWidth={220}
    />
  );
}

/** 所在单位: units of the jurisdiction, searched on the server by name or credit code. */
function UnitSelect({
  id,
  value,
  onChange,
  known,
}: {
  id?: string;
  value?: number;
  onChange?: (v?: number) => void;
  /** The chosen unit's name when it came with the page's address (not necessarily among the first options). */
  known?: { id: number; name: string };
}) {
  const [keyword, setKeyword] = useState('');
  const debounced = useDebounced(keyword.trim(), 300);
  const q = useQuery({
    queryKey: ['personnel', 'units', debounced],
    queryFn: () => personnelApi.units(debounced || undefined),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={[
        ...(known && !q.data?.items.some((o) => o.id === known.id) ? [{ value: known.id, label: known.name }] : []),
        ...(q.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
      ]}
      loading={q.isFetching}
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      placeholder="单位名称或信用代码"
      notFoundContent={q.isFetching ? '搜索中…' : '没有匹配的单位'}
      style={{ width: 220 }}
      popupMatchSelectWidth={320}
    />
  );
}

export interface FilterValues extends Filters {
  year: number;
}

export function PersonnelFilters({
  onSearch,
  extra,
  orgType,
  initial = { year: thisYear() },
  knownUnit,
}: {
  onSearch: (f: FilterValues) => void;
  extra?: ReactNode;
  orgType: OrgType;
  /** The filters the page opened with (from its address), e.g. a dashboard's 未完成 link. */
  initial?: FilterValues;
  knownUnit?: { id: number; name: string };
}) {
  const [form] = Form.useForm<FilterValues>();
  const policies = usePolicies();
  const isHr = orgType === 'hr';
  const regions = useRegionOptions(isHr);
  const tree = useMemo(() => toTree(regions.data?.items ?? []), [regions.data]);
  const unit = Form.useWatch('orgId', form);
  const finish = (v: FilterValues) =>
    onSearch({
      ...v,
      personName: v.personName?.trim() || undefined,
      idNumber: v.idNumber?.trim() || undefined,
      titleLevel: v.titleLevel as TitleLevel | undefined,
    });
  return (
    <Form form={form} name="personnelFilters" layout="inline" className="filter-bar" initialValues={initial} onFinish={finish}>
      <Form.Item label="姓名" name="personName">
        <Input placeholder="姓名（包含）" allowClear maxLength={50} style={{ width: 130 }} />
      </Form.Item>
      <Form.Item label="证件号" name="idNumber" rules={[{ max: 30, message: '证件号过长' }]}>
        <Input placeholder="完整证件号或末4位" allowClear maxLength={30} style={{ width: 190 }} />
      </Form.Item>
      {orgType !== 'employer' && (
        <Form.Item label="所在单位" name="orgId">
          <UnitSelect known={knownUnit} onChange={() => form.setFieldValue('departmentId', undefined)} />
        </Form.Item>
      )}
      {(orgType === 'employer' || (orgType === 'authority' && unit)) && (
        <Form.Item label="内设部门" name="departmentId">
          <DepartmentSelect orgId={orgType === 'employer' ? undefined : unit} />
        </Form.Item>
      )}
      {isHr && (
        <Form.Item label="区域" name="regionId">
          <TreeSelect
            treeData={tree}
            loading={regions.isLoading}
            treeDefaultExpandedKeys={tree.map((t) => t.value)}
            showSearch={{ treeNodeFilterProp: 'title' }}
            allowClear
            placeholder="全部"
            style={{ width: 150 }}
            popupMatchSelectWidth={240}
          />
        </Form.Item>
      )}
      <Form.Item label="职称系列" name="titleSeries">
        <Select options={SERIES} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="全部" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label="职称级别" name="titleLevel">
        <Select options={LEVELS} allowClear placeholder="全部" style={{ width: 110 }} />
      </Form.Item>
      <Form.Item label="年度" name="year">
        <Select options={yearOptions(policies.data?.items)} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item label="完成情况" name="completed">
        <Select options={COMPLETION} allowClear placeholder="全部" style={{ width: 100 }} />
      </Form.Item>
      <SearchButtons
        onReset={() => {
          form.resetFields();
          form.setFieldsValue({ year: thisYear(), completed: undefined, orgId: undefined, departmentId: undefined });
          onSearch({ year: thisYear() });
        }}
        wrap
      >
        {extra}
      </SearchButtons>
    </Form>
  );
}
