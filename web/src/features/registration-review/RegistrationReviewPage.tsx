/**
 * 注册审核管理, one page for the five queues (/account/registrations/:kind): 待审核/已审核, keyword filter,
 * 查看 (drawer), 通过 (confirm), 驳回 (reason), batch 通过/驳回 on the pending tab.
 */
import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useParams } from 'react-router';
import { REVIEW_KINDS, type ReviewKind } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { ForbiddenPage } from '../../app/ErrorPages';
import { menuChain } from '../../app/layout/menu';
import { useMe } from '../../app/session';
import { fmtMinute, orDash } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { ReasonModal } from '../../components/ReasonModal';
import { BatchBar, KeywordFilter, ReviewTabs, type ReviewTab } from '../../components/review';
import { ReviewStatusTag } from '../../components/StatusTag';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { RegistrationDetailDrawer } from './RegistrationDetailDrawer';
import { regReviewApi, regReviewKey, type Decision, type OrgQueueItem, type QueueItem } from './api';
import { ExportButton } from '../../components/ExportButton';

const CHAIN: Record<ReviewKind, string> = {
  personnel: '专业技术人员的注册由其注册时选择的所在单位审核；人社部门可审核辖区内的注册。',
  employer: '用人单位的注册由其注册时选择的上级部门（主管部门或人社部门）审核；人社部门可审核辖区内的注册。',
  authority: '主管部门的注册由其注册时选择的上级人社部门审核；人社部门可审核辖区内的注册。',
  base: '继续教育基地（机构）的注册由其注册时选择的上级人社部门审核；人社部门可审核辖区内的注册。',
  hr: '人社部门的注册由其注册时选择的上级人社部门审核；人社部门可审核辖区内的注册。',
};

type Rejecting = { ids: number[]; label: string } | null;

export function RegistrationReviewPage() {
  const { kind: raw } = useParams();
  const me = useMe();
  const { pathname } = useLocation();
  const kind = REVIEW_KINDS.find((k) => k === raw);
  const entry = menuChain(me.menus, pathname).at(-1);
  if (!kind || !entry) return <ForbiddenPage />;
  return <Queue key={kind} kind={kind} title={entry.title} />;
}

