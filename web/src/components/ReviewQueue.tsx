/**
 * The review queue page, written once: 待审核/已审核 tabs, the page's filters, 导出, batch selection with 批量通过/驳回,
 * 通过 (confirm) and 驳回 (reason) per row, the decide mutation, and refreshing the queue and the dashboard's 待办事项.
 * A queue page supplies a ReviewQueueSpec (its API and its nouns), its filter form and its columns; the server side of
 * the same queue is one definition in server/src/lib/review-queue.ts. useReasonAction() is a further decision that
 * asks for a reason (学时审核's 删除, 学时审验's 审验不通过), for queue pages and other lists alike.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { decisionResult, ExportFormat, Wire } from '@hbzsgx/domain';
import { errorMessage } from '../app/api';
import { feedback } from '../app/feedback';
import { ExportButton } from './ExportButton';
import { fmtMinute, orDash } from './format';
import { PageContainer } from './PageContainer';
import { ReasonModal } from './ReasonModal';
import { BatchBar, ReviewTabs, type ReviewTab } from './review';
import { columnsWidth, DEFAULT_PAGE_SIZE, pagedBy, type PageState } from './table';

export type { ReviewTab };
export interface Decision {
  ids: number[];
  decision: 'approve' | 'reject';
  reason?: string;
}
export type DecisionResult = Wire<typeof decisionResult>;

export interface ReviewQueueSpec<Row extends { id: number }, F extends object> {
  /** The queue's query-key prefix: refreshed, with the dashboard, after every decision. */
  queryKey: readonly unknown[];
  list(q: F & { tab: ReviewTab } & PageState): Promise<{ total: number; items: Row[] }>;
  decide(d: Decision): Promise<DecisionResult>;
  /** 导出 with the current tab and filters, as xlsx or csv (`format`, sent with them). */
  exportXlsx?(q: F & { tab: ReviewTab; format: ExportFormat }): Promise<void>;
  /** What a row is, in titles and messages: '注册', '年度培训计划'. */
  noun: string;
  /** Its counting word: '条', '份'. */
  unit: string;
  /** One row by name: '“张三”的注册'. */
  label(r: Row): string;
  /** What the requester can do after 驳回: '申请人可修改后重新提交' (absent: the 驳回 modal says only what it rejects). */
  afterReject?: string;
  /** Rows still to decide (default: status 'pending'); `tab` for queues whose 已审核 tab holds rows still open elsewhere. */
  pending?(r: Row, tab: ReviewTab): boolean;
  /** Other queries a decision changes (e.g. a person's hours). */
  invalidates?: readonly (readonly unknown[])[];
  /** The success message where the default (已通过/已驳回 + label, or the count) does not fit. */
  message?(d: Decision & { label: string }, r: DecisionResult): string;
  /** The question of a row's 通过 confirmation (default: 确定通过{label}吗？). */
  confirmApprove?(r: Row): string;
  /** The 驳回 modal of a single row where the queue names it otherwise (e.g. 拒绝调入 / 拒绝原因 / 确认拒绝). */
  rejectModal?: { title?: string; label?: string; okText?: string; description?(r: Row): ReactNode };
  /** The empty table's text per tab (default: 暂无待审核的/暂无已审核的{noun}). */
  emptyText?: Partial<Record<ReviewTab, string>>;
  /**
   * 已审核's 审核人 and 审核时间 columns, added to every queue (the server's review-queue mechanism answers
   * `reviewedByName`); false where the queue records no deciding account.
   */
  reviewer?: false;
}

/** A column that shows a row's decision time (a page's own 审核时间 column, kept where it is). */
const isTimeColumn = (c: TableColumnsType<object>[number]) =>
  c.title === '审核时间' || ('dataIndex' in c && (c.dataIndex === 'reviewedAt' || c.dataIndex === 'decidedAt'));

/** 已审核: the page's columns with 审核人 (before the page's 审核时间, or with one of ours at the end). */
export function withReviewerColumns<Row extends object>(columns: TableColumnsType<Row>): TableColumnsType<Row> {
  const reviewer: TableColumnsType<Row>[number] = {
    title: '审核人',
    key: 'reviewedByName',
    width: 100,
    render: (_, r) => orDash((r as { reviewedByName?: string | null }).reviewedByName),
  };
  if (columns.some((c) => c.key === 'reviewedByName' || c.title === '审核人')) return columns;
  const at = columns.findIndex((c) => isTimeColumn(c as TableColumnsType<object>[number]));
  if (at >= 0) return [...columns.slice(0, at), reviewer, ...columns.slice(at)];
  const time: TableColumnsType<Row>[number] = {
    title: '审核时间',
    key: 'reviewedAt',
    width: 140,
    render: (_, r) =>
      fmtMinute(
        (r as { reviewedAt?: string | null; decidedAt?: string | null }).reviewedAt ?? (r as { decidedAt?: string | null }).decidedAt ?? null,
      ),
  };
  return [...columns, reviewer, time];
}

