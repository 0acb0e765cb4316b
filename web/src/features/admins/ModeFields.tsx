/** The fields of each way of adding an admin (SPEC §2 a/b/c). */
import { Form, Input, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { checkPassword, emailSchema, landlineSchema, personNameSchema, phoneSchema } from '@hbzsgx/domain';
import { zodRule } from '../../components/formErrors';
import { usePasswordPolicy } from '../auth/api';
import { DepartmentSelect } from '../departments/DepartmentSelect';
import { IdFields } from './IdFields';
import { RoleSelect } from './RoleSelect';
import { adminsApi } from './api';
import type { AdminMode } from './AdminModePicker';

function DepartmentField() {
  return (
    <Form.Item label="工作部门" name="departmentId" rules={[{ required: true, message: '请选择工作部门' }]}>
      <DepartmentSelect placeholder="请选择工作部门" />
    </Form.Item>
  );
}

function RolesField() {
  return (
    <Form.Item label="角色" name="roleIds" extra="不分配角色的管理员登录后没有任何管理权限">
      <RoleSelect />
    </Form.Item>
  );
}

function SelectFields() {
  const form = Form.useFormInstance();
  const departmentId = Form.useWatch<number | undefined>('departmentId', form);
  const q = useQuery({
    queryKey: ['admins', 'candidates', departmentId],
    queryFn: () => adminsApi.candidates(departmentId),
    enabled: !!departmentId,
    select: (d) => d.items,
  });
  return (
    <>
      <Form.Item label="工作部门" name="departmentId" rules={[{ required: true, message: '请选择工作部门' }]}>
        <DepartmentSelect placeholder="请选择工作部门" onChange={() => form.setFieldValue('userId', undefined)} />
      </Form.Item>
      <Form.Item label="选择管理员" name="userId" rules={[{ required: true, message: '请选择管理员' }]}>
        <Select
          placeholder={departmentId ? '请选择' : '请先选择工作部门'}
          disabled={!departmentId}
          loading={q.isFetching}
          showSearch={{ optionFilterProp: 'label' }}
          options={(q.data ?? []).map((c) => ({ value: c.userId, label: `${c.name}（${c.idNumberMasked}）` }))}
          notFoundContent={q.isFetching ? '加载中…' : '该部门下没有可选人员（已是管理员的人员不在此列）'}
        />
      </Form.Item>
      <RolesField />
    </>
  );
}

function RegisterFields() {
  const policy = usePasswordPolicy();
  return (
    <>
      <IdFields />
      <Form.Item
        label="密码"
        name="password"
        dependencies={['idNumber']}
        rules={[
          { required: true, message: '请输入密码' },
          ({ getFieldValue }) => ({
            validator(_, v: string | undefined) {
              if (!v) return Promise.resolve();
              const reason = checkPassword(v, { idNumber: getFieldValue('idNumber') as string | undefined, policy });
              return reason ? Promise.reject(new Error(reason)) : Promise.resolve();
            },
          }),
        ]}
        extra={`不少于${policy.minLength}位，含大写字母、小写字母、数字、特殊字符中的至少${policy.minClasses}类；首次登录须修改`}
      >
        <Input.Password placeholder="请输入初始密码" maxLength={64} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认密码"
        name="confirmPassword"
        dependencies={['password']}
        rules={[
          { required: true, message: '请再次输入密码' },
          ({ getFieldValue }) => ({
            validator(_, v: string | undefined) {
              return !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'));
            },
          }),
        ]}
      >
        <Input.Password placeholder="请再次输入密码" maxLength={64} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="真实姓名"
        name="realName"
        rules={[{ required: true, whitespace: true, message: '请输入真实姓名' }, zodRule(personNameSchema)]}
      >
        <Input placeholder="请输入真实姓名" maxLength={50} />
      </Form.Item>
      <Form.Item label="手机号" name="phone" rules={[{ required: true, message: '请输入手机号' }, zodRule(phoneSchema)]}>
        <Input placeholder="请输入11位手机号码" maxLength={11} />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email" rules={[{ required: true, message: '请输入电子邮箱' }, zodRule(emailSchema)]}>
        <Input placeholder="请输入电子邮箱" maxLength={100} />
      </Form.Item>
      <Form.Item label="固定电话" name="landline" rules={[zodRule(landlineSchema)]}>
        <Input placeholder="选填，如 027-87654321" maxLength={20} />
      </Form.Item>
      <DepartmentField />
      <RolesField />
    </>
  );
}

function ExistingFields() {
  return (
    <>
      <IdFields />
      <Form.Item
        label="密码"
        name="password"
        rules={[{ required: true, message: '请输入该人员的登录密码' }]}
        extra="请由该人员本人输入其平台登录密码，以确认其同意成为管理员"
      >
        <Input.Password placeholder="请输入该人员的登录密码" maxLength={64} autoComplete="off" />
      </Form.Item>
      <DepartmentField />
      <RolesField />
    </>
  );
}

export function ModeFields({ mode }: { mode: AdminMode }) {
  if (mode === 'select') return <SelectFields />;
  if (mode === 'register') return <RegisterFields />;
  return <ExistingFields />;
}
