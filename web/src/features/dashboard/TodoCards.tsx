import { Badge, Card, Col, Empty, Row, Space, Statistic } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { Todo } from './api';

export function TodoCards({ todos, loading }: { todos: Todo[]; loading: boolean }) {
  const navigate = useNavigate();
  const waiting = todos.reduce((n, t) => n + t.count, 0);
  return (
    <Card
      title={
        // the count beside the label, in the line's flow: a corner badge of "999+" reached back over 待办事项
        <Space size={8} align="center" className="todo-title">
          <span>待办事项</span>
          <Badge count={waiting} overflowCount={999} />
        </Space>
      }
      variant="borderless"
      loading={loading}
    >
      {todos.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办事项" />
      ) : (
        <Row gutter={[16, 16]}>
          {todos.map((t) => (
            <Col key={t.key} xs={24} sm={12} lg={8} xl={6}>
              <Card
                hoverable
                size="small"
                onClick={() => navigate(t.path)}
                role="link"
                aria-label={`${t.title}：${t.count}${t.capped ? '+' : ''}`}
                className={t.count > 0 ? 'todo-card todo-card-active' : 'todo-card'}
              >
                <Statistic
                  title={t.title}
                  value={t.count}
                  suffix={<span style={{ fontSize: 14 }}>{t.capped ? '+ 项' : '项'}</span>}
                  styles={{ content: { color: t.count > 0 ? '#d4380d' : '#8c8c8c' } }}
                />
                <div className="todo-go">
                  去处理 <RightOutlined />
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
