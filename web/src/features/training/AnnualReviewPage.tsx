/**
 * 审核继教机构年度培训计划 / 审核继教机构年度工作总结 (HR): 待审核/已审核, 年度 filter, 下载, 通过/驳回 (single and batch).
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Popconfirm, Select, Space, Table, Tooltip, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtMinute, orDash } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { ReasonModal } from '../../components/ReasonModal';
import { BatchBar, ReviewTabs, type ReviewTab } from '../../components/review';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { usePolicies, yearOptions } from '../hours/api';
import { ANNUAL_REVIEW_KEY, DOC_KINDS, trainingApi, type AnnualDoc, type Decision, type DocKind } from './api';
import { downloadDoc, FileLink } from './AnnualDocsPage';
import { DocStatusTag } from './tags';
import { ExportButton } from '../../components/ExportButton';
import { SearchButtons } from '../../components/SearchButtons';

type Rejecting = { ids: number[]; label: string } | null;

export const AnnualPlanReviewPage = () => <AnnualReviewPage kind="plan" />;
export const AnnualSummaryReviewPage = () => <AnnualReviewPage kind="summary" />;

function AnnualReviewPage({ kind }: { kind: DocKind }) {
  const what = DOC_KINDS[kind];
  const qc = useQueryClient();
  const policies = usePolicies();
  const [form] = Form.useForm<{ year?: number }>();
  const [tab, setTab] = useState<ReviewTab>('pending');
  const [year, setYear] = useState<number | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [selected, setSelected] = useState<number[]>([]);
  const [rejecting, setRejecting] = useState<Rejecting>(null);
  const key = [...ANNUAL_REVIEW_KEY, kind];

  const q = useQuery({
    queryKey: [...key, tab, year, page],
    queryFn: () => trainingApi.reviewDocs(kind, { tab, year, ...page }),
    placeholderData: keepPreviousData,
  });
  const decide = useMutation({
    mutationFn: (d: Decision & { label: string }) => trainingApi.decideDocs(kind, d),
    onSuccess: (r, d) => {
      const verb = d.decision === 'approve' ? '通过' : '驳回';
      feedback.success(d.ids.length === 1 ? `已${verb}${d.label}` : `已${verb} ${r.done} 份${what}${r.skipped ? `，${r.skipped} 份已被处理过` : ''}`);
      setSelected((cur) => cur.filter((id) => !d.ids.includes(id)));
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
  const label = (d: AnnualDoc) => `“${d.orgName}”的${d.year}年度${what}`;
  const labelOf = (ids: number[]) => {
    const d = ids.length === 1 ? q.data?.items.find((x) => x.id === ids[0]) : undefined;
    return d ? label(d) : `${ids.length} 份${what}`;
  };
  const approve = (ids: number[], l: string) => decide.mutate({ ids, decision: 'approve', label: l }, { onError: (e) => feedback.error(e) });

  const switchTab = (k: ReviewTab) => {
    setTab(k);
    setSelected([]);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<AnnualDoc> = [
    { title: '继续教育机构', dataIndex: 'orgName', width: 220, ellipsis: true },
    { title: '报送年度', dataIndex: 'year', width: 96, render: (v: number) => `${v}年度` },
    {
      title: '说明',
      dataIndex: 'description',
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v} placement="topLeft">
          {v}
        </Tooltip>
      ),
    },
    { title: '文件', key: 'file', width: 280, render: (_, d) => <FileLink doc={d} /> },
    { title: '上传时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
    ...(tab === 'done'
      ? [
          { title: '审核结果', dataIndex: 'status', width: 90, render: (v: string) => <DocStatusTag status={v} /> },
          { title: '审核时间', dataIndex: 'reviewedAt', width: 140, render: (v: string | null) => fmtMinute(v) },
          {
            title: '驳回原因',
            dataIndex: 'rejectReason',
            width: 150,
            ellipsis: { showTitle: false },
            render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
          },
        ]
      : []),
    {
      title: '操作',
      key: 'actions',
      width: tab === 'pending' ? 150 : 70,
      fixed: 'right',
      render: (_, d) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => void downloadDoc(d)}>
            下载
          </Button>
          {d.status === 'pending' && (
            <>
              <Popconfirm
                title={`通过${what}`}
                description={`确定通过${label(d)}吗？`}
                okText="通过"
                cancelText="取消"
                onConfirm={() => approve([d.id], label(d))}
              >
                <Button type="link" size="small" disabled={decide.isPending}>
                  通过
                </Button>
              </Popconfirm>
              <Button type="link" size="small" danger disabled={decide.isPending} onClick={() => setRejecting({ ids: [d.id], label: label(d) })}>
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
      title={`审核继教机构${what}`}
      description={`辖区内继续教育基地（机构）报送的${what}。请下载文件审阅后通过或驳回；驳回后机构可重新上传。`}
    >
      <Card variant="borderless">
        <ReviewTabs tab={tab} onChange={switchTab} />
        <Form
          form={form}
          name={`annualReviewFilters-${kind}`}
          layout="inline"
          className="filter-bar"
          onFinish={(v) => {
            setYear(v.year);
            setPage((p) => ({ ...p, page: 1 }));
          }}
        >
          <Form.Item label="报送年度" name="year">
            <Select options={yearOptions(policies.data?.items)} allowClear placeholder="全部年度" style={{ width: 140 }} />
          </Form.Item>
          <SearchButtons
            onReset={() => {
              form.resetFields();
              setYear(undefined);
              setPage((p) => ({ ...p, page: 1 }));
            }}
          >
            <ExportButton onExport={() => trainingApi.exportReviewDocs(kind, { tab, year })} />
          </SearchButtons>
        </Form>
        {tab === 'pending' && selected.length > 0 && (
          <BatchBar
            count={selected.length}
            what={`份${what}`}
            busy={decide.isPending}
            onApprove={() => approve(selected, labelOf(selected))}
            onReject={() => setRejecting({ ids: selected, label: labelOf(selected) })}
            onClear={() => setSelected([])}
          />
        )}
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<AnnualDoc>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1200 }}
          rowSelection={
            tab === 'pending'
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }
              : undefined
          }
          pagination={pagedBy(page, setPage, q.data?.total)}
          locale={{ emptyText: tab === 'pending' ? `暂无待审核的${what}` : `暂无已审核的${what}` }}
        />
      </Card>
      <ReasonModal
        open={!!rejecting}
        title={rejecting && rejecting.ids.length > 1 ? `批量驳回（${rejecting.ids.length} 份）` : `驳回${what}`}
        description={
          rejecting &&
          (rejecting.ids.length > 1
            ? `将驳回选中的 ${rejecting.ids.length} 份${what}，机构可重新上传。`
            : `将驳回${rejecting.label}，机构可重新上传。`)
        }
        onSubmit={(reason) => decide.mutateAsync({ ids: rejecting!.ids, decision: 'reject', reason, label: rejecting!.label })}
        onClose={() => setRejecting(null)}
      />
    </PageContainer>
  );
}
