/** The one-time password of a reset, shown once: copyable, with the warning that it cannot be shown again. */
import type { ReactNode } from 'react';
import { Alert, Button, Modal, Typography } from 'antd';

export function OneTimePasswordModal({
  password,
  intro,
  holder,
  onClose,
}: {
  /** null: closed. */
  password: string | null;
  /** Whose password was reset, e.g. 已重置专业技术人员 <b>张三</b> 的登录密码。 */
  intro: ReactNode;
  /** How the warning names the account holder: 本人 / 对方. */
  holder: string;
  onClose: () => void;
}) {
  return (
    <Modal
      title="密码已重置"
      open={password !== null}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下，关闭
        </Button>
      }
    >
      {password !== null && (
        <>
          <Typography.Paragraph>{intro}新的临时密码为：</Typography.Paragraph>
          <div className="otp-box">
            <Typography.Text className="mono otp-value" copyable={{ text: password, tooltips: ['复制密码', '已复制'] }}>
              {password}
            </Typography.Text>
          </div>
          <Alert
            type="warning"
            showIcon
            title="该密码只显示这一次"
            description={`关闭后无法再次查看。请通过安全渠道告知${holder}；${holder}使用临时密码登录后须立即修改密码，${holder === '本人' ? '其' : ''}原有登录会话已全部失效。`}
          />
        </>
      )}
    </Modal>
  );
}
