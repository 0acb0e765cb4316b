/** 修改专业技术职务: the new values go to the person's organisation for review; the old ones stay in force until then. */
import { useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { applyFieldErrors } from '../../components/formErrors';
import { MY_TITLE_CHANGES_KEY, changeApi } from '../change-review/api';
import { TitleFields } from '../registration/TitleFields';
import type { TitleBody } from '../registration/api';

export function TitleChangeModal({ open, initial, onClose }: { open: boolean; initial: Partial<TitleBody>; onClose: () => void }) {
  const [form] = Form.useForm<TitleBody>();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const submit = useMutation({
    mutationFn: (v: TitleBody) =>
      changeApi.submitTitleChange({
        titleSeries: v.titleSeries,
        titleLevel: v.titleLevel,
        titleName: (v.titleName ?? '').trim(),
        titleDate: v.titleDate ?? '',
      }),
    onSuccess: () => {
      feedback.success('修改申请已提交，待所在单位审核通过后生效');
      void qc.invalidateQueries({ queryKey: MY_TITLE_CHANGES_KEY });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      setError(errorMessage(e));
    },
  });
  return (
    <Modal
      title="修改专业技术职务"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="提交审核"
      cancelText="取消"
      confirmLoading={submit.isPending}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
      width={560}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="提交后由所在单位审核，审核通过前仍按原信息计算。" />
      <Form
        form={form}
        name="titleChange"
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={(v) => submit.mutate(v)}
        onValuesChange={() => error && setError(null)}
      >
        <TitleFields />
      </Form>
    </Modal>
  );
}
