import { Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { dutyConflictMessage, dutyConflicts, roleBody } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { ME_KEY, useMe } from '../../app/session';
import { zodRule } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { PermissionTree } from './PermissionTree';
import { ROLES_KEY, rolesApi, type Role, type RoleBody } from './api';

/** 新增角色 / 编辑角色. `role` undefined = closed, null = new. */
export function RoleFormModal({ role, onClose }: { role: Role | null | undefined; onClose: () => void }) {
  const [form] = Form.useForm<RoleBody>();
  const qc = useQueryClient();
  const me = useMe();
  return (
    <FormModal
      title={role ? `编辑角色 — ${role.name}` : '新增角色'}
      open={role !== undefined}
      onClose={onClose}
      width={620}
      form={form}
      name="role"
      initialValues={role ? { name: role.name, description: role.description, permissions: role.permissions } : { permissions: [] }}
      submit={(v) => {
        const body = { name: v.name.trim(), description: (v.description ?? '').trim(), permissions: v.permissions ?? [] };
        return role ? rolesApi.update(role.id, body) : rolesApi.create(body);
      }}
      onSuccess={() => {
        void qc.invalidateQueries({ queryKey: ROLES_KEY });
        void qc.invalidateQueries({ queryKey: ['admins'] });
        void qc.invalidateQueries({ queryKey: ME_KEY }); // our own role may have changed
        feedback.success(role ? '角色已保存' : '角色已新增');
        onClose();
      }}
    >
      <Form.Item label="角色名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入角色名称' }, zodRule(roleBody.shape.name)]}>
        <Input maxLength={30} showCount placeholder="如：审核员" />
      </Form.Item>
      <Form.Item label="说明" name="description" rules={[zodRule(roleBody.shape.description)]}>
        <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} placeholder="选填，说明该角色的职责" />
      </Form.Item>
      <Form.Item
        label="权限"
        name="permissions"
        rules={[
          { required: true, type: 'array', min: 1, message: '请至少选择一项权限' },
          {
            validator: async (_, v: string[] | undefined) => {
              const clash = me.separationOfDuties ? dutyConflicts(v ?? []) : [];
              if (clash.length) throw new Error(dutyConflictMessage(clash));
            },
          },
        ]}
        extra={`每个菜单和每个操作按钮都是一项权限；勾选分组即选中该组全部权限。${me.separationOfDuties ? '按三员分立，审计员的角色只能包含“查看审计日志”和查看类权限，由超级管理员授予。' : ''}`}
      >
        <PermissionTree />
      </Form.Item>
    </FormModal>
  );
}
