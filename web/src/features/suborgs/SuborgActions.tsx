/** 停用/启用 and 重置密码 of a sub-organisation (permission suborg.manage); the reset shows the one-time password once. */
import { useState } from 'react';
import { Button, Popconfirm, Space } from 'antd';
import { KeyOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { feedback } from '../../app/feedback';
import { OneTimePasswordModal } from '../../components/OneTimePasswordModal';
import { useMe } from '../../app/session';
import { SUBORGS_KEY, suborgsApi } from './api';

interface Target {
  id: number;
  name: string;
  status: string;
}

/** `hasSuper` false hides 重置密码 (an organisation without a super admin has no password to reset). */
export function SuborgActions({
  org,
  size = 'small',
  link = true,
  hasSuper,
}: {
  org: Target;
  size?: 'small' | 'middle';
  link?: boolean;
  hasSuper: boolean;
}) {
  const { can } = useAccess();
  const me = useMe();
  const qc = useQueryClient();
  const [otp, setOtp] = useState<{ orgName: string; name: string; password: string } | null>(null);
  const toggle = useMutation({
    mutationFn: (enable: boolean) => (enable ? suborgsApi.enable(org.id) : suborgsApi.disable(org.id)),
    onSuccess: (_d, enable) => {
      feedback.success(enable ? `已启用“${org.name}”` : `已停用“${org.name}”，其管理员已全部下线`);
      void qc.invalidateQueries({ queryKey: SUBORGS_KEY });
    },
    onError: (e) => feedback.error(e),
  });
  const reset = useMutation({
    mutationFn: () => suborgsApi.resetPassword(org.id),
    onSuccess: (r) => setOtp({ orgName: org.name, ...r }),
    onError: (e) => feedback.error(e),
  });
  if (!can('suborg.manage') || org.id === me.org.id) return null;
  const type = link ? 'link' : 'default';
  return (
    <>
      <Space size={link ? 0 : 8}>
        {org.status === 'active' && (
          <Popconfirm
            title="停用机构"
            description={<div style={{ maxWidth: 280 }}>确定停用“{org.name}”吗？停用后该机构的管理员将立即下线且不能登录，可随时重新启用。</div>}
            okText="停用"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => toggle.mutate(false)}
          >
            <Button type={type} size={size} danger icon={link ? undefined : <StopOutlined />} loading={toggle.isPending}>
              停用
            </Button>
          </Popconfirm>
        )}
        {org.status === 'disabled' && (
          <Popconfirm
            title="启用机构"
            description={`确定重新启用“${org.name}”吗？`}
            okText="启用"
            cancelText="取消"
            onConfirm={() => toggle.mutate(true)}
          >
            <Button type={type} size={size} icon={link ? undefined : <CheckCircleOutlined />} loading={toggle.isPending}>
              启用
            </Button>
          </Popconfirm>
        )}
        {hasSuper && (
          <Popconfirm
            title="重置密码"
            description={
              <div style={{ maxWidth: 280 }}>确定重置“{org.name}”超级管理员的登录密码吗？将生成一个临时密码（只显示一次），对方登录后须修改。</div>
            }
            okText="重置"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => reset.mutate()}
          >
            <Button type={type} size={size} icon={link ? undefined : <KeyOutlined />} loading={reset.isPending}>
              重置密码
            </Button>
          </Popconfirm>
        )}
      </Space>
      <OneTimePasswordModal
        password={otp?.password ?? null}
        intro={
          <>
            已重置“{otp?.orgName}”超级管理员 <strong>{otp?.name}</strong> 的登录密码。
          </>
        }
        holder="对方"
        onClose={() => setOtp(null)}
      />
    </>
  );
}
