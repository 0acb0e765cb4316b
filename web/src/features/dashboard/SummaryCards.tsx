import { Card, Statistic } from 'antd';
import { ApartmentOutlined, BankOutlined, ReadOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';

const ICONS: { match: RegExp; icon: ReactNode; color: string }[] = [
  { match: /人社/, icon: <BankOutlined />, color: '#1657b8' },
  { match: /主管/, icon: <ApartmentOutlined />, color: '#722ed1' },
  { match: /用人单位/, icon: <SolutionOutlined />, color: '#13a8a8' },
  { match: /基地|机构/, icon: <ReadOutlined />, color: '#d48806' },
  { match: /人员/, icon: <TeamOutlined />, color: '#389e0d' },
];

export function SummaryCards({ summary }: { summary: { label: string; value: number }[] }) {
  if (!summary.length) return null;
  return (
    <Card title={summary.length > 1 ? '辖区概况' : '本单位概况'} variant="borderless">
      <div className="summary-grid">
        {summary.map((s) => {
          const look = ICONS.find((i) => i.match.test(s.label));
          return (
            <div key={s.label} className="summary-item">
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
