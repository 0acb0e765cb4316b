import { Radio, Space, Typography } from 'antd';

export type AdminMode = 'select' | 'register' | 'existing';

/** The ways of adding an admin, worded as in the operation manual (bases have the last two only). */
export const ADMIN_MODES: { value: AdminMode; label: string; hint: string }[] = [
  { value: 'select', label: '选择成为管理员(已是本部门人员)', hint: '从本单位已注册的人员中指定一人成为管理员' },
  { value: 'register', label: '注册成为管理员(非本系统用户)', hint: '证件号尚未在平台注册的人员，在此注册并成为本单位管理员' },
  { value: 'existing', label: '添加成为管理员(已是本系统用户)', hint: '已在平台注册的人员，凭其证件号和登录密码添加' },
];

export function AdminModePicker({
  id,
  value,
  onChange,
  isBase,
  compact,
}: {
  id?: string;
  value?: AdminMode;
  onChange?: (v: AdminMode) => void;
  isBase: boolean;
  compact?: boolean;
}) {
  const modes = ADMIN_MODES.filter((m) => !(isBase && m.value === 'select'));
  return (
    <Radio.Group id={id} value={value} onChange={(e) => onChange?.(e.target.value as AdminMode)}>
      <Space orientation="vertical" size={compact ? 4 : 12}>
        {modes.map((m) => (
          <Radio key={m.value} value={m.value}>
            {m.label}
            {!compact && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {m.hint}
              </Typography.Text>
            )}
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}
