/** 查看: one claim in full, with its 重点审核 reasons and, for a personal declaration, its evidence. */
import type { ReactNode } from 'react';
import { Alert, Button, Descriptions, Drawer, Tag } from 'antd';
import { FileSearchOutlined } from '@ant-design/icons';
import { fmtMinute, orDash } from '../../components/format';
import type { ClaimRow } from './api';
import { ClaimStatusTag } from './tags';

export function ClaimDetailDrawer({
  claim,
  onClose,
  actions,
  onEvidence,
}: {
  claim: ClaimRow | null;
  onClose: () => void;
  actions?: ReactNode;
  /** Offered for personal declarations (they carry an evidence file). */
  onEvidence?: (c: ClaimRow) => void;
}) {
  const c = claim;
  // answered by the queue's list (server/src/lib/review-queue.ts) for decided claims
  const reviewer = (c as { reviewedByName?: string | null } | null)?.reviewedByName;
  return (
    <Drawer title="学时申报详情" open={!!c} onClose={onClose} size={640} destroyOnHidden extra={actions}>
      {c && (
        <>
          {c.flagged && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="重点审核"
              description={
                <ol style={{ margin: 0, paddingInlineStart: 18 }}>
                  {c.flagReasons.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ol>
              }
            />
          )}
          {c.status === 'revoked' && (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} title="审验不通过" description={orDash(c.revokeReason)} />
          )}
          <Descriptions
            bordered
            column={1}
            size="small"
            styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'declaringOrg', label: '代申报机构', children: c.declaringOrg },
              { key: 'className', label: '培训班名称', children: c.className },
              {
                key: 'dates',
                label: '学习起止日期',
                children: c.activityStart && c.activityEnd ? `${c.activityStart} 至 ${c.activityEnd}` : '—',
              },
              { key: 'name', label: '姓名', children: c.name },
              { key: 'id', label: '证件号', children: <span className="mono">{c.idNumberMasked}</span> },
              { key: 'year', label: '继续教育年度', children: `${c.year}年度` },
              { key: 'org', label: '所属单位', children: c.orgName },
              { key: 'series', label: '职称系列', children: orDash(c.titleSeriesName) },
              { key: 'subject', label: '科目类型', children: c.subjectTypeName },
              { key: 'form', label: '学习形式', children: c.learningFormName },
              { key: 'score', label: '成绩', children: orDash(c.score) },
              { key: 'hours', label: '学时', children: `${c.hours} 学时` },
              // the recognition rule that produced the hours, as stored with the claim (认定规则 × 数量, capped)
              ...(c.basis ? [{ key: 'basis', label: '认定依据', children: c.basis }] : []),
              { key: 'qualified', label: '是否合格', children: c.qualified ? <Tag color="green">合格</Tag> : <Tag color="red">不合格</Tag> },
              { key: 'status', label: '申报状态', children: <ClaimStatusTag status={c.status} name={c.statusName} /> },
              { key: 'createdAt', label: '申报时间', children: fmtMinute(c.createdAt) },
              ...(reviewer ? [{ key: 'reviewer', label: '审核人', children: reviewer }] : []),
              ...(c.reviewedAt ? [{ key: 'reviewedAt', label: '审核时间', children: fmtMinute(c.reviewedAt) }] : []),
              ...(c.status === 'rejected' ? [{ key: 'reject', label: '驳回原因', children: orDash(c.rejectReason) }] : []),
              ...(c.status === 'revoked'
                ? [{ key: 'revoke', label: '审验不通过原因', children: <span style={{ color: '#cf1322' }}>{orDash(c.revokeReason)}</span> }]
                : []),
              ...(onEvidence
                ? [
                    {
                      key: 'evidence',
                      label: '证明材料',
                      children: (
                        <Button size="small" icon={<FileSearchOutlined />} onClick={() => onEvidence(c)}>
                          查看证明材料
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
