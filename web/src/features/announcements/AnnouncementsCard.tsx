/** 工作台 › 通知公告: the newest five in the seat's scope (the province's and the own city's), and 更多. */
import { Card } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ANNOUNCEMENTS_KEY, announcementsApi } from './api';
import { NoticeList } from './NoticeList';

export function AnnouncementsCard() {
  const q = useQuery({
    queryKey: [...ANNOUNCEMENTS_KEY, 'reader', 'dashboard'],
    queryFn: () => announcementsApi.list({ page: 1, pageSize: 5 }),
  });
  return (
    <Card
      className="dashboard-notices"
      title={
        <span>
          <NotificationOutlined /> 通知公告
        </span>
      }
      extra={<Link to="/announcements">更多 ›</Link>}
    >
      <NoticeList compact items={q.data?.items} loading={q.isPending} href={(a) => `/announcements/${a.id}`} />
    </Card>
  );
}
