import { Space, Table, Tag, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { ID_TYPES } from '@hbzsgx/domain';
import type { Me } from '../../app/types';
import { fmtMinute, orDash } from '../../components/format';
import { AdminActions } from './AdminActions';
import { IdentityButton } from './IdentityButton';
import type { Admin } from './api';

export function AdminTable(props: {
  me: Me;
  rows: Admin[];
  loading: boolean;
  pagination: TablePaginationConfig;
  canManage: boolean;
  canViewPii: boolean;
  onRoles: (a: Admin) => void;
  onMakeSuper: (a: Admin) => void;
  onDelete: (a: Admin) => void;
  busy: boolean;
}) {
  const { me, canManage, canViewPii } = props;
  const columns: TableColumnsType<Admin> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 110,
      render: (name: string, a) => (
        <Space size={4}>
          <span>{name}</span>
          {a.userId === me.user.id && (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              我
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: '证件号',
      dataIndex: 'idNumberMasked',
      width: 215,
      render: (v: string, a) => (
        <Space size={2} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text className="mono" title={ID_TYPES[a.idType]}>
            {v}
          </Typography.Text>
          {canViewPii && <IdentityButton admin={a} />}
        </Space>
      ),
    },
    { title: '手机号', dataIndex: 'phoneMasked', width: 125, render: (v: string | null) => <span className="mono">{orDash(v)}</span> },
    { title: '工作部门', dataIndex: 'departmentName', width: 110, ellipsis: true, render: (v: string | null) => orDash(v) },
    {
      title: '角色',
      key: 'roles',
      render: (_, a) =>
        a.isSuper ? (
          <Tag color="gold">超级管理员</Tag>
        ) : a.roles.length ? (
          <Space size={[0, 4]} wrap>
            {a.roles.map((r) => (
              <Tag key={r.id} color="blue">
                {r.name}
              </Tag>
            ))}
          </Space>
        ) : (
          <Tag>未分配角色</Tag>
        ),
    },
    { title: '添加时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtMinute(v) },
  ];
  if (canManage) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 262,
      fixed: 'right',
      render: (_, a) => (
        <AdminActions admin={a} me={me} onRoles={props.onRoles} onMakeSuper={props.onMakeSuper} onDelete={props.onDelete} busy={props.busy} />
      ),
    });
  }
  return (
    <Table<Admin>
      rowKey="id"
      columns={columns}
      dataSource={props.rows}
      loading={props.loading}
      pagination={props.pagination}
      scroll={{ x: 1090 }}
      locale={{ emptyText: '暂无管理员' }}
    />
  );
}
