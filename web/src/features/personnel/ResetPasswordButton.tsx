/**
 * 重置密码 of a person (personnel.manage): Popconfirm first, then the one-time password shown once in a Modal.
 * `reset`: another route of the same flow (找回密码申请 resets by the request); `onReset` once its password was closed.
 */
import { useState } from 'react';
import { Button, Popconfirm } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { feedback } from '../../app/feedback';
import { OneTimePasswordModal } from '../../components/OneTimePasswordModal';
import { personnelApi } from './api';

export function ResetPasswordButton({
  person,
  link = true,
  reset: run,
  onReset,
}: {
  person: { id: number; name: string };
  link?: boolean;
  reset?: () => Promise<{ name: string; password: string }>;
  onReset?: () => void;
}) {
  const { can } = useAccess();
  const [otp, setOtp] = useState<{ name: string; password: string } | null>(null);
  const reset = useMutation({
    mutationFn: () => (run ? run() : personnelApi.resetPassword(person.id)),
    onSuccess: (r) => setOtp(r),
    onError: (e) => feedback.error(e),
  });
  if (!can('personnel.manage')) return null;
  return (
    <>
      <Popconfirm
        title="重置密码"
        description={
          <div style={{ maxWidth: 280 }}>
            确定重置“{person.name}”的登录密码吗？将生成一个临时密码（只显示一次），本人登录后须修改，其当前登录将被强制退出。
          </div>
        }
        okText="重置"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={() => reset.mutate()}
      >
        <Button type={link ? 'link' : 'default'} size={link ? 'small' : 'middle'} icon={link ? undefined : <KeyOutlined />} loading={reset.isPending}>
          重置密码
        </Button>
      </Popconfirm>
      <OneTimePasswordModal
        password={otp?.password ?? null}
        intro={
          <>
            已重置专业技术人员 <strong>{otp?.name}</strong> 的登录密码。
          </>
        }
        holder="本人"
        onClose={() => {
          setOtp(null);
          onReset?.(); // after the modal: refreshing first could unmount this row, and the password with it
        }}
      />
    </>
  );
}
