/**
 * 继教综合统计查询: the jurisdiction's figures for a year — personnel, organisations by type, training classes and
 * claims by state, approved hours by 科目类型 and 学习形式, completion — and a row per lower region (click to drill
 * down; the breadcrumb goes back up). 导出 downloads the region table as xlsx.
 */
import type { ReactNode } from 'react';
import { Alert, Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { AuditOutlined, BankOutlined, CheckCircleOutlined, ClockCircleOutlined, ReadOutlined, RightOutlined, TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CLAIM_STATUSES, CLASS_STATUSES, ORG_TYPES, SUBJECT_TYPES } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { ExportButton } from '../../components/ExportButton';
import { PageContainer } from '../../components/PageContainer';
import { fmtRate, statsApi, type Overview, type OverviewRow } from './api';
import { EChart } from './EChart';
import { COLORS, type ChartOption } from './echarts';
import { StatsFilters } from './StatsFilters';
import { useStatsParams } from './useStatsParams';
import './stats.css';

const PUBLIC_COLOR = '#36cfc9';
const PROFESSIONAL_COLOR = '#1657b8';

export function OverviewPage() {
  const [p, update] = useStatsParams();
  const params = { year: p.year, regionId: p.regionId };
  const q = useQuery({ queryKey: ['stats', 'overview', params], queryFn: () => statsApi.overview(params), placeholderData: keepPreviousData });
  const d = q.data;
  const drill = (r: OverviewRow) => r.regionId != null && update({ regionId: r.regionId });

  return (
    <PageContainer
      title="继教综合统计查询"
      description="本辖区专业技术人员继续教育综合情况：人员、机构、培训班、学时申报与认定学时、完成情况；可按区域逐级下钻（省 → 市州 → 县区）。"
    >
      <StatsFilters
        year={p.year}
        regionId={p.regionId}
        path={d?.path}
        onChange={(c) => update(c)}
        extra={<ExportButton disabled={!d} onExport={() => statsApi.exportOverview(params)} />}
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
          <Tiles d={d} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Card
                variant="borderless"
                className="stats-card"
                title={`${d.region.name} · 分区域认定学时`}
                extra={<Typography.Text type="secondary">点击柱形可下钻</Typography.Text>}
              >
                {d.rows.some((r) => r.totalHours > 0) ? (
                  <EChart option={regionBars(d)} height={320} ariaLabel="分区域认定学时" onItemClick={(e) => drill(d.rows[e.dataIndex]!)} />
                ) : (
                  <Empty className="stats-empty" description={`${d.year} 年度暂无认定学时`} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card variant="borderless" className="stats-card" title="认定学时构成（按学习形式）">
                {d.hours.total > 0 ? (
                  <EChart option={formPie(d)} height={320} ariaLabel="按学习形式的认定学时" />
                ) : (
                  <Empty className="stats-empty" description={`${d.year} 年度暂无认定学时`} />
                )}
              </Card>
            </Col>
          </Row>
          <Card
            variant="borderless"
            className="stats-card"
            title={`${d.region.name} · 分区域统计（${d.year} 年度）`}
            extra={<Typography.Text type="secondary">点击区域可下钻查看</Typography.Text>}
          >
            <RegionTable d={d} loading={q.isFetching} onDrill={drill} />
          </Card>
        </Space>
      )}
    </PageContainer>
  );
}

function Tile({
  icon,
  title,
  value,
  suffix,
  color,
  children,
}: {
  icon: ReactNode;
  title: string;
  value: ReactNode;
  suffix?: string;
  color: string;
  children?: ReactNode;
}) {
  return (
    <Card size="small" className="stats-tile">
      <div className="stats-tile-head">
        <span className="stats-tile-icon" style={{ color, background: `${color}14` }}>
          {icon}
        </span>
        <Statistic title={title} value={value as number} suffix={suffix} />
      </div>
      {children && <div className="stats-tile-foot">{children}</div>}
    </Card>
  );
}

function Tiles({ d }: { d: Overview }) {
  const cls = Object.fromEntries(d.classes.byStatus.map((s) => [s.status, s.count]));
  const claims = Object.fromEntries(d.claims.byStatus.map((s) => [s.status, s.count]));
  const orgTotal = d.orgs.authority + d.orgs.employer + d.orgs.base;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} xl={4}>
        <Tile icon={<TeamOutlined />} title="专业技术人员" value={d.personnel} suffix="人" color="#1657b8">
          在册人员（已审核通过）
        </Tile>
      </Col>
      <Col xs={24} sm={12} xl={5}>
        <Tile icon={<BankOutlined />} title="各类机构" value={orgTotal} suffix="个" color="#722ed1">
          {ORG_TYPES.authority} {d.orgs.authority} · {ORG_TYPES.employer} {d.orgs.employer} · {ORG_TYPES.base} {d.orgs.base}
        </Tile>
      </Col>
      <Col xs={24} sm={12} xl={5}>
        <Tile icon={<ReadOutlined />} title="培训班" value={d.classes.total} suffix="个" color="#13c2c2">
          {CLASS_STATUSES.approved} {cls.approved ?? 0} · {CLASS_STATUSES.pending} {cls.pending ?? 0} · {CLASS_STATUSES.rejected} {cls.rejected ?? 0}
        </Tile>
      </Col>
      <Col xs={24} sm={12} xl={5}>
        <Tile icon={<AuditOutlined />} title="学时申报" value={d.claims.total} suffix="条" color="#fa8c16">
          {CLAIM_STATUSES.approved} {claims.approved ?? 0} · {CLAIM_STATUSES.pending} {(claims.pending ?? 0) + (claims.pendingEmployer ?? 0)} ·{' '}
          {CLAIM_STATUSES.rejected}/{CLAIM_STATUSES.revoked} {(claims.rejected ?? 0) + (claims.revoked ?? 0)}
        </Tile>
      </Col>
      <Col xs={24} sm={12} xl={5}>
        <Tile icon={<ClockCircleOutlined />} title="认定学时" value={d.hours.total} suffix="学时" color="#08979c">
          {SUBJECT_TYPES.public} {d.hours.public} · {SUBJECT_TYPES.professional} {d.hours.professional}
        </Tile>
      </Col>
      <Col span={24}>
        <Card size="small" className="stats-completion-bar">
          <Space size={24} wrap>
            <span>
              <CheckCircleOutlined style={{ color: '#52c41a' }} /> <b>{d.year} 年度完成情况</b>
            </span>
            <span>
              应完成 <b>{d.completion.total}</b> 人
            </span>
            <span>
              已完成 <b className="stats-done">{d.completion.completed}</b> 人
            </span>
            <span>
              未完成 <b className="stats-undone">{d.completion.uncompleted}</b> 人
            </span>
            <span>
              完成率 <b>{fmtRate(d.completion.rate)}</b>
            </span>
            <Typography.Text type="secondary">
              （要求：全年不少于 {d.policy.totalRequired} 学时，其中{SUBJECT_TYPES.professional}不少于 {d.policy.professionalMin}、
              {SUBJECT_TYPES.public}不少于 {d.policy.publicMin} 学时）
            </Typography.Text>
          </Space>
        </Card>
      </Col>
    </Row>
  );
}

