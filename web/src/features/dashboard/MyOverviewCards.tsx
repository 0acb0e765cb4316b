/**
 * 我的工作台 (a professional): this year's 公需/专业/合计 against the year's policy with the gap and the deadline,
 * claims waiting, the latest decisions with their reasons, past years at a glance, and the way on (申报 / 证书).
 * Data: GET /api/me/overview (server/src/modules/dashboard/personal.ts).
 */
import { Alert, Button, Card, Col, Empty, List, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { BookOutlined, CheckCircleFilled, ExclamationCircleFilled, FileProtectOutlined, FormOutlined, IdcardOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../app/api';
import { fmtMinute } from '../../components/format';
import { useMyOverview, type MyOverview } from './api';

const pct = (v: number, of: number) => (of > 0 ? Math.min(100, Math.round((v / of) * 100)) : 100);
const STATUS_COLOR: Record<string, string> = { approved: 'success', rejected: 'error', revoked: 'warning', deleted: 'default' };
/** '12月31日' of a 'YYYY-MM-DD'. */
const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function deadline(c: NonNullable<MyOverview['current']>) {
  if (c.daysLeft > 0) return `截止 ${monthDay(c.closingDate)}（还有 ${c.daysLeft} 天）`;
  if (c.daysLeft === 0) return `今天（${monthDay(c.closingDate)}）截止`;
  return `本年度申报已于 ${monthDay(c.closingDate)} 截止`;
}

function Progressing({ year, c }: { year: number; c: NonNullable<MyOverview['current']> }) {
  const navigate = useNavigate();
  const bars = [
    { key: 'public', label: '公需科目', value: c.publicHours, of: c.publicMin, missing: c.missing.public },
    { key: 'professional', label: '专业科目', value: c.professionalHours, of: c.professionalMin, missing: c.missing.professional },
    { key: 'total', label: '合计', value: c.totalHours, of: c.totalRequired, missing: c.missing.total },
  ];
  return (
    <Card
      title={`${year}年度学时进度`}
      variant="borderless"
      extra={
        c.completed ? (
          <Tag color="success" icon={<CheckCircleFilled />}>
            已完成
          </Tag>
        ) : (
          <Tag color="warning" icon={<ExclamationCircleFilled />}>
            未完成
          </Tag>
        )
      }
    >
      <Row gutter={[24, 16]} style={{ marginBottom: 16 }}>
        {bars.map((b) => (
          <Col xs={24} md={8} key={b.key}>
            <div aria-label={`${b.label}进度`}>
              <Statistic title={b.label} value={b.value} suffix={<span style={{ fontSize: 14, color: '#8c8c8c' }}>/ {b.of} 学时</span>} />
              <Progress percent={pct(b.value, b.of)} status={b.missing > 0 ? 'active' : 'success'} />
            </div>
          </Col>
        ))}
      </Row>
      {c.completed ? (
        <Alert
          type="success"
          showIcon
          title={`已完成${year}年度继续教育学时要求`}
          description="可在“电子证书”中下载本年度学时证明。"
          action={
            <Button type="primary" icon={<FileProtectOutlined />} onClick={() => navigate('/me/certificates')}>
              下载学时证明
            </Button>
          }
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={`${c.gap.replace(/^还差/, '还需')}，${deadline(c)}`}
          description={`要求：全年不少于 ${c.totalRequired} 学时，其中专业科目不少于 ${c.professionalMin} 学时、公需科目不少于 ${c.publicMin} 学时。`}
          action={
            c.daysLeft >= 0 && (
              <Button icon={<FormOutlined />} onClick={() => navigate('/me/hours')}>
                申报学时
              </Button>
            )
          }
        />
      )}
    </Card>
  );
}

export function MyOverviewCards() {
  const navigate = useNavigate();
  const q = useMyOverview();
  if (q.error) return <Alert type="error" showIcon title="学时进度加载失败" description={errorMessage(q.error)} />;
  if (!q.data)
    return (
      <Card variant="borderless">
        <Skeleton active />
      </Card>
    );
  const o = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {o.current ? (
        <Progressing year={o.year} c={o.current} />
      ) : (
        <Card title={`${o.year}年度学时进度`} variant="borderless">
          <Empty description={`${o.year}年度学时要求尚未公布`} />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="申报进度" variant="borderless" extra={<Link to="/me/hours">查看全部</Link>} style={{ height: '100%' }}>
            <Row gutter={16} style={{ marginBottom: 8 }}>
              <Col span={12}>
                <Statistic title="待单位审核" value={o.waiting.pendingEmployer} suffix="条" />
              </Col>
              <Col span={12}>
                <Statistic title="待人社部门审核" value={o.waiting.pending} suffix="条" />
              </Col>
            </Row>
            <Typography.Text type="secondary">最近审核结果</Typography.Text>
            <List
              size="small"
              dataSource={o.recent}
              locale={{ emptyText: '暂无审核结果' }}
              renderItem={(r) => (
                <List.Item key={r.id} extra={<span style={{ color: '#8c8c8c', whiteSpace: 'nowrap' }}>{fmtMinute(r.decidedAt)}</span>}>
                  <List.Item.Meta
                    title={
                      // the tag inline with the text, so a long title wraps under it instead of pushing it onto a line of its own
                      <span>
                        <Tag color={STATUS_COLOR[r.status]} style={{ marginInlineEnd: 8 }}>
                          {r.statusName}
                        </Tag>
                        {r.year}年度 · {r.title}
                        <span style={{ whiteSpace: 'nowrap' }}>（{r.hours}学时）</span>
                      </span>
                    }
                    description={r.reason ? `原因：${r.reason}` : undefined}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="往年完成情况" variant="borderless" style={{ height: '100%' }}>
            <Table
              size="small"
              rowKey="year"
              pagination={false}
              dataSource={o.years}
              locale={{ emptyText: '暂无往年记录' }}
              columns={[
                { title: '年度', dataIndex: 'year', render: (v: number) => `${v}年度` },
                { title: '公需', dataIndex: 'publicHours', align: 'right' },
                { title: '专业', dataIndex: 'professionalHours', align: 'right' },
                { title: '合计', dataIndex: 'totalHours', align: 'right' },
                {
                  title: '是否完成',
                  dataIndex: 'completed',
                  render: (v: boolean | null) =>
                    v === null ? <Tag>无学时要求</Tag> : v ? <Tag color="success">已完成</Tag> : <Tag color="warning">未完成</Tag>,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title="快捷入口" variant="borderless">
        <Space wrap>
          <Button icon={<FormOutlined />} onClick={() => navigate('/me/hours')}>
            我的学时
          </Button>
          <Button icon={<BookOutlined />} onClick={() => navigate('/me/enrolment')}>
            培训报名
          </Button>
          <Button icon={<FileProtectOutlined />} onClick={() => navigate('/me/certificates')}>
            电子证书
          </Button>
          <Button icon={<IdcardOutlined />} onClick={() => navigate('/me/profile')}>
            个人信息
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
