import { Checkbox, Empty, Form, Space, Spin, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { isPermission } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { ME_KEY, useMe } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { ROLES_KEY, useRoles } from '../roles/api';
import { ADMINS_KEY, adminsApi, type Admin } from './api';

/** 分配角色: the admin's roles as a checkbox group (a role with a permission the actor lacks is shown, not grantable). */
export function AssignRolesModal({ admin, onClose }: { admin: Admin | null; onClose: () => void }) {
  const me = useMe();
  const roles = useRoles();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ roleIds: number[] }>();

  const options = (roles.data ?? []).map((r) => {
    const grantable = me.isSuper || r.permissions.every((p) => isPermission(p) && me.permissions.includes(p));
    return {
      value: r.id,
      disabled: !grantable,
      label: (
        <span>
          {r.name}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {r.permissions.length} 项权限{grantable ? '' : '，超出您的权限'}
            {r.description ? ` · ${r.description}` : ''}
          </Typography.Text>
        </span>
      ),
    };
  });

  return (
    <FormModal
      title={admin ? `分配角色 — ${admin.name}` : '分配角色'}
      open={!!admin}
      onClose={onClose}
      form={form}
      name="assignRoles"
      initialValues={{ roleIds: admin?.roles.map((r) => r.id) ?? [] }}
      submit={(v) => adminsApi.setRoles(admin!.id, v.roleIds ?? [])}
      onSuccess={() => {
        void qc.invalidateQueries({ queryKey: ADMINS_KEY });
        void qc.invalidateQueries({ queryKey: ROLES_KEY });
        void qc.invalidateQueries({ queryKey: ['dashboard'] });
        void qc.invalidateQueries({ queryKey: ME_KEY });
        feedback.success('角色已分配');
        onClose();
      }}
    >
      {roles.isPending ? (
        <Spin />
      ) : options.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无角色，请先在“角色管理”中新增角色" />
      ) : (
        <Form.Item name="roleIds" label="角色" extra="不分配角色的管理员登录后没有任何管理权限">
          <Checkbox.Group style={{ width: '100%' }}>
            <Space orientation="vertical" size={10}>
              {options.map((o) => (
                <Checkbox key={o.value} value={o.value} disabled={o.disabled}>
                  {o.label}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      )}
    </FormModal>
  );
}
