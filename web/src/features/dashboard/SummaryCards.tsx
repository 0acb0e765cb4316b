import { Card, Statistic } from 'antd';
import {
  ApartmentOutlined,
  BankOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  ReadOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

const ICONS: { match: RegExp; icon: ReactNode; color: string }[] = [
  { match: /人社/, icon: <BankOutlined />, color: '#1657b8' },
  { match: /主管/, icon: <ApartmentOutlined />, color: '#722ed1' },
  { match: /用人单位/, icon: <SolutionOutlined />, color: '#13a8a8' },
  { match: /基地|机构/, icon: <ReadOutlined />, color: '#d48806' },
  { match: /人员/, icon: <TeamOutlined />, color: '#389e0d' },
  { match: /已完成/, icon: <CheckCircleOutlined />, color: '#389e0d' },
  { match: /未完成/, icon: <ExclamationCircleOutlined />, color: '#d4380d' },
  { match: /待处理/, icon: <ClockCircleOutlined />, color: '#d48806' },
];

/** 辖区概况 (HR) / 本单位概况 (用人单位, 主管部门): each figure opens the list behind it where it has one. */
export function SummaryCards({ summary, title }: { summary: { label: string; value: number; path?: string }[]; title: string }) {
  const navigate = useNavigate();
  if (!summary.length) return null;
  return (
    <Card title={title} variant="borderless">
      <div className="summary-grid">
        {summary.map((s) => {
          const look = ICONS.find((i) => i.match.test(s.label));
          return (
            <div
              key={s.label}
              className={s.path ? 'summary-item summary-link' : 'summary-item'}
              role={s.path ? 'link' : undefined}
              tabIndex={s.path ? 0 : undefined}
              onClick={s.path ? () => navigate(s.path!) : undefined}
              onKeyDown={s.path ? (e) => e.key === 'Enter' && navigate(s.path!) : undefined}
            >
              <Statistic
                title={s.label}
                value={s.value}
                prefix={<span style={{ color: look?.color ?? '#1657b8', marginRight: 4 }}>{look?.icon ?? <TeamOutlined />}</span>}
              />
            </div>
          );
        })}
      </div>
    </Card>
  );
}
