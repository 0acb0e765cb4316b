/**
 * 继教完成情况查询: the year's completion (已完成/应完成 personnel, 完成率) of the selected region — by region
 * (drill down province → city → county), by employer (paged, sorted) and by 职称系列 — as a bar chart, a pie and
 * a table; 导出 downloads exactly what is shown (same year, region, dimension and order) as xlsx.
 */
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
  type TableProps,
} from 'antd';
import { ApartmentOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { serverPagination } from '../../components/table';
import { fmtRate, statsApi, type CompletionParams, type CompletionRow, type CompletionStats, type GroupBy, type SortField } from './api';
import { EChart } from './EChart';
import { RateBar } from './RateBar';
import { completionBarOption } from './completionChart';
import { DONE_COLOR, UNDONE_COLOR, type ChartOption } from './echarts';
import { StatsFilters } from './StatsFilters';
import { useStatsParams } from './useStatsParams';
import './stats.css';

const TABS: { key: GroupBy; label: string; column: string }[] = [
  { key: 'region', label: '按区域', column: '区域' },
  { key: 'employer', label: '按用人单位', column: '单位名称' },
  { key: 'series', label: '按职称系列', column: '职称系列' },
];
const SORTS: SortField[] = ['rate', 'total', 'completed', 'name'];

export function CompletionPage() {
  const [p, update] = useStatsParams();
  const groupBy = (TABS.find((t) => t.key === p.tab)?.key ?? 'region') as GroupBy;
  const sort = SORTS.includes(p.sort as SortField) ? (p.sort as SortField) : 'total';
  const order = p.order ?? 'desc';
  const params: CompletionParams = {
    year: p.year,
    regionId: p.regionId,
    groupBy,
    ...(groupBy === 'employer' ? { sort, order, page: p.page, pageSize: p.pageSize } : {}),
  };
  const q = useQuery({ queryKey: ['stats', 'completion', params], queryFn: () => statsApi.completion(params), placeholderData: keepPreviousData });
  const d = q.data;

  /** Into a region: a city shows its counties; a county (no lower region) shows its units. */
  const drill = (r: CompletionRow) => {
    if (r.regionId == null) return;
    update({ regionId: r.regionId, ...(r.hasChildren ? {} : { tab: 'employer' }) });
  };

  const p0 = d?.policy;
  return (
    <PageContainer
      title="继教完成情况查询"
      description={
        p0
          ? `按 ${p0.year} 年度学时要求判定：全年不少于 ${p0.totalRequired} 学时，其中专业科目不少于 ${p0.professionalMin} 学时、公需科目不少于 ${p0.publicMin} 学时；未登记学时的人员计为未完成。`
          : '统计辖区内专业技术人员当年度继续教育学时完成情况。'
      }
    >
      <StatsFilters
        year={p.year}
        regionId={p.regionId}
        path={d?.path}
        onChange={(c) => update(c)}
        extra={<ExportButton disabled={!d} onExport={() => statsApi.exportCompletion(params)} />}
      />
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      {!d ? (
        !q.error && (
          <Card variant="borderless">
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        )
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Summary d={d} />
          <Card variant="borderless" className="stats-card">
            <Tabs
              activeKey={groupBy}
              onChange={(k) => update({ tab: k === 'region' ? undefined : k })}
              items={TABS.map((t) => ({ key: t.key, label: t.label }))}
            />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <div className="stats-chart-title">{chartTitle(d)}</div>
                {d.rows.length ? (
                  <EChart
                    option={completionBarOption(d.rows, d.groupBy === 'region')}
                    height={340}
                    ariaLabel="完成情况柱状图"
                    onItemClick={(e) => groupBy === 'region' && drill(d.rows[e.dataIndex]!)}
                  />
                ) : (
                  <Empty className="stats-empty" description="所选区域暂无专业技术人员" />
                )}
              </Col>
              <Col xs={24} xl={8}>
                <div className="stats-chart-title">{d.region.name} · 完成情况构成</div>
                <EChart option={pieOption(d)} height={340} ariaLabel="完成情况饼图" />
              </Col>
            </Row>
            <CompletionTable
              d={d}
              loading={q.isFetching}
              sort={sort}
              order={order}
              page={p.page}
              pageSize={p.pageSize}
              onDrill={drill}
              onPage={(page, pageSize) => update({ page: pageSize !== p.pageSize ? 1 : page, pageSize })}
              onSort={(s, o) => update({ sort: s, order: o })}
            />
          </Card>
        </Space>
      )}
    </PageContainer>
  );
}

function chartTitle(d: CompletionStats) {
  if (d.groupBy === 'region') return `${d.region.name} · 各区域完成情况（点击柱形可下钻）`;
  if (d.groupBy === 'series') return `${d.region.name} · 各职称系列完成情况`;
  return `${d.region.name} · 用人单位完成情况（当前页）`;
}

function Summary({ d }: { d: CompletionStats }) {
  const s = d.summary;
  return (
    <Card variant="borderless">
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} md={6} style={{ textAlign: 'center' }}>
          <Progress
            type="dashboard"
            percent={s.rate ?? 0}
            size={132}
            strokeColor={DONE_COLOR}
            format={() => (
              <div>
                <div style={{ fontSize: 24, fontWeight: 600 }}>{fmtRate(s.rate)}</div>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>完成率</div>
              </div>
            )}
          />
        </Col>
        <Col xs={24} md={18}>
          <Row gutter={16}>
            <Col span={8}>
              <Card size="small" className="stats-tile">
                <Statistic title="应完成人数" value={s.total} suffix="人" />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" className="stats-tile stats-tile-done">
                <Statistic title="已完成人数" value={s.completed} suffix="人" />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" className="stats-tile stats-tile-undone">
                <Statistic title="未完成人数" value={s.uncompleted} suffix="人" />
              </Card>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            <ApartmentOutlined /> {d.path.map((x) => x.name).join(' / ')}，{d.year}{' '}
            年度。应完成人数为辖区内在册的专业技术人员；已完成指公需科目、专业科目和总学时均达到当年度要求。
          </Typography.Paragraph>
        </Col>
      </Row>
    </Card>
  );
}

