import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { fmtTime, orDash } from '../../components/format';
import { PageContainer } from '../../components/PageContainer';
import { RoleFormModal } from './RoleFormModal';
import { ROLES_KEY, rolesApi, useRoles, type Role } from './api';
import { ExportButton } from '../../components/ExportButton';

export function RolesPage() {
  const q = useRoles();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (r: Role) => rolesApi.remove(r.id),
    onSuccess: (_d, r) => {
      void qc.invalidateQueries({ queryKey: ROLES_KEY });
      feedback.success(`已删除角色“${r.name}”`);
    },
    onError: (e) => feedback.error(e),
  });

  const columns: TableColumnsType<Role> = [
    { title: '角色名称', dataIndex: 'name', width: 180 },
    { title: '说明', dataIndex: 'description', render: (v: string) => orDash(v), ellipsis: true },
    { title: '权限数', dataIndex: 'permissions', width: 100, align: 'right', render: (p: string[]) => <Tag color="blue">{p.length} 项</Tag> },
    { title: '已分配管理员数', dataIndex: 'adminCount', width: 140, align: 'right', render: (n: number) => `${n} 人` },
    { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (v: string) => fmtTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(r)}>
            编辑
          </Button>
          {r.adminCount > 0 ? (
            <Tooltip title={`该角色已分配给${r.adminCount}名管理员，请先取消分配`}>
              <Button type="link" size="small" danger disabled>
                删除
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title="删除角色"
              description={`确定删除角色“${r.name}”吗？`}
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove.mutate(r)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="角色管理"
      description="角色是一组权限的集合。新增角色并勾选权限后，可在“管理单位管理员”中将角色分配给管理员。"
      extra={
        <Space>
          <ExportButton onExport={rolesApi.exportXlsx} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            新增角色
          </Button>
        </Space>
      }
    >
      <Card variant="borderless">
        {q.error && <Alert type="error" showIcon title="加载失败" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
        <Table<Role>
          rowKey="id"
          columns={columns}
          dataSource={q.data ?? []}
          loading={q.isPending}
          pagination={false}
          locale={{ emptyText: '暂无角色，点击右上角“新增角色”创建' }}
        />
      </Card>
      <RoleFormModal role={editing} onClose={() => setEditing(undefined)} />
    </PageContainer>
  );
}
