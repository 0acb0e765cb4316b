/**
 * 单位培训学时审核 (HR, /hours/review/employer) as the manual lists it: one row per unit training plan with claims in
 * the tab (序号, 年度, 培训班名称, 所在单位, 学习科目, 申报时间, 操作), the manual's 4 filters, and per row 查看 (a drawer
 * with the plan and its claims, decided one by one or in a batch, on the shared queue view) or 通过/驳回 of every claim
 * of the plan still waiting (server: claim-review/class-queue.ts).
 */
import { useState } from 'react';
import { Badge, Button, Descriptions, Drawer, Form, Space, Tag, type TableColumnsType } from 'antd';
import { fmtMinute } from '../../components/format';
import { DecideButtons, ReviewQueuePage, useReviewQueue } from '../../components/ReviewQueue';
import { SearchButtons } from '../../components/SearchButtons';
import { CLAIM_CLASSES_KEY, claimReviewKey, hoursApi, type ClaimClassFilters as Filters, type ClaimClassRow } from './api';
import { PlanClaimsQueue } from './ClaimReviewPage';
import { PlanFilterItems } from '../training/PlanFilterItems';

const TITLE = '单位培训学时审核';

export function EmployerClaimReviewPage() {
  const [form] = Form.useForm<Filters>();
  const [opened, setViewing] = useState<ClaimClassRow | null>(null);
  const queue = useReviewQueue<ClaimClassRow, Filters>({
    queryKey: CLAIM_CLASSES_KEY,
    list: hoursApi.claimClasses,
    decide: hoursApi.decideClaimClasses,
    exportXlsx: (q) => hoursApi.exportClaimClasses(q, `${TITLE}（${q.tab === 'pending' ? '待审核' : '已审核'}）`),
    noun: '培训班学时申报',
    unit: '个',
    label: (r) => `“${r.className}”的 ${r.pendingClaims} 条待审核学时申报`,
    afterReject: '驳回原因将告知申报单位和本人',
    // a row waits while any claim of the plan waits (on 已审核 too, where part of it was decided)
    pending: (r) => r.pendingClaims > 0,
    invalidates: [claimReviewKey('employer')],
    message: (d, r) => `已${d.decision === 'approve' ? '通过' : '驳回'} ${r.done} 条学时申报${r.skipped ? `，${r.skipped} 条已被处理过` : ''}`,
    confirmApprove: (r) => `确定通过“${r.className}”的全部 ${r.pendingClaims} 条待审核学时申报吗？`,
    emptyText: { pending: '暂无待审核的单位培训学时', done: '暂无已审核的单位培训学时' },
  });
  // the drawer's plan as the list now has it (its counts change as its claims are decided); gone from 待审核: none waits
  const viewing =
    opened &&
    (queue.list.data?.items.find((r) => r.id === opened.id) ?? { ...opened, pendingClaims: queue.tab === 'pending' ? 0 : opened.pendingClaims });
  const search = (v: Filters) =>
    queue.search({ year: v.year, className: v.className?.trim() || undefined, subjectType: v.subjectType, orgName: v.orgName?.trim() || undefined });

  const columns: TableColumnsType<ClaimClassRow> = [
    { title: '序号', dataIndex: 'seq', width: 64 },
    { title: '年度', dataIndex: 'year', width: 100, render: (v: number) => `${v}年度` },
    {
      title: '培训班名称',
      dataIndex: 'className',
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <span className="nowrap">
          <a onClick={() => setViewing(r)} title={v}>
            {v}
          </a>
          {r.flaggedClaims > 0 && (
            <Tag color="orange" style={{ marginInlineStart: 4 }}>
              重点审核 {r.flaggedClaims}
            </Tag>
          )}
        </span>
      ),
    },
    // no fixed width: with 已审核's 审核人 and 审核时间 the fixed columns alone would overflow the card at 1440 px
    { title: '所在单位', dataIndex: 'orgName', ellipsis: true },
    { title: '学习科目', dataIndex: 'subjectTypeName', width: 96 },
    {
      title: queue.tab === 'pending' ? '待审核人数' : '已审核人数',
      dataIndex: 'claims',
      width: 100,
      align: 'right',
      render: (v: number, r) =>
        queue.tab === 'done' && r.pendingClaims > 0 ? (
          <span title={`另有 ${r.pendingClaims} 人待审核`}>
            {v} <Badge count={`待${r.pendingClaims}`} color="orange" size="small" />
          </span>
        ) : (
          v
        ),
    },
    { title: '申报时间', dataIndex: 'declaredAt', width: 140, render: (v: string | null) => fmtMinute(v) },
  ];

  return (
    <ReviewQueuePage
      queue={queue}
      title={TITLE}
      description="辖区内用人单位为参加单位培训计划的本单位人员申报的学时，按培训计划列出。“查看”可逐人审核；“通过”“驳回”处理该培训计划全部待审核的学时。审核通过的学时计入个人年度学时。"
      scrollX={1000}
      actionsWidth={{ pending: 170, done: 150 }}
      filters={(exportButton) => (
        <Form form={form} name="planClaimFilters" layout="inline" className="filter-bar" onFinish={search}>
          <PlanFilterItems nameField="className" nameLabel="培训班名称" unitPlan />
          <SearchButtons
            onReset={() => {
              form.resetFields();
              search({});
            }}
          >
            {exportButton}
          </SearchButtons>
        </Form>
      )}
      columns={columns}
      rowActions={(r) => (
        <Button type="link" size="small" onClick={() => setViewing(r)}>
          查看
        </Button>
      )}
    >
      <Drawer
        title={viewing ? `单位培训学时 · ${viewing.className}` : TITLE}
        open={!!viewing}
        onClose={() => setViewing(null)}
        size={1180}
        destroyOnHidden
        extra={
          viewing &&
          viewing.pendingClaims > 0 && (
            <Space>
              <DecideButtons queue={queue} row={viewing} size="middle" />
            </Space>
          )
        }
      >
        {viewing && (
          <>
            <Descriptions
              size="small"
              column={3}
              bordered
              style={{ marginBottom: 16 }}
              items={[
                { key: 'org', label: '所在单位', children: viewing.orgName },
                { key: 'year', label: '培训年度', children: `${viewing.year}年度` },
                { key: 'subject', label: '学习科目', children: viewing.subjectTypeName },
                { key: 'form', label: '学习形式', children: viewing.learningFormName },
                { key: 'hours', label: '学时', children: viewing.hours },
                { key: 'dates', label: '培训日期', children: `${viewing.startDate} 至 ${viewing.endDate}` },
              ]}
            />
            <PlanClaimsQueue classId={viewing.id} className={viewing.className} tab={queue.tab} />
          </>
        )}
      </Drawer>
    </ReviewQueuePage>
  );
}
