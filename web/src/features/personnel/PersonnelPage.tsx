/**
 * 专技人员信息查询 (HR), 本单位人员 (用人单位) and 所属单位人员 (主管部门): the seat's personnel with server-side
 * filters, sorting and paging (证件号/手机号 masked), the chosen year's hours, 完成情况 and what is still missing,
 * 查看 (drawer with the hour history), 重置密码, 导出, and 批量导入. The page opens with the filters of its address
 * (?year=&completed=&orgId=&departmentId=: the 工作台's and 完成情况's links). Buttons show only for the permissions
 * the admin holds; the server checks them again.
 */
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tooltip, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMe } from '../../app/session';
import { useAccess } from '../../app/access';
import { errorMessage } from '../../app/api';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { thisYear } from '../hours/api';
import { personnelApi, PERSONNEL_KEY, type PersonnelSort, type PersonRow } from './api';
import { ImportModal } from './ImportModal';
import { CompletionTag, PersonDetailDrawer } from './PersonDetailDrawer';
import { PersonnelFilters, type FilterValues } from './PersonnelFilters';
import { ResetPasswordButton } from './ResetPasswordButton';
import './personnel.css';

type Sort = { sort?: PersonnelSort; order?: 'asc' | 'desc' };

const TITLES = {
  hr: ['专技人员信息查询', '查询本辖区专业技术人员的基本信息和年度学时完成情况；证件号、手机号默认脱敏显示。'],
  authority: ['所属单位人员', '查询本部门及所属单位专业技术人员的年度学时、完成情况和尚差学时；证件号、手机号默认脱敏显示。'],
  employer: ['本单位人员', '查询本单位专业技术人员的年度学时、完成情况和尚差学时，督促未完成的人员按时完成；证件号、手机号默认脱敏显示。'],
  base: ['专技人员信息查询', ''],
} as const;

/** The filters in the page's address (ids and codes as the server checks them again). */
function filtersOf(params: URLSearchParams): FilterValues {
  const num = (k: string) => (/^\d{1,9}$/.test(params.get(k) ?? '') ? Number(params.get(k)) : undefined);
  const completed = params.get('completed');
  return {
    year: num('year') ?? thisYear(),
    completed: completed === 'yes' || completed === 'no' ? completed : undefined,
    orgId: num('orgId'),
    departmentId: num('departmentId'),
  };
}

export function PersonnelPage() {
  const { can } = useAccess();
  const me = useMe();
  const [params] = useSearchParams();
  const [initial] = useState(() => filtersOf(params));
  const [filters, setFilters] = useState<FilterValues>(initial);
  const [title, description] = TITLES[me.org.type];
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [sort, setSort] = useState<Sort>({});
  const [viewing, setViewing] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const query = { ...filters, ...page, ...sort };
  const q = useQuery({ queryKey: [...PERSONNEL_KEY, 'list', query], queryFn: () => personnelApi.list(query), placeholderData: keepPreviousData });
  const year = q.data?.year ?? filters.year;
  const sortOrder = (key: PersonnelSort) => (sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null);

  const unitColumn: TableColumnsType<PersonRow>[number] =
    me.org.type === 'employer'
      ? { title: '内设部门', dataIndex: 'departmentName', width: 120, ellipsis: true, render: (v: string | null) => v || '—' }
      : {
          title: '所在单位',
          dataIndex: 'orgName',
          key: 'orgName',
          sorter: true,
          sortOrder: sortOrder('orgName'),
          ellipsis: { showTitle: false },
          render: (v: string, r) => (
            <Tooltip title={r.departmentName ? `${v} · ${r.departmentName}` : v}>
              <span>{v}</span>
            </Tooltip>
          ),
        };
  const columns: TableColumnsType<PersonRow> = [
    {
      title: '姓名',
      dataIndex: 'name',
      key: 'name',
      width: 88,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (v: string, r) => <a onClick={() => setViewing(r.id)}>{v}</a>,
    },
    { title: '证件号', dataIndex: 'idNumberMasked', width: 172, render: (v: string) => <span className="mono nowrap">{v}</span> },
    { title: '手机号', dataIndex: 'phoneMasked', width: 116, render: (v: string | null) => <span className="mono nowrap">{v || '—'}</span> },
    // (an employer's people are all its own: its 内设部门 instead of 所在单位)
    unitColumn,
    {
      title: '职称系列 / 级别',
      dataIndex: 'titleSeriesName',
      key: 'titleSeries',
      width: 156,
      sorter: true,
      sortOrder: sortOrder('titleSeries'),
      render: (v: string, r) =>
        v ? (
          <span className="nowrap">
            {v}
            <Typography.Text type="secondary"> · {r.titleLevelName || '—'}</Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: `${year}年度学时`,
      dataIndex: 'totalHours',
      key: 'totalHours',
      width: 96,
      sorter: true,
      sortOrder: sortOrder('totalHours'),
      align: 'right',
      render: (v: number, r) => (
        <Tooltip title={`公需科目 ${r.publicHours} 学时，专业科目 ${r.professionalHours} 学时`}>
          <span>{v}</span>
        </Tooltip>
      ),
    },
    {
      title: '完成情况',
      dataIndex: 'completed',
      key: 'completed',
      width: 176,
      render: (v: boolean | null, r) => (
        <span className="completion-cell">
          <CompletionTag completed={v} />
          {r.gap && (
            <Tooltip title={r.gap}>
              <Typography.Text type="secondary" className="completion-gap">
                {r.gap.replace(/^还/, '')}
              </Typography.Text>
            </Tooltip>
          )}
        </span>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: can('personnel.manage') ? 132 : 70,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(r.id)}>
            查看
          </Button>
          <ResetPasswordButton person={r} />
        </Space>
      ),
    },
  ];

  const onTableChange = (_p: TablePaginationConfig, _f: unknown, s: SorterResult<PersonRow> | SorterResult<PersonRow>[]) => {
    const one = Array.isArray(s) ? s[0] : s;
    const next: Sort = one?.order ? { sort: one.columnKey as PersonnelSort, order: one.order === 'ascend' ? 'asc' : 'desc' } : {};
    if (next.sort !== sort.sort || next.order !== sort.order) {
      setSort(next);
      setPage((p) => ({ ...p, page: 1 }));
    }
  };

  return (
    <PageContainer
      title={title}
      description={description}
      extra={
        can('personnel.import') && (
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setImporting(true)}>
            批量导入
          </Button>
        )
      }
    >
      <Card variant="borderless">
        <PersonnelFilters
          orgType={me.org.type}
          initial={initial}
          onSearch={(f) => {
            setFilters(f);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          extra={<ExportButton csv onExport={(format) => personnelApi.exportXlsx(query, format)} />}
        />
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        {q.data?.hasPolicy === false && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${year}年度尚未设置学时要求，完成情况无法判定。`} />
        )}
        <Table<PersonRow>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1034 + (can('personnel.manage') ? 62 : 0) }}
          onChange={onTableChange}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: '没有符合条件的专业技术人员' }}
        />
      </Card>
      <PersonDetailDrawer id={viewing} onClose={() => setViewing(null)} />
      {can('personnel.import') && <ImportModal open={importing} onClose={() => setImporting(false)} />}
    </PageContainer>
  );
}
