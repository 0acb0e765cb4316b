/**
 * The public 通知公告 pages (no login, outside the shell like 证书验证): /notices — every published announcement by
 * kind, 10 per page — and /notices/:id — one with its body and attachments (404 once withdrawn).
 */
import { Button, Card, Pagination, Result, Skeleton, Tabs } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ANNOUNCEMENT_KINDS, type AnnouncementKind } from '@hbzsgx/domain';
import { ApiError, errorMessage } from '../../app/api';
import { PortalFooter, PortalHeader } from '../auth/PortalHeader';
import { ANNOUNCEMENTS_KEY, announcementsApi } from './api';
import { NoticeContent } from './NoticeContent';
import { NoticeList } from './NoticeList';
import '../auth/portal.css';
import './announcements.css';

const PAGE_SIZE = 10;
const KINDS = Object.keys(ANNOUNCEMENT_KINDS) as AnnouncementKind[];

function PortalPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="portal">
      <PortalHeader />
      <main className="portal-main notices-main">
        <Card
          variant="borderless"
          className="notices-card"
          title={
            <span>
              <NotificationOutlined /> {title}
            </span>
          }
          extra={<Link to="/">返回首页</Link>}
        >
          {children}
        </Card>
      </main>
      <PortalFooter />
    </div>
  );
}

export function NoticesPage() {
  const [params, setParams] = useSearchParams();
  const kind: AnnouncementKind = params.get('kind') === 'policy' ? 'policy' : 'notice';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = useQuery({
    queryKey: [...ANNOUNCEMENTS_KEY, 'public', kind, page],
    queryFn: () => announcementsApi.publicList({ noticeKind: kind, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <PortalPage title="通知公告 / 政策文件">
      <Tabs activeKey={kind} onChange={(k) => setParams({ kind: k })} items={KINDS.map((k) => ({ key: k, label: ANNOUNCEMENT_KINDS[k] }))} />
      {q.error ? (
        <Result status="error" title="加载失败" subTitle={errorMessage(q.error)} />
      ) : (
        <NoticeList items={q.data?.items} loading={q.isPending} href={(a) => `/notices/${a.id}`} empty={`暂无${ANNOUNCEMENT_KINDS[kind]}`} />
      )}
      {(q.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          style={{ marginTop: 16, justifyContent: 'flex-end' }}
          current={page}
          pageSize={PAGE_SIZE}
          total={q.data?.total}
          showSizeChanger={false}
          showTotal={(t) => `共 ${t} 条`}
          onChange={(p) => setParams({ kind, page: String(p) })}
        />
      )}
    </PortalPage>
  );
}

export function NoticePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: [...ANNOUNCEMENTS_KEY, 'public', 'detail', id],
    queryFn: () => announcementsApi.publicGet(Number(id)),
    retry: false,
  });
  return (
    <PortalPage title="通知公告">
      {q.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {q.data && <NoticeContent a={q.data} />}
      {q.error && (
        <Result
          status={q.error instanceof ApiError && q.error.status === 404 ? '404' : 'error'}
          title={q.error instanceof ApiError && q.error.status === 404 ? '该通知公告不存在或已撤回' : '加载失败'}
          subTitle={q.error instanceof ApiError && q.error.status === 404 ? undefined : errorMessage(q.error)}
          extra={<Button onClick={() => void navigate('/notices')}>查看全部通知公告</Button>}
        />
      )}
    </PortalPage>
  );
}
