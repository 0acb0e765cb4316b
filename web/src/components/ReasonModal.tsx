/** Asks for a reason (驳回原因, 拒绝原因) before a negative decision; stays open and shows the error if it fails. */
import { Form, Input } from 'antd';
import { FormModal } from './FormModal';

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
  return (
    <FormModal
      title={title}
      open={open}
      onClose={onClose}
      okText={okText}
      okButtonProps={{ danger: true }}
      form={form}
      name="reason"
      submit={({ reason }) => onSubmit(reason.trim())}
      onSuccess={onClose}
      intro={description && <div style={{ marginBottom: 16 }}>{description}</div>}
    >
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
    </FormModal>
  );
}
