/** 人员调出: start a transfer of one of our people; the list of our outgoing transfers, 撤回 while pending. */
import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { StartTransferModal } from './StartTransferModal';
import { TransferDetailDrawer } from './TransferDetailDrawer';
import { TransferFilters, type FilterValues } from './TransferFilters';
import { transferColumns as c } from './columns';
import { TRANSFERS_KEY, transfersApi, type TransferRecord } from './api';

export function OutgoingPage() {
  const qc = useQueryClient();
  const [filters, setFilters] = useState<FilterValues>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [starting, setStarting] = useState(false);
  const [viewing, setViewing] = useState<TransferRecord | null>(null);
  const q = useQuery({
    queryKey: [...TRANSFERS_KEY, 'out', filters, page],
    queryFn: () => transfersApi.list({ direction: 'out', ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const cancel = useMutation({
    mutationFn: (r: TransferRecord) => transfersApi.cancel(r.id),
    onSuccess: (_d, r) => {
      feedback.success(`已撤回“${r.name}”的调出`);
      setViewing(null);
    },
    onError: (e) => feedback.error(e),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: TRANSFERS_KEY });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
  const withdraw = (r: TransferRecord, button: React.ReactNode) => (
    <Popconfirm
      title="撤回调出"
      description={`确定撤回“${r.name}”调往“${r.toOrgName}”的申请吗？`}
      okText="撤回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onConfirm={() => cancel.mutate(r)}
    >
      {button}
    </Popconfirm>
  );

  return (
    <PageContainer
      title="人员调出"
      description="将本单位的专业技术人员调往其他单位：发起调出后由调入单位在“人员调入审核”中确认，确认后人员及其学时记录才转入新单位；对方处理前可以撤回。"
      extra={
        <Button type="primary" icon={<ExportOutlined />} onClick={() => setStarting(true)}>
          发起调出
        </Button>
      }
    >
      <Card variant="borderless" title="调出记录">
        <TransferFilters
          name="outgoingFilters"
          onSearch={(f) => {
            setFilters(f);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          onExport={(format) => transfersApi.exportXlsx({ direction: 'out', ...filters, format }, '调出记录.xlsx')}
        />
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<TransferRecord>
          rowKey="id"
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1300 }}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: '暂无调出记录' }}
          columns={[
            c.name(setViewing),
            c.idNumber,
            c.fromDept,
            c.to,
            c.date,
            c.reason,
            c.status,
            c.createdAt,
            c.decidedAt,
            {
              title: '操作',
              key: 'actions',
              width: 120,
              fixed: 'right',
              render: (_, r) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setViewing(r)}>
                    查看
                  </Button>
                  {r.status === 'pending' &&
                    withdraw(
                      r,
                      <Button type="link" size="small" danger disabled={cancel.isPending}>
                        撤回
                      </Button>,
                    )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <StartTransferModal open={starting} onClose={() => setStarting(false)} />
      <TransferDetailDrawer
        record={viewing}
        onClose={() => setViewing(null)}
        extra={
          viewing?.status === 'pending' &&
          withdraw(
            viewing,
            <Button danger loading={cancel.isPending}>
              撤回调出
            </Button>,
          )
        }
      />
    </PageContainer>
  );
}
