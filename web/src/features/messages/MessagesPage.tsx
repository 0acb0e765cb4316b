/** 我的消息: every decision on the seat's own items (and, for admins, the organisation's), newest first; 全部已读. */
import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import { MESSAGE_KINDS, type MessageKind } from '@hbzsgx/domain';
import { errorMessage } from '../../app/api';
import { fmtMinute } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE, pagedBy } from '../../components/table';
import { useMarkAllRead, useMarkRead, useMessages, type Message, type MessageFilter } from './api';

const KIND_OPTIONS = Object.entries(MESSAGE_KINDS).map(([value, label]) => ({ value: value as MessageKind, label }));
const KIND_COLORS: Record<MessageKind, string> = {
  claim: 'blue',
  registration: 'green',
  change: 'purple',
  transfer: 'orange',
  class: 'cyan',
  annual: 'geekblue',
  reminder: 'red',
};

export function MessagesPage() {
  const { message: toast } = App.useApp();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<MessageFilter>({ read: 'all' });
  const [page, setPage] = useState({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const q = useMessages({ ...filter, ...page });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = q.data?.unread ?? 0;

  const open = async (m: Message) => {
    if (!m.readAt) await markRead.mutateAsync(m.id).catch(() => undefined);
    if (m.link) void navigate(m.link);
  };
  const change = (f: Partial<MessageFilter>) => {
    setFilter((old) => ({ ...old, ...f }));
    setPage((p) => ({ ...p, page: 1 }));
  };

  const columns: TableColumnsType<Message> = [
    { title: '', key: 'dot', width: 36, render: (_, m) => (m.readAt ? null : <Badge status="processing" title="未读" />) },
    { title: '类型', dataIndex: 'kind', width: 100, render: (v: MessageKind, m) => <Tag color={KIND_COLORS[v]}>{m.kindName}</Tag> },
    {
      title: '消息',
      key: 'title',
      ellipsis: true,
      render: (_, m) => (
        <div>
          <Typography.Text strong={!m.readAt}>{m.title}</Typography.Text>
          {m.body && (
            <div>
              <Typography.Text type="secondary">{m.body}</Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    { title: '时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtMinute(v) },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, m) => (
        <Space size={0}>
          {m.link && (
            <Button type="link" size="small" onClick={() => void open(m)}>
              查看
            </Button>
          )}
          {!m.readAt && (
            <Button type="link" size="small" loading={markRead.isPending && markRead.variables === m.id} onClick={() => markRead.mutate(m.id)}>
              标为已读
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="我的消息"
      description="您的申报、注册、变更、调转等事项的审核结果，以及学时提醒（管理员还会收到本机构事项的审核结果）。"
      extra={
        <Button
          disabled={!unread}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: (r) => void toast.success(`已将 ${r.done} 条消息标为已读`),
              onError: (e) => void toast.error(errorMessage(e)),
            })
          }
        >
          全部已读
        </Button>
      }
    >
      <Card>
        <Tabs
          activeKey={filter.read}
          onChange={(k) => change({ read: k as MessageFilter['read'] })}
          items={[
            { key: 'all', label: '全部' },
            { key: 'unread', label: unread ? `未读（${unread}）` : '未读' },
            { key: 'read', label: '已读' },
          ]}
          tabBarExtraContent={
            <Select<MessageKind>
              allowClear
              placeholder="全部类型"
              aria-label="消息类型"
              style={{ width: 140 }}
              options={KIND_OPTIONS}
              value={filter.kind}
              onChange={(v) => change({ kind: v })}
            />
          }
        />
        {q.error ? <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} /> : null}
        <Table<Message>
          rowKey="id"
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching && !q.data}
          pagination={pagedBy(page, setPage, q.data)}
          locale={{ emptyText: filter.read === 'unread' ? '没有未读消息' : '暂无消息' }}
        />
      </Card>
    </PageContainer>
  );
}
