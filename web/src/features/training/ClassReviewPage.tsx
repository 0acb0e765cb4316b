/**
 * 审核培训计划申报 (bases' classes, /training/class-review) and 单位培训计划审核 (employers' plans, /hours/unit-plans):
 * 待审核/已审核, 年度 + 名称 filter, 查看 (drawer), 通过 (confirm), 驳回 (reason), batch on the pending tab.
 */
import { useState } from 'react';
import { Alert, Button, Card, Drawer, Form, Input, Popconfirm, Select, Space, Table, Tooltip, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LEARNING_FORMS, SUBJECT_TYPES } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtMinute, orDash } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { ReasonModal } from '../../components/ReasonModal';
import { BatchBar, ReviewTabs, type ReviewTab } from '../../components/review';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { usePolicies, yearOptions } from '../hours/api';
import { CLASS_REVIEW_KEY, trainingApi, type Decision, type TrainingClass } from './api';
import { ClassDescriptions } from './ClassDescriptions';
import { ClassStatusTag } from './tags';
import { ExportButton } from '../../components/ExportButton';
import { SearchButtons } from '../../components/SearchButtons';

type OrgType = 'base' | 'employer';
const TEXT: Record<OrgType, { title: string; description: string; org: string; noun: string; name: string }> = {
  base: {
    title: '审核培训计划申报',
    description: '辖区内继续教育基地（机构）申报的培训班。审核通过后，基地方可登记学员成绩并代为申报学时。',
    org: '继续教育机构',
    noun: '培训班',
    name: '培训班名称',
  },
  employer: {
    title: '单位培训计划审核',
    description: '辖区内用人单位申报的单位培训计划。审核通过后，单位方可为参训的本单位人员申报学时。',
    org: '申报单位',
    noun: '培训计划',
    name: '培训名称',
  },
};

interface Filters {
  year?: number;
  keyword?: string;
}
type Rejecting = { ids: number[]; label: string } | null;

export const BaseClassReviewPage = () => <ClassReviewPage orgType="base" />;
export const UnitPlanReviewPage = () => <ClassReviewPage orgType="employer" />;

