/** 查看: a person's profile (masked; 查看完整 with pii.view, audited) and the hour history by year with every claim. */
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Skeleton, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtDate, orDash } from '../../components/format';
import { ClaimStatusTag } from '../hours/tags';
import { personnelApi, PERSONNEL_KEY, type HistoryClaim, type HistoryYear, type PersonDetail } from './api';
import { ResetPasswordButton } from './ResetPasswordButton';

export function CompletionTag({ completed }: { completed: boolean | null }) {
  if (completed == null)
    return (
      <Tooltip title="该年度尚未设置学时要求">
        <Tag>未设置要求</Tag>
      </Tooltip>
    );
  return completed ? <Tag color="success">已完成</Tag> : <Tag color="warning">未完成</Tag>;
}

function accountText(p: PersonDetail) {
  if (p.accountStatus !== 'active') return <Tag>已停用</Tag>;
  if (!p.hasPassword)
    return (
      <Tooltip title="批量导入的人员在管理员重置密码后方可登录">
        <Tag>未设置密码</Tag>
      </Tooltip>
    );
  return p.mustChangePassword ? <Tag color="gold">待修改初始密码</Tag> : <Tag color="success">正常</Tag>;
}

/** The full 证件号 and 手机号, fetched on demand (each view is audited). */
function FullIdentity({ id }: { id: number }) {
  const [shown, setShown] = useState<{ idNumber: string; phone: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const reveal = async () => {
    setBusy(true);
    try {
      setShown(await personnelApi.identity(id));
    } catch (e) {
      feedback.error(e);
    } finally {
      setBusy(false);
    }
  };
  if (shown) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          <span>
            完整证件号：<span className="mono">{shown.idNumber}</span>　手机号：<span className="mono">{shown.phone || '—'}</span>
          </span>
        }
        description="本次查看已记入审计日志，请勿截屏或外传个人信息。"
      />
    );
  }
  return (
    <Button size="small" icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()}>
      查看完整证件号和手机号
    </Button>
  );
}

const claimColumns = [
  { title: '学习内容', dataIndex: 'title', ellipsis: true },
  { title: '代申报机构', dataIndex: 'declaringOrg', width: 170, ellipsis: true },
  { title: '科目类型', dataIndex: 'subjectTypeName', width: 86 },
  { title: '学习形式', dataIndex: 'learningFormName', width: 80 },
  { title: '学时', dataIndex: 'hours', width: 60, align: 'right' as const },
  {
    title: '状态',
    dataIndex: 'statusName',
    width: 110,
    render: (v: string, r: HistoryClaim) => (
      <Tooltip
        title={
          r.status === 'revoked'
            ? `审验不通过原因：${r.revokeReason ?? '—'}`
            : r.status === 'rejected'
              ? `驳回原因：${r.rejectReason ?? '—'}`
              : undefined
        }
      >
        <span>
          <ClaimStatusTag status={r.status} name={v} />
        </span>
      </Tooltip>
    ),
  },
  { title: '申报时间', dataIndex: 'createdAt', width: 100, render: (v: string) => fmtDate(v) },
];

function YearPanel({ y }: { y: HistoryYear }) {
  return (
    <>
      <Space size={40} wrap style={{ marginBottom: 12 }}>
        <Statistic title="公需科目" value={y.publicHours} suffix="学时" />
        <Statistic title="专业科目" value={y.professionalHours} suffix="学时" />
        <Statistic title="合计" value={y.totalHours} suffix="学时" />
        <div>
          <div className="ant-statistic-title" style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>
            完成情况
          </div>
          <CompletionTag completed={y.completed} />
        </div>
      </Space>
      {y.policy && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {y.year}年度要求：合计不少于 {y.policy.totalRequired} 学时，其中公需科目不少于 {y.policy.publicMin} 学时、专业科目不少于{' '}
          {y.policy.professionalMin} 学时。
          {y.missing && !y.completed && (
            <Typography.Text type="warning">
              　尚差：
              {[
                y.missing.total ? `合计 ${y.missing.total}` : '',
                y.missing.public ? `公需 ${y.missing.public}` : '',
                y.missing.professional ? `专业 ${y.missing.professional}` : '',
              ]
                .filter(Boolean)
                .join('，')}{' '}
              学时
            </Typography.Text>
          )}
        </Typography.Paragraph>
      )}
      <Table<HistoryClaim>
        rowKey="id"
        size="small"
        columns={claimColumns}
        dataSource={y.claims}
        pagination={y.claims.length > 10 ? { pageSize: 10, size: 'small', showTotal: (t) => `共 ${t} 条` } : false}
        locale={{ emptyText: '该年度暂无学时申报' }}
      />
    </>
  );
}

export function PersonDetailDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { can } = useAccess();
  const q = useQuery({ queryKey: [...PERSONNEL_KEY, 'detail', id], queryFn: () => personnelApi.detail(id!), enabled: id != null });
  const p = q.data;
  return (
    <Drawer
      title={p ? `专技人员详情 · ${p.name}` : '专技人员详情'}
      open={id != null}
      onClose={onClose}
      size={860}
      destroyOnHidden
      extra={p && <ResetPasswordButton person={p} link={false} />}
    >
      {q.isLoading && <Skeleton active paragraph={{ rows: 10 }} />}
      {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />}
      {p && (
        <>
          <Descriptions
            bordered
            size="small"
            column={2}
            styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'name', label: '姓名', children: p.name },
              { key: 'gender', label: '性别', children: orDash(p.genderName) },
              { key: 'idType', label: '证件类型', children: p.idTypeName },
              { key: 'id', label: '证件号', children: <span className="mono">{p.idNumberMasked}</span> },
              { key: 'birth', label: '出生日期', children: orDash(p.birthDate) },
              { key: 'phone', label: '手机号', children: <span className="mono">{orDash(p.phoneMasked)}</span> },
              { key: 'org', label: '所在单位', children: p.orgName, span: 2 },
              { key: 'dept', label: '内设部门', children: orDash(p.departmentName) },
              { key: 'edu', label: '学历', children: orDash(p.educationName) },
              { key: 'series', label: '职称系列', children: orDash(p.titleSeriesName) },
              { key: 'level', label: '职称级别', children: orDash(p.titleLevelName) },
              { key: 'title', label: '职称名称', children: orDash(p.titleName) },
              { key: 'titleDate', label: '取得职称时间', children: orDash(p.titleDate) },
              { key: 'account', label: '账号状态', children: accountText(p) },
              { key: 'created', label: '建档时间', children: fmtDate(p.createdAt) },
            ]}
          />
          {can('pii.view') && (
            <div style={{ marginTop: 12 }}>
              <FullIdentity id={p.id} />
            </div>
          )}
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            历年学时
          </Typography.Title>
          {p.history.length ? (
            <Tabs
              items={p.history.map((y) => ({
                key: String(y.year),
                label: (
                  <span>
                    {y.year}年度{' '}
                    {y.completed ? (
                      <Tag color="success" style={{ marginInlineStart: 4 }}>
                        已完成
                      </Tag>
                    ) : null}
                  </span>
                ),
                children: <YearPanel y={y} />,
              }))}
            />
          ) : (
            <Empty description="暂无学时记录" />
          )}
        </>
      )}
    </Drawer>
  );
}
