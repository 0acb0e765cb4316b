/** 调转记录: every transfer into or out of our organisation, with details and export. */
import { useState } from 'react';
import { Alert, Button, Card, Table, Tabs } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { TransferDetailDrawer } from './TransferDetailDrawer';
import { TransferFilters, type FilterValues } from './TransferFilters';
import { transferColumns as c } from './columns';
import { TRANSFERS_KEY, transfersApi, type Direction, type TransferRecord } from './api';

export function RecordsPage() {
  const [direction, setDirection] = useState<Direction>('all');
  const [filters, setFilters] = useState<FilterValues>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [viewing, setViewing] = useState<TransferRecord | null>(null);
  const q = useQuery({
    queryKey: [...TRANSFERS_KEY, 'records', direction, filters, page],
    queryFn: () => transfersApi.list({ direction, ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageContainer title="调转记录" description="本单位全部的人员调入、调出记录（含待确认、已拒绝和已撤回的），可查看详情并导出。">
      <Card variant="borderless">
        <Tabs
          activeKey={direction}
          onChange={(k) => {
            setDirection(k as Direction);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          items={[
            { key: 'all', label: '全部' },
            { key: 'in', label: '调入' },
            { key: 'out', label: '调出' },
          ]}
          style={{ marginTop: -8 }}
        />
        <TransferFilters
          name="recordFilters"
          onSearch={(f) => {
            setFilters(f);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          onExport={(format) => transfersApi.exportXlsx({ direction, ...filters, format })}
        />
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<TransferRecord>
          rowKey="id"
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: 1450 }}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: '暂无调转记录' }}
          columns={[
            c.name(setViewing),
            c.idNumber,
            c.direction,
            c.from,
            c.to,
            c.date,
            c.status,
            c.reason,
            c.createdAt,
            c.decidedAt,
            {
              title: '操作',
              key: 'actions',
              width: 80,
              fixed: 'right',
              render: (_, r) => (
                <Button type="link" size="small" onClick={() => setViewing(r)}>
                  查看
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <TransferDetailDrawer record={viewing} onClose={() => setViewing(null)} />
    </PageContainer>
  );
}
