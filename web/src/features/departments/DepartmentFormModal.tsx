/** 添加部门 / 重命名 / 移动: one dialog, three purposes. */
import { useMemo } from 'react';
import { Alert, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { departmentCreateBody } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { zodRule } from '../../components/formErrors';
import { FormModal } from '../../components/FormModal';
import { DepartmentSelect } from './DepartmentSelect';
import { DEPARTMENTS_KEY, departmentsApi, subtreeIds, type Department } from './api';

export type DeptDialog = { kind: 'add'; parent: Department | null } | { kind: 'rename'; dept: Department } | { kind: 'move'; dept: Department };

interface Values {
  name?: string;
  parentId?: number;
}

const TITLES = { add: '添加部门', rename: '重命名部门', move: '移动部门' } as const;

export function DepartmentFormModal({ dialog, all, onClose }: { dialog: DeptDialog | null; all: Department[]; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const moving = dialog?.kind === 'move' ? dialog.dept : null;
  const blocked = useMemo(() => (moving ? subtreeIds(all, moving.id) : undefined), [all, moving]);

  const initial: Values =
    dialog?.kind === 'add'
      ? { parentId: dialog.parent?.id }
      : dialog?.kind === 'rename'
        ? { name: dialog.dept.name }
        : dialog?.kind === 'move'
          ? { parentId: dialog.dept.parentId ?? undefined }
          : {};

  return (
    <FormModal
      title={dialog ? TITLES[dialog.kind] : ''}
      open={!!dialog}
      onClose={onClose}
      form={form}
      name="department"
      initialValues={initial}
      submit={async (v) => {
        if (!dialog) return;
        if (dialog.kind === 'add') await departmentsApi.create({ name: v.name ?? '', parentId: v.parentId ?? null });
        else if (dialog.kind === 'rename') await departmentsApi.update(dialog.dept.id, { name: v.name });
        else await departmentsApi.update(dialog.dept.id, { parentId: v.parentId ?? null });
      }}
      onSuccess={() => {
        void qc.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
        feedback.success(dialog?.kind === 'add' ? '部门已添加' : dialog?.kind === 'rename' ? '部门已重命名' : '部门已移动');
        onClose();
      }}
      intro={
        dialog?.kind === 'move' && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`将“${dialog.dept.name}”及其下级部门移动到新的上级部门之下`} />
        )
      }
    >
      {dialog && dialog.kind !== 'move' && (
        <Form.Item
          label="部门名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请输入部门名称' }, zodRule(departmentCreateBody.shape.name)]}
        >
          <Input maxLength={50} showCount placeholder="如：专业技术人员管理科" />
        </Form.Item>
      )}
      {dialog && dialog.kind !== 'rename' && (
        <Form.Item
          label="上级部门"
          name="parentId"
          extra={dialog.kind === 'move' ? '不选择则移动为一级部门；不能移动到自身或其下级部门之下' : '不选择则添加为一级部门'}
        >
          <DepartmentSelect allowClear placeholder="（一级部门）" disabledIds={blocked} />
        </Form.Item>
      )}
    </FormModal>
  );
}
