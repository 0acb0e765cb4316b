/** The permission catalogue as a checkable tree: groups as parents, each permission a leaf. */
import { useMemo } from 'react';
import { isAuditDuty } from '@hbzsgx/domain';
import { Alert, Skeleton, Tree, type TreeDataNode } from 'antd';
import { errorMessage } from '../../app/api';
import { useMe } from '../../app/session';
import { useCatalogue } from './api';

const GROUP = 'group:';

export function PermissionTree({ id, value, onChange }: { id?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const me = useMe();
  const q = useCatalogue();
  const treeData: TreeDataNode[] = useMemo(
    () =>
      (q.data?.groups ?? []).map((g) => ({
        key: GROUP + g.group,
        title: g.group,
        children: g.permissions.map((p) => {
          const held = me.isSuper || me.permissions.includes(p.code);
          const duty = me.separationOfDuties && isAuditDuty(p.code) ? '（审计职责：只能与查看类权限组合）' : '';
          return { key: p.code, title: held ? p.name + duty : `${p.name}（您无此权限，不能授予）`, disableCheckbox: !held, isLeaf: true };
        }),
      })),
    [q.data, me],
  );
  if (q.isPending) return <Skeleton active paragraph={{ rows: 5 }} />;
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  return (
    <div id={id} className="permission-tree">
      <Tree
        checkable
        selectable={false}
        defaultExpandAll
        treeData={treeData}
        checkedKeys={value ?? []}
        onCheck={(checked) => {
          const keys = Array.isArray(checked) ? checked : checked.checked;
          onChange?.(keys.map(String).filter((k) => !k.startsWith(GROUP)));
        }}
      />
    </div>
  );
}
