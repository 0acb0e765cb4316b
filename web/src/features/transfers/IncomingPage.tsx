/** 人员调入审核: transfers into our organisation — 确认调转 (choosing the department) or 拒绝 with a reason. */
import { useState } from 'react';
import { Alert, Button, Card, Form, Select, Space, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { PageContainer } from '../../components/PageContainer';
import { ReasonModal } from '../../components/ReasonModal';
import { KeywordFilter, ReviewTabs, type ReviewTab } from '../../components/review';
import type { TransferStatus } from '../../components/StatusTag';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { ConfirmTransferModal } from './ConfirmTransferModal';
import { TransferDetailDrawer } from './TransferDetailDrawer';
import { transferColumns as c } from './columns';
import { TRANSFERS_KEY, transfersApi, type TransferRecord } from './api';
import { ExportButton } from '../../components/ExportButton';

/** The API filters by one status at a time; the 已审核 tab offers the outcomes one by one. */
const DONE_STATUSES: { value: TransferStatus; label: string }[] = [
  { value: 'confirmed', label: '已确认调入' },
  { value: 'refused', label: '已拒绝' },
  { value: 'cancelled', label: '调出单位已撤回' },
];

export function IncomingPage() {
  const qc = useQueryClient();
  const [tab, setTab] = useState<ReviewTab>('pending');
  const [doneStatus, setDoneStatus] = useState<TransferStatus>('confirmed');
  const [keyword, setKeyword] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [viewing, setViewing] = useState<TransferRecord | null>(null);
  const [confirming, setConfirming] = useState<TransferRecord | null>(null);
  const [refusing, setRefusing] = useState<TransferRecord | null>(null);
  const status = tab === 'pending' ? 'pending' : doneStatus;

  const q = useQuery({
    queryKey: [...TRANSFERS_KEY, 'in', status, keyword, page],
    queryFn: () => transfersApi.list({ direction: 'in', status, keyword, ...page }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: TRANSFERS_KEY });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
    void qc.invalidateQueries({ queryKey: ['departments'] });
  };
  const confirm = useMutation({
    mutationFn: ({ r, departmentId }: { r: TransferRecord; departmentId: number | null }) => transfersApi.confirm(r.id, departmentId),
    onSuccess: (_d, { r }) => {
      feedback.success(`已确认调转，“${r.name}”已调入本单位`);
      setViewing(null);
    },
    onSettled: refresh,
  });
  const refuse = useMutation({
    mutationFn: ({ r, reason }: { r: TransferRecord; reason: string }) => transfersApi.refuse(r.id, reason),
    onSuccess: (_d, { r }) => {
      feedback.success(`已拒绝“${r.name}”的调入`);
      setViewing(null);
    },
    onSettled: refresh,
  });
  const switchTab = (t: ReviewTab) => {
    setTab(t);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const actions = (r: TransferRecord, link = true) =>
    r.status === 'pending' && (
      <>
        <Button type={link ? 'link' : 'primary'} size={link ? 'small' : 'middle'} onClick={() => setConfirming(r)}>
          确认调转
        </Button>
        <Button type={link ? 'link' : 'default'} size={link ? 'small' : 'middle'} danger onClick={() => setRefusing(r)}>
          拒绝
        </Button>
      </>
    );

  const columns: TableColumnsType<TransferRecord> = [
    c.name(setViewing),
    c.idNumber,
    c.from,
    c.fromDept,
    c.title,
    c.date,
    c.reason,
    c.createdAt,
    ...(tab === 'done' ? [c.status, c.decidedAt, c.refuseReason] : []),
    {
      title: '操作',
      key: 'actions',
      width: tab === 'pending' ? 190 : 80,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(r)}>
            查看
          </Button>
          {actions(r)}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="人员调入审核"
      description="其他单位调往本单位的专业技术人员。确认调转时选择调入部门，确认后人员及其学时记录转入本单位；如不接收，请拒绝并说明原因。"
    >
      <Card variant="borderless">
        <ReviewTabs tab={tab} onChange={switchTab} />
        <Space wrap align="start">
          {tab === 'done' && (
            <Form layout="inline" className="filter-bar">
              <Form.Item label="处理结果">
                <Select
                  value={doneStatus}
                  options={DONE_STATUSES}
                  style={{ width: 150 }}
                  onChange={(v) => {
                    setDoneStatus(v);
                    setPage((p) => ({ ...p, page: 1 }));
                  }}
                />
              </Form.Item>
            </Form>
          )}
          <KeywordFilter
            name="incomingFilter"
            label="姓名"
            placeholder="请输入姓名"
            onSearch={(k) => {
              setKeyword(k);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            extra={
              <ExportButton
                onExport={() =>
                  transfersApi.exportXlsx({ direction: 'in', status, keyword }, tab === 'pending' ? '待确认的调入.xlsx' : '调入记录.xlsx')
                }
              />
            }
          />
        </Space>
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<TransferRecord>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: tab === 'done' ? 1550 : 1250 }}
          pagination={pagedBy(page, setPage, q.data?.total)}
          locale={{ emptyText: tab === 'pending' ? '暂无待确认的调入' : '暂无记录' }}
        />
      </Card>
      <TransferDetailDrawer record={viewing} onClose={() => setViewing(null)} extra={viewing && <Space>{actions(viewing, false)}</Space>} />
      <ConfirmTransferModal
        record={confirming}
        onClose={() => setConfirming(null)}
        onSubmit={(departmentId) => confirm.mutateAsync({ r: confirming!, departmentId })}
      />
      <ReasonModal
        open={!!refusing}
        title="拒绝调入"
        label="拒绝原因"
        okText="确认拒绝"
        description={refusing && `将拒绝“${refusing.name}”从“${refusing.fromOrgName}”调入本单位，调出单位可看到拒绝原因。`}
        onSubmit={(reason) => refuse.mutateAsync({ r: refusing!, reason })}
        onClose={() => setRefusing(null)}
      />
    </PageContainer>
  );
}