function ClassReviewPage({ orgType }: { orgType: OrgType }) {
  const t = TEXT[orgType];
  const qc = useQueryClient();
  const policies = usePolicies();
  const [form] = Form.useForm<Filters>();
  const [tab, setTab] = useState<ReviewTab>('pending');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [selected, setSelected] = useState<number[]>([]);
  const [viewing, setViewing] = useState<TrainingClass | null>(null);
  const [rejecting, setRejecting] = useState<Rejecting>(null);
  const key = [...CLASS_REVIEW_KEY, orgType];

  const q = useQuery({
    queryKey: [...key, tab, filters, page],
    queryFn: () => trainingApi.reviewClasses({ tab, orgType, ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const decide = useMutation({
    mutationFn: (d: Decision & { label: string }) => trainingApi.decideClasses(d),
    onSuccess: (r, d) => {
      const verb = d.decision === 'approve' ? '通过' : '驳回';
      feedback.success(
        d.ids.length === 1 ? `已${verb}“${d.label}”` : `已${verb} ${r.done} 个${t.noun}${r.skipped ? `，${r.skipped} 个已被处理过` : ''}`,
      );
      setSelected((cur) => cur.filter((id) => !d.ids.includes(id)));
      setViewing(null);
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: key });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
  const approve = (ids: number[], label: string) => decide.mutate({ ids, decision: 'approve', label }, { onError: (e) => feedback.error(e) });
  const labelOf = (ids: number[]) => (ids.length === 1 ? (q.data?.items.find((c) => c.id === ids[0])?.name ?? '') : `${ids.length} 个${t.noun}`);

  const switchTab = (k: ReviewTab) => {
    setTab(k);
    setSelected([]);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const search = (v: Filters) => {
    setFilters({ year: v.year, keyword: v.keyword?.trim() || undefined });
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<TrainingClass> = [
    { title: t.org, dataIndex: 'baseName', width: 200, ellipsis: true },
    {
      title: t.name,
      dataIndex: 'name',
      ellipsis: true,
      render: (v: string, c) => (
        <a onClick={() => setViewing(c)} title={v}>
          {v}
        </a>
      ),
    },
    { title: '培训年度', dataIndex: 'year', width: 90, render: (v: number) => `${v}年度` },
    { title: '科目类型', dataIndex: 'subjectType', width: 90, render: (v: keyof typeof SUBJECT_TYPES) => SUBJECT_TYPES[v] },
    { title: '学习形式', dataIndex: 'learningForm', width: 86, render: (v: keyof typeof LEARNING_FORMS) => LEARNING_FORMS[v] },
    { title: '学时', dataIndex: 'hours', width: 64, align: 'right' },
    {
      title: '培训时间',
      key: 'dates',
      width: 120,
      render: (_, c) => (
        <div style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
          {c.startDate}
          <br />
          {c.endDate}
        </div>
      ),
    },
    { title: '计划人数', dataIndex: 'capacity', width: 86, align: 'right' },
    ...(tab === 'pending'
      ? [{ title: '申报时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) }]
      : [
          { title: '审核结果', dataIndex: 'status', width: 90, render: (v: string) => <ClassStatusTag status={v} /> },
          { title: '审核时间', dataIndex: 'reviewedAt', width: 140, render: (v: string | null) => fmtMinute(v) },
          {
            title: '驳回原因',
            dataIndex: 'rejectReason',
            width: 150,
            ellipsis: { showTitle: false },
            render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
          },
        ]),
    {
      title: '操作',
      key: 'actions',
      width: tab === 'pending' ? 150 : 70,
      fixed: 'right',
      render: (_, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(c)}>
            查看
          </Button>
          {c.status === 'pending' && (
            <>
              <Popconfirm
                title={`通过${t.noun}`}
                description={`确定通过“${c.name}”吗？`}
                okText="通过"
                cancelText="取消"
                onConfirm={() => approve([c.id], c.name)}
              >
                <Button type="link" size="small" disabled={decide.isPending}>
                  通过
                </Button>
              </Popconfirm>
              <Button type="link" size="small" danger disabled={decide.isPending} onClick={() => setRejecting({ ids: [c.id], label: c.name })}>
                驳回
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t.title} description={t.description}>
      <Card variant="borderless">
        <ReviewTabs tab={tab} onChange={switchTab} />
        <Form form={form} name={`classReviewFilters-${orgType}`} layout="inline" className="filter-bar" onFinish={search}>
          <Form.Item label="培训年度" name="year">
            <Select options={yearOptions(policies.data?.items)} allowClear placeholder="全部年度" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label={t.name} name="keyword">
            <Input placeholder={`请输入${t.name}`} allowClear maxLength={50} style={{ width: 220 }} />
          </Form.Item>
          <SearchButtons
            onReset={() => {
              form.resetFields();
              search({});
            }}
          >
            <ExportButton onExport={() => trainingApi.exportReviewClasses({ tab, orgType, ...filters }, t.title)} />
          </SearchButtons>
        </Form>
        {tab === 'pending' && selected.length > 0 && (
          <BatchBar
            count={selected.length}
            what={`个${t.noun}`}
            busy={decide.isPending}
            onApprove={() => approve(selected, labelOf(selected))}
            onReject={() => setRejecting({ ids: selected, label: labelOf(selected) })}
            onClear={() => setSelected([])}
          />
        )}
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<TrainingClass>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1300 }}
          rowSelection={
            tab === 'pending'
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }
              : undefined
          }
          pagination={pagedBy(page, setPage, q.data?.total)}
          locale={{ emptyText: tab === 'pending' ? `暂无待审核的${t.noun}` : `暂无已审核的${t.noun}` }}
        />
      </Card>
      <Drawer
        title={`${t.noun}详情`}
        open={!!viewing}
        onClose={() => setViewing(null)}
        size={600}
        destroyOnHidden
        extra={
          viewing?.status === 'pending' && (
            <Space>
              <Button danger disabled={decide.isPending} onClick={() => setRejecting({ ids: [viewing.id], label: viewing.name })}>
                驳回
              </Button>
              <Popconfirm
                title={`通过${t.noun}`}
                description={`确定通过“${viewing.name}”吗？`}
                okText="通过"
                cancelText="取消"
                onConfirm={() => approve([viewing.id], viewing.name)}
              >
                <Button type="primary" loading={decide.isPending}>
                  通过
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        {viewing && <ClassDescriptions cls={viewing} orgLabel={t.org} nameLabel={t.name} />}
      </Drawer>
      <ReasonModal
        open={!!rejecting}
        title={rejecting && rejecting.ids.length > 1 ? `批量驳回（${rejecting.ids.length} 个）` : `驳回${t.noun}`}
        description={
          rejecting &&
          (rejecting.ids.length > 1
            ? `将驳回选中的 ${rejecting.ids.length} 个${t.noun}，申报方可修改后重新提交。`
            : `将驳回“${rejecting.label}”，申报方可修改后重新提交。`)
        }
        onSubmit={(reason) => decide.mutateAsync({ ids: rejecting!.ids, decision: 'reject', reason, label: rejecting!.label })}
        onClose={() => setRejecting(null)}
      />
    </PageContainer>
  );
}
