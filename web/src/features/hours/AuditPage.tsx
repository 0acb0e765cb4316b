/**
 * 学时审验 (city HR and above): approved hours of people in the jurisdiction, filtered or drawn at random (随机抽查),
 * 审验不通过 with a reason takes the hours back out of the person's total. Not a 待审核/已审核 queue: it shares the
 * reason action (useReasonAction), the batch bar and the reason modal of the review queues.
 */
import { useState } from 'react';
import { Alert, Button, Card, InputNumber, Space, Table, type TableColumnsType } from 'antd';
import { CloseCircleOutlined, ExperimentOutlined, RedoOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { PageContainer } from '../../components/PageContainer';
import { ReasonModal } from '../../components/ReasonModal';
import { BatchBar } from '../../components/review';
import { useReasonAction } from '../../components/ReviewQueue';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { AUDIT_KEY, hoursApi, type ClaimFilters as Filters, type ClaimRow } from './api';
import { CLAIM_COLUMNS_WIDTH, claimColumns } from './claimColumns';
import { ClaimDetailDrawer } from './ClaimDetailDrawer';
import { ClaimFilters } from './ClaimFilters';
import { ExportButton } from '../../components/ExportButton';

type Sample = { n: number; nonce: number } | null;

export function AuditPage() {
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [sampleSize, setSampleSize] = useState(20);
  const [sample, setSample] = useState<Sample>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [viewing, setViewing] = useState<ClaimRow | null>(null);

  const queryKey = sample ? [...AUDIT_KEY, 'sample', filters, sample] : [...AUDIT_KEY, 'list', filters, page];
  const q = useQuery({
    queryKey,
    queryFn: () => (sample ? hoursApi.audit({ ...filters, sample: sample.n, page: 1, pageSize: sample.n }) : hoursApi.audit({ ...filters, ...page })),
    placeholderData: keepPreviousData,
    // a random sample stays what it was drawn as until the reviewer draws again
    staleTime: sample ? Infinity : 0,
    refetchOnWindowFocus: !sample,
  });

  const revoke = useReasonAction({
    run: hoursApi.revoke,
    message: (res, r) =>
      r.ids.length === 1
        ? `已将${r.label}审验不通过，学时已从个人总数中扣除`
        : `已将 ${res.done} 条学时审验不通过${res.skipped ? `，${res.skipped} 条已被处理过` : ''}`,
    onDone: (r, reason) => {
      setSelected((cur) => cur.filter((id) => !r.ids.includes(id)));
      setViewing(null);
      if (sample) {
        // keep the drawn sample, showing the new state of the rows just judged
        qc.setQueryData<{ total: number; items: ClaimRow[] }>(
          queryKey,
          (d) =>
            d && {
              ...d,
              items: d.items.map((x) => (r.ids.includes(x.id) ? { ...x, status: 'revoked', statusName: '审验不通过', revokeReason: reason } : x)),
            },
        );
      } else {
        void qc.invalidateQueries({ queryKey: [...AUDIT_KEY, 'list'] });
      }
      void qc.invalidateQueries({ queryKey: ['reviews', 'claims'] });
    },
  });

  const label = (r: ClaimRow) => `“${r.name}”的“${r.className}”（${r.hours}学时）`;
  const labelOf = (ids: number[]) => {
    const r = ids.length === 1 ? q.data?.items.find((x) => x.id === ids[0]) : undefined;
    return r ? label(r) : `${ids.length} 条学时`;
  };
  const revoking = revoke.target;
  const draw = () => {
    setSelected([]);
    setSample({ n: sampleSize, nonce: Date.now() });
  };

  const columns: TableColumnsType<ClaimRow> = [
    ...claimColumns(setViewing),
    {
      title: '操作',
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(r)}>
            查看
          </Button>
          {r.status === 'approved' && (
            <Button type="link" size="small" danger disabled={revoke.busy} onClick={() => revoke.open({ ids: [r.id], label: label(r) })}>
              审验不通过
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="学时审验"
      description="对辖区内已审核通过的学时进行抽查审验。审验不通过的学时将从个人年度学时中扣除，本人和申报机构可看到审验结果及原因。"
    >
      <Card variant="borderless">
        <ClaimFilters
          name="auditFilters"
          onSearch={(f) => {
            setFilters(f);
            setSelected([]);
            setPage((p) => ({ ...p, page: 1 }));
            if (sample) setSample({ ...sample, nonce: Date.now() });
          }}
          extra={
            <>
              <Space.Compact>
                <InputNumber
                  aria-label="抽查条数"
                  min={1}
                  max={200}
                  precision={0}
                  value={sampleSize}
                  onChange={(v) => setSampleSize(v ?? 20)}
                  suffix="条"
                  style={{ width: 96 }}
                />
                <Button icon={<ExperimentOutlined />} onClick={draw}>
                  随机抽查
                </Button>
              </Space.Compact>
              <ExportButton
                onExport={() => hoursApi.exportAudit(filters, sample ? (q.data?.items ?? []).map((r) => r.id) : undefined)}
                disabled={!!sample && !q.data?.items.length}
              >
                {sample ? '导出抽查结果' : '导出'}
              </ExportButton>
            </>
          }
        />
        {sample && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`随机抽查：从符合筛选条件的已通过学时中随机抽取 ${sample.n} 条${q.data ? `，实际抽到 ${q.data.items.length} 条` : ''}`}
            action={
              <Space>
                <Button size="small" icon={<RedoOutlined />} onClick={draw}>
                  重新抽取
                </Button>
                <Button
                  size="small"
                  onClick={() => {
                    setSample(null);
                    setSelected([]);
                  }}
                >
                  退出抽查
                </Button>
              </Space>
            }
          />
        )}
        {selected.length > 0 && (
          <BatchBar
            count={selected.length}
            what="条学时"
            busy={revoke.busy}
            approve={false}
            extra={
              <Button
                danger
                size="small"
                icon={<CloseCircleOutlined />}
                disabled={revoke.busy}
                onClick={() => revoke.open({ ids: selected, label: labelOf(selected) })}
              >
                批量审验不通过
              </Button>
            }
            onClear={() => setSelected([])}
          />
        )}
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<ClaimRow>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: CLAIM_COLUMNS_WIDTH + 180 }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as number[]),
            preserveSelectedRowKeys: true,
            fixed: true,
            getCheckboxProps: (r) => ({ disabled: r.status !== 'approved' }),
          }}
          pagination={
            sample
              ? { pageSize: DEFAULT_PAGE_SIZE, showTotal: (t) => `共 ${t} 条`, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }
              : pagedBy(page, setPage, q.data)
          }
          locale={{ emptyText: sample ? '没有符合条件的已通过学时可抽查' : '暂无已审核通过的学时' }}
        />
      </Card>
      <ClaimDetailDrawer
        claim={viewing}
        onClose={() => setViewing(null)}
        actions={
          viewing?.status === 'approved' && (
            <Button danger disabled={revoke.busy} onClick={() => revoke.open({ ids: [viewing.id], label: label(viewing) })}>
              审验不通过
            </Button>
          )
        }
      />
      <ReasonModal
        open={!!revoking}
        title={revoking && revoking.ids.length > 1 ? `批量审验不通过（${revoking.ids.length} 条）` : '审验不通过'}
        label="审验不通过原因"
        okText="确认审验不通过"
        description={
          revoking &&
          `将${revoking.ids.length > 1 ? `选中的 ${revoking.ids.length} 条学时` : revoking.label}审验不通过，相应学时从个人年度学时中扣除，本人和申报机构将看到原因。`
        }
        onSubmit={revoke.submit}
        onClose={revoke.close}
      />
    </PageContainer>
  );
}
