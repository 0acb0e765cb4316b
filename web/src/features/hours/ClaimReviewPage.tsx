/**
 * 学时审核 (HR), one page for the three queues (/hours/review/base|employer|personal): the 7 filters, 待审核/已审核,
 * selection with 批量通过 / 批量驳回 (reason) / 删除 (reason, told to the person and the declarer; approved hours leave
 * the person's total), 查看 (drawer), 20条/页 with the total.
 */
import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, DeleteOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { PageContainer } from '../../components/PageContainer';
import { ReasonModal } from '../../components/ReasonModal';
import { ReviewTabs, type ReviewTab } from '../../components/review';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { claimReviewKey, hoursApi, type ClaimFilters as Filters, type ClaimRow, type ClaimSource, type Decision } from './api';
import { CLAIM_COLUMNS_WIDTH, claimColumns } from './claimColumns';
import { ClaimDetailDrawer } from './ClaimDetailDrawer';
import { ClaimFilters } from './ClaimFilters';
import { EvidenceModal } from './EvidenceModal';
import { ExportButton } from '../../components/ExportButton';

const TEXT: Record<ClaimSource, { title: string; description: string }> = {
  base: {
    title: '继续教育机构学时审核',
    description: '辖区内继续教育基地（机构）为合格学员代为申报的学时。标记“重点审核”的记录请核实原因后再处理；审核通过的学时计入个人年度学时。',
  },
  employer: {
    title: '单位培训学时审核',
    description: '辖区内用人单位为参加单位培训计划的本单位人员申报的学时。审核通过的学时计入个人年度学时。',
  },
  personal: {
    title: '个人申报学时审核',
    description: '专业技术人员本人申报、已经所在单位审核通过的学时（如学术会议、进修），可查看证明材料和认定依据。',
  },
};

type Rejecting = { ids: number[]; label: string } | null;
/** A deletion being asked for its reason; `approved`: some of the claims on screen are approved (their hours leave the total). */
type Deleting = { ids: number[]; label: string; approved: boolean } | null;

export const BaseClaimReviewPage = () => <ClaimReviewPage source="base" />;
export const EmployerClaimReviewPage = () => <ClaimReviewPage source="employer" />;
export const PersonalClaimReviewPage = () => <ClaimReviewPage source="personal" />;

