import { useEffect, useState } from 'react';
import { Alert, Checkbox, Empty, Modal, Space, Spin, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { ME_KEY, useMe } from '../../app/session';
import { ROLES_KEY, useRoles } from '../roles/api';
import { ADMINS_KEY, adminsApi, type Admin } from './api';
import { isPermission } from '@hbzsgx/domain';

/** 分配角色: the admin's roles as a checkbox group. */
export function AssignRolesModal({ admin, onClose }: { admin: Admin | null; onClose: () => void }) {
  const me = useMe();
  const roles = useRoles();
  const qc = useQueryClient();
  const [value, setValue] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (admin) {
      setValue(admin.roles.map((r) => r.id));
      setError(null);
    }
  }, [admin]);

  const save = useMutation({
    mutationFn: () => adminsApi.setRoles(admin!.id, value),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ADMINS_KEY });
      void qc.invalidateQueries({ queryKey: ROLES_KEY });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
      void qc.invalidateQueries({ queryKey: ME_KEY });
      feedback.success('角色已分配');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });

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
    <Modal
      title={admin ? `分配角色 — ${admin.name}` : '分配角色'}
      open={!!admin}
      onCancel={onClose}
      onOk={() => save.mutate()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {roles.isPending ? (
        <Spin />
      ) : options.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无角色，请先在“角色管理”中新增角色" />
      ) : (
        <Checkbox.Group value={value} onChange={(v) => setValue(v)} style={{ width: '100%' }}>
          <Space orientation="vertical" size={10}>
            {options.map((o) => (
              <Checkbox key={o.value} value={o.value} disabled={o.disabled}>
                {o.label}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      )}
    </Modal>
  );
}
