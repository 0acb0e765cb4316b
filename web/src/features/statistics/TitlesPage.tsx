/**
 * 职称系列分布查询: the region's personnel by 职称系列 × 职称级别 (the dictionary's series and levels), as a stacked
 * bar chart, a pie of the levels and a table; 导出数据 downloads the table as xlsx.
 */
import { Alert, Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { statsApi, type TitleStats } from './api';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';
import { StatsFilters } from './StatsFilters';
import { useStatsParams } from './useStatsParams';
import './stats.css';

/** One colour per level, from 正高级 (deep) to 员级 (light); 未填写 grey. */
const LEVEL_COLORS: Record<string, string> = {
  senior: '#0b3d91',
  viceSenior: '#1657b8',
  intermediate: '#4096ff',
  assistant: '#91caff',
  junior: '#bae0ff',
  none: '#d9d9d9',
};
type Row = TitleStats['rows'][number];
const share = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 1000) / 10}%` : '—');

export function TitlesPage() {
  const [p, update] = useStatsParams();
  const params = { regionId: p.regionId };
  const q = useQuery({ queryKey: ['stats', 'titles', params], queryFn: () => statsApi.titles(params), placeholderData: keepPreviousData });
  const d = q.data;

  return (
    <PageContainer
      title="职称系列分布查询"
      description="本辖区在册专业技术人员按职称系列和职称级别的分布（职称系列与级别按人社部《职称系列（专业）各层级名称》）。"
    >
      <StatsFilters
        withYear={false}
        regionId={p.regionId}
        path={d?.path}
        onChange={(c) => update({ regionId: c.regionId })}
        extra={
          <ExportButton type="primary" disabled={!d} onExport={() => statsApi.exportTitles(params)}>
            导出数据
          </ExportButton>
        }
      />
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      {!d ? (
        !q.error && (
          <Card variant="borderless">
            <Skeleton active paragraph={{ rows: 10 }} />
          </Card>
        )
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <LevelTiles d={d} />
          {d.totals.total === 0 ? (
            <Card variant="borderless">
              <Empty description="所选区域暂无在册的专业技术人员" />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Card variant="borderless" className="stats-card" title={`${d.region.name} · 各职称系列人数（按职称级别）`}>
                  <EChart option={seriesBars(d)} height={380} ariaLabel="职称系列分布柱状图" />
                </Card>
              </Col>
              <Col xs={24} xl={8}>
                <Card variant="borderless" className="stats-card" title="职称级别构成">
                  <EChart option={levelPie(d)} height={380} ariaLabel="职称级别构成饼图" />
                </Card>
              </Col>
            </Row>
          )}
          <Card
            variant="borderless"
            className="stats-card"
            title={`${d.region.name} · 职称系列分布表`}
            extra={
              <Typography.Text type="secondary">
                共 {d.rows.length} 个职称系列，{d.totals.total} 人
              </Typography.Text>
            }
          >
            <TitleTable d={d} loading={q.isFetching} />
          </Card>
        </Space>
      )}
    </PageContainer>
  );
}

function LevelTiles({ d }: { d: TitleStats }) {
  const c = d.totals.counts;
  const high = (c.senior ?? 0) + (c.viceSenior ?? 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} lg={6}>
        <Card size="small" className="stats-tile">
          <Statistic title="在册专业技术人员" value={d.totals.total} suffix="人" />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small" className="stats-tile">
          <Statistic
            title="高级职称（正高级 + 副高级）"
            value={high}
            suffix={<span className="stats-sub">人 · {share(high, d.totals.total)}</span>}
          />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small" className="stats-tile">
          <Statistic
            title="中级职称"
            value={c.intermediate ?? 0}
            suffix={<span className="stats-sub">人 · {share(c.intermediate ?? 0, d.totals.total)}</span>}
          />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small" className="stats-tile">
          <Statistic title="涉及职称系列" value={d.rows.filter((r) => r.key !== 'none').length} suffix="个" />
        </Card>
      </Col>
    </Row>
  );
}

function seriesBars(d: TitleStats): ChartOption {
  const many = d.rows.length > 8;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, right: 0, data: d.levels.map((l) => l.name) },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: d.rows.map((r) => r.name), axisLabel: { interval: 0, rotate: many ? 35 : 0, width: 100, overflow: 'truncate' } },
    yAxis: { type: 'value', name: '人数', minInterval: 1 },
    series: d.levels.map((l, i) => ({
      name: l.name,
      type: 'bar' as const,
      stack: 'level',
      barMaxWidth: 46,
      itemStyle: { color: LEVEL_COLORS[l.code] ?? '#d9d9d9', ...(i === d.levels.length - 1 ? { borderRadius: [3, 3, 0, 0] } : {}) },
      data: d.rows.map((r) => r.counts[l.code] ?? 0),
    })),
  };
}

function levelPie(d: TitleStats): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['38%', '58%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{d}%', overflow: 'none' },
        labelLine: { length: 10, length2: 10 },
        data: d.levels
          .map((l) => ({ name: l.name, value: d.totals.counts[l.code] ?? 0, itemStyle: { color: LEVEL_COLORS[l.code] } }))
          .filter((x) => x.value > 0),
      },
    ],
  };
}

function TitleTable({ d, loading }: { d: TitleStats; loading: boolean }) {
  const columns: TableColumnsType<Row> = [
    { title: '序号', key: 'seq', width: 64, align: 'center', render: (_, _r, i) => i + 1 },
    { title: '职称系列', dataIndex: 'name', width: 180 },
    ...d.levels.map((l) => ({
      title: l.name,
      key: l.code,
      align: 'right' as const,
      width: 96,
      render: (_: unknown, r: Row) => r.counts[l.code] ?? 0,
    })),
    { title: '合计', dataIndex: 'total', align: 'right', width: 96, render: (v: number) => <b>{v}</b> },
    { title: '占比', key: 'share', align: 'right', width: 96, render: (_, r) => share(r.total, d.totals.total) },
  ];
  return (
    <Table<Row>
      rowKey="key"
      className="stats-table"
      size="middle"
      columns={columns}
      dataSource={d.rows}
      loading={loading}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" /> }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row className="stats-total-row">
            <Table.Summary.Cell index={0} />
            <Table.Summary.Cell index={1}>合计</Table.Summary.Cell>
            {d.levels.map((l, i) => (
              <Table.Summary.Cell key={l.code} index={2 + i} align="right">
                {d.totals.counts[l.code] ?? 0}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={2 + d.levels.length} align="right">
              <b>{d.totals.total}</b>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3 + d.levels.length} align="right">
              {d.totals.total ? '100%' : '—'}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
