/**
 * 变更审核管理 (/account/changes/:kind): 审核人员信息修改 (title), 机构信息修改审核 (org-info), 更换上级部门审核 (reparent).
 * 待审核/已审核, 查看 (old vs new), 通过 / 驳回; batch 通过/驳回 for title and org-info.
 */
import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, Tooltip, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useParams } from 'react-router';
import { errorMessage } from '../../app/api';
import { ForbiddenPage } from '../../app/ErrorPages';
import { feedback } from '../../app/feedback';
import { menuChain } from '../../app/layout/menu';
import { useMe } from '../../app/session';
import { fmtMinute, orDash } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { ReasonModal } from '../../components/ReasonModal';
import { BatchBar, KeywordFilter, ReviewTabs, type ReviewTab } from '../../components/review';
import { ReviewStatusTag } from '../../components/StatusTag';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import type { Decision } from '../registration-review/api';
import { ChangeDetailDrawer, subjectName } from './ChangeDetailDrawer';
import { ChangeSummary } from './ChangeDiffTable';
import { ReparentProgress } from './ReparentProgress';
import { CHANGE_KINDS, changeApi, changeReviewKey, type ChangeItem, type ChangeKind } from './api';
import { ExportButton } from '../../components/ExportButton';

const CHAIN: Record<ChangeKind, string> = {
  title: '专业技术人员修改专业技术职务后，由所在单位审核；人社部门可审核辖区内人员的修改。通过后新信息生效，驳回则保留原信息。',
  'org-info': '机构修改单位信息后，由其上级部门审核；人社部门可审核辖区内机构的修改。通过后新信息生效，驳回则保留原信息。',
  reparent: '更换上级部门须原上级和新上级都同意后才生效，任一方驳回即不予更换；生效时该机构及其下属机构一并转到新上级下。',
};

type Rejecting = { ids: number[]; label: string } | null;

export function ChangeReviewPage() {
  const { kind: raw } = useParams();
  const me = useMe();
  const { pathname } = useLocation();
  const kind = CHANGE_KINDS.find((k) => k === raw);
  const entry = menuChain(me.menus, pathname).at(-1);
  if (!kind || !entry) return <ForbiddenPage />;
  return <Queue key={kind} kind={kind} title={entry.title} />;
}

