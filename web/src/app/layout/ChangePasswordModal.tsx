import { Modal } from 'antd';
import { feedback } from '../feedback';
import { ChangePasswordForm } from '../../features/auth/ChangePasswordForm';

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal title="修改密码" open={open} onCancel={onClose} footer={null} destroyOnHidden width={480}>
      <ChangePasswordForm
        onCancel={onClose}
        onDone={() => {
          feedback.success('密码修改成功，您在其他设备上的登录已失效');
          onClose();
        }}
      />
    </Modal>
  );
}
