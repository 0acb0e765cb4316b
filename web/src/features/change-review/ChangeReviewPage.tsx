/**
 * 变更审核管理 (/account/changes/:kind) on the shared ReviewQueuePage: 审核人员信息修改 (title), 机构信息修改审核 (org-info),
 * 更换上级部门审核 (reparent). 查看 (old vs new, with 通过/驳回); batch 通过/驳回 for title and org-info. A move needs both
 * superiors, so each decides it alone and its 已审核 tab also holds moves still waiting on the other side.
 */
import { useState } from 'react';
import { Button, Tooltip, type TableColumnsType } from 'antd';
import { useLocation, useParams } from 'react-router';
import { ForbiddenPage } from '../../app/ErrorPages';
import { menuChain } from '../../app/layout/menu';
import { useMe } from '../../app/session';
import { fmtMinute, orDash } from '../../components/format';
import { KeywordFilter } from '../../components/review';
import { ReviewQueuePage, useReviewQueue } from '../../components/ReviewQueue';
import { ReviewStatusTag } from '../../components/StatusTag';
import { ChangeDetailDrawer, subjectName } from './ChangeDetailDrawer';
import { ChangeSummary } from './ChangeDiffTable';
import { ReparentProgress } from './ReparentProgress';
import { CHANGE_KINDS, changeApi, changeReviewKey, type ChangeItem, type ChangeKind } from './api';

const CHAIN: Record<ChangeKind, string> = {
  title: '专业技术人员修改专业技术职务后，由所在单位审核；人社部门可审核辖区内人员的修改。通过后新信息生效，驳回则保留原信息。',
  'org-info': '机构修改单位信息后，由其上级部门审核；人社部门可审核辖区内机构的修改。通过后新信息生效，驳回则保留原信息。',
  reparent: '更换上级部门须原上级和新上级都同意后才生效，任一方驳回即不予更换；生效时该机构及其下属机构一并转到新上级下。',
};

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
  const [viewing, setViewing] = useState<ChangeItem | null>(null);
  const reparent = kind === 'reparent';
  const queue = useReviewQueue<ChangeItem, { keyword?: string }>(
    {
      queryKey: changeReviewKey(kind),
      list: (q) => changeApi.list(kind, q),
      decide: (d) => changeApi.decide(kind, d),
      exportXlsx: (q) => changeApi.exportXlsx(kind, q, title),
      noun: '申请',
      reviewer: false, // a change request records the deciding organisation, not the account
      unit: '条',
      label: (r) => `“${subjectName(r)}”的申请`,
      afterReject: '原信息保持不变',
      // a move waits on both superiors: on 已审核 it may still be pending on the other side
      pending: (r, tab) => tab === 'pending' && r.status === 'pending',
      confirmApprove: (r) => (reparent ? `确定同意“${r.orgName}”更换上级部门吗？` : `确定通过“${subjectName(r)}”的修改申请吗？`),
      message: reparent ? (d) => `已${d.decision === 'approve' ? '同意' : '驳回'}${d.label}` : undefined,
    },
    { onDecided: () => setViewing(null) },
  );
  const view = (v: string, r: ChangeItem) => <a onClick={() => setViewing(r)}>{v}</a>;
  const superior = (v: string | null) => (
    <>
      {orDash(v)}
      {v === me.org.name && '（本单位）'}
    </>
  );

  const lead: TableColumnsType<ChangeItem> =
    kind === 'title'
      ? [
          { title: '姓名', dataIndex: 'personName', width: 80, render: view },
          { title: '证件号', dataIndex: 'idNumberMasked', width: 200, render: (v: string | null) => <span className="mono">{orDash(v)}</span> },
          { title: '所在单位', dataIndex: 'orgName', width: 160, ellipsis: true },
          { title: '修改内容', key: 'changes', render: (_, r) => <ChangeSummary changes={r.changes} /> },
        ]
      : kind === 'org-info'
        ? [
            { title: '机构名称', dataIndex: 'orgName', width: 200, render: view },
            { title: '修改内容', key: 'changes', render: (_, r) => <ChangeSummary changes={r.changes} /> },
            { title: '审核单位', dataIndex: 'oldParentName', width: 180, ellipsis: true, render: (v: string | null) => orDash(v) },
          ]
        : [
            { title: '机构名称', dataIndex: 'orgName', render: view },
            { title: '原上级部门', dataIndex: 'oldParentName', width: 160, render: superior },
            { title: '新上级部门', dataIndex: 'newParentName', width: 160, render: superior },
            {
              title: '更换原因',
              dataIndex: 'reason',
              width: 140,
              ellipsis: { showTitle: false },
              render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
            },
            { title: '审核进度', key: 'progress', width: 140, render: (_, r) => <ReparentProgress r={r} vertical /> },
          ];
  const done = queue.tab === 'done';
  const columns: TableColumnsType<ChangeItem> = [
    ...lead,
    { title: '提交时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtMinute(v) },
    { title: done ? '审核结果' : '状态', dataIndex: 'status', width: 84, render: (v: string) => <ReviewStatusTag status={v} /> },
    ...(done
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
  ];

  return (
    <ReviewQueuePage
      queue={queue}
      title={title}
      description={CHAIN[kind]}
      filters={(exportButton) => (
        <KeywordFilter
          name={`changeFilter-${kind}`}
          label={kind === 'title' ? '姓名/单位' : '机构名称'}
          placeholder={kind === 'title' ? '请输入姓名或所在单位' : '请输入机构名称'}
          onSearch={(keyword) => queue.search({ keyword })}
          extra={exportButton}
        />
      )}
      columns={columns}
      rowActions={(r) => (
        <Button type="link" size="small" onClick={() => setViewing(r)}>
          查看
        </Button>
      )}
      actionsWidth={{ pending: 150, done: 70 }}
      scrollX={done ? 1350 : undefined}
      batch={!reparent}
    >
      <ChangeDetailDrawer
        kind={kind}
        item={viewing}
        actionable={queue.tab === 'pending'}
        onClose={() => setViewing(null)}
        onApprove={(r) => queue.approve([r.id], queue.spec.label(r))}
        onReject={(r) => queue.reject([r.id], queue.spec.label(r))}
        busy={queue.busy}
      />
    </ReviewQueuePage>
  );
}
