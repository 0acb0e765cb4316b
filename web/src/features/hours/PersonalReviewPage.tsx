/**
 * 本单位人员学时申报: the unit first reviews its own staff's personal declarations (证明材料, 认定依据), then they go on
 * to the HR department (个人申报学时审核).
 */
import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LEARNING_FORMS, SUBJECT_TYPES } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtDate } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { ReasonModal } from '../../components/ReasonModal';
import { BatchBar, KeywordFilter, ReviewTabs, type ReviewTab } from '../../components/review';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { hoursApi, PERSONAL_REVIEW_KEY, type Decision, type PersonalClaim } from './api';
import { EvidenceModal } from './EvidenceModal';
import { ClaimStatusTag } from './tags';
import { ExportButton } from '../../components/ExportButton';

type Rejecting = { ids: number[]; label: string } | null;

export function PersonalReviewPage() {
  const qc = useQueryClient();
  const [tab, setTab] = useState<ReviewTab>('pending');
  const [name, setName] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [selected, setSelected] = useState<number[]>([]);
  const [rejecting, setRejecting] = useState<Rejecting>(null);
  const [evidence, setEvidence] = useState<PersonalClaim | null>(null);

  const q = useQuery({
    queryKey: [...PERSONAL_REVIEW_KEY, tab, name, page],
    queryFn: () => hoursApi.personalClaims({ tab, name, ...page }),
    placeholderData: keepPreviousData,
  });
  const decide = useMutation({
    mutationFn: (d: Decision & { label: string }) => hoursApi.decidePersonal(d),
    onSuccess: (r, d) => {
      const verb = d.decision === 'approve' ? '通过，已转人社部门审核' : '驳回';
      feedback.success(d.ids.length === 1 ? `已${verb}：${d.label}` : `已${verb} ${r.done} 条申报${r.skipped ? `，${r.skipped} 条已被处理过` : ''}`);
      setSelected((cur) => cur.filter((id) => !d.ids.includes(id)));
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: PERSONAL_REVIEW_KEY });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
  const label = (r: PersonalClaim) => `${r.name}“${r.title}”`;
  const labelOf = (ids: number[]) => {
    const r = ids.length === 1 ? q.data?.items.find((x) => x.id === ids[0]) : undefined;
    return r ? label(r) : `${ids.length} 条申报`;
  };
  const approve = (ids: number[]) => decide.mutate({ ids, decision: 'approve', label: labelOf(ids) }, { onError: (e) => feedback.error(e) });

  const switchTab = (k: ReviewTab) => {
    setTab(k);
    setSelected([]);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<PersonalClaim> = [
    { title: '姓名', dataIndex: 'name', width: 90 },
    { title: '证件号', dataIndex: 'idNumberMasked', width: 175, render: (v: string) => <span className="mono">{v}</span> },
    { title: '年度', dataIndex: 'year', width: 80, render: (v: number) => `${v}年度` },
    {
      title: '学习内容',
      dataIndex: 'title',
      width: 200,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v} placement="topLeft">
          {v}
        </Tooltip>
      ),
    },
    { title: '科目类型', dataIndex: 'subjectType', width: 90, render: (v: keyof typeof SUBJECT_TYPES) => SUBJECT_TYPES[v] },
    { title: '学习形式', dataIndex: 'learningForm', width: 86, render: (v: keyof typeof LEARNING_FORMS) => LEARNING_FORMS[v] },
    {
      title: '认定学时',
      dataIndex: 'hours',
      width: 220,
      render: (v: number, r) => (
        <div>
          <strong>{v}</strong> 学时
          {r.basis && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: r.basis }}>
              {r.basis}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '申报日期', dataIndex: 'createdAt', width: 108, render: (v: string) => fmtDate(v) },
    {
      title: '状态',
      dataIndex: 'statusName',
      width: 160,
      render: (v: string, r) => (
        <div>
          <ClaimStatusTag status={r.status} name={v} />
          {r.status === 'rejected' && r.rejectReason && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: r.rejectReason }}>
              驳回原因：{r.rejectReason}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: tab === 'pending' ? 200 : 110,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<FileSearchOutlined />} onClick={() => setEvidence(r)}>
            证明材料
          </Button>
          {r.status === 'pendingEmployer' && (
            <>
              <Popconfirm
                title="通过申报"
                description={`确定通过${label(r)}吗？通过后转人社部门审核。`}
                okText="通过"
                cancelText="取消"
                onConfirm={() => approve([r.id])}
              >
                <Button type="link" size="small" disabled={decide.isPending}>
                  通过
                </Button>
              </Popconfirm>
              <Button type="link" size="small" danger disabled={decide.isPending} onClick={() => setRejecting({ ids: [r.id], label: label(r) })}>
                驳回
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="本单位人员学时申报"
      description="本单位专业技术人员本人申报的学时（如学术会议、进修），请核对证明材料和认定依据；单位审核通过后转人社部门审核。"
    >
      <Card variant="borderless">
        <ReviewTabs tab={tab} onChange={switchTab} />
        <KeywordFilter
          name="personalReviewFilter"
          label="姓名"
          placeholder="请输入姓名"
          onSearch={(k) => {
            setName(k);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          extra={<ExportButton onExport={() => hoursApi.exportPersonalClaims({ tab, name })} />}
        />
        {tab === 'pending' && selected.length > 0 && (
          <BatchBar
            count={selected.length}
            what="条申报"
            busy={decide.isPending}
            onApprove={() => approve(selected)}
            onReject={() => setRejecting({ ids: selected, label: labelOf(selected) })}
            onClear={() => setSelected([])}
          />
        )}
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<PersonalClaim>
          rowKey="id"
          tableLayout="fixed"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1460 }}
          rowSelection={
            tab === 'pending'
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }
              : undefined
          }
          pagination={pagedBy(page, setPage, q.data?.total)}
          locale={{ emptyText: tab === 'pending' ? '暂无待审核的个人学时申报' : '暂无已审核的个人学时申报' }}
        />
      </Card>
      <EvidenceModal
        claimId={evidence?.id ?? null}
        title={evidence ? `证明材料 · ${evidence.name} · ${evidence.title}` : undefined}
        onClose={() => setEvidence(null)}
      />
      <ReasonModal
        open={!!rejecting}
        title={rejecting && rejecting.ids.length > 1 ? `批量驳回（${rejecting.ids.length} 条）` : '驳回个人学时申报'}
        description={rejecting && (rejecting.ids.length > 1 ? `将驳回选中的 ${rejecting.ids.length} 条申报。` : `将驳回${rejecting.label}。`)}
        onSubmit={(reason) => decide.mutateAsync({ ids: rejecting!.ids, decision: 'reject', reason, label: rejecting!.label })}
        onClose={() => setRejecting(null)}
      />
    </PageContainer>
  );
}
