/** Asks for a reason (驳回原因, 拒绝原因) before a negative decision; stays open and shows the error if it fails. */
import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { errorMessage } from '../app/api';

export function ReasonModal({
  open,
  title,
  label = '驳回原因',
  okText = '确认驳回',
  description,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: React.ReactNode;
  label?: string;
  okText?: string;
  description?: React.ReactNode;
  /** Resolves when done; a rejection keeps the modal open with the message. */
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    setBusy(true);
    try {
      await onSubmit(reason.trim());
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {description && <div style={{ marginBottom: 16 }}>{description}</div>}
      <Form form={form} name="reason" layout="vertical" preserve={false} onFinish={submit}>
        <Form.Item
          label={label}
          name="reason"
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            { max: 200, message: '不能超过200个字符' },
          ]}
        >
          <Input.TextArea placeholder={`请填写${label}，将告知申请人`} maxLength={200} showCount autoSize={{ minRows: 3, maxRows: 6 }} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
