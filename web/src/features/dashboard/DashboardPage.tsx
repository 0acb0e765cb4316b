import { Alert, Space } from 'antd';
import { useMe } from '../../app/session';
import { errorMessage } from '../../app/api';
import { WelcomeCard } from './WelcomeCard';
import { TodoCards } from './TodoCards';
import { SummaryCards } from './SummaryCards';
import { MyOverviewCards } from './MyOverviewCards';
import { AnnouncementsCard } from '../announcements/AnnouncementsCard';
import { useDashboard } from './api';
import './dashboard.css';

export function DashboardPage() {
  const me = useMe();
  const q = useDashboard();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <WelcomeCard me={me} />
      {q.error && <Alert type="error" showIcon title="工作台数据加载失败" description={errorMessage(q.error)} />}
      {me.kind === 'admin' ? (
        <>
          <TodoCards todos={q.data?.todos ?? []} loading={q.isPending} />
          <SummaryCards
            summary={q.data?.summary ?? []}
            title={me.org.type === 'hr' ? '辖区概况' : me.org.type === 'authority' ? '所属单位概况' : '本单位概况'}
          />
        </>
      ) : (
        <MyOverviewCards />
      )}
      <AnnouncementsCard />
    </Space>
  );
}
