/**
 * 人员调入审核 on the shared ReviewQueuePage: transfers into our organisation — 确认调转 (choosing the department) or
 * 拒绝 with a reason, one at a time. 拒绝 is the queue's 驳回 (its reason modal and message); 确认调转 carries a
 * department, so it has a form and a route of its own (POST /api/transfers/:id/confirm) and refreshes the queue after.
 */
import { useState } from 'react';
import { Button, Form, Select, Space, type TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { feedback } from '../../app/feedback';
import { KeywordFilter } from '../../components/review';
import { ReviewQueuePage, useReviewQueue } from '../../components/ReviewQueue';
import type { TransferStatus } from '../../components/StatusTag';
import { ConfirmTransferModal } from './ConfirmTransferModal';
import { TransferDetailDrawer } from './TransferDetailDrawer';
import { transferColumns as c } from './columns';
import { TRANSFERS_KEY, transfersApi, type TransferRecord } from './api';

/** The API filters by one status at a time; the 已审核 tab offers the outcomes one by one. */
const DONE_STATUSES: { value: TransferStatus; label: string }[] = [
  { value: 'confirmed', label: '已确认调入' },
  { value: 'refused', label: '已拒绝' },
  { value: 'cancelled', label: '调出单位已撤回' },
];
/** 姓名, and the outcome shown on 已审核. */
type Filters = { keyword?: string; status: TransferStatus };

export function IncomingPage() {
  const [viewing, setViewing] = useState<TransferRecord | null>(null);
  const [confirming, setConfirming] = useState<TransferRecord | null>(null);
  const statusOf = (q: Filters & { tab: 'pending' | 'done' }) => (q.tab === 'pending' ? 'pending' : q.status);
  const queue = useReviewQueue<TransferRecord, Filters>(
    {
      queryKey: [...TRANSFERS_KEY, 'in'],
      list: (q) => transfersApi.list({ direction: 'in', status: statusOf(q), keyword: q.keyword, page: q.page, pageSize: q.pageSize }),
      decide: async (d) => {
        if (d.decision !== 'reject' || d.ids.length !== 1) throw new Error('调入只能逐条拒绝');
        await transfersApi.refuse(d.ids[0]!, d.reason ?? '');
        return { done: 1, skipped: 0 };
      },
      exportXlsx: (q) =>
        transfersApi.exportXlsx(
          { direction: 'in', status: statusOf(q), keyword: q.keyword, format: q.format },
          q.tab === 'pending' ? '待确认的调入.xlsx' : '调入记录.xlsx',
        ),
      noun: '调入',
      reviewer: false, // its 已处理 columns are the transfer's own (处理时间)
      unit: '条',
      label: (r) => `“${r.name}”`,
      message: (d) => `已拒绝${d.label}的调入`,
      rejectModal: {
        title: '拒绝调入',
        label: '拒绝原因',
        okText: '确认拒绝',
        description: (r) => `将拒绝“${r.name}”从“${r.fromOrgName}”调入本单位，调出单位可看到拒绝原因。`,
      },
      emptyText: { pending: '暂无待确认的调入', done: '暂无记录' },
      // both sides' records and the departments' head counts change with a transfer
      invalidates: [TRANSFERS_KEY, ['departments']],
    },
    { initialFilters: { status: 'confirmed' }, onDecided: () => setViewing(null) },
  );
  const confirm = useMutation({
    mutationFn: ({ r, departmentId }: { r: TransferRecord; departmentId: number | null }) => transfersApi.confirm(r.id, departmentId),
    onSuccess: (_d, { r }) => {
      feedback.success(`已确认调转，“${r.name}”已调入本单位`);
      setViewing(null);
    },
    onSettled: queue.refresh,
  });

  const actions = (r: TransferRecord, link = true) => (
    <>
      <Button type={link ? 'link' : 'primary'} size={link ? 'small' : 'middle'} onClick={() => setConfirming(r)}>
        确认调转
      </Button>
      <Button type={link ? 'link' : 'default'} size={link ? 'small' : 'middle'} danger onClick={() => queue.reject([r.id], queue.spec.label(r))}>
        拒绝
      </Button>
    </>
  );
  const done = queue.tab === 'done';
  const columns: TableColumnsType<TransferRecord> = [
    c.name(setViewing),
    c.idNumber,
    c.from,
    c.fromDept,
    c.title,
    c.date,
    c.reason,
    c.createdAt,
    ...(done ? [c.status, c.decidedAt, c.refuseReason] : []),
  ];

  return (
    <ReviewQueuePage
      queue={queue}
      title="人员调入审核"
      description="其他单位调往本单位的专业技术人员。确认调转时选择调入部门，确认后人员及其学时记录转入本单位；如不接收，请拒绝并说明原因。"
      filters={(exportButton) => (
        <Space wrap align="start">
          {done && (
            <Form layout="inline" className="filter-bar">
              <Form.Item label="处理结果">
                <Select
                  value={queue.filters.status}
                  options={DONE_STATUSES}
                  style={{ width: 150 }}
                  onChange={(status) => queue.search({ ...queue.filters, status })}
                />
              </Form.Item>
            </Form>
          )}
          <KeywordFilter
            name="incomingFilter"
            label="姓名"
            placeholder="请输入姓名"
            onSearch={(keyword) => queue.search({ ...queue.filters, keyword })}
            extra={exportButton}
          />
        </Space>
      )}
      columns={columns}
      rowActions={(r) => (
        <Button type="link" size="small" onClick={() => setViewing(r)}>
          查看
        </Button>
      )}
      decideButtons={(r) => actions(r)}
      actionsWidth={{ pending: 190, done: 80 }}
      scrollX={done ? 1550 : 1250}
      batch={false}
    >
      <TransferDetailDrawer
        record={viewing}
        onClose={() => setViewing(null)}
        extra={viewing && queue.isPending(viewing) && <Space>{actions(viewing, false)}</Space>}
      />
      <ConfirmTransferModal
        record={confirming}
        onClose={() => setConfirming(null)}
        onSubmit={(departmentId) => confirm.mutateAsync({ r: confirming!, departmentId })}
      />
    </ReviewQueuePage>
  );
}
