/** The header's bell: the seat's unread count (99+), and a popover with the newest unread messages. */
import { Badge, Button, Empty, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { fmtMinute } from '../../components/format';
import { useMarkAllRead, useMarkRead, useMessages, useUnreadCount, type Message } from './api';
import { MESSAGES_PATH } from './routes';

function Latest({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const q = useMessages({ read: 'unread', page: 1, pageSize: 5 });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const open = async (m: Message) => {
    await markRead.mutateAsync(m.id).catch(() => undefined);
    onDone();
    if (m.link) void navigate(m.link);
  };
  const items = q.data?.items ?? [];
  return (
    <div className="message-popover">
      {items.length ? (
        items.map((m) => (
          <button type="button" key={m.id} className="message-popover-item" onClick={() => void open(m)}>
            <Typography.Text strong ellipsis={{ tooltip: m.title }}>
              {m.title}
            </Typography.Text>
            {m.body && (
              <Typography.Text type="secondary" ellipsis>
                {m.body}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.kindName} · {fmtMinute(m.createdAt)}
            </Typography.Text>
          </button>
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q.isLoading ? '加载中…' : '没有未读消息'} />
      )}
      <Space className="message-popover-foot">
        <Button size="small" type="link" disabled={!items.length} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          全部已读
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            onDone();
            void navigate(MESSAGES_PATH);
          }}
        >
          查看全部消息
        </Button>
      </Space>
    </div>
  );
}

export function MessageBell() {
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const n = unread.data?.count ?? 0;
  const label = unread.data?.capped ? '99+' : String(n);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title="未读消息"
      content={open ? <Latest onDone={() => setOpen(false)} /> : null}
    >
      <Button type="text" aria-label={n ? `消息（${label} 条未读）` : '消息'} className="message-bell">
        <Badge count={unread.data?.capped ? '99+' : n} size="small" offset={[4, -2]}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
