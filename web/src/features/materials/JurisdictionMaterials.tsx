/** 辖区报送情况: what the organisations of the jurisdiction submitted (年度, 单位名称, 区域, 状态), with 导出. */
import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ORG_TYPES } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { ExportButton } from '../../components/ExportButton';
import { fmtMinute } from '../../components/format';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { DivisionCascader } from '../divisions/DivisionCascader';
import { JURISDICTION_KEY, materialsApi, recentYears, type JurisdictionFilters, type Material } from './api';
import { JurisdictionDrawer } from './JurisdictionDrawer';
import { FileSummary } from './OwnMaterials';
import { ViewedTag } from './tags';
import { SearchButtons } from '../../components/SearchButtons';

const STATUS_OPTIONS = [
  { value: 'unviewed', label: '待查看' },
  { value: 'viewed', label: '已查看' },
];

export function JurisdictionMaterials() {
  const [form] = Form.useForm<JurisdictionFilters>();
  const [filters, setFilters] = useState<JurisdictionFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [viewing, setViewing] = useState<number | null>(null);
  const q = useQuery({
    queryKey: [...JURISDICTION_KEY, filters, page],
    queryFn: () => materialsApi.jurisdiction({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const search = (v: JurisdictionFilters) => {
    setFilters({ year: v.year, orgName: v.orgName?.trim() || undefined, divisionCode: v.divisionCode, status: v.status });
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<Material> = [
    {
      title: '单位名称',
      dataIndex: 'orgName',
      ellipsis: true,
      render: (v: string, m) => (
        <a onClick={() => setViewing(m.id)} title={v}>
          {v}
        </a>
      ),
    },
    { title: '单位类型', dataIndex: 'orgType', width: 130, render: (v: keyof typeof ORG_TYPES) => ORG_TYPES[v] ?? v },
    { title: '所属地区', dataIndex: 'divisionName', width: 110 },
    { title: '报送年度', dataIndex: 'year', width: 96, render: (v: number) => `${v}年度` },
    { title: '材料名称', dataIndex: 'title', ellipsis: true },
    { title: '材料文件', key: 'files', width: 220, render: (_, m) => <FileSummary m={m} /> },
    { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string | null) => fmtMinute(v) },
    { title: '状态', key: 'viewed', width: 90, render: (_, m) => <ViewedTag m={m} /> },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, m) => (
        <Button type="link" size="small" onClick={() => setViewing(m.id)}>
          查看
        </Button>
      ),
    },
  ];

  return (
    <>
      <Form form={form} name="jurisdictionFilters" layout="inline" className="filter-bar" onFinish={search}>
        <Form.Item label="报送年度" name="year">
          <Select options={recentYears()} allowClear placeholder="全部年度" style={{ width: 130 }} />
        </Form.Item>
        <Form.Item label="单位名称" name="orgName">
          <Input placeholder="请输入单位名称" allowClear maxLength={100} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="区域" name="divisionCode">
          <DivisionCascader placeholder="全部区域" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select options={STATUS_OPTIONS} allowClear placeholder="全部" style={{ width: 110 }} />
        </Form.Item>
        <SearchButtons
          onReset={() => {
            form.resetFields();
            search({});
          }}
        >
          <ExportButton onExport={() => materialsApi.jurisdictionExport(filters)} />
        </SearchButtons>
      </Form>
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      <Table<Material>
        rowKey="id"
        tableLayout="fixed"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        scroll={{ x: 1300 }}
        pagination={pagedBy(page, setPage, q.data)}
        locale={{ emptyText: '辖区内暂无已提交的年度工作材料' }}
      />
      <JurisdictionDrawer id={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
