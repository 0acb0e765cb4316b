/**
 * 本单位完成情况 (用人单位: by 内设部门) / 所属单位完成情况 (主管部门: by unit, paged): the year's 应完成 / 已完成 /
 * 未完成 and 完成率 as tiles, a stacked bar chart and a table with 合计; each row opens its people in 本单位人员
 * (filtered to 未完成); 导出 downloads the same year and order. Figures come from the same rule and counters as HR's.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Row, Select, Skeleton, Space, Statistic, Table, type TableColumnsType, type TableProps } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Wire, workplaceStats } from '@hbzsgx/domain';
import { api, download, errorMessage } from '../../app/api';
import { useMe } from '../../app/session';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, serverPagination } from '../../components/table';
import { thisYear, usePolicies, yearOptions } from '../hours/api';
import { fmtRate, type SortField } from './api';
import { completionBarOption } from './completionChart';
import { EChart } from './EChart';
import { RateBar } from './RateBar';
import './stats.css';

type Stats = Wire<typeof workplaceStats>;
type Row = Stats['rows'][number];
interface Params {
  year: number;
  sort: SortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

const workplaceApi = {
  get: (p: Params) => api.get<Stats>('/api/stats/workplace', p),
  export: ({ page: _p, pageSize: _s, ...p }: Params) => download('/api/stats/workplace/export', p, '完成情况.xlsx'),
};

export function WorkplaceCompletionPage() {
  const me = useMe();
  const navigate = useNavigate();
  const byUnit = me.org.type === 'authority';
  const own = byUnit ? '所属单位' : '本单位';
  const [p, setP] = useState<Params>({ year: thisYear(), sort: 'total', order: 'desc', page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const policies = usePolicies();
  const q = useQuery({ queryKey: ['stats', 'workplace', p], queryFn: () => workplaceApi.get(p), placeholderData: keepPreviousData });
  const d = q.data;
  const open = (r: Row) =>
    navigate(`/personnel?year=${p.year}&completed=no${byUnit ? `&orgId=${r.orgId}` : r.departmentId ? `&departmentId=${r.departmentId}` : ''}`);
  const sortOrder = (k: SortField) => (p.sort === k ? (p.order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableColumnsType<Row> = [
    { title: '序号', key: 'no', width: 64, render: (_v, _r, i) => (byUnit ? (p.page - 1) * p.pageSize : 0) + i + 1 },
    { title: byUnit ? '单位名称' : '内设部门', dataIndex: 'name', key: 'name', ellipsis: true, sorter: true, sortOrder: sortOrder('name') },
    { title: '应完成人数', dataIndex: 'total', key: 'total', width: 120, align: 'right', sorter: true, sortOrder: sortOrder('total') },
    { title: '已完成人数', dataIndex: 'completed', key: 'completed', width: 120, align: 'right', sorter: true, sortOrder: sortOrder('completed') },
    { title: '未完成人数', dataIndex: 'uncompleted', width: 120, align: 'right' },
    {
      title: '完成率',
      dataIndex: 'rate',
      key: 'rate',
      width: 220,
      sorter: true,
      sortOrder: sortOrder('rate'),
      render: (v: number | null) => <RateBar rate={v} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_v, r) =>
        r.uncompleted > 0 ? (
          <Button type="link" size="small" onClick={() => open(r)}>
            未完成人员 <RightOutlined />
          </Button>
        ) : null,
    },
  ];
  const onChange: TableProps<Row>['onChange'] = (_pg, _f, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const field = (sorter.order ? sorter.columnKey : 'total') as SortField;
    setP((x) => ({ ...x, sort: field, order: sorter.order === 'ascend' ? 'asc' : 'desc', page: 1 }));
  };

  const pol = d?.policy;
  return (
    <PageContainer
      title={`${own}完成情况`}
      description={
        pol
          ? `按 ${pol.year} 年度学时要求判定：全年不少于 ${pol.totalRequired} 学时，其中专业科目不少于 ${pol.professionalMin} 学时、公需科目不少于 ${pol.publicMin} 学时；未登记学时的人员计为未完成。`
          : `${own}专业技术人员当年度继续教育学时完成情况。`
      }
    >
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="inline" className="filter-bar">
          <Form.Item label="年度">
            <Select
              value={p.year}
              options={yearOptions(policies.data?.items)}
              style={{ width: 120 }}
              onChange={(year) => setP((x) => ({ ...x, year, page: 1 }))}
            />
          </Form.Item>
          <Form.Item>
            <ExportButton disabled={!d} onExport={() => workplaceApi.export(p)} />
          </Form.Item>
        </Form>
      </Card>
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      {!d ? (
        !q.error && (
          <Card variant="borderless">
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        )
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card variant="borderless">
            <Row gutter={16}>
              <Col span={6}>
                <Card size="small" className="stats-tile">
                  <Statistic title="应完成人数" value={d.summary.total} suffix="人" />
                </Card>
              </Col>
              <Col span={6}>
                <Card size="small" className="stats-tile stats-tile-done">
                  <Statistic title="已完成人数" value={d.summary.completed} suffix="人" />
                </Card>
              </Col>
              <Col span={6}>
                <Card size="small" className="stats-tile stats-tile-undone">
                  <Statistic title="未完成人数" value={d.summary.uncompleted} suffix="人" />
                </Card>
              </Col>
              <Col span={6}>
                <Card size="small" className="stats-tile">
                  <Statistic title="完成率" value={fmtRate(d.summary.rate)} />
                </Card>
              </Col>
            </Row>
          </Card>
          <Card variant="borderless" className="stats-card">
            <div className="stats-chart-title">
              {d.org.name} · {byUnit ? '各单位完成情况（当前页）' : '各内设部门完成情况'}
            </div>
            {d.rows.length ? (
              <EChart
                option={completionBarOption(d.rows, true)}
                height={300}
                ariaLabel="完成情况柱状图"
                onItemClick={(e) => open(d.rows[e.dataIndex]!)}
              />
            ) : (
              <Empty className="stats-empty" description={`${own}暂无专业技术人员`} />
            )}
            <Table<Row>
              rowKey="key"
              className="stats-table"
              columns={columns}
              dataSource={d.rows}
              loading={q.isFetching}
              size="middle"
              onChange={onChange}
              pagination={
                byUnit
                  ? serverPagination(p.page, p.pageSize, d.total, (page, pageSize) =>
                      setP((x) => ({ ...x, page: pageSize !== x.pageSize ? 1 : page, pageSize })),
                    )
                  : { pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }
              }
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" /> }}
              summary={() => (
                <Table.Summary fixed>
                  <Table.Summary.Row className="stats-total-row">
                    <Table.Summary.Cell index={0} />
                    <Table.Summary.Cell index={1}>合计{byUnit ? `（${d.total} 个单位）` : ''}</Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      {d.summary.total}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      {d.summary.completed}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={4} align="right">
                      {d.summary.uncompleted}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5}>{fmtRate(d.summary.rate)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={6} />
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
          </Card>
        </Space>
      )}
    </PageContainer>
  );
}
