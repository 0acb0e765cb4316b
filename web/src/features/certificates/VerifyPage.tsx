/**
 * 证书验证 (public, no login; the QR code on every 学时证明 points here): what the certificate really states, from the
 * server — a PDF can be edited — with the name masked, and whether it still holds: 有效 / 已作废 / 学时已变更.
 */
import { useState } from 'react';
import { Button, Card, Descriptions, Input, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { fmtTime } from '../../components/format';
import { PortalFooter, PortalHeader } from '../auth/PortalHeader';
import { certificatesApi, verifyPath, type Verification } from './api';
import '../auth/portal.css';
import './verify.css';

const STATE = {
  valid: { color: 'success', icon: <CheckCircleFilled />, cls: 'verify-state-valid' },
  changed: { color: 'warning', icon: <ExclamationCircleFilled />, cls: 'verify-state-changed' },
  revoked: { color: 'error', icon: <CloseCircleFilled />, cls: 'verify-state-revoked' },
} as const;

type YearV = Extract<Verification, { kind: 'year' }>;
type MultiV = Extract<Verification, { kind: 'multiYear' }>;
type YearRow = MultiV['years'][number];

const hoursNow = (c: { publicHours: number; professionalHours: number; totalHours: number }) =>
  `公需科目 ${c.publicHours} 学时、专业科目 ${c.professionalHours} 学时、合计 ${c.totalHours} 学时`;

function stateText(v: Verification): { title: string; text: string } {
  if (v.validity === 'valid')
    return { title: '该学时证明真实有效', text: '以下为平台记录的证明内容，请与纸质或电子证明逐项核对；内容不一致的，以本页为准。' };
  if (v.validity === 'changed') {
    const now =
      v.kind === 'year'
        ? `平台当前认定的${v.year}年度学时为：${hoursNow(v.current!)}。`
        : `${v.years
            .filter((y) => y.current)
            .map((y) => `${y.year}年度现为${hoursNow(y.current!)}`)
            .join('；')}。`;
    return {
      title: '证明出具后，平台记录的学时发生了变化（如经学时审验不予认定）',
      text: `${now}证明上的学时已不能作为依据，请以平台当前记录为准。`,
    };
  }
  return {
    title: '该证明已被新出具的证明替代，不能作为学时依据',
    text: `作废时间：${fmtTime(v.revokedAt)}（学时变更后重新出具了证明）。请向持证人索取最新的学时证明。`,
  };
}

function YearItems({ v }: { v: YearV }) {
  return (
    <>
      <Descriptions.Item label="学时年度">{v.year}年度</Descriptions.Item>
      <Descriptions.Item label="完成情况">{v.completed ? <Tag color="success">已完成</Tag> : <Tag color="warning">未完成</Tag>}</Descriptions.Item>
      <Descriptions.Item label="公需科目">
        {v.publicHours} 学时（要求不少于 {v.policy.publicMin}）
      </Descriptions.Item>
      <Descriptions.Item label="专业科目">
        {v.professionalHours} 学时（要求不少于 {v.policy.professionalMin}）
      </Descriptions.Item>
      <Descriptions.Item label="合计学时" span={2}>
        <strong>{v.totalHours}</strong> 学时（要求不少于 {v.policy.totalRequired}）
      </Descriptions.Item>
    </>
  );
}

function multiSummary(v: MultiV) {
  const met = v.years.filter((y) => y.completed === true).length;
  const missed = v.years.filter((y) => y.completed === false).length;
  const unset = v.years.length - met - missed;
  return `${met} 个年度已完成，${missed} 个年度未完成${unset ? `，${unset} 个年度未设置学时要求` : ''}`;
}

const COMPLETION_TAG: Record<string, string> = { 已完成: 'success', 未完成: 'warning' };

function YearsTable({ v }: { v: MultiV }) {
  const changed = v.years.some((y) => y.current);
  return (
    <Table<YearRow>
      className="verify-claims"
      size="small"
      bordered
      rowKey="year"
      title={() => <strong>各年度学时（{v.years.length} 个年度）</strong>}
      dataSource={v.years}
      pagination={false}
      columns={[
        { title: '年度', dataIndex: 'year', width: 90, render: (y: number) => `${y}年度` },
        { title: '公需科目', dataIndex: 'publicHours', align: 'right' },
        { title: '专业科目', dataIndex: 'professionalHours', align: 'right' },
        { title: '合计', dataIndex: 'totalHours', align: 'right', render: (h: number) => <strong>{h}</strong> },
        {
          title: '年度要求（合计/专业/公需）',
          key: 'policy',
          render: (_, y) => (y.policy ? `${y.policy.totalRequired} / ${y.policy.professionalMin} / ${y.policy.publicMin}` : '未设置'),
        },
        {
          title: '完成情况',
          dataIndex: 'completionName',
          width: 100,
          render: (t: string) => <Tag color={COMPLETION_TAG[t] ?? 'default'}>{t}</Tag>,
        },
        ...(changed
          ? [
              {
                title: '平台当前记录',
                key: 'current',
                render: (_: unknown, y: YearRow) =>
                  y.current ? (
                    <Typography.Text type="warning">{`合计 ${y.current.totalHours}（公需 ${y.current.publicHours}、专业 ${y.current.professionalHours}）`}</Typography.Text>
                  ) : (
                    '未变化'
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

function ClaimsTable({ v }: { v: YearV }) {
  return (
    <Table
      className="verify-claims"
      size="small"
      bordered
      rowKey={(_, i) => String(i)}
      title={() => <strong>学时明细（{v.claims.length} 项）</strong>}
      dataSource={v.claims}
      pagination={v.claims.length > 10 ? { pageSize: 10, size: 'small', showTotal: (n) => `共 ${n} 项` } : false}
      locale={{ emptyText: '该年度没有已认定的学时' }}
      columns={[
        { title: '学习内容', dataIndex: 'title', ellipsis: true },
        { title: '科目类型', dataIndex: 'subjectType', width: 90 },
        { title: '学习形式', dataIndex: 'learningForm', width: 110 },
        { title: '学时', dataIndex: 'hours', width: 70, align: 'right' },
        { title: '申报/培训单位', dataIndex: 'declaringOrg', width: 200, ellipsis: true },
      ]}
    />
  );
}

function Found({ v }: { v: Verification }) {
  const s = STATE[v.validity];
  const t = stateText(v);
  return (
    <>
      <div className={`verify-state ${s.cls}`}>
        <span className="verify-state-icon">{s.icon}</span>
        <div className="verify-state-body">
          <Space size={10} wrap>
            <Tag color={s.color} className="verify-state-tag" aria-label="证书状态">
              {v.validityName}
            </Tag>
            <span className="verify-state-title">{t.title}</span>
          </Space>
          <div className="verify-state-text">{t.text}</div>
        </div>
      </div>
      <Descriptions
        bordered
        column={{ xs: 1, sm: 2 }}
        size="middle"
        className="verify-desc"
        title={v.kind === 'year' ? '证书内容' : '证书内容（多年度学时证明）'}
      >
        <Descriptions.Item label="验证码" span={2}>
          <Typography.Text code copyable>
            {v.code}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="姓名">{v.name}</Descriptions.Item>
        <Descriptions.Item label="证件号">{v.idNumberMasked}</Descriptions.Item>
        <Descriptions.Item label="工作单位">{v.orgName}</Descriptions.Item>
        <Descriptions.Item label="职称">{[v.titleSeries, v.titleLevel].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
        {v.kind === 'year' ? (
          YearItems({ v })
        ) : (
          <>
            <Descriptions.Item label="证明年度">
              {v.fromYear}—{v.toYear}年度（{v.years.length} 个年度）
            </Descriptions.Item>
            <Descriptions.Item label="完成情况">{multiSummary(v)}</Descriptions.Item>
          </>
        )}
        <Descriptions.Item label="发证单位" span={2}>
          {v.issuerName}
        </Descriptions.Item>
        <Descriptions.Item label="发证日期" span={2}>
          {v.issuedOn}
        </Descriptions.Item>
      </Descriptions>
      {v.kind === 'year' ? <ClaimsTable v={v} /> : <YearsTable v={v} />}
      <Typography.Paragraph type="secondary" className="verify-note">
        为保护个人信息，姓名和证件号已作脱敏处理。每次核验均会被记录。
      </Typography.Paragraph>
    </>
  );
}

function OtherCode() {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  return (
    <div className="verify-other">
      <Typography.Text strong>核验其他证书</Typography.Text>
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input
          aria-label="验证码"
          placeholder="请输入证明上的验证码，如 7K3M-Q9XD-2HBW-TN4F-8RCE"
          value={code}
          maxLength={40}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => code.trim() && navigate(verifyPath(code.trim()))}
        />
        <Button type="primary" disabled={!code.trim()} onClick={() => navigate(verifyPath(code.trim()))}>
          核验
        </Button>
      </Space.Compact>
    </div>
  );
}

export function VerifyPage() {
  const { code = '' } = useParams();
  const q = useQuery({
    queryKey: ['verify', code],
    queryFn: () => certificatesApi.verify(code),
    retry: false,
    refetchOnWindowFocus: false,
  });
  const err = q.error;
  return (
    <div className="portal">
      <PortalHeader />
      <main className="portal-main verify-main">
        <Card
          variant="borderless"
          className="portal-login-card verify-card"
          title={
            <Space>
              <SafetyCertificateOutlined />
              继续教育学时证明验证
            </Space>
          }
          extra={<Link to="/login">登录平台</Link>}
        >
          {q.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
          {q.data && <Found v={q.data} />}
          {err &&
            (err instanceof ApiError && err.status === 404 ? (
              <Result
                status="warning"
                title="未找到该证书"
                subTitle={
                  <>
                    验证码“{code.slice(0, 40)}”没有对应的学时证明。请核对验证码是否输入正确（共20位字母和数字，如
                    7K3M-Q9XD-2HBW-TN4F-8RCE）；仍查不到的，该证明不是本平台出具的。
                  </>
                }
              />
            ) : (
              <Result
                status="error"
                title={err instanceof ApiError && err.status === 429 ? '核验过于频繁' : '暂时无法核验'}
                subTitle={errorMessage(err)}
              />
            ))}
          {!q.isPending && <OtherCode />}
        </Card>
      </main>
      <PortalFooter />
    </div>
  );
}
