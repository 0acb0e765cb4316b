import { Alert, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { describeUserAgent, fmtTime, orDash } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { sessionsApi, type OnlineSession } from './api';
import { ExportButton } from '../../components/ExportButton';

dayjs.extend(relativeTime);

export function SessionsPage() {
  const me = useMe();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['sessions'], queryFn: sessionsApi.list, select: (d) => d.items, refetchInterval: 30_000 });
  const end = useMutation({
    mutationFn: (s: OnlineSession) => sessionsApi.end(s.id),
    onSuccess: (_d, s) => {
      void qc.invalidateQueries({ queryKey: ['sessions'] });
      feedback.success(`已将“${s.name}”强制下线`);
    },
    onError: (e) => feedback.error(e),
  });

  const columns: TableColumnsType<OnlineSession> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 150,
      render: (v: string, s) => (
        <Space size={4}>
          {v}
          {s.current && <Tag color="green">当前会话</Tag>}
        </Space>
      ),
    },
    { title: '证件号', dataIndex: 'idNumberMasked', width: 200, render: (v: string) => <span className="mono">{v}</span> },
    { title: '登录时间', dataIndex: 'createdAt', width: 170, render: (v: string) => fmtTime(v) },
    {
      title: '最近活动',
      dataIndex: 'lastSeenAt',
      width: 170,
      render: (v: string) => <Tooltip title={fmtTime(v)}>{dayjs(v).fromNow()}</Tooltip>,
    },
    { title: 'IP地址', dataIndex: 'ip', width: 140, render: (v: string | null) => <span className="mono">{orDash(v)}</span> },
    {
      title: '浏览器',
      dataIndex: 'userAgent',
      render: (v: string | null) => <Tooltip title={v}>{describeUserAgent(v)}</Tooltip>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, s) =>
        s.current ? (
          <Tooltip title="不能结束自己当前的会话，请使用“退出登录”">
            <Button type="link" size="small" danger disabled>
              强制下线
            </Button>
          </Tooltip>
        ) : (
          <Popconfirm
            title="强制下线"
            description={`确定结束“${s.name}”的这个会话吗？对方需要重新登录。`}
            okText="强制下线"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => end.mutate(s)}
          >
            <Button type="link" size="small" danger loading={end.isPending && end.variables?.id === s.id}>
              强制下线
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer
      title="在线会话"
      description={`本单位管理员当前的登录会话（空闲超过 ${me.idleMinutes} 分钟的会话自动失效）。发现异常登录时可强制下线。`}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
            刷新
          </Button>
          <ExportButton onExport={sessionsApi.exportXlsx} />
        </Space>
      }
    >
      <Card variant="borderless">
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<OnlineSession>
          rowKey="id"
          columns={columns}
          dataSource={q.data ?? []}
          loading={q.isPending}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条`, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '暂无在线会话' }}
        />
      </Card>
    </PageContainer>
  );
}
