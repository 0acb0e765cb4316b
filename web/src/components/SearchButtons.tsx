/** The end of every list's filter bar: 查询 (submits the form), 重置, and the page's extra buttons (导出, …). */
import type { ReactNode } from 'react';
import { Button, Form, Space } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';

export function SearchButtons({ onReset, wrap, children }: { onReset: () => void; wrap?: boolean; children?: ReactNode }) {
  return (
    <Form.Item>
      <Space wrap={wrap}>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          查询
        </Button>
        <Button icon={<ReloadOutlined />} onClick={onReset}>
          重置
        </Button>
        {children}
      </Space>
    </Form.Item>
  );
}
