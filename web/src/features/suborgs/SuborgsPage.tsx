import { useState } from 'react';
import { Card, Tabs } from 'antd';
import { ApartmentOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { PageContainer } from '../../components/PageContainer';
import { OrgDetailDrawer } from './OrgDetailDrawer';
import { OrgList } from './OrgList';
import { OrgTree } from './OrgTree';

export function SuborgsPage() {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <PageContainer title="下属机构管理" description="本部门辖区内的人社部门、主管部门、用人单位和继续教育基地。">
      <Card variant="borderless">
        <Tabs
          items={[
            { key: 'tree', label: '机构树', icon: <ApartmentOutlined />, children: <OrgTree onOpen={setOpen} /> },
            { key: 'list', label: '机构列表', icon: <UnorderedListOutlined />, children: <OrgList onOpen={setOpen} /> },
          ]}
        />
      </Card>
      <OrgDetailDrawer orgId={open} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}
