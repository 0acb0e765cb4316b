/**
 * 报名名单 of a base's class (学员成绩管理's second tab): the learners who enrolled through 培训报名 (证件号 masked),
 * 导出, and 登记成绩 from it — per learner (the score form, prefilled) or 全部登记 (one 成绩/是否合格 for every
 * enrolled learner without a score yet).
 */
import { useState } from 'react';
import { Alert, Button, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ENROLMENT_STATUSES, TITLE_SERIES, type EnrolmentStatus } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { ExportButton } from '../../components/ExportButton';
import { fmtMinute } from '../../components/format';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { rosterKey, trainingApi, type RosterRow, type TrainingClass } from './api';
import { ScoreFormModal } from './ScoreFormModal';

const seriesName = (c: string | null) => (c ? (TITLE_SERIES.find((t) => t.code === c)?.name ?? c) : '');

/** Every enrolled learner of the class without a score yet, read a page (200) at a time. */
async function unscored(classId: number): Promise<RosterRow[]> {
  const out: RosterRow[] = [];
  for (let page = 1; ; page++) {
    const r = await trainingApi.roster(classId, { status: 'enrolled', page, pageSize: 200 });
    out.push(...r.items.filter((i) => !i.scored));
    if (page * 200 >= r.total || !r.items.length) return out;
  }
}

export function RosterCard({ cls }: { cls: TrainingClass }) {
  const [status, setStatus] = useState<EnrolmentStatus>('enrolled');
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [scoring, setScoring] = useState<RosterRow[] | null>(null);
  const [collecting, setCollecting] = useState(false);
  const q = useQuery({
    queryKey: [...rosterKey(cls.id), status, page],
    queryFn: () => trainingApi.roster(cls.id, { status, ...page }),
    placeholderData: keepPreviousData,
  });

  const scoreAll = async () => {
    setCollecting(true);
    try {
      const rows = await unscored(cls.id);
      if (!rows.length) feedback.warning('报名名单中的学员均已登记成绩');
      else setScoring(rows);
    } catch (e) {
      feedback.error(e);
    } finally {
      setCollecting(false);
    }
  };

  const columns: TableColumnsType<RosterRow> = [
    { title: '序号', key: 'seq', width: 64, render: (_, _r, i) => (page.page - 1) * page.pageSize + i + 1 },
    { title: '姓名', dataIndex: 'name', width: 100, ellipsis: true },
    { title: '证件号', dataIndex: 'idNumberMasked', width: 190, render: (v: string) => <span className="mono">{v}</span> },
    {
      title: '所在单位',
      dataIndex: 'orgName',
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: '100%' }}>
          {v}
        </Typography.Text>
      ),
    },
    {
      title: '职称',
      key: 'title',
      width: 150,
      ellipsis: { showTitle: false },
      render: (_, r) => (
        <div style={{ minWidth: 0, fontSize: 13, lineHeight: '20px' }}>
          <Typography.Text ellipsis={{ tooltip: seriesName(r.titleSeries) }} style={{ maxWidth: '100%', display: 'block' }}>
            {seriesName(r.titleSeries) || '—'}
          </Typography.Text>
          {r.titleName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.titleName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: status === 'enrolled' ? '报名时间' : '取消时间', key: 'time', width: 140, render: (_, r) => fmtMinute(r.cancelledAt ?? r.createdAt) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 84,
      render: (v: EnrolmentStatus) => <Tag color={v === 'enrolled' ? 'blue' : 'default'}>{ENROLMENT_STATUSES[v]}</Tag>,
    },
    {
      title: '成绩',
      dataIndex: 'scored',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="green">已登记</Tag> : <Tag>未登记</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, r) =>
        r.status === 'enrolled' && !r.scored ? (
          <Button type="link" size="small" onClick={() => setScoring([r])}>
            登记成绩
          </Button>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Segmented<EnrolmentStatus>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'enrolled', label: '已报名' },
            { value: 'cancelled', label: '已取消' },
          ]}
        />
        <Space>
          <Button type="primary" icon={<TeamOutlined />} loading={collecting} onClick={() => void scoreAll()}>
            全部登记
          </Button>
          <ExportButton onExport={() => trainingApi.exportRoster(cls.id, `${cls.name}报名名单`)} />
        </Space>
      </Space>
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      <Table<RosterRow>
        rowKey="enrolmentId"
        tableLayout="fixed"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        scroll={{ x: 1000 }}
        pagination={pagedBy(page, setPage, q.data)}
        locale={{ emptyText: status === 'enrolled' ? '暂无学员报名该培训班' : '暂无取消报名的学员' }}
      />
      <ScoreFormModal
        key={scoring ? scoring.map((r) => r.personnelId).join(',') : 'closed'}
        cls={cls}
        open={!!scoring}
        learners={scoring ?? undefined}
        onClose={() => setScoring(null)}
      />
    </>
  );
}
