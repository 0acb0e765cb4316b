/** 重置密码 of a person (personnel.manage): Popconfirm first, then the one-time password shown once in a Modal. */
import { useState } from 'react';
import { Alert, Button, Modal, Popconfirm, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { feedback } from '../../app/feedback';
import { personnelApi } from './api';

export function OneTimePasswordModal({ result, onClose }: { result: { name: string; password: string } | null; onClose: () => void }) {
  return (
    <Modal
      title="密码已重置"
      open={!!result}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={<Button type="primary" onClick={onClose}>我已记下，关闭</Button>}
    >
      {result && (
        <>
          <Typography.Paragraph>
            已重置专业技术人员 <strong>{result.name}</strong> 的登录密码。新的临时密码为：
          </Typography.Paragraph>
          <div className="otp-box">
            <Typography.Text className="mono otp-value" copyable={{ text: result.password, tooltips: ['复制密码', '已复制'] }}>
              {result.password}
            </Typography.Text>
          </div>
          <Alert
            type="warning"
            showIcon
            title="该密码只显示这一次"
            description="关闭后无法再次查看。请通过安全渠道告知本人；本人使用临时密码登录后须立即修改密码，其原有登录会话已全部失效。"
          />
        </>
      )}
    </Modal>
  );
}

export function ResetPasswordButton({ person, link = true }: { person: { id: number; name: string }; link?: boolean }) {
  const { can } = useAccess();
  const [otp, setOtp] = useState<{ name: string; password: string } | null>(null);
  const reset = useMutation({
    mutationFn: () => personnelApi.resetPassword(person.id),
    onSuccess: (r) => setOtp(r),
    onError: (e) => feedback.error(e),
  });
  if (!can('personnel.manage')) return null;
  return (
    <>
      <Popconfirm
        title="重置密码"
        description={<div style={{ maxWidth: 280 }}>确定重置“{person.name}”的登录密码吗？将生成一个临时密码（只显示一次），本人登录后须修改，其当前登录将被强制退出。</div>}
        okText="重置"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onConfirm={() => reset.mutate()}
      >
        <Button type={link ? 'link' : 'default'} size={link ? 'small' : 'middle'} icon={link ? undefined : <KeyOutlined />} loading={reset.isPending}>重置密码</Button>
      </Popconfirm>
      <OneTimePasswordModal result={otp} onClose={() => setOtp(null)} />
    </>
  );
}
