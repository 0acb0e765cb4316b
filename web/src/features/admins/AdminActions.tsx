import { Button, Popconfirm, Space } from 'antd';
import type { Me } from '../../app/types';
import type { Admin } from './api';

/** The 操作 column: 分配角色 / 设为超级管理员 / 删除, each only where it can succeed. */
export function AdminActions({
  admin,
  me,
  onRoles,
  onMakeSuper,
  onDelete,
  busy,
}: {
  admin: Admin;
  me: Me;
  onRoles: (a: Admin) => void;
  onMakeSuper: (a: Admin) => void;
  onDelete: (a: Admin) => void;
  busy: boolean;
}) {
  const self = admin.userId === me.user.id;
  if (admin.isSuper) return <span style={{ color: '#8c8c8c', fontSize: 12 }}>拥有全部权限</span>;
  return (
    <Space size={0} wrap>
      {(!self || me.isSuper) && (
        <Button type="link" size="small" onClick={() => onRoles(admin)}>
          分配角色
        </Button>
      )}
      {me.isSuper && (
        <Popconfirm
          title="设为超级管理员"
          description={
            <div style={{ maxWidth: 300 }}>
              确定将超级管理员移交给“{admin.name}”吗？
              <br />
              移交后您将<strong>立即失去</strong>超级管理员身份，只保留已分配角色的权限。
            </div>
          }
          okText="确认移交"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() => onMakeSuper(admin)}
        >
          <Button type="link" size="small" disabled={busy}>
            设为超级管理员
          </Button>
        </Popconfirm>
      )}
      {!self && (
        <Popconfirm
          title="删除管理员"
          description={
            <div style={{ maxWidth: 280 }}>确定删除管理员“{admin.name}”吗？将取消其全部管理权限并使其立即下线，其人员信息和历史记录保留。</div>
          }
          okText="删除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() => onDelete(admin)}
        >
          <Button type="link" size="small" danger disabled={busy}>
            删除
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
