/**
 * 学时审核 (HR), one page for the three queues (/hours/review/base|employer|personal) on the shared ReviewQueuePage:
 * the 7 filters, 查看 (drawer), and beside 通过/驳回 a further action on both tabs, 删除 (reason, told to the person
 * and the declarer; approved hours leave the person's total).
 */
import { useState } from 'react';
import { Alert, Button, Popconfirm, Space } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { ReasonModal } from '../../components/ReasonModal';
import { ReviewQueuePage, useReasonAction, useReviewQueue, type ReviewTab } from '../../components/ReviewQueue';
import { CLAIM_CLASSES_KEY, claimReviewKey, hoursApi, type ClaimFilters as Filters, type ClaimRow, type ClaimSource } from './api';
import { CLAIM_COLUMNS_WIDTH, claimColumns } from './claimColumns';
import { ClaimDetailDrawer } from './ClaimDetailDrawer';
import { ClaimFilters } from './ClaimFilters';
import { EvidenceModal } from './EvidenceModal';

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

/** A deletion being asked for its reason; `approved`: some of the claims on screen are approved (their hours leave the total). */
type Deleting = { ids: number[]; label: string; approved: boolean };

export const BaseClaimReviewPage = () => <ClaimReviewPage source="base" />;
export const PersonalClaimReviewPage = () => <ClaimReviewPage source="personal" />;
/** 单位培训学时审核's 查看 of one unit training plan: its claims, decided one by one or in a batch (inside a drawer). */
export const PlanClaimsQueue = ({ classId, className, tab }: { classId: number; className: string; tab: ReviewTab }) => (
  <ClaimReviewPage source="employer" plan={{ classId, className, tab }} />
);

/** The columns of one plan's claims (claimColumns less 代申报机构, 培训班名称, 所属单位 and 继续教育年度). */
const PLAN_COLUMNS_WIDTH = CLAIM_COLUMNS_WIDTH - 150 - 180 - 150 - 80;

const label = (r: ClaimRow) => `“${r.name}”的“${r.className}”学时申报`;

function ClaimReviewPage({ source, plan }: { source: ClaimSource; plan?: { classId: number; className: string; tab: ReviewTab } }) {
  const t = TEXT[source];
  const classId = plan?.classId;
  const [viewing, setViewing] = useState<ClaimRow | null>(null);
  const [evidence, setEvidence] = useState<ClaimRow | null>(null);
  const queue = useReviewQueue<ClaimRow, Filters>(
    {
      queryKey: classId ? [...claimReviewKey(source), 'class', classId] : claimReviewKey(source),
      list: (q) => hoursApi.claims({ ...q, source, classId }),
      decide: hoursApi.decide,
      exportXlsx: (q) =>
        hoursApi.exportClaims({ ...q, source, classId }, `${plan ? plan.className : t.title}（${q.tab === 'pending' ? '待审核' : '已审核'}）`),
      // a plan's claims decided here change the plans' list behind the drawer (and the source's whole queue)
      invalidates: classId ? [CLAIM_CLASSES_KEY, claimReviewKey(source)] : undefined,
      noun: '学时申报',
      unit: '条',
      label,
      afterReject: '驳回原因将告知申报方和本人',
    },
    { onDecided: () => setViewing(null), initialTab: plan?.tab },
  );
  const remove = useReasonAction<Deleting>({
    run: hoursApi.remove,
    message: (r, d) => (d.ids.length === 1 ? `已删除${d.label}` : `已删除 ${r.done} 条学时申报${r.skipped ? `，${r.skipped} 条未删除` : ''}`),
    onDone: (d) => {
      queue.setSelected((cur) => cur.filter((id) => !d.ids.includes(id)));
      setViewing(null);
    },
    onSettled: queue.refresh,
  });
  const busy = queue.busy || remove.busy;
  const confirmDelete = (ids: number[], l = queue.labelOf(ids)) => {
    const rows = [...(queue.list.data?.items ?? []), ...(viewing ? [viewing] : [])];
    remove.open({ ids, label: l, approved: queue.tab === 'done' || rows.some((r) => ids.includes(r.id) && r.status === 'approved') });
  };
  const deleting = remove.target;

  return (
    <ReviewQueuePage
      embedded={!!plan}
      queue={queue}
      title={t.title}
      description={t.description}
      filters={(exportButton) =>
        plan ? (
          <div className="filter-bar">{exportButton}</div>
        ) : (
          <ClaimFilters
            name={`claimFilters-${source}`}
            onSearch={(f) => {
              queue.search(f);
              queue.setSelected([]);
            }}
            extra={exportButton}
          />
        )
      }
      // one plan's claims: its name, declarer, unit (it registers its own staff) and year are the drawer's; the rest fit its width
      columns={claimColumns(setViewing, plan ? ['className', 'declaringOrg', 'orgName', 'year'] : [])}
      rowActions={(r) => (
        <Button type="link" size="small" onClick={() => setViewing(r)}>
          查看
        </Button>
      )}
      rowActionsAfter={(r) => (
        <Button type="link" size="small" danger disabled={busy} onClick={() => confirmDelete([r.id], label(r))}>
          删除
        </Button>
      )}
      actionsWidth={{ pending: 210, done: 110 }}
      scrollX={plan ? PLAN_COLUMNS_WIDTH + 220 : CLAIM_COLUMNS_WIDTH + 220}
      selectDone
      batchActions={
        <Button danger size="small" icon={<DeleteOutlined />} disabled={busy} loading={remove.busy} onClick={() => confirmDelete(queue.selected)}>
          删除
        </Button>
      }
    >
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
                  <Button danger disabled={busy} onClick={() => queue.reject([viewing.id], label(viewing))}>
                    驳回
                  </Button>
                  <Popconfirm
                    title="通过学时申报"
                    description={`确定通过${label(viewing)}吗？`}
                    okText="通过"
                    cancelText="取消"
                    onConfirm={() => queue.approve([viewing.id], label(viewing))}
                  >
                    <Button type="primary" loading={queue.busy}>
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
        onSubmit={remove.submit}
        onClose={remove.close}
      />
    </ReviewQueuePage>
  );
}