const isPending = (r: { id: number }) => (r as { status?: unknown }).status === 'pending';

/** The state and actions of one queue page; ReviewQueuePage renders it, drawers and modals call approve/reject. */
export function useReviewQueue<Row extends { id: number }, F extends object>(
  spec: ReviewQueueSpec<Row, F>,
  opts: { initialFilters?: F; initialTab?: ReviewTab; onDecided?: (ids: number[]) => void } = {},
) {
  const qc = useQueryClient();
  const [tab, setTab] = useState<ReviewTab>(opts.initialTab ?? 'pending');
  const [filters, setFilters] = useState<F>(opts.initialFilters ?? ({} as F));
  const [page, setPage] = useState<PageState>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const [selected, setSelected] = useState<number[]>([]);
  const [rejecting, setRejecting] = useState<{ ids: number[]; label: string; row?: Row } | null>(null);

  const list = useQuery({
    queryKey: [...spec.queryKey, tab, filters, page],
    queryFn: () => spec.list({ ...filters, tab, ...page }),
    placeholderData: keepPreviousData,
  });
  const what = `${spec.unit}${spec.noun}`;
  const labelOf = (ids: number[]) => {
    const one = ids.length === 1 ? list.data?.items.find((r) => r.id === ids[0]) : undefined;
    return one ? spec.label(one) : `${ids.length} ${what}`;
  };
  const decide = useMutation({
    mutationFn: (d: Decision & { label: string }) => spec.decide({ ids: d.ids, decision: d.decision, reason: d.reason ?? '' }),
    onSuccess: (r, d) => {
      const verb = d.decision === 'approve' ? '通过' : '驳回';
      feedback.success(
        spec.message?.(d, r) ??
          (d.ids.length === 1 ? `已${verb}${d.label}` : `已${verb} ${r.done} ${what}${r.skipped ? `，${r.skipped} ${spec.unit}已被处理过` : ''}`),
      );
      setSelected((cur) => cur.filter((id) => !d.ids.includes(id)));
      opts.onDecided?.(d.ids);
    },
    onSettled: () => refresh(),
  });
  /**
   * Refreshes the queue, the dashboard's 待办事项 and `invalidates`. The queue's pages cached for other tabs and filters
   * are dropped, not kept stale: shown again on the way back they would list what was just decided until refetched.
   */
  const refresh = () => {
    qc.removeQueries({ queryKey: spec.queryKey, type: 'inactive' });
    for (const key of [spec.queryKey, ['dashboard'], ...(spec.invalidates ?? [])]) void qc.invalidateQueries({ queryKey: key });
  };

  return {
    spec,
    tab,
    switchTab(t: ReviewTab) {
      setTab(t);
      setSelected([]);
      setPage((p) => ({ ...p, page: 1 }));
    },
    filters,
    /** A new search starts again at page 1 with nothing selected. */
    search(f: F) {
      setFilters(f);
      setPage((p) => ({ ...p, page: 1 }));
      // rows the new filters hide must not stay in a batch the reviewer can no longer see
      setSelected([]);
    },
    page,
    setPage,
    list,
    selected,
    setSelected,
    busy: decide.isPending,
    labelOf,
    /** 通过 now (the caller has confirmed); errors show as a message. */
    approve(ids: number[], label = labelOf(ids)) {
      decide.mutate({ ids, decision: 'approve', label }, { onError: (e) => feedback.error(e) });
    },
    /** Opens the 驳回 reason modal for these rows. */
    reject(ids: number[], label = labelOf(ids)) {
      setRejecting({ ids, label, row: ids.length === 1 ? list.data?.items.find((r) => r.id === ids[0]) : undefined });
    },
    rejecting,
    closeReject: () => setRejecting(null),
    submitReject: (reason: string) =>
      rejecting ? decide.mutateAsync({ ids: rejecting.ids, decision: 'reject', reason, label: rejecting.label }) : Promise.resolve(),
    isPending: (r: Row) => (spec.pending ? spec.pending(r, tab) : isPending(r)),
    /** After a decision made by a form of the page's own (e.g. 确认调转 choosing a department). */
    refresh,
  };
}
export type ReviewQueue<Row extends { id: number }, F extends object> = ReturnType<typeof useReviewQueue<Row, F>>;

