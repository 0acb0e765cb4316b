/** The home page's 通知公告 / 政策文件 card: the newest published ones of each kind (province-wide and every city's). */
import { useState } from 'react';
import { Card, Tabs } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ANNOUNCEMENT_KINDS, type AnnouncementKind } from '@hbzsgx/domain';
import { ANNOUNCEMENTS_KEY, announcementsApi } from './api';
import { NoticeList } from './NoticeList';

const HOME_ROWS = 6;

export function HomeNoticesCard() {
  const [kind, setKind] = useState<AnnouncementKind>('notice');
  const q = useQuery({
    queryKey: [...ANNOUNCEMENTS_KEY, 'public', kind, 'home'],
    queryFn: () => announcementsApi.publicList({ noticeKind: kind, page: 1, pageSize: HOME_ROWS }),
  });
  return (
    <Card
      className="portal-notice-card"
      variant="borderless"
      title={
        <span>
          <NotificationOutlined /> 通知公告
        </span>
      }
      extra={<Link to={`/notices?kind=${kind}`}>更多 ›</Link>}
    >
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as AnnouncementKind)}
        items={(Object.keys(ANNOUNCEMENT_KINDS) as AnnouncementKind[]).map((k) => ({ key: k, label: ANNOUNCEMENT_KINDS[k] }))}
      />
      <NoticeList
        compact
        items={q.data?.items}
        loading={q.isPending}
        href={(a) => `/notices/${a.id}`}
        empty={kind === 'policy' ? '暂无政策文件' : '暂无通知公告'}
      />
    </Card>
  );
}