function Queue({ kind, title }: { kind: ChangeKind; title: string }) {
  const me = useMe();
  const qc = useQueryClient();
  const [tab, setTab] = useState<ReviewTab>('pending');
  const [keyword, setKeyword] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [selected, setSelected] = useState<number[]>([]);
  const [viewing, setViewing] = useState<ChangeItem | null>(null);
  const [rejecting, setRejecting] = useState<Rejecting>(null);
  const batch = kind !== 'reparent';

  const q = useQuery({
    queryKey: [...changeReviewKey(kind), tab, keyword, page],
    queryFn: () => changeApi.list(kind, { tab, keyword, ...page }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: changeReviewKey(kind) });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
  const decide = useMutation({
    mutationFn: (d: Decision & { label: string }) => changeApi.decide(kind, d),
    onSuccess: (r, d) => {
      const verb = d.decision === 'approve' ? (kind === 'reparent' ? '同意' : '通过') : '驳回';
      feedback.success(
        d.ids.length === 1 ? `已${verb}“${d.label}”的申请` : `已${verb} ${r.done} 条申请${r.skipped ? `，${r.skipped} 条已被处理过` : ''}`,
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

  const lead: TableColumnsType<ChangeItem> =
    kind === 'title'
      ? [
          { title: '姓名', dataIndex: 'personName', width: 80, render: (v: string, r) => <a onClick={() => setViewing(r)}>{v}</a> },
          { title: '证件号', dataIndex: 'idNumberMasked', width: 200, render: (v: string | null) => <span className="mono">{orDash(v)}</span> },
          { title: '所在单位', dataIndex: 'orgName', width: 160, ellipsis: true },
          { title: '修改内容', key: 'changes', render: (_, r) => <ChangeSummary changes={r.changes} /> },
        ]
      : kind === 'org-info'
        ? [
            { title: '机构名称', dataIndex: 'orgName', width: 200, render: (v: string, r) => <a onClick={() => setViewing(r)}>{v}</a> },
            { title: '修改内容', key: 'changes', render: (_, r) => <ChangeSummary changes={r.changes} /> },
            { title: '审核单位', dataIndex: 'oldParentName', width: 180, ellipsis: true, render: (v: string | null) => orDash(v) },
          ]
        : [
            { title: '机构名称', dataIndex: 'orgName', render: (v: string, r) => <a onClick={() => setViewing(r)}>{v}</a> },
            {
              title: '原上级部门',
              dataIndex: 'oldParentName',
              width: 170,
              render: (v: string | null) => (
                <>
                  {orDash(v)}
                  {v === me.org.name && '（本单位）'}
                </>
              ),
            },
            {
              title: '新上级部门',
              dataIndex: 'newParentName',
              width: 170,
              render: (v: string | null) => (
                <>
                  {orDash(v)}
                  {v === me.org.name && '（本单位）'}
                </>
              ),
            },
            {
              title: '更换原因',
              dataIndex: 'reason',
              width: 140,
              ellipsis: { showTitle: false },
              render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
            },
            { title: '审核进度', key: 'progress', width: 140, render: (_, r) => <ReparentProgress r={r} vertical /> },
          ];
  const columns: TableColumnsType<ChangeItem> = [
    ...lead,
    { title: '提交时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
    { title: tab === 'done' ? '审核结果' : '状态', dataIndex: 'status', width: 84, render: (v: string) => <ReviewStatusTag status={v} /> },
    ...(tab === 'done'
      ? ([
          { title: '审核时间', dataIndex: 'decidedAt', width: 140, render: (v: string | null) => fmtMinute(v) },
          {
            title: '驳回原因',
            dataIndex: 'rejectReason',
            width: 150,
            ellipsis: { showTitle: false },
            render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
          },
        ] as TableColumnsType<ChangeItem>)
      : []),
    {
      title: '操作',
      key: 'actions',
      width: tab === 'pending' ? 150 : 70,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(r)}>
            查看
          </Button>
          {tab === 'pending' && r.status === 'pending' && (
            <>
              <Popconfirm
                title="通过申请"
                description={kind === 'reparent' ? `确定同意“${r.orgName}”更换上级部门吗？` : `确定通过“${subjectName(r)}”的修改申请吗？`}
                okText="通过"
                cancelText="取消"
                onConfirm={() => approve([r.id], subjectName(r))}
              >
                <Button type="link" size="small" disabled={decide.isPending}>
                  通过
                </Button>
              </Popconfirm>
              <Button
                type="link"
                size="small"
                danger
                disabled={decide.isPending}
                onClick={() => setRejecting({ ids: [r.id], label: subjectName(r) })}
              >
                驳回
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  const label = (ids: number[]) => {
    const one = ids.length === 1 ? q.data?.items.find((r) => r.id === ids[0]) : undefined;
    return one ? subjectName(one) : `${ids.length} 条申请`;
  };

  return (
    <PageContainer title={title} description={CHAIN[kind]}>
      <Card variant="borderless">
        <ReviewTabs tab={tab} onChange={switchTab} />
        <KeywordFilter
          name={`changeFilter-${kind}`}
          label={kind === 'title' ? '姓名/单位' : '机构名称'}
          placeholder={kind === 'title' ? '请输入姓名或所在单位' : '请输入机构名称'}
          onSearch={(k) => {
            setKeyword(k);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          extra={<ExportButton onExport={() => changeApi.exportXlsx(kind, { tab, keyword }, title)} />}
        />
        {batch && tab === 'pending' && selected.length > 0 && (
          <BatchBar
            count={selected.length}
            busy={decide.isPending}
            onApprove={() => approve(selected, label(selected))}
            onReject={() => setRejecting({ ids: selected, label: label(selected) })}
            onClear={() => setSelected([])}
          />
        )}
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<ChangeItem>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: tab === 'done' ? 1350 : 1150 }}
          rowSelection={
            batch && tab === 'pending'
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }
              : undefined
          }
          pagination={pagedBy(page, setPage, q.data?.total)}
          locale={{ emptyText: tab === 'pending' ? '暂无待审核的申请' : '暂无已审核的申请' }}
        />
      </Card>
      <ChangeDetailDrawer
        kind={kind}
        item={viewing}
        actionable={tab === 'pending'}
        onClose={() => setViewing(null)}
        onApprove={(r) => approve([r.id], subjectName(r))}
        onReject={(r) => setRejecting({ ids: [r.id], label: subjectName(r) })}
        busy={decide.isPending}
      />
      <ReasonModal
        open={!!rejecting}
        title={rejecting && rejecting.ids.length > 1 ? `批量驳回（${rejecting.ids.length} 条）` : '驳回申请'}
        description={
          rejecting &&
          (rejecting.ids.length > 1
            ? `将驳回选中的 ${rejecting.ids.length} 条申请，原信息保持不变。`
            : `将驳回“${rejecting.label}”的申请，原信息保持不变。`)
        }
        onSubmit={(reason) => decide.mutateAsync({ ids: rejecting!.ids, decision: 'reject', reason, label: rejecting!.label })}
        onClose={() => setRejecting(null)}
      />
    </PageContainer>
  );
}
