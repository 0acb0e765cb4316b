import { Avatar, Card, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { beijingChineseDate, beijingHour, beijingWeekday } from '@hbzsgx/domain';
import type { Me } from '../../app/types';

function greeting(): string {
  const h = beijingHour();
  if (h < 6) return '夜深了';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export function WelcomeCard({ me }: { me: Me }) {
  return (
    <Card variant="borderless">
      <Space size={20} align="center" wrap>
        <Avatar size={56} icon={<UserOutlined />} style={{ background: '#1657b8' }} />
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {greeting()}，{me.user.name}
          </Typography.Title>
          <Space size={8} wrap style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">{me.org.name}</Typography.Text>
            {me.kind === 'admin' ? (
              <>
                <Tag color="blue">{me.org.typeName}</Tag>
                {me.org.hrLevelName && <Tag color="geekblue">{me.org.hrLevelName}</Tag>}
                {me.isSuper ? <Tag color="gold">超级管理员</Tag> : <Tag>管理员</Tag>}
              </>
            ) : (
              <Tag color="green">专业技术人员</Tag>
            )}
          </Space>
          <div style={{ marginTop: 6, color: '#8c8c8c', fontSize: 12 }}>
            今天是 {beijingChineseDate()} {beijingWeekday()}。为保障账号安全，空闲超过 {me.idleMinutes} 分钟将自动退出登录。
          </div>
        </div>
      </Space>
    </Card>
  );
}