function regionBars(d: Overview): ChartOption {
  const rows = d.rows;
  const many = rows.length > 8;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [SUBJECT_TYPES.public, SUBJECT_TYPES.professional], top: 0, right: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, rotate: many ? 35 : 0, width: many ? 96 : 140, overflow: 'truncate' },
    },
    yAxis: { type: 'value', name: '学时' },
    series: [
      {
        name: SUBJECT_TYPES.public,
        type: 'bar',
        stack: 'h',
        barMaxWidth: 42,
        itemStyle: { color: PUBLIC_COLOR },
        data: rows.map((r) => r.publicHours),
        cursor: 'pointer',
      },
      {
        name: SUBJECT_TYPES.professional,
        type: 'bar',
        stack: 'h',
        barMaxWidth: 42,
        itemStyle: { color: PROFESSIONAL_COLOR, borderRadius: [3, 3, 0, 0] },
        data: rows.map((r) => r.professionalHours),
        cursor: 'pointer',
      },
    ],
  };
}

function formPie(d: Overview): ChartOption {
  const data = d.hours.byForm.filter((f) => f.hours > 0).map((f) => ({ name: f.name, value: f.hours }));
  return {
    color: COLORS,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 学时（{d}%）' },
    legend: { bottom: 0 },
    title: {
      text: String(d.hours.total),
      subtext: '认定学时',
      left: 'center',
      top: '38%',
      textStyle: { fontSize: 18, fontWeight: 600, color: '#262626' },
      subtextStyle: { fontSize: 12 },
    },
    series: [
      {
        type: 'pie',
        radius: ['40%', '58%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{d}%', overflow: 'none' },
        labelLine: { length: 10, length2: 10 },
        data,
      },
    ],
  };
}

function RegionTable({ d, loading, onDrill }: { d: Overview; loading: boolean; onDrill: (r: OverviewRow) => void }) {
  const sum = (f: (r: OverviewRow) => number) => d.rows.reduce((a, r) => a + f(r), 0);
  const columns: TableColumnsType<OverviewRow> = [
    {
      title: '区域',
      dataIndex: 'name',
      fixed: 'left',
      width: 170,
      render: (v: string, r) =>
        r.regionId != null ? (
          <a>
            {v} <RightOutlined className="stats-drill-arrow" />
          </a>
        ) : (
          <span>
            {v}
            <Tag style={{ marginInlineStart: 6 }}>直属</Tag>
          </span>
        ),
    },
    { title: '专技人员', dataIndex: 'personnel', align: 'right' },
    { title: ORG_TYPES.authority, dataIndex: 'authorities', align: 'right' },
    { title: ORG_TYPES.employer, dataIndex: 'employers', align: 'right' },
    { title: ORG_TYPES.base, dataIndex: 'bases', align: 'right' },
    { title: `培训班（${CLASS_STATUSES.approved}）`, dataIndex: 'classes', align: 'right' },
    { title: `${SUBJECT_TYPES.public}学时`, dataIndex: 'publicHours', align: 'right' },
    { title: `${SUBJECT_TYPES.professional}学时`, dataIndex: 'professionalHours', align: 'right' },
    { title: '合计学时', dataIndex: 'totalHours', align: 'right' },
    { title: '已完成人数', dataIndex: 'completed', align: 'right' },
    { title: '完成率', dataIndex: 'rate', align: 'right', render: (v: number | null) => fmtRate(v) },
  ];
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return (
    <Table<OverviewRow>
      rowKey="key"
      className="stats-table"
      size="middle"
      columns={columns}
      dataSource={d.rows}
      loading={loading}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (r.regionId != null ? 'stats-row-link' : '')}
      onRow={(r) => (r.regionId != null ? { onClick: () => onDrill(r), title: `查看${r.name}` } : {})}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row className="stats-total-row">
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {d.personnel}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {sum((r) => r.authorities)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {sum((r) => r.employers)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {sum((r) => r.bases)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {sum((r) => r.classes)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              {r1(d.hours.public)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">
              {r1(d.hours.professional)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} align="right">
              {r1(d.hours.total)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={9} align="right">
              {d.completion.completed}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={10} align="right">
              {fmtRate(d.completion.rate)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
