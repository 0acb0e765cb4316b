import { Select } from 'antd';
import { useMe } from '../../app/session';
import { useRoles } from '../roles/api';
import { isPermission } from '@hbzsgx/domain';

/** 角色 multi-select; roles granting more than the current admin holds are disabled (the server refuses them). */
export function RoleSelect({ id, value, onChange }: { id?: string; value?: number[]; onChange?: (v: number[]) => void }) {
  const me = useMe();
  const q = useRoles();
  const options = (q.data ?? []).map((r) => {
    const grantable = me.isSuper || r.permissions.every((p) => isPermission(p) && me.permissions.includes(p));
    return { value: r.id, label: grantable ? r.name : `${r.name}（超出您的权限）`, disabled: !grantable };
  });
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      loading={q.isPending}
      placeholder="请选择角色（可多选，可稍后分配）"
      notFoundContent="暂无角色，请先在“角色管理”中新增角色"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
