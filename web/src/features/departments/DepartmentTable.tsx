import { useMemo, useState } from 'react';
import { Button, Empty, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { buildTree, type Department, type DepartmentNode } from './api';
import type { DeptDialog } from './DepartmentFormModal';

export function DepartmentTable({
  rows,
  loading,
  canManage,
  onDialog,
  onDelete,
  deleting,
}: {
  rows: Department[];
  loading: boolean;
  canManage: boolean;
  onDialog: (d: DeptDialog) => void;
  onDelete: (d: Department) => void;
  deleting: number | null;
}) {
  const tree = useMemo(() => buildTree(rows), [rows]);
  const parents = useMemo(() => rows.filter((r) => rows.some((c) => c.parentId === r.id)).map((r) => r.id), [rows]);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const expanded = parents.filter((id) => !collapsed.has(id));

  const columns: TableColumnsType<DepartmentNode> = [
    {
      title: '部门名称',
      dataIndex: 'name',
      render: (name: string) => (
        <Space size={6}>
          <ApartmentOutlined style={{ color: '#1657b8' }} />
          <span>{name}</span>
        </Space>
      ),
    },
    {
      title: '专业技术人员',
      dataIndex: 'personnelCount',
      width: 130,
      align: 'right',
      render: (n: number) => <Tag color={n ? 'blue' : 'default'}>{n} 人</Tag>,
    },
    {
      title: '管理员',
      dataIndex: 'adminCount',
      width: 110,
      align: 'right',
      render: (n: number) => <Tag color={n ? 'purple' : 'default'}>{n} 人</Tag>,
    },
  ];
  if (canManage) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 300,
      render: (_, d) => {
        const hasChildren = !!d.children?.length;
        const people = d.personnelCount + d.adminCount;
        const blockReason = hasChildren ? '该部门下还有下级部门，不能删除' : people ? `该部门下还有${people}名人员，不能删除` : null;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => onDialog({ kind: 'add', parent: d })}>
              添加下级
            </Button>
            <Button type="link" size="small" onClick={() => onDialog({ kind: 'rename', dept: d })}>
              重命名
            </Button>
            <Button type="link" size="small" onClick={() => onDialog({ kind: 'move', dept: d })}>
              移动
            </Button>
            {blockReason ? (
              <Tooltip title={blockReason}>
                <Button type="link" size="small" danger disabled>
                  删除
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title="删除部门"
                description={`确定删除“${d.name}”吗？删除后不可恢复。`}
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => onDelete(d)}
              >
                <Button type="link" size="small" danger loading={deleting === d.id}>
                  删除
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    });
  }

  return (
    <Table<DepartmentNode>
      rowKey="id"
      columns={columns}
      dataSource={tree}
      loading={loading}
      pagination={false}
      expandable={{
        expandedRowKeys: expanded,
        onExpand: (open, r) =>
          setCollapsed((cur) => {
            const next = new Set(cur);
            if (open) next.delete(r.id);
            else next.add(r.id);
            return next;
          }),
      }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无内设部门" /> }}
    />
  );
}
