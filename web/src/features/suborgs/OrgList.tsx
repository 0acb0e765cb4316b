import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { HR_LEVELS, ORG_STATUSES, ORG_TYPES, type HrLevel } from '@hbzsgx/domain';
import { useAccess } from '../../app/access';
import { errorMessage } from '../../app/api';
import { fmtDate } from '../../components/format';
import { OrgStatusTag } from '../../components/StatusTag';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { SuborgActions } from './SuborgActions';
import { suborgsApi, type ListOrg, type SuborgFilters } from './api';
import { ExportButton } from '../../components/ExportButton';
import { SearchButtons } from '../../components/SearchButtons';

const TYPE_OPTIONS = Object.entries(ORG_TYPES).map(([value, label]) => ({ value, label }));
const STATUS_OPTIONS = Object.entries(ORG_STATUSES).map(([value, label]) => ({ value, label }));

/** 机构列表: searchable, paginated list of the jurisdiction's organisations. */
export function OrgList({ onOpen }: { onOpen: (id: number) => void }) {
  const { can } = useAccess();
  const [form] = Form.useForm<SuborgFilters>();
  const [filters, setFilters] = useState<SuborgFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const q = useQuery({
    queryKey: ['suborgs', 'list', filters, page],
    queryFn: () => suborgsApi.list({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const search = (f: SuborgFilters) => {
    setFilters({ ...f, keyword: f.keyword?.trim() || undefined });
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<ListOrg> = [
    { title: '机构名称', dataIndex: 'name', render: (v: string, o) => <a onClick={() => onOpen(o.id)}>{v}</a> },
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 200, render: (v: string) => <span className="mono">{v}</span> },
    {
      title: '机构类型',
      dataIndex: 'typeName',
      width: 150,
      render: (v: string, o) => (o.hrLevel ? `${v}（${HR_LEVELS[o.hrLevel as HrLevel] ?? o.hrLevel}）` : v),
    },
    { title: '所属地区', dataIndex: 'divisionName', width: 120 },
    { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <OrgStatusTag status={v} /> },
    { title: '注册时间', dataIndex: 'createdAt', width: 120, render: (v: string) => fmtDate(v) },
    {
      title: '操作',
      key: 'actions',
      width: can('suborg.manage') ? 220 : 80,
      fixed: 'right',
      render: (_, o) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onOpen(o.id)}>
            查看
          </Button>
          <SuborgActions org={o} hasSuper={o.hasSuper} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <Form form={form} name="suborgFilters" layout="inline" className="filter-bar" onFinish={search}>
        <Form.Item label="名称/信用代码" name="keyword">
          <Input placeholder="机构名称或统一社会信用代码" allowClear maxLength={50} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="机构类型" name="type">
          <Select options={TYPE_OPTIONS} allowClear placeholder="全部" style={{ width: 150 }} />
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
          <ExportButton csv onExport={(format) => suborgsApi.exportXlsx(filters, format)} />
        </SearchButtons>
      </Form>
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      <Table<ListOrg>
        rowKey="id"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        scroll={{ x: 1140 }}
        pagination={pagedBy(page, setPage, q.data)}
        locale={{ emptyText: '没有符合条件的机构' }}
      />
    </>
  );
}