/** The 通过 (confirmed) and 驳回 buttons of one pending row, for tables and drawers alike. */
export function DecideButtons<Row extends { id: number }, F extends object>({
  queue,
  row,
  size = 'small',
}: {
  queue: ReviewQueue<Row, F>;
  row: Row;
  size?: 'small' | 'middle';
}) {
  const { spec } = queue;
  const label = spec.label(row);
  const link = size === 'small';
  return (
    <>
      <Popconfirm
        title={`通过${spec.noun}`}
        description={spec.confirmApprove?.(row) ?? `确定通过${label}吗？`}
        okText="通过"
        cancelText="取消"
        onConfirm={() => queue.approve([row.id], label)}
      >
        <Button type={link ? 'link' : 'primary'} size={size} disabled={queue.busy}>
          通过
        </Button>
      </Popconfirm>
      <Button type={link ? 'link' : 'default'} size={size} danger disabled={queue.busy} onClick={() => queue.reject([row.id], label)}>
        驳回
      </Button>
    </>
  );
}

/** The props of a queue's view; a page adds its title and description (ReviewQueuePage). */
export interface ReviewQueueViewProps<Row extends { id: number }, F extends object> {
  queue: ReviewQueue<Row, F>;
  /** The filter bar: call `queue.search(values)` on 查询/重置; the 导出 button goes after 查询/重置. */
  filters?: (exportButton: ReactNode) => ReactNode;
  /** The data columns for the current tab (the 操作 column is added). */
  columns: TableColumnsType<Row>;
  /** Buttons before 通过/驳回 (查看, 下载…). */
  rowActions?: (r: Row) => ReactNode;
  /** Buttons after 通过/驳回 (e.g. 删除, offered on both tabs). */
  rowActionsAfter?: (r: Row) => ReactNode;
  /** A pending row's own decision buttons instead of 通过/驳回 (e.g. 确认调转 opening a form, 拒绝 calling queue.reject). */
  decideButtons?: (r: Row) => ReactNode;
  actionsWidth?: { pending: number; done: number };
  /** The width the table scrolls at (default: what its columns need, columnsWidth()). */
  scrollX?: number;
  /** False where requests are decided one by one: no selection, no batch bar (更换上级部门, 人员调入). */
  batch?: boolean;
  /** False where each request must be read before it is approved (only 批量驳回). */
  batchApprove?: boolean;
  /** More buttons of the batch bar, after 批量通过/驳回 (they act on `queue.selected`). */
  batchActions?: ReactNode;
  /** Rows of 已审核 are selectable too, for `batchActions` (批量通过/驳回 stay on 待审核). */
  selectDone?: boolean;
  /** Drawers and modals of the page (they may call queue.approve / queue.reject). */
  children?: ReactNode;
}

/** A queue page: its title and description above the queue's view (`embedded`: the view alone, e.g. in a drawer). */
export function ReviewQueuePage<Row extends { id: number }, F extends object>({
  title,
  description,
  embedded = false,
  ...view
}: ReviewQueueViewProps<Row, F> & { title: ReactNode; description?: ReactNode; embedded?: boolean }) {
  if (embedded) return <ReviewQueueView {...view} />;
  return (
    <PageContainer title={title} description={description}>
      <ReviewQueueView {...view} />
    </PageContainer>
  );
}

/**
 * The queue itself (tabs, filters, batch bar, table, 驳回 modal), on a page (ReviewQueuePage) or inside a drawer
 * (单位培训学时审核's plan: the claims of one class).
 */