function pieOption(d: CompletionStats): ChartOption {
  const s = d.summary;
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
    legend: { bottom: 0 },
    title: {
      text: fmtRate(s.rate),
      subtext: '完成率',
      left: 'center',
      top: '39%',
      textStyle: { fontSize: 20, fontWeight: 600, color: '#262626' },
      subtextStyle: { fontSize: 12 },
    },
    series: [
      {
        type: 'pie',
        radius: ['40%', '58%'],
        center: ['50%', '46%'],
        avoidLabelOverlap: true,
        label: { formatter: '{b}\n{c} 人', overflow: 'none' },
        labelLine: { length: 10, length2: 10 },
        data: [
          { name: '已完成', value: s.completed, itemStyle: { color: DONE_COLOR } },
          { name: '未完成', value: s.uncompleted, itemStyle: { color: UNDONE_COLOR } },
        ],
      },
    ],
  };
}

function CompletionTable({
  d,
  loading,
  sort,
  order,
  page,
  pageSize,
  onDrill,
  onPage,
  onSort,
}: {
  d: CompletionStats;
  loading: boolean;
  sort: SortField;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  onDrill: (r: CompletionRow) => void;
  onPage: (page: number, pageSize: number) => void;
  onSort: (s: SortField, o: 'asc' | 'desc') => void;
}) {
  const employer = d.groupBy === 'employer';
  const sortOrder = (f: SortField) => (employer && sort === f ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const label = TABS.find((t) => t.key === d.groupBy)!.column;
  const columns: TableColumnsType<CompletionRow> = [
    { title: '序号', key: 'seq', width: 64, align: 'center', render: (_, _r, i) => (employer ? (page - 1) * pageSize : 0) + i + 1 },
    {
      title: label,
      dataIndex: 'name',
      key: 'name',
      sorter: employer,
      sortOrder: sortOrder('name'),
      render: (v: string, r) =>
        d.groupBy === 'region' && r.regionId != null ? (
          <a onClick={() => onDrill(r)}>{v}</a>
        ) : (
          <span>
            {v}
            {r.regionId === null && d.groupBy === 'region' && <Tag style={{ marginInlineStart: 8 }}>直属单位</Tag>}
          </span>
        ),
    },
    ...(employer ? [{ title: '单位类型', dataIndex: 'orgTypeName', width: 120 }] : []),
    { title: '应完成人数', dataIndex: 'total', key: 'total', width: 130, align: 'right', sorter: employer, sortOrder: sortOrder('total') },
    {
      title: '已完成人数',
      dataIndex: 'completed',
      key: 'completed',
      width: 130,
      align: 'right',
      sorter: employer,
      sortOrder: sortOrder('completed'),
    },
    { title: '未完成人数', dataIndex: 'uncompleted', width: 130, align: 'right' },
    {
      title: '完成率',
      dataIndex: 'rate',
      key: 'rate',
      width: 220,
      sorter: employer,
      sortOrder: sortOrder('rate'),
      render: (v: number | null) => <RateBar rate={v} />,
    },
    ...(d.groupBy === 'region'
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 110,
            render: (_: unknown, r: CompletionRow) =>
              r.regionId == null ? null : (
                <Button type="link" size="small" onClick={() => onDrill(r)}>
                  {r.hasChildren ? '下钻' : '查看单位'}
                  <RightOutlined />
                </Button>
              ),
          },
        ]
      : []),
  ];
  const onChange: TableProps<CompletionRow>['onChange'] = (_pg, _f, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return;
    const field = (sorter.columnKey ?? 'total') as SortField;
    onSort(sorter.order ? field : 'total', sorter.order === 'ascend' ? 'asc' : 'desc');
  };
  return (
    <Table<CompletionRow>
      rowKey="key"
      className="stats-table"
      columns={columns}
      dataSource={d.rows}
      loading={loading}
      size="middle"
      onChange={onChange}
      pagination={
        employer ? serverPagination(page, pageSize, d.total, onPage) : { pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }
      }
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={employer ? '所选区域暂无有专业技术人员的单位' : '暂无数据'} /> }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row className="stats-total-row">
            <Table.Summary.Cell index={0} />
            <Table.Summary.Cell index={1}>合计{employer ? `（${d.total} 个单位）` : ''}</Table.Summary.Cell>
            {employer && <Table.Summary.Cell index={2} />}
            <Table.Summary.Cell index={employer ? 3 : 2} align="right">
              {d.summary.total}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={employer ? 4 : 3} align="right">
              {d.summary.completed}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={employer ? 5 : 4} align="right">
              {d.summary.uncompleted}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={employer ? 6 : 5}>{fmtRate(d.summary.rate)}</Table.Summary.Cell>
            {d.groupBy === 'region' && <Table.Summary.Cell index={6} />}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
