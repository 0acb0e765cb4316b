/**
 * 年度工作材料报送 (HR departments and bases): 本单位报送 — drafts, files by category, 提交/撤回; and, for HR
 * holding 'materials.view', 辖区报送情况 — what the organisations of the jurisdiction submitted.
 */
import { useState } from 'react';
import { Button, Card, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { feedback } from '../../app/feedback';
import { PageContainer } from '../../components/PageContainer';
import { MATERIALS_KEY, type Material } from './api';
import { JurisdictionMaterials } from './JurisdictionMaterials';
import { MaterialDrawer } from './MaterialDrawer';
import { MaterialFormModal } from './MaterialFormModal';
import { OwnMaterials } from './OwnMaterials';

export function MaterialsPage() {
  const { can } = useAccess();
  const qc = useQueryClient();
  const [tab, setTab] = useState<'own' | 'jurisdiction'>('own');
  const [editing, setEditing] = useState<Material | 'new' | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  const viewer = can('materials.view');

  const saved = (id: number, created: boolean) => {
    setEditing(null);
    void qc.invalidateQueries({ queryKey: MATERIALS_KEY });
    feedback.success(created ? '已保存为草稿，请上传材料文件' : '已保存');
    setTab('own');
    setOpened(id);
  };

  return (
    <PageContainer
      title="年度工作材料报送"
      description="按年度报送本单位的学习指南、工作通知、工作总结等材料：新增后按类别上传文件并提交，上级人社部门即可查看和下载；已提交的材料如需修改，请先撤回。"
      extra={
        tab === 'own' && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增
          </Button>
        )
      }
    >
      <Card variant="borderless">
        {viewer ? (
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as 'own' | 'jurisdiction')}
            style={{ marginTop: -8 }}
            items={[
              { key: 'own', label: '本单位报送', children: <OwnMaterials onOpen={(m) => setOpened(m.id)} onEdit={setEditing} /> },
              { key: 'jurisdiction', label: '辖区报送情况', children: <JurisdictionMaterials /> },
            ]}
          />
        ) : (
          <OwnMaterials onOpen={(m) => setOpened(m.id)} onEdit={setEditing} />
        )}
      </Card>
      <MaterialFormModal editing={editing} onClose={() => setEditing(null)} onSaved={saved} />
      <MaterialDrawer id={opened} onClose={() => setOpened(null)} onEdit={setEditing} />
    </PageContainer>
  );
}
