/**
 * 注册审核管理, one page for the five queues (/account/registrations/:kind) on the shared ReviewQueuePage:
 * keyword filter, 查看 (drawer with 通过/驳回), the columns of a person's or an organisation's registration.
 */
import { useState } from 'react';
import { Button, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useLocation, useParams } from 'react-router';
import { REVIEW_KINDS, type ReviewKind } from '@hbzsgx/domain';
import { ForbiddenPage } from '../../app/ErrorPages';
import { menuChain } from '../../app/layout/menu';
import { useMe } from '../../app/session';
import { fmtMinute, orDash } from '../../components/format';
import { KeywordFilter } from '../../components/review';
import { ReviewQueuePage, useReviewQueue, type ReviewTab } from '../../components/ReviewQueue';
import { ReviewStatusTag } from '../../components/StatusTag';
import { RegistrationDetailDrawer } from './RegistrationDetailDrawer';
import { regReviewApi, regReviewKey, type QueueItem } from './api';

const CHAIN: Record<ReviewKind, string> = {
  personnel: '专业技术人员的注册由其注册时选择的所在单位审核；人社部门可审核辖区内的注册。',
  employer: '用人单位的注册由其注册时选择的上级部门（主管部门或人社部门）审核；人社部门可审核辖区内的注册。',
  authority: '主管部门的注册由其注册时选择的上级人社部门审核；人社部门可审核辖区内的注册。',
  base: '继续教育基地（机构）的注册由其注册时选择的上级人社部门审核；人社部门可审核辖区内的注册。',
  hr: '人社部门的注册由其注册时选择的上级人社部门审核；人社部门可审核辖区内的注册。',
};

export function RegistrationReviewPage() {
  const { kind: raw } = useParams();
  const me = useMe();
  const { pathname } = useLocation();
  const kind = REVIEW_KINDS.find((k) => k === raw);
  const entry = menuChain(me.menus, pathname).at(-1);
  if (!kind || !entry) return <ForbiddenPage />;
  return <Queue key={kind} kind={kind} title={entry.title} />;
}

function doneColumns(tab: ReviewTab): TableColumnsType<QueueItem> {
  return tab === 'done'
    ? [
        { title: '审核结果', dataIndex: 'status', width: 90, render: (v: string) => <ReviewStatusTag status={v} /> },
        { title: '审核时间', dataIndex: 'reviewedAt', width: 150, render: (v: string | null) => fmtMinute(v) },
        {
          title: '驳回原因',
          dataIndex: 'rejectReason',
          width: 140,
          ellipsis: { showTitle: false },
          render: (v: string | null) => <Tooltip title={v}>{orDash(v)}</Tooltip>,
        },
      ]
    : [
        { title: '注册时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtMinute(v) },
        { title: '状态', dataIndex: 'status', width: 76, render: (v: string) => <ReviewStatusTag status={v} /> },
      ];
}

function Queue({ kind, title }: { kind: ReviewKind; title: string }) {
  const [viewing, setViewing] = useState<number | null>(null);
  const isPersonnel = kind === 'personnel';
  const queue = useReviewQueue<QueueItem, { keyword?: string }>(
    {
      queryKey: regReviewKey(kind),
      list: (q) => regReviewApi.list(kind, q),
      decide: (d) => regReviewApi.decide(kind, d),
      exportXlsx: (q) => regReviewApi.exportXlsx(kind, q, title),
      noun: '注册',
      unit: '条',
      label: (r) => `“${r.name}”的注册`,
      afterReject: '申请人可修改后重新提交',
    },
    { onDecided: () => setViewing(null) },
  );
  const view = (r: QueueItem) => <a onClick={() => setViewing(r.id)}>{r.name}</a>;

  const columns: TableColumnsType<QueueItem> = isPersonnel
    ? [
        { title: '姓名', dataIndex: 'name', width: 80, render: (_: string, r) => view(r) },
        {
          title: '证件号',
          dataIndex: 'idNumberMasked',
          width: 185,
          render: (v: string) => (
            <span className="mono" style={{ whiteSpace: 'nowrap' }}>
              {v}
            </span>
          ),
        },
        {
          title: '所在单位',
          dataIndex: 'orgName',
          ellipsis: { showTitle: false },
          render: (v: string) => (
            <Tooltip title={v} placement="topLeft">
              {v}
            </Tooltip>
          ),
        },
        { title: '部门', dataIndex: 'departmentName', width: 80, render: (v: string | null) => orDash(v) },
        { title: '职称系列', dataIndex: 'titleSeriesName', width: 100, render: (v: string) => orDash(v) },
        { title: '职称级别', dataIndex: 'titleLevelName', width: 90, render: (v: string) => orDash(v) },
        ...doneColumns(queue.tab),
      ]
    : [
        { title: '名称', dataIndex: 'name', render: (_: string, r) => view(r) },
        { title: '统一社会信用代码', dataIndex: 'creditCode', width: 195, render: (v: string) => <span className="mono">{v}</span> },
        { title: '所属地区', dataIndex: 'divisionName', width: 80 },
        { title: '上级部门/审核单位', dataIndex: 'parentName', width: 150, ellipsis: true, render: (v: string | null) => orDash(v) },
        ...(queue.tab === 'pending'
          ? [
              {
                title: '联系人',
                key: 'contact',
                width: 110,
                render: (_: unknown, r: QueueItem) =>
                  'contactName' in r && (
                    <div>
                      {r.contactName}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {r.contactPhone}
                      </Typography.Text>
                    </div>
                  ),
              },
            ]
          : []),
        ...doneColumns(queue.tab),
      ];

  return (
    <ReviewQueuePage
      queue={queue}
      title={title}
      description={CHAIN[kind]}
      filters={(exportButton) => (
        <KeywordFilter
          name={`regFilter-${kind}`}
          label={isPersonnel ? '姓名/单位' : '名称/信用代码'}
          placeholder={isPersonnel ? '请输入姓名或所在单位' : '请输入名称或统一社会信用代码'}
          onSearch={(keyword) => queue.search({ keyword })}
          extra={exportButton}
        />
      )}
      columns={columns}
      rowActions={(r) => (
        <Button type="link" size="small" onClick={() => setViewing(r.id)}>
          查看
        </Button>
      )}
    >
      <RegistrationDetailDrawer
        kind={kind}
        id={viewing}
        onClose={() => setViewing(null)}
        onApprove={(id, name) => queue.approve([id], `“${name}”的注册`)}
        onReject={(id, name) => queue.reject([id], `“${name}”的注册`)}
        busy={queue.busy}
      />
    </ReviewQueuePage>
  );
}
