/**
 * 我的学时 (personnel): a year's 公需/专业/合计 against the year's requirement, 已完成/未完成 and what is missing,
 * every claim with its 学习起止日期, state and reasons (审验不通过 in red), and 申报个人学时; an own declaration nobody
 * has decided yet can be 撤回 (confirmed), a withdrawn one 再次申报 (the form prefilled).
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Popconfirm,
  Progress,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled, FileSearchOutlined, FormOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtDate } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { thisYear, usePolicies, yearOptions } from '../hours/api';
import { EvidenceModal } from '../hours/EvidenceModal';
import { ClaimStatusTag } from '../hours/tags';
import { myHoursApi, myHoursKey, type MyClaim, type MyHours } from './api';
import { DeclareModal, type DeclarePrefill } from './DeclareModal';
import { ExportButton } from '../../components/ExportButton';
import './my-hours.css';

/** States whose hours do not count (struck through). */
const NOT_COUNTED = new Set(['revoked', 'rejected', 'deleted', 'withdrawn']);
/** An own declaration nobody has decided yet (待单位审核 / 待审核) may be taken back. */
const withdrawable = (c: MyClaim) => c.source === 'personal' && (c.status === 'pendingEmployer' || c.status === 'pending');
const pct = (v: number, of: number) => (of > 0 ? Math.min(100, Math.round((v / of) * 1000) / 10) : 100);

export function MyHoursPage() {
  const policies = usePolicies();
  const [year, setYear] = useState(thisYear());
  const [declaring, setDeclaring] = useState(false);
  const [prefill, setPrefill] = useState<DeclarePrefill | null>(null);
  const [evidence, setEvidence] = useState<MyClaim | null>(null);
  const q = useQuery({ queryKey: myHoursKey(year), queryFn: () => myHoursApi.get(year) });
  const d = q.data;
  const qc = useQueryClient();
  const withdraw = useMutation({
    mutationFn: (c: MyClaim) => myHoursApi.withdraw(c.id),
    onSuccess: () => feedback.success('申报已撤回'),
    onError: (e) => feedback.error(e),
    // a 409 (decided meanwhile) also refreshes the row to its real state
    onSettled: () => qc.invalidateQueries({ queryKey: ['me'] }),
  });
  const declareAgain = (c: MyClaim) => {
    setPrefill({
      year,
      title: c.title,
      subjectType: c.subjectType,
      learningForm: c.learningForm,
      activityStart: c.activityStart,
      activityEnd: c.activityEnd,
    });
    setDeclaring(true);
  };

  const columns: TableColumnsType<MyClaim> = [
    { title: '序号', key: 'seq', width: 60, render: (_, _r, i) => i + 1 },
    { title: '学习内容（培训班）', dataIndex: 'title' },
    {
      title: '学习日期',
      key: 'dates',
      width: 128,
      render: (_, r) =>
        r.activityStart && r.activityEnd ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {r.activityStart}
            {r.activityEnd !== r.activityStart && (
              <>
                <br />至 {r.activityEnd}
              </>
            )}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: '科目类型 / 学习形式',
      key: 'subject',
      width: 104,
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {r.subjectTypeName}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.learningFormName}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: '学时',
      dataIndex: 'hours',
      width: 160,
      render: (v: number, r) => (
        <div>
          <span className={r.status === 'approved' ? 'hours-counted' : NOT_COUNTED.has(r.status) ? 'hours-struck' : 'hours-waiting'}>{v}</span> 学时
          {r.status !== 'approved' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {NOT_COUNTED.has(r.status) ? '（不计入）' : '（审核通过后计入）'}
            </Typography.Text>
          )}
          {r.basis && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: r.basis }}>
              依据：{r.basis}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '成绩', dataIndex: 'score', width: 64, render: (v: string | null) => v || '—' },
    {
      title: '状态',
      dataIndex: 'statusName',
      width: 210,
      render: (v: string, r) => (
        <div>
          <ClaimStatusTag status={r.status} name={v} />
          {r.status === 'revoked' && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
              审验不通过原因：{r.revokeReason || '—'}
            </Typography.Text>
          )}
          {r.status === 'rejected' && r.rejectReason && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
              驳回原因：{r.rejectReason}
            </Typography.Text>
          )}
          {r.status === 'deleted' && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
              删除原因：{r.deleteReason || '—'}
            </Typography.Text>
          )}
          {withdrawable(r) && (
            <Popconfirm
              title="撤回申报"
              description={<div style={{ maxWidth: 300 }}>{`确定撤回“${r.title}”吗？撤回后单位和人社部门不再审核，可重新申报。`}</div>}
              okText="撤回"
              cancelText="取消"
              onConfirm={() => withdraw.mutateAsync(r).catch(() => undefined)}
            >
              <Button
                type="link"
                size="small"
                icon={<RollbackOutlined />}
                style={{ paddingInline: 0, display: 'block' }}
                loading={withdraw.isPending && withdraw.variables?.id === r.id}
              >
                撤回
              </Button>
            </Popconfirm>
          )}
          {r.status === 'withdrawn' && r.source === 'personal' && (
            <Button type="link" size="small" icon={<FormOutlined />} style={{ paddingInline: 0, display: 'block' }} onClick={() => declareAgain(r)}>
              再次申报
            </Button>
          )}
        </div>
      ),
    },
    { title: '申报日期', dataIndex: 'createdAt', width: 100, render: (v: string) => fmtDate(v) },
    {
      title: '证明材料',
      key: 'evidence',
      width: 90,
      render: (_, r) =>
        r.hasEvidence ? (
          <Button type="link" size="small" icon={<FileSearchOutlined />} onClick={() => setEvidence(r)}>
            查看
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <PageContainer
      title="我的学时"
      description="学时经审核通过后计入当年度；尚未审核的个人申报可以撤回；审验不通过或被删除的学时将被扣除，原因见状态栏。完成情况按当年度的学时要求判定。"
      extra={
        <Space>
          <Typography.Text>年度：</Typography.Text>
          <Select aria-label="年度" value={year} onChange={setYear} options={yearOptions(policies.data?.items)} style={{ width: 130 }} />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setPrefill(null);
              setDeclaring(true);
            }}
          >
            申报个人学时
          </Button>
        </Space>
      }
    >
      {q.error ? (
        <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />
      ) : !d ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Summary year={year} d={d} />
          <Card
            variant="borderless"
            title={`${year}年度学时明细`}
            extra={
              <Space>
                <Typography.Text type="secondary">
                  共 {d.claims.length} 条，计入 {d.claims.filter((c) => c.status === 'approved').length} 条
                </Typography.Text>
                <ExportButton onExport={() => myHoursApi.exportXlsx(year)} disabled={!d.claims.length} />
              </Space>
            }
          >
            <Table<MyClaim>
              rowKey="id"
              tableLayout="fixed"
              columns={columns}
              dataSource={d.claims}
              loading={q.isFetching}
              scroll={{ x: 1090 }}
              pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条`, hideOnSinglePage: false }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${year}年度暂无学时记录`} /> }}
            />
          </Card>
        </Space>
      )}
      <DeclareModal open={declaring} year={year} prefill={prefill} onClose={() => setDeclaring(false)} />
      <EvidenceModal claimId={evidence?.id ?? null} title={evidence ? `证明材料 · ${evidence.title}` : undefined} onClose={() => setEvidence(null)} />
    </PageContainer>
  );
}