function Queue({ kind, title }: { kind: ReviewKind; title: string }) {
  const qc = useQueryClient();
  const [tab, setTab] = useState<ReviewTab>('pending');
  const [keyword, setKeyword] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [selected, setSelected] = useState<number[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<Rejecting>(null);
  const isPersonnel = kind === 'personnel';

  const q = useQuery({
    queryKey: [...regReviewKey(kind), tab, keyword, page],
    queryFn: () => regReviewApi.list(kind, { tab, keyword, ...page }),
    placeholderData: keepPreviousData,
  });

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: regReviewKey(kind) });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
  const decide = useMutation({
    mutationFn: (d: Decision & { label: string }) => regReviewApi.decide(kind, d),
    onSuccess: (r, d) => {
      const verb = d.decision === 'approve' ? '通过' : '驳回';
      feedback.success(
        d.ids.length === 1 ? `已${verb}“${d.label}”的注册` : `已${verb} ${r.done} 条注册${r.skipped ? `，${r.skipped} 条已被处理过` : ''}`,
      );
      setSelected((cur) => cur.filter((id) => !d.ids.includes(id)));
      setViewing(null);
    },
    onSettled: refresh,
  });
  const approve = (ids: number[], label: string) => decide.mutate({ ids, decision: 'approve', label }, { onError: (e) => feedback.error(e) });

  const switchTab = (t: ReviewTab) => {
    setTab(t);
    setSelected([]);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const actions: TableColumnsType<QueueItem>[number] = {
    title: '操作',
    key: 'actions',
    width: tab === 'pending' ? 140 : 70,
    fixed: 'right',
    render: (_, r) => (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setViewing(r.id)}>
          查看
        </Button>
        {r.status === 'pending' && (
          <>
            <Popconfirm
              title="通过注册"
              description={`确定通过“${r.name}”的注册吗？`}
              okText="通过"
              cancelText="取消"
              onConfirm={() => approve([r.id], r.name)}
            >
              <Button type="link" size="small" disabled={decide.isPending}>
                通过
              </Button>
            </Popconfirm>
            <Button type="link" size="small" danger disabled={decide.isPending} onClick={() => setRejecting({ ids: [r.id], label: r.name })}>
              驳回
            </Button>
          </>
        )}
      </Space>
    ),
  };
  const doneColumns: TableColumnsType<QueueItem> =
    tab === 'done'
      ? [
          { title: '审核结果', dataIndex: 'status', width: 90, render: (v: string) => <ReviewStatusTag status={v} /> },
          { title: '审核时间', dataIndex: 'reviewedAt', width: 140, render: (v: string | null) => fmtMinute(v) },
          {
            title: '驳回原因',
            dataIndex: 'rejectReason',
            width: 160,
            ellipsis: { showTitle: false },
            render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
          },
        ]
      : [
          { title: '注册时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
          { title: '状态', dataIndex: 'status', width: 80, render: (v: string) => <ReviewStatusTag status={v} /> },
        ];

  const columns: TableColumnsType<QueueItem> = isPersonnel
    ? [
        { title: '姓名', dataIndex: 'name', width: 90, render: (v: string, r) => <a onClick={() => setViewing(r.id)}>{v}</a> },
        { title: '证件号', dataIndex: 'idNumberMasked', width: 200, render: (v: string) => <span className="mono">{v}</span> },
        { title: '所在单位', dataIndex: 'orgName', ellipsis: true },
        { title: '部门', dataIndex: 'departmentName', width: 90, render: (v: string | null) => orDash(v) },
        { title: '职称系列', dataIndex: 'titleSeriesName', width: 110, render: (v: string) => orDash(v) },
        { title: '职称级别', dataIndex: 'titleLevelName', width: 84, render: (v: string) => orDash(v) },
        ...doneColumns,
        actions,
      ]
    : [
        { title: '名称', dataIndex: 'name', render: (v: string, r) => <a onClick={() => setViewing(r.id)}>{v}</a> },
        { title: '统一社会信用代码', dataIndex: 'creditCode', width: 195, render: (v: string) => <span className="mono">{v}</span> },
        { title: '所属地区', dataIndex: 'divisionName', width: 80 },
        { title: '上级部门/审核单位', dataIndex: 'parentName', width: 150, ellipsis: true, render: (v: string | null) => orDash(v) },
        ...(tab === 'pending'
          ? [
              {
                title: '联系人',
                key: 'contact',
                width: 110,
                render: (_: unknown, r: QueueItem) => {
                  const o = r as OrgQueueItem;
                  return (
                    <div>
                      {o.contactName}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {o.contactPhone}
                      </Typography.Text>
                    </div>
                  );
                },
              },
            ]
          : []),
        ...doneColumns,
        actions,
      ];

  const selectedLabel = (ids: number[]) => (ids.length === 1 ? (q.data?.items.find((r) => r.id === ids[0])?.name ?? '') : `${ids.length} 条注册`);

  return (
    <PageContainer title={title} description={CHAIN[kind]}>
      <Card variant="borderless">
        <ReviewTabs tab={tab} onChange={switchTab} />
        <KeywordFilter
          name={`regFilter-${kind}`}
          label={isPersonnel ? '姓名/单位' : '名称/信用代码'}
          placeholder={isPersonnel ? '请输入姓名或所在单位' : '请输入名称或统一社会信用代码'}
          onSearch={(k) => {
            setKeyword(k);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          extra={<ExportButton onExport={() => regReviewApi.exportXlsx(kind, { tab, keyword }, title)} />}
        />
        {tab === 'pending' && selected.length > 0 && (
          <BatchBar
            count={selected.length}
            what="条注册"
            busy={decide.isPending}
            onApprove={() => approve(selected, selectedLabel(selected))}
            onReject={() => setRejecting({ ids: selected, label: selectedLabel(selected) })}
            onClear={() => setSelected([])}
          />
        )}
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<QueueItem>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1100 }}
          rowSelection={
            tab === 'pending'
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }
              : undefined
          }
          pagination={pagedBy(page, setPage, q.data?.total)}
          locale={{ emptyText: tab === 'pending' ? '暂无待审核的注册' : '暂无已审核的注册' }}
        />
      </Card>
      <RegistrationDetailDrawer
        kind={kind}
        id={viewing}
        onClose={() => setViewing(null)}
        onApprove={(id, name) => approve([id], name)}
        onReject={(id, name) => setRejecting({ ids: [id], label: name })}
        busy={decide.isPending}
      />
      <ReasonModal
        open={!!rejecting}
        title={rejecting && rejecting.ids.length > 1 ? `批量驳回（${rejecting.ids.length} 条）` : '驳回注册'}
        description={
          rejecting &&
          (rejecting.ids.length > 1
            ? `将驳回选中的 ${rejecting.ids.length} 条注册，申请人可修改后重新提交。`
            : `将驳回“${rejecting.label}”的注册，申请人可修改后重新提交。`)
        }
        onSubmit={(reason) => decide.mutateAsync({ ids: rejecting!.ids, decision: 'reject', reason, label: rejecting!.label })}
        onClose={() => setRejecting(null)}
      />
    </PageContainer>
  );
}
