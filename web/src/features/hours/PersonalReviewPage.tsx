/**
 * 本单位人员学时申报, on the shared ReviewQueuePage: the unit first reviews its own staff's personal declarations
 * (证明材料, 认定依据), then they go on to the HR department (个人申报学时审核).
 */
import { useState } from 'react';
import { Button, Tooltip, Typography, type TableColumnsType } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import { LEARNING_FORMS, SUBJECT_TYPES } from '@hbzsgx/domain';
import { fmtDate } from '../../components/format';
import { KeywordFilter } from '../../components/review';
import { ReviewQueuePage, useReviewQueue } from '../../components/ReviewQueue';
import { hoursApi, PERSONAL_REVIEW_KEY, type PersonalClaim } from './api';
import { EvidenceModal } from './EvidenceModal';
import { ActivityDates, ClaimStatusTag, FlagTag } from './tags';

const label = (r: PersonalClaim) => `${r.name}“${r.title}”`;

const COLUMNS: TableColumnsType<PersonalClaim> = [
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '证件号', dataIndex: 'idNumberMasked', width: 175, render: (v: string) => <span className="mono">{v}</span> },
  { title: '年度', dataIndex: 'year', width: 80, render: (v: number) => `${v}年度` },
  {
    title: '学习内容',
    dataIndex: 'title',
    width: 200,
    render: (v: string, r) => (
      <div>
        <Tooltip title={v} placement="topLeft">
          <span style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{v}</span>
        </Tooltip>
        <ActivityDates start={r.activityStart} end={r.activityEnd} />
        {/* 重点审核 (e.g. 学习时间重叠 with another provider's claim), its reasons one hover away */}
        {r.flagged && (
          <div style={{ marginTop: 4 }}>
            <FlagTag reasons={r.flagReasons} />
          </div>
        )}
      </div>
    ),
  },
  { title: '科目类型', dataIndex: 'subjectType', width: 90, render: (v: PersonalClaim['subjectType']) => SUBJECT_TYPES[v] },
  { title: '学习形式', dataIndex: 'learningForm', width: 86, render: (v: PersonalClaim['learningForm']) => LEARNING_FORMS[v] },
  {
    title: '认定学时',
    dataIndex: 'hours',
    width: 220,
    render: (v: number, r) => (
      <div>
        <strong>{v}</strong> 学时
        {r.basis && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: r.basis }}>
            {r.basis}
          </Typography.Text>
        )}
      </div>
    ),
  },
  { title: '申报日期', dataIndex: 'createdAt', width: 108, render: (v: string) => fmtDate(v) },
  {
    title: '状态',
    dataIndex: 'statusName',
    width: 160,
    render: (v: string, r) => (
      <div>
        <ClaimStatusTag status={r.status} name={v} />
        {r.status === 'rejected' && r.rejectReason && (
          <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: r.rejectReason }}>
            驳回原因：{r.rejectReason}
          </Typography.Text>
        )}
      </div>
    ),
  },
];

export function PersonalReviewPage() {
  const [evidence, setEvidence] = useState<PersonalClaim | null>(null);
  const queue = useReviewQueue<PersonalClaim, { name?: string }>({
    queryKey: PERSONAL_REVIEW_KEY,
    list: hoursApi.personalClaims,
    decide: hoursApi.decidePersonal,
    exportXlsx: hoursApi.exportPersonalClaims,
    noun: '申报',
    unit: '条',
    label,
    // 通过 sends it on to the HR department; the unit decides only what waits for it
    pending: (r) => r.status === 'pendingEmployer',
    confirmApprove: (r) => `确定通过${label(r)}吗？通过后转人社部门审核。`,
    message: (d, r) => {
      const verb = d.decision === 'approve' ? '通过，已转人社部门审核' : '驳回';
      return d.ids.length === 1 ? `已${verb}：${d.label}` : `已${verb} ${r.done} 条申报${r.skipped ? `，${r.skipped} 条已被处理过` : ''}`;
    },
    rejectModal: { title: '驳回个人学时申报' },
    emptyText: { pending: '暂无待审核的个人学时申报', done: '暂无已审核的个人学时申报' },
  });

  return (
    <ReviewQueuePage
      queue={queue}
      title="本单位人员学时申报"
      description="本单位专业技术人员本人申报的学时（如学术会议、进修），请核对证明材料和认定依据；单位审核通过后转人社部门审核。"
      filters={(exportButton) => (
        <KeywordFilter
          name="personalReviewFilter"
          label="姓名"
          placeholder="请输入姓名"
          onSearch={(name) => queue.search({ name })}
          extra={exportButton}
        />
      )}
      columns={COLUMNS}
      rowActions={(r) => (
        <Button type="link" size="small" icon={<FileSearchOutlined />} onClick={() => setEvidence(r)}>
          证明材料
        </Button>
      )}
      actionsWidth={{ pending: 200, done: 110 }}
      scrollX={1460}
    >
      <EvidenceModal
        claimId={evidence?.id ?? null}
        title={evidence ? `证明材料 · ${evidence.name} · ${evidence.title}` : undefined}
        onClose={() => setEvidence(null)}
      />
    </ReviewQueuePage>
  );
}
