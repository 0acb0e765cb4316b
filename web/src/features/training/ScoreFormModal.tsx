/** 登记成绩: one learner by 证件号; a qualified learner's hours become a claim declared by this organisation. */
import { useState } from 'react';
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { scoreBody, type IdType } from '@hbzsgx/domain';
import { ApiError, errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { applyFieldErrors, zodRule } from '../../components/formErrors';
import { IdFields } from '../admins/IdFields';
import { scoresKey, trainingApi, type TrainingClass } from './api';
import { classNouns } from './nouns';

interface Values {
  idType: IdType;
  idNumber: string;
  score?: string;
  qualified: boolean;
}

export function ScoreFormModal({ cls, open, onClose }: { cls: TrainingClass; open: boolean; onClose: () => void }) {
  const me = useMe();
  const n = classNouns(me);
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) =>
      trainingApi.registerScore(cls.id, { idType: v.idType, idNumber: v.idNumber.trim(), score: (v.score ?? '').trim(), qualified: v.qualified }),
    onSuccess: (r) => {
      feedback.success(r.status === 'rejected' ? `已登记“${r.name}”的成绩（不合格，不申报学时）` : `已登记“${r.name}”的成绩，学时已提交人社部门审核`);
      if (r.flagged) feedback.warning(`“${r.name}”的申报被标记为重点审核：${r.flagReasons.join('；')}`);
      void qc.invalidateQueries({ queryKey: scoresKey(cls.id) });
      void qc.invalidateQueries({ queryKey: ['training', 'classes'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      setError(errorMessage(e));
    },
  });
  return (
    <Modal
      title={n.employer ? '登记参训人员' : '登记成绩'}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
      width={520}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`“${cls.name}”：合格的${n.learner}将按 ${cls.hours} 学时提交人社部门审核。`} />
      <Form
        form={form}
        name="scoreForm"
        layout="vertical"
        preserve={false}
        initialValues={{ idType: 'resident', qualified: true }}
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => error && setError(null)}
      >
        <IdFields />
        <Form.Item label="成绩" name="score" rules={[zodRule(scoreBody.shape.score)]} extra="可填分数或等级，如 92、优秀；可不填">
          <Input maxLength={20} placeholder="如：92" />
        </Form.Item>
        <Form.Item label="是否合格" name="qualified" rules={[{ required: true, message: '请选择是否合格' }]}>
          <Radio.Group
            options={[
              { value: true, label: '合格' },
              { value: false, label: '不合格' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
