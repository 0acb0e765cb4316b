/** 查看: one registration (证件号/手机号/联系电话 masked; 查看完整 with pii.view, audited), with 通过 / 驳回 while it is pending. */
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Popconfirm, Skeleton, Space } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { EDUCATION_LEVELS, GENDERS, type ReviewKind } from '@hbzsgx/domain';
import { useAccess } from '../../app/access';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtMinute, orDash } from '../../components/format';
import { ReviewStatusTag } from '../../components/StatusTag';
import { regReviewApi, regReviewKey, type OrgDetail, type PersonnelDetail, type RegistrationIdentity } from './api';

function OrgItems(d: OrgDetail) {
  return [
    { key: 'name', label: '机构名称', children: d.name },
    { key: 'type', label: '机构类型', children: d.typeName },
    { key: 'creditCode', label: '统一社会信用代码', children: <span className="mono">{d.creditCode}</span> },
    { key: 'division', label: '所属地区', children: `${d.divisionName}（${d.divisionCode}）` },
    { key: 'parent', label: '上级部门（审核单位）', children: orDash(d.parentName) },
    { key: 'contactName', label: '联系人', children: d.contactName },
    { key: 'contactPhone', label: '联系电话', children: d.contactPhone },
    { key: 'address', label: '地址', children: d.address },
    // who applied: the registrant (the organisation's super admin), masked like every list
    { key: 'registrant', label: '申请人', children: orDash(d.registrant?.name) },
    { key: 'registrantPhone', label: '申请人手机号', children: <span className="mono">{orDash(d.registrant?.phoneMasked)}</span> },
    { key: 'registrantId', label: '申请人证件号', children: <span className="mono">{orDash(d.registrant?.idNumberMasked)}</span> },
  ];
}

function PersonnelItems(d: PersonnelDetail) {
  return [
    { key: 'name', label: '姓名', children: d.name },
    { key: 'id', label: '证件号', children: <span className="mono">{d.idNumberMasked}</span> },
    { key: 'gender', label: '性别', children: orDash(d.gender ? GENDERS[d.gender as keyof typeof GENDERS] : null) },
    { key: 'birth', label: '出生日期', children: orDash(d.birthDate) },
    { key: 'phone', label: '手机号', children: <span className="mono">{orDash(d.phoneMasked)}</span> },
    { key: 'email', label: '电子邮箱', children: orDash(d.email) },
    { key: 'org', label: '所在单位（审核单位）', children: d.orgName },
    { key: 'dept', label: '所在部门', children: orDash(d.departmentName) },
    { key: 'education', label: '学历', children: orDash(d.education ? EDUCATION_LEVELS[d.education as keyof typeof EDUCATION_LEVELS] : null) },
    { key: 'series', label: '职称系列', children: orDash(d.titleSeriesName) },
    { key: 'level', label: '职称级别', children: orDash(d.titleLevelName) },
    { key: 'titleName', label: '职称名称', children: orDash(d.titleName) },
    { key: 'titleDate', label: '取得时间', children: orDash(d.titleDate) },
  ];
}

/** The full 联系电话 and the registrant's 证件号/手机号, fetched on demand (each view is audited). */
function FullIdentity({ kind, id }: { kind: ReviewKind; id: number }) {
  const [shown, setShown] = useState<RegistrationIdentity | null>(null);
  const [busy, setBusy] = useState(false);
  const reveal = async () => {
    setBusy(true);
    try {
      setShown(await regReviewApi.identity(kind, id));
    } catch (e) {
      feedback.error(e);
    } finally {
      setBusy(false);
    }
  };
  if (!shown) {
    return (
      <Button size="small" icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()} style={{ marginTop: 12 }}>
        {kind === 'personnel' ? '查看完整证件号和手机号' : '查看完整联系电话和注册人证件号'}
      </Button>
    );
  }
  const r = shown.registrant;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginTop: 12 }}
      title={
        <span>
          {shown.contactPhone != null && (
            <>
              联系电话：<span className="mono">{shown.contactPhone}</span>　
            </>
          )}
          {r && (
            <>
              {kind === 'personnel' ? '' : `注册人${r.name}　`}证件号：<span className="mono">{r.idNumber}</span>　手机号：
              <span className="mono">{r.phone || '—'}</span>
            </>
          )}
        </span>
      }
      description="本次查看已记入审计日志，请勿截屏或外传个人信息。"
    />
  );
}

export function RegistrationDetailDrawer({
  kind,
  id,
  onClose,
  onApprove,
  onReject,
  busy,
}: {
  kind: ReviewKind;
  id: number | null;
  onClose: () => void;
  onApprove: (id: number, name: string) => void;
  onReject: (id: number, name: string) => void;
  busy: boolean;
}) {
  const q = useQuery({ queryKey: [...regReviewKey(kind), 'detail', id], queryFn: () => regReviewApi.detail(kind, id!), enabled: id != null });
  const d = q.data;
  const pending = d?.status === 'pending';
  const { can } = useAccess();
  return (
    <Drawer
      title={kind === 'personnel' ? '专业技术人员注册详情' : '机构注册详情'}
      open={id != null}
      onClose={onClose}
      size={640}
      destroyOnHidden
      extra={
        d &&
        pending && (
          <Space>
            <Button danger onClick={() => onReject(d.id, d.name)} disabled={busy}>
              驳回
            </Button>
            <Popconfirm
              title="通过注册"
              description={`确定通过“${d.name}”的注册吗？`}
              okText="通过"
              cancelText="取消"
              onConfirm={() => onApprove(d.id, d.name)}
            >
              <Button type="primary" loading={busy}>
                通过
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : q.error ? (
        <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />
      ) : (
        <Descriptions
          bordered
          column={1}
          size="small"
          styles={{ label: { width: 170, whiteSpace: 'nowrap' } }}
          items={[
            ...(kind === 'personnel' ? PersonnelItems(q.data as PersonnelDetail) : OrgItems(q.data as OrgDetail)),
            { key: 'createdAt', label: '注册时间', children: fmtMinute(q.data.createdAt) },
            { key: 'status', label: '审核状态', children: <ReviewStatusTag status={q.data.status} /> },
            ...(q.data.reviewedAt ? [{ key: 'reviewedAt', label: '审核时间', children: fmtMinute(q.data.reviewedAt) }] : []),
            ...(q.data.status === 'rejected' ? [{ key: 'reason', label: '驳回原因', children: orDash(q.data.rejectReason) }] : []),
          ]}
        />
      )}
      {d && can('pii.view') && <FullIdentity key={`${kind}-${d.id}`} kind={kind} id={d.id} />}
    </Drawer>
  );
}
