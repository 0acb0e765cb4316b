/** 修改专业技术职务: the new values go to the person's organisation for review; the old ones stay in force until then. */
import { Alert, Form } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { feedback } from '../../app/feedback';
import { FormModal } from '../../components/FormModal';
import { MY_TITLE_CHANGES_KEY, changeApi } from '../change-review/api';
import { TitleFields } from '../registration/TitleFields';
import type { TitleBody } from '../registration/api';

export function TitleChangeModal({ open, initial, onClose }: { open: boolean; initial: Partial<TitleBody>; onClose: () => void }) {
  const [form] = Form.useForm<TitleBody>();
  const qc = useQueryClient();
  return (
    <FormModal
      title="修改专业技术职务"
      open={open}
      onClose={onClose}
      okText="提交审核"
      width={560}
      form={form}
      name="titleChange"
      initialValues={initial}
      intro={<Alert type="info" showIcon style={{ marginBottom: 16 }} title="提交后由所在单位审核，审核通过前仍按原信息计算。" />}
      submit={(v) =>
        changeApi.submitTitleChange({
          titleSeries: v.titleSeries,
          titleLevel: v.titleLevel,
          titleName: (v.titleName ?? '').trim(),
          titleDate: v.titleDate ?? '',
        })
      }
      onSuccess={() => {
        feedback.success('修改申请已提交，待所在单位审核通过后生效');
        void qc.invalidateQueries({ queryKey: MY_TITLE_CHANGES_KEY });
        onClose();
      }}
    >
      <TitleFields />
    </FormModal>
  );
}
