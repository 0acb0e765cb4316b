/** 本单位报送: own materials by year and status, 20 per page, with 提交/撤回/编辑 and 导出. */
import { useState } from 'react';
import { Alert, Button, Form, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { MATERIAL_CATEGORIES, MATERIAL_CATEGORY_CODES } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { ExportButton } from '../../components/ExportButton';
import { fmtMinute } from '../../components/format';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { MATERIALS_KEY, materialsApi, recentYears, type Material, type OwnFilters } from './api';
import { SubmitButton, useMaterialActions, WithdrawButton } from './MaterialDrawer';
import { MaterialStatusTag } from './tags';
import { SearchButtons } from '../../components/SearchButtons';

const STATUS_OPTIONS = [
  { value: 'draft', label: '草稿' },
  { value: 'submitted', label: '已提交' },
];

/** "学习指南 2 · 工作总结 1" */
export function FileSummary({ m }: { m: Material }) {
  if (!m.files.length) return <Typography.Text type="secondary">暂无文件</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {MATERIAL_CATEGORY_CODES.map((c) => {
        const n = m.files.filter((f) => f.category === c).length;
        return n ? (
          <Tag key={c} style={{ marginInlineEnd: 0 }}>
            {MATERIAL_CATEGORIES[c]} {n}
          </Tag>
        ) : null;
      })}
    </Space>
  );
}

export function OwnMaterials({ onOpen, onEdit }: { onOpen: (m: Material) => void; onEdit: (m: Material) => void }) {
  const [form] = Form.useForm<OwnFilters>();
  const [filters, setFilters] = useState<OwnFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const q = useQuery({
    queryKey: [...MATERIALS_KEY, 'own', filters, page],
    queryFn: () => materialsApi.list({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const { submit, withdraw } = useMaterialActions();
  const search = (v: OwnFilters) => {
    setFilters({ year: v.year, status: v.status });
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<Material> = [
    { title: '报送年度', dataIndex: 'year', width: 100, render: (v: number) => `${v}年度` },
    {
      title: '材料名称',
      dataIndex: 'title',
      width: 250,
      ellipsis: true,
      render: (v: string, m) => (
        <a onClick={() => onOpen(m)} title={v}>
          {v}
        </a>
      ),
    },
    { title: '材料文件', key: 'files', width: 220, render: (_, m) => <FileSummary m={m} /> },
    { title: '状态', key: 'status', width: 170, render: (_, m) => <MaterialStatusTag m={m} /> },
    {
      title: '提交时间',
      key: 'submittedAt',
      width: 150,
      render: (_, m) =>
        m.submittedAt ? (
          fmtMinute(m.submittedAt)
        ) : (
          <>
            未提交
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              更新于 {fmtMinute(m.updatedAt)}
            </Typography.Text>
          </>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, m) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onOpen(m)}>
            {m.status === 'draft' ? '上传文件' : '查看'}
          </Button>
          {m.status === 'draft' && (
            <Button type="link" size="small" onClick={() => onEdit(m)}>
              编辑
            </Button>
          )}
          {m.status === 'draft' && <SubmitButton link m={m} busy={submit.isPending} onSubmit={() => submit.mutateAsync(m)} />}
          {m.status === 'submitted' && <WithdrawButton link m={m} busy={withdraw.isPending} onWithdraw={() => withdraw.mutateAsync(m)} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Form form={form} name="materialFilters" layout="inline" className="filter-bar" onFinish={search}>
        <Form.Item label="报送年度" name="year">
          <Select options={recentYears()} allowClear placeholder="全部年度" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select options={STATUS_OPTIONS} allowClear placeholder="全部" style={{ width: 120 }} />
        </Form.Item>
        <SearchButtons
          onReset={() => {
            form.resetFields();
            search({});
          }}
        >
          <ExportButton onExport={() => materialsApi.exportXlsx(filters)} />
        </SearchButtons>
      </Form>
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      <Table<Material>
        rowKey="id"
        tableLayout="fixed"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        scroll={{ x: 1090 }}
        pagination={pagedBy(page, setPage, q.data)}
        locale={{ emptyText: '暂无年度工作材料，点击右上角“新增”开始报送' }}
      />
    </>
  );
}
