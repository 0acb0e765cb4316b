/**
 * 学员成绩管理 (base) / 单位培训学时 (employer): choose an approved class (searched on the server by name), see its
 * learners (成绩, 是否合格, 申报状态, 重点审核), 登记成绩 one by one or Excel导入; 修改/撤销 a learner HR has not decided.
 */
import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, FileExcelOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { LEARNING_FORMS, overCapacityWarning, SUBJECT_TYPES } from '@hbzsgx/domain';
import { useDebounced } from '../../components/useDebounced';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE } from '../../components/table';
import { ClaimStatusTag, FlagTag, StatusReason } from '../hours/tags';
import { CLASSES_KEY, scoresKey, trainingApi, type ScoreRow, type TrainingClass } from './api';
import { classNouns } from './nouns';
import { ScoreCorrectModal } from './ScoreCorrectModal';
import { ScoreFormModal } from './ScoreFormModal';
import { ScoreImportModal } from './ScoreImportModal';
import { RosterCard } from './RosterCard';
import { ExportButton } from '../../components/ExportButton';

export function ScoresPage() {
  const me = useMe();
  const n = classNouns(me);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const classId = Number(params.get('classId')) || undefined;
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  /** A base's classes also have the 报名名单 of 培训报名 (an employer's unit plans have no enrolment). */
  const [tab, setTab] = useState<'scores' | 'roster'>('scores');

  const [correcting, setCorrecting] = useState<ScoreRow | null>(null);
  const [keyword, setKeyword] = useState('');
  const debounced = useDebounced(keyword.trim(), 300);
  const qc = useQueryClient();

  // Approved classes (the only ones that take scores), newest first, searched by name on the server a page at a time.
  const classes = useQuery({
    queryKey: [...CLASSES_KEY, 'scorable', debounced],
    queryFn: () => trainingApi.scorableClasses({ keyword: debounced || undefined, page: 1, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  // the selected class itself (it may not be on the search's first page)
  const selected = useQuery({
    queryKey: [...CLASSES_KEY, 'scorable', 'id', classId],
    queryFn: () => trainingApi.scorableClasses({ id: classId, page: 1, pageSize: 1 }),
    enabled: !!classId,
  });
  const cls: TrainingClass | undefined = selected.data?.items[0];
  const known = useRef(new Map<number, TrainingClass>());
  for (const c of [...(classes.data?.items ?? []), ...(cls ? [cls] : [])]) known.current.set(c.id, c);
  const options = (classes.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.year}年度 · ${c.name}` }));
  if (cls && !options.some((o) => o.value === cls.id)) options.unshift({ value: cls.id, label: `${cls.year}年度 · ${cls.name}` });
  const noClasses = !classes.isPending && !debounced && (classes.data?.total ?? 0) === 0;

  const revoke = useMutation({
    mutationFn: (r: ScoreRow) => trainingApi.revokeScore(cls!.id, r.claimId),
    onSuccess: (_d, r) => feedback.success(`已撤销“${r.name}”的成绩`),
    onError: (e) => feedback.error(e),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: scoresKey(cls?.id ?? 0) });
      void qc.invalidateQueries({ queryKey: CLASSES_KEY });
    },
  });
  const scores = useQuery({
    queryKey: scoresKey(classId ?? 0),
    queryFn: () => trainingApi.scores(classId!),
    enabled: !!cls,
  });
  const rows = useMemo(() => scores.data?.items ?? [], [scores.data]);
  // a claim 学时审核 deleted stays listed with its reason, but is no longer a registered learner
  const counts = useMemo(() => {
    const live = rows.filter((r) => r.status !== 'deleted');
    return {
      registered: live.length,
      qualified: live.filter((r) => r.qualified).length,
      approved: live.filter((r) => r.status === 'approved').length,
      flagged: live.filter((r) => r.flagged).length,
      deleted: rows.length - live.length,
    };
  }, [rows]);

  const choose = (id: number | undefined) => setParams(id ? { classId: String(id) } : {}, { replace: true });
  const over = cls ? overCapacityWarning({ learners: counts.registered, capacity: cls.capacity }) : null;

  const columns: TableColumnsType<ScoreRow> = [
    { title: '序号', key: 'seq', width: 64, render: (_, _r, i) => i + 1 },
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
    { title: '成绩', dataIndex: 'score', width: 80, ellipsis: true, render: (v: string | null) => v || '—' },
    {
      title: '是否合格',
      dataIndex: 'qualified',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="green">合格</Tag> : <Tag color="red">不合格</Tag>),
    },
    { title: '学时', dataIndex: 'hours', width: 70, align: 'right', render: (v: number, r) => (r.qualified ? v : '—') },
    {
      title: '申报状态',
      dataIndex: 'status',
      width: 176,
      render: (v: string, r) => (
        <div>
          <Space size={4} wrap>
            <ClaimStatusTag status={v} />
            {r.flagged && <FlagTag reasons={r.flagReasons} />}
          </Space>
          <StatusReason status={v} rejectReason={r.rejectReason} revokeReason={r.revokeReason} deleteReason={r.deleteReason} />
        </div>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, r) =>
        r.correctable ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setCorrecting(r)}>
              修改
            </Button>
            <Popconfirm
              title={`撤销${n.learner}成绩`}
              description={`确定撤销“${r.name}”的成绩吗？${r.status === 'pending' ? '其学时申报将一并撤回。' : ''}`}
              okText="撤销"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => revoke.mutateAsync(r).catch(() => undefined)}
            >
              <Button type="link" size="small" danger disabled={revoke.isPending}>
                撤销
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} title="人社部门已审核，只能由人社部门修改">
            已审核
          </Typography.Text>
        ),
    },
  ];

  const template = async () => {
    try {
      await trainingApi.template();
    } catch (e) {
      feedback.error(e);
    }
  };

  return (
    <PageContainer
      title={n.employer ? '单位培训学时' : '学员成绩管理'}
      description={
        n.employer
          ? '为参加本单位培训计划的本单位人员申报学时：选择已审核通过的培训计划，逐个登记或Excel导入。'
          : '选择已审核通过的培训班，逐个登记或Excel导入学员成绩；合格学员的学时由本基地代为申报，经人社部门审核通过后计入个人学时。'
      }
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card variant="borderless">
          <Space wrap align="center">
            <Typography.Text>{n.noun}：</Typography.Text>
            <Select
              aria-label={`选择${n.noun}`}
              style={{ width: 520 }}
              placeholder={`请输入名称搜索已审核通过的${n.noun}`}
              loading={classes.isFetching || selected.isFetching}
              value={classId && (cls || selected.isPending) ? classId : undefined}
              onChange={(v: number | undefined) => choose(v)}
              allowClear
              showSearch={{ filterOption: false, onSearch: setKeyword }}
              onOpenChange={(open) => !open && setKeyword('')}
              options={options}
              optionRender={(o) => (
                <Typography.Text ellipsis={{ tooltip: o.label }} style={{ maxWidth: '100%' }}>
                  {o.label}
                </Typography.Text>
              )}
              notFoundContent={
                classes.isFetching ? (
                  '正在搜索…'
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={debounced ? '没有名称匹配的' + n.noun : `暂无审核通过的${n.noun}`} />
                )
              }
              popupRender={(menu) => (
                <>
                  {menu}
                  {(classes.data?.total ?? 0) > (classes.data?.items.length ?? 0) && (
                    <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px', fontSize: 12 }}>
                      共 {classes.data!.total} 个，仅显示最近 {classes.data!.items.length} 个，请输入名称缩小范围
                    </Typography.Text>
                  )}
                </>
              )}
            />
            <Button icon={<DownloadOutlined />} onClick={template}>
              下载模板
            </Button>
          </Space>
          {classes.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(classes.error)} style={{ marginTop: 16 }} />}
          {classId && selected.data && !cls && (
            <Alert type="warning" showIcon title={`该${n.noun}不存在或尚未审核通过，请重新选择`} style={{ marginTop: 16 }} />
          )}
          {over && <Alert type="warning" showIcon title={`${over}，请核对${n.learner}名单`} style={{ marginTop: 16 }} />}
          {cls && (
            <Descriptions
              size="small"
              style={{ marginTop: 16 }}
              column={{ xs: 1, sm: 2, lg: 4 }}
              items={[
                { key: 'year', label: '培训年度', children: `${cls.year}年度` },
                { key: 'subject', label: '科目类型', children: SUBJECT_TYPES[cls.subjectType] },
                { key: 'form', label: '学习形式', children: LEARNING_FORMS[cls.learningForm] },
                { key: 'hours', label: '学时', children: `${cls.hours} 学时` },
                { key: 'dates', label: '培训时间', children: `${cls.startDate} 至 ${cls.endDate}` },
                { key: 'place', label: '培训地点', children: cls.place },
                { key: 'capacity', label: '计划人数', children: `${cls.capacity} 人` },
                {
                  key: 'stat',
                  label: '已登记',
                  children: `${counts.registered} 人（合格 ${counts.qualified}，已通过 ${counts.approved}，重点审核 ${counts.flagged}）${counts.deleted ? `；已删除 ${counts.deleted} 条` : ''}`,
                },
              ]}
            />
          )}
        </Card>

        {!cls ? (
          <Card variant="borderless">
            {classes.isPending ? null : !noClasses ? (
              <Empty description={`请先在上方选择一个${n.noun}`} />
            ) : (
              <Empty description={`暂无审核通过的${n.noun}`}>
                <Button type="primary" onClick={() => navigate('/training/classes')}>
                  {n.employer ? '去申报单位培训计划' : '去申报培训班'}
                </Button>
              </Empty>
            )}
          </Card>
        ) : (
          <Card
            variant="borderless"
            title={`${n.learner}名单`}
            tabList={
              n.employer
                ? undefined
                : [
                    { key: 'scores', label: `${n.learner}成绩` },
                    { key: 'roster', label: '报名名单' },
                  ]
            }
            activeTabKey={tab}
            onTabChange={(k) => setTab(k as 'scores' | 'roster')}
            tabProps={{ size: 'middle' }}
            extra={
              tab === 'roster' && !n.employer ? null : (
                <Space>
                  <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
                    {n.employer ? '登记参训人员' : '登记成绩'}
                  </Button>
                  <Button icon={<FileExcelOutlined />} onClick={() => setImporting(true)}>
                    Excel导入
                  </Button>
                  <ExportButton onExport={() => trainingApi.exportScores(cls.id, `${cls.name}${n.learner}名单`)} />
                </Space>
              )
            }
          >
            {tab === 'roster' && !n.employer ? (
              <RosterCard cls={cls} />
            ) : (
              <>
                {scores.error && (
                  <Alert type="error" showIcon title="加载失败" description={errorMessage(scores.error)} style={{ marginBottom: 16 }} />
                )}
                <Table<ScoreRow>
                  rowKey="claimId"
                  columns={columns}
                  dataSource={rows}
                  loading={scores.isFetching}
                  scroll={{ x: 1000 }}
                  pagination={{
                    pageSize,
                    showSizeChanger: true,
                    pageSizeOptions: [10, 20, 50, 100],
                    showTotal: (t) => `共 ${t} 条`,
                    onChange: (_p, s) => setPageSize(s),
                  }}
                  locale={{ emptyText: `暂无${n.learner}，可点击“${n.employer ? '登记参训人员' : '登记成绩'}”或“Excel导入”` }}
                />
              </>
            )}
          </Card>
        )}
      </Space>
      {cls && <ScoreFormModal cls={cls} open={adding} onClose={() => setAdding(false)} />}
      {cls && <ScoreImportModal cls={cls} open={importing} onClose={() => setImporting(false)} />}
      {cls && <ScoreCorrectModal key={correcting?.claimId ?? 'closed'} cls={cls} row={correcting} onClose={() => setCorrecting(null)} />}
    </PageContainer>
  );
}