export function ReviewQueueView<Row extends { id: number }, F extends object>({
  queue,
  filters,
  columns,
  rowActions,
  rowActionsAfter,
  actionsWidth = { pending: 170, done: 70 },
  scrollX,
  batch = true,
  batchApprove = true,
  batchActions,
  selectDone = false,
  decideButtons,
  children,
}: ReviewQueueViewProps<Row, F>) {
  const { spec, tab, list, selected } = queue;
  const what = `${spec.unit}${spec.noun}`;
  const { exportXlsx } = spec;
  const exportButton = exportXlsx ? <ExportButton csv onExport={(format) => exportXlsx({ ...queue.filters, tab, format })} /> : null;
  const actions: TableColumnsType<Row>[number] = {
    title: '操作',
    key: 'actions',
    width: tab === 'pending' ? actionsWidth.pending : actionsWidth.done,
    fixed: 'right',
    render: (_, r) => (
      <Space size={0}>
        {rowActions?.(r)}
        {queue.isPending(r) && (decideButtons ? decideButtons(r) : <DecideButtons queue={queue} row={r} />)}
        {rowActionsAfter?.(r)}
      </Space>
    ),
  };
  const rejecting = queue.rejecting;
  const many = !!rejecting && rejecting.ids.length > 1;
  const single = !many && rejecting?.row ? spec.rejectModal : undefined;
  const after = spec.afterReject ? `，${spec.afterReject}` : '';
  const selectable = batch && (tab === 'pending' || selectDone);
  const tableColumns = [...(tab === 'done' && spec.reviewer !== false ? withReviewerColumns(columns) : columns), actions];
  return (
    <>
      <Card variant="borderless">
        <ReviewTabs tab={tab} onChange={queue.switchTab} />
        {filters ? filters(exportButton) : exportButton && <div className="filter-bar">{exportButton}</div>}
        {selectable && selected.length > 0 && (
          <BatchBar
            count={selected.length}
            what={what}
            busy={queue.busy}
            approve={batchApprove && tab === 'pending'}
            onApprove={() => queue.approve(selected)}
            onReject={tab === 'pending' ? () => queue.reject(selected) : undefined}
            onClear={() => queue.setSelected([])}
            extra={batchActions}
          />
        )}
        {list.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        <Table<Row>
          rowKey="id"
          columns={tableColumns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: scrollX ?? columnsWidth(tableColumns, { selectable }) }}
          rowSelection={
            selectable
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => queue.setSelected(keys as number[]),
                  preserveSelectedRowKeys: true,
                  getCheckboxProps: (r) => ({ disabled: tab === 'pending' && !queue.isPending(r) }),
                }
              : undefined
          }
          pagination={pagedBy(queue.page, queue.setPage, list.data)}
          locale={{ emptyText: spec.emptyText?.[tab] ?? (tab === 'pending' ? `暂无待审核的${spec.noun}` : `暂无已审核的${spec.noun}`) }}
        />
      </Card>
      {children}
      <ReasonModal
        open={!!rejecting}
        title={many ? `批量驳回（${rejecting.ids.length} ${spec.unit}）` : (single?.title ?? `驳回${spec.noun}`)}
        label={single?.label}
        okText={single?.okText}
        description={
          rejecting &&
          (many
            ? `将驳回选中的 ${rejecting.ids.length} ${what}${after}。`
            : (single?.description?.(rejecting.row!) ?? `将驳回${rejecting.label}${after}。`))
        }
        onSubmit={queue.submitReject}
        onClose={queue.closeReject}
      />
    </>
  );
}

/**
 * A decision on rows that asks for a reason besides 驳回 (学时审核's 删除, 学时审验's 审验不通过): the rows being asked
 * about (`target`, with whatever the modal needs to say), the mutation, its success message and what it refreshes.
 * Render its ReasonModal with open={!!action.target}, onSubmit={action.submit}, onClose={action.close}: an error stays
 * in the modal.
 */
export function useReasonAction<T extends { ids: number[]; label: string }>(opts: {
  run(ids: number[], reason: string): Promise<DecisionResult>;
  message(r: DecisionResult, target: T): string;
  /** Queries the action changes, refreshed once it has settled (for a queue: `queue.refresh` covers its own). */
  invalidates?: readonly (readonly unknown[])[];
  /** After success (e.g. drop the rows from the selection, close a drawer, patch a list kept as it was drawn). */
  onDone?(target: T, reason: string, r: DecisionResult): void;
  onSettled?(): void;
}) {
  const qc = useQueryClient();
  const [target, setTarget] = useState<T | null>(null);
  const m = useMutation({
    mutationFn: (v: { target: T; reason: string }) => opts.run(v.target.ids, v.reason),
    onSuccess: (r, v) => {
      feedback.success(opts.message(r, v.target));
      opts.onDone?.(v.target, v.reason, r);
    },
    onSettled: () => {
      for (const key of opts.invalidates ?? []) void qc.invalidateQueries({ queryKey: key });
      opts.onSettled?.();
    },
  });
  return {
    target,
    /** Opens the reason modal for these rows. */
    open: (t: T) => setTarget(t),
    close: () => setTarget(null),
    submit: (reason: string) => (target ? m.mutateAsync({ target, reason }) : Promise.resolve()),
    busy: m.isPending,
  };
}
