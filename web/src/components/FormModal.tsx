/**
 * A dialog around one antd Form, written once for the platform's 新增 / 修改 / 提交 dialogs: the OK button submits
 * the form (spinning while the request runs); a failure keeps the dialog open with the server's message above the
 * form and its per-field messages under the fields (useFormSubmit); the form starts from `initialValues` at each
 * opening (destroyOnHidden, preserve={false}, and clearOnDestroy: without it a field unmounting falls back to the
 * previous opening's initialValues, which then outweigh the next opening's — 分配角色 reopened showed the roles it
 * had just taken away) unless the dialog keeps its content (`forceRender`) and fills it itself.
 */
import type { ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance, type ModalProps } from 'antd';
import { useFormSubmit, type FormSubmitOptions } from './useFormSubmit';

export interface FormModalProps<V, R> extends FormSubmitOptions<V, R> {
  open: boolean;
  title: ReactNode;
  /** the form's name: its fields' ids are `${name}_${field}` */
  name: string;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  /** what the dialog does with the values; a rejection keeps the dialog open with the message */
  submit: (values: V) => Promise<R>;
  onClose: () => void;
  okText?: string;
  width?: number;
  /** while the request runs the dialog cannot be closed (an upload with its progress bar) */
  lockWhilePending?: boolean;
  /** false: a click beside the dialog does not close it (a long form the user would lose) */
  maskClosable?: boolean;
  /** the dialog keeps its content when hidden; the caller fills the form on each opening */
  forceRender?: boolean;
  okButtonProps?: ModalProps['okButtonProps'];
  /** shown between the error and the form (what the dialog acts on, what happens next) */
  intro?: ReactNode;
  /** shown below the form */
  footnote?: ReactNode;
  children: ReactNode;
}

export function FormModal<V, R>({
  open,
  title,
  name,
  form,
  initialValues,
  submit: run,
  onClose,
  okText = '保存',
  width,
  lockWhilePending,
  maskClosable = true,
  forceRender,
  okButtonProps,
  intro,
  footnote,
  children,
  ...options
}: FormModalProps<V, R>) {
  const { submit, pending, error, clearError } = useFormSubmit(form, run, options);
  const locked = !!lockWhilePending && pending;
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      cancelText="取消"
      confirmLoading={pending}
      okButtonProps={okButtonProps}
      cancelButtonProps={{ disabled: locked }}
      closable={!locked}
      mask={{ closable: maskClosable && !locked }}
      forceRender={forceRender}
      destroyOnHidden={!forceRender}
      afterOpenChange={(o) => !o && clearError()}
      width={width}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {intro}
      <Form
        form={form}
        name={name}
        layout="vertical"
        preserve={!!forceRender}
        clearOnDestroy={!forceRender}
        initialValues={initialValues}
        onFinish={submit}
        onValuesChange={() => error && clearError()}
      >
        {children}
      </Form>
      {footnote}
    </Modal>
  );
}