function Summary({ year, d }: { year: number; d: MyHours }) {
  const p = d.policy;
  const missing: string[] = [];
  if (d.missing.public > 0) missing.push(`公需科目还差 ${d.missing.public} 学时`);
  if (d.missing.professional > 0) missing.push(`专业科目还差 ${d.missing.professional} 学时`);
  if (d.missing.total > 0) missing.push(`合计还差 ${d.missing.total} 学时`);
  return (
    <Card variant="borderless">
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} md={7} style={{ textAlign: 'center' }}>
          <Progress
            type="dashboard"
            percent={pct(d.totalHours, p.totalRequired)}
            status={d.completed ? 'success' : 'normal'}
            size={170}
            format={() => (
              <div>
                <div style={{ fontSize: 26, fontWeight: 600 }}>{d.totalHours}</div>
                <div style={{ fontSize: 13, color: '#8c8c8c' }}>/ {p.totalRequired} 学时</div>
              </div>
            )}
          />
          <div style={{ marginTop: 4 }}>
            {d.completed ? (
              <Tag color="success" icon={<CheckCircleFilled />} style={{ fontSize: 14, padding: '2px 10px' }}>
                已完成
              </Tag>
            ) : (
              <Tag color="warning" icon={<ExclamationCircleFilled />} style={{ fontSize: 14, padding: '2px 10px' }}>
                未完成
              </Tag>
            )}
          </div>
        </Col>
        <Col xs={24} md={17}>
          <Row gutter={16}>
            <Col span={8}>
              <Card size="small" className="hours-stat">
                <Statistic title="公需科目" value={d.publicHours} suffix={<span className="hours-req">/ {p.publicMin} 学时</span>} />
                <Progress percent={pct(d.publicHours, p.publicMin)} showInfo={false} size="small" status={d.missing.public ? 'normal' : 'success'} />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" className="hours-stat">
                <Statistic title="专业科目" value={d.professionalHours} suffix={<span className="hours-req">/ {p.professionalMin} 学时</span>} />
                <Progress
                  percent={pct(d.professionalHours, p.professionalMin)}
                  showInfo={false}
                  size="small"
                  status={d.missing.professional ? 'normal' : 'success'}
                />
              </Card>
            </Col>
            <Col span={8}>
              <Card size="small" className="hours-stat">
                <Statistic title="合计" value={d.totalHours} suffix={<span className="hours-req">/ {p.totalRequired} 学时</span>} />
                <Progress
                  percent={pct(d.totalHours, p.totalRequired)}
                  showInfo={false}
                  size="small"
                  status={d.missing.total ? 'normal' : 'success'}
                />
              </Card>
            </Col>
          </Row>
          {d.completed ? (
            <Alert
              type="success"
              showIcon
              style={{ marginTop: 16 }}
              title={`已完成${year}年度继续教育学时要求`}
              description={`要求：全年不少于 ${p.totalRequired} 学时，其中专业科目不少于 ${p.professionalMin} 学时、公需科目不少于 ${p.publicMin} 学时。`}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 16 }}
              title={`未完成：${missing.join('，')}`}
              description={`要求：全年不少于 ${p.totalRequired} 学时，其中专业科目不少于 ${p.professionalMin} 学时、公需科目不少于 ${p.publicMin} 学时。本年度学时申报截止日期：${p.closingDate}。`}
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}