function ClaimReviewPage({ source }: { source: ClaimSource }) {
  const t = TEXT[source];
  const qc = useQueryClient();
  const [tab, setTab] = useState<ReviewTab>('pending');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [selected, setSelected] = useState<number[]>([]);
  const [viewing, setViewing] = useState<ClaimRow | null>(null);
  const [rejecting, setRejecting] = useState<Rejecting>(null);
  const [deleting, setDeleting] = useState<Deleting>(null);
  const [evidence, setEvidence] = useState<ClaimRow | null>(null);
  const key = claimReviewKey(source);

  const q = useQuery({
    queryKey: [...key, tab, filters, page],
    queryFn: () => hoursApi.claims({ source, tab, ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['dashboard'] });
  };
  const done = (ids: number[]) => {
    setSelected((cur) => cur.filter((id) => !ids.includes(id)));
    setViewing(null);
  };
  const decide = useMutation({
    mutationFn: (d: Decision & { label: string }) => hoursApi.decide(d),
    onSuccess: (r, d) => {
      const verb = d.decision === 'approve' ? '通过' : '驳回';
      feedback.success(
        d.ids.length === 1 ? `已${verb}${d.label}` : `已${verb} ${r.done} 条学时申报${r.skipped ? `，${r.skipped} 条已被处理过` : ''}`,
      );
      done(d.ids);
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (d: { ids: number[]; label: string; reason: string }) => hoursApi.remove(d.ids, d.reason),
    onSuccess: (r, d) => {
      feedback.success(d.ids.length === 1 ? `已删除${d.label}` : `已删除 ${r.done} 条学时申报${r.skipped ? `，${r.skipped} 条未删除` : ''}`);
      done(d.ids);
    },
    // errors stay in the reason modal
    onSettled: refresh,
  });
  const busy = decide.isPending || remove.isPending;

  const label = (r: ClaimRow) => `“${r.name}”的“${r.className}”学时申报`;
  const labelOf = (ids: number[]) => {
    const r = ids.length === 1 ? q.data?.items.find((x) => x.id === ids[0]) : undefined;
    return r ? label(r) : `${ids.length} 条学时申报`;
  };
  const approve = (ids: number[]) => decide.mutate({ ids, decision: 'approve', label: labelOf(ids) }, { onError: (e) => feedback.error(e) });
  const confirmDelete = (ids: number[], l = labelOf(ids)) => {
    const rows = [...(q.data?.items ?? []), ...(viewing ? [viewing] : [])];
    setDeleting({ ids, label: l, approved: tab === 'done' || rows.some((r) => ids.includes(r.id) && r.status === 'approved') });
  };

  const switchTab = (k: ReviewTab) => {
    setTab(k);
    setSelected([]);
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<ClaimRow> = [
    ...claimColumns(setViewing),
    {
      title: '操作',
      key: 'actions',
      width: tab === 'pending' ? 180 : 110,
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(r)}>
            查看
          </Button>
          {r.status === 'pending' && (
            <>
              <Popconfirm
                title="通过学时申报"
                description={`确定通过${label(r)}吗？`}
                okText="通过"
                cancelText="取消"
                onConfirm={() => approve([r.id])}
              >
                <Button type="link" size="small" disabled={busy}>
                  通过
                </Button>
              </Popconfirm>
              <Button type="link" size="small" danger disabled={busy} onClick={() => setRejecting({ ids: [r.id], label: label(r) })}>
                驳回
              </Button>
            </>
          )}
          <Button type="link" size="small" danger disabled={busy} onClick={() => confirmDelete([r.id], label(r))}>
            删除
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t.title} description={t.description}>
      <Card variant="borderless">
        <ReviewTabs tab={tab} onChange={switchTab} />
        <ClaimFilters
          name={`claimFilters-${source}`}
          onSearch={(f) => {
            setFilters(f);
            setSelected([]);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          extra={
            <ExportButton
              onExport={() => hoursApi.exportClaims({ ...filters, source, tab }, `${t.title}（${tab === 'pending' ? '待审核' : '已审核'}）`)}
            />
          }
        />
        {selected.length > 0 && (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={
              <Space wrap>
                <span>
                  已选择 <strong>{selected.length}</strong> 条学时申报
                </span>
                {tab === 'pending' && (
                  <>
                    <Popconfirm
                      title="批量通过"
                      description={`确定通过选中的 ${selected.length} 条学时申报吗？`}
                      okText="通过"
                      cancelText="取消"
                      onConfirm={() => approve(selected)}
                    >
                      <Button type="primary" size="small" icon={<CheckOutlined />} loading={decide.isPending} disabled={busy}>
                        批量通过
                      </Button>
                    </Popconfirm>
                    <Button
                      danger
                      size="small"
                      icon={<CloseOutlined />}
                      disabled={busy}
                      onClick={() => setRejecting({ ids: selected, label: labelOf(selected) })}
                    >
                      批量驳回
                    </Button>
                  </>
                )}
                <Button
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  disabled={busy}
                  loading={remove.isPending}
                  onClick={() => confirmDelete(selected)}
                >
                  删除
                </Button>
                <Button type="link" size="small" onClick={() => setSelected([])}>
                  取消选择
                </Button>
              </Space>
            }
          />
        )}
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<ClaimRow>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          scroll={{ x: CLAIM_COLUMNS_WIDTH + 220 }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true, fixed: true }}
          pagination={pagedBy(page, setPage, q.data?.total)}
          locale={{ emptyText: tab === 'pending' ? '暂无待审核的学时申报' : '暂无已审核的学时申报' }}
        />
      </Card>
      <ClaimDetailDrawer
        claim={viewing}
        onClose={() => setViewing(null)}
        onEvidence={source === 'personal' ? setEvidence : undefined}
        actions={
          viewing && (
            <Space>
              <Button danger disabled={busy} onClick={() => confirmDelete([viewing.id], label(viewing))}>
                删除
              </Button>
              {viewing.status === 'pending' && (
                <>
                  <Button danger disabled={busy} onClick={() => setRejecting({ ids: [viewing.id], label: label(viewing) })}>
                    驳回
                  </Button>
                  <Popconfirm
                    title="通过学时申报"
                    description={`确定通过${label(viewing)}吗？`}
                    okText="通过"
                    cancelText="取消"
                    onConfirm={() => approve([viewing.id])}
                  >
                    <Button type="primary" loading={decide.isPending}>
                      通过
                    </Button>
                  </Popconfirm>
                </>
              )}
            </Space>
          )
        }
      />
      <EvidenceModal
        claimId={evidence?.id ?? null}
        title={evidence ? `证明材料 · ${evidence.name} · ${evidence.className}` : undefined}
        onClose={() => setEvidence(null)}
      />
      <ReasonModal
        open={!!rejecting}
        title={rejecting && rejecting.ids.length > 1 ? `批量驳回（${rejecting.ids.length} 条）` : '驳回学时申报'}
        description={
          rejecting &&
          (rejecting.ids.length > 1
            ? `将驳回选中的 ${rejecting.ids.length} 条学时申报，驳回原因将告知申报方和本人。`
            : `将驳回${rejecting.label}，驳回原因将告知申报方和本人。`)
        }
        onSubmit={(reason) => decide.mutateAsync({ ids: rejecting!.ids, decision: 'reject', reason, label: rejecting!.label })}
        onClose={() => setRejecting(null)}
      />
      <ReasonModal
        open={!!deleting}
        title={deleting && deleting.ids.length > 1 ? `删除学时申报（${deleting.ids.length} 条）` : '删除学时申报'}
        label="删除原因"
        okText="确认删除"
        description={
          deleting && (
            <>
              将删除{deleting.ids.length > 1 ? `选中的 ${deleting.ids.length} 条学时申报` : deleting.label}
              ，删除后不计入个人学时；删除原因将告知本人和申报机构，操作记入审计日志。
              {deleting.approved && (
                <Alert type="warning" showIcon style={{ marginTop: 12 }} title="已审核通过的学时删除后，将从个人年度学时中扣除。" />
              )}
            </>
          )
        }
        onSubmit={(reason) => remove.mutateAsync({ ids: deleting!.ids, label: deleting!.label, reason })}
        onClose={() => setDeleting(null)}
      />
    </PageContainer>
  );
}
