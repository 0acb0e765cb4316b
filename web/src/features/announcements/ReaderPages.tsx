/** In the shell: 通知公告 in the seat's scope (/announcements, by kind, 20 per page) and one of them (/announcements/:id). */
import { useState } from 'react';
import { Alert, Button, Card, Pagination, Result, Skeleton, Tabs } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { ANNOUNCEMENT_KINDS, type AnnouncementKind } from '@hbzsgx/domain';
import { ApiError, errorMessage } from '../../app/api';
import { PageContainer } from '../../components/PageContainer';
import { DEFAULT_PAGE_SIZE } from '../../components/table';
import { ANNOUNCEMENTS_KEY, announcementsApi } from './api';
import { NoticeContent } from './NoticeContent';
import { NoticeList } from './NoticeList';

export function AnnouncementsPage() {
  const [kind, setKind] = useState<AnnouncementKind | 'all'>('all');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: [...ANNOUNCEMENTS_KEY, 'reader', kind, page],
    queryFn: () => announcementsApi.list({ noticeKind: kind === 'all' ? undefined : kind, page, pageSize: DEFAULT_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <PageContainer title="通知公告" description="省人力资源和社会保障厅及本市（州）人社部门发布的通知公告和政策文件。">
      <Card variant="borderless">
        <Tabs
          activeKey={kind}
          onChange={(k) => {
            setKind(k as AnnouncementKind | 'all');
            setPage(1);
          }}
          style={{ marginTop: -8 }}
          items={[
            { key: 'all', label: '全部' },
            ...(Object.keys(ANNOUNCEMENT_KINDS) as AnnouncementKind[]).map((k) => ({ key: k, label: ANNOUNCEMENT_KINDS[k] })),
          ]}
        />
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} />}
        <NoticeList items={q.data?.items} loading={q.isPending} href={(a) => `/announcements/${a.id}`} />
        {(q.data?.total ?? 0) > DEFAULT_PAGE_SIZE && (
          <Pagination
            style={{ marginTop: 16, justifyContent: 'flex-end' }}
            current={page}
            pageSize={DEFAULT_PAGE_SIZE}
            total={q.data?.total}
            showSizeChanger={false}
            showTotal={(t) => `共 ${t} 条`}
            onChange={setPage}
          />
        )}
      </Card>
    </PageContainer>
  );
}

export function AnnouncementPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: [...ANNOUNCEMENTS_KEY, 'reader', 'detail', id], queryFn: () => announcementsApi.get(Number(id)), retry: false });
  const missing = q.error instanceof ApiError && q.error.status === 404;
  return (
    <PageContainer title="通知公告" extra={<Button onClick={() => void navigate('/announcements')}>返回列表</Button>}>
      <Card variant="borderless">
        {q.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
        {q.data && <NoticeContent a={q.data} />}
        {q.error && (
          <Result
            status={missing ? '404' : 'error'}
            title={missing ? '该通知公告不存在或已撤回' : '加载失败'}
            subTitle={missing ? undefined : errorMessage(q.error)}
          />
        )}
      </Card>
    </PageContainer>
  );
}
