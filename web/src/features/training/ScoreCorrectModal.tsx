/** 修改 a learner's 成绩 / 是否合格 while HR has not decided it (the claim is declared again with the new values). */
import { useState } from 'react';
import { Alert, Descriptions, Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { scoreCorrectionBody } from '@hbzsgx/domain';
import { ApiError, errorMessage } from '../../app/api';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { applyFieldErrors, zodRule } from '../../components/formErrors';
import { CLASSES_KEY, scoresKey, trainingApi, type ScoreRow, type TrainingClass } from './api';
import { classNouns } from './nouns';

interface Values {
  score?: string;
  qualified: boolean;
}

export function ScoreCorrectModal({ cls, row, onClose }: { cls: TrainingClass; row: ScoreRow | null; onClose: () => void }) {
  const n = classNouns(useMe());
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: Values) => trainingApi.correctScore(cls.id, row!.claimId, { score: (v.score ?? '').trim(), qualified: v.qualified }),
    onSuccess: (r) => {
      feedback.success(
        r.status === 'rejected' ? `已修改“${r.name}”的成绩（不合格，不申报学时）` : `已修改“${r.name}”的成绩，学时已重新提交人社部门审核`,
      );
      if (r.flagged) feedback.warning(`“${r.name}”的申报被标记为重点审核：${r.flagReasons.join('；')}`);
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError) applyFieldErrors(form, e);
      setError(errorMessage(e));
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: scoresKey(cls.id) });
      void qc.invalidateQueries({ queryKey: CLASSES_KEY });
    },
  });
  return (
    <Modal
      title={`修改${n.learner}成绩`}
      open={!!row}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(o) => !o && setError(null)}
      width={520}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {row && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'name', label: '姓名', children: row.name },
            { key: 'id', label: '证件号', children: <span className="mono">{row.idNumberMasked}</span> },
            { key: 'org', label: '所在单位', children: row.orgName },
          ]}
        />
      )}
      <Form
        form={form}
        name="scoreCorrectForm"
        layout="vertical"
        preserve={false}
        initialValues={row ? { score: row.score ?? '', qualified: row.qualified } : undefined}
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => error && setError(null)}
      >
        <Form.Item label="成绩" name="score" rules={[zodRule(scoreCorrectionBody.shape.score)]} extra="可填分数或等级，如 92、优秀；可不填">
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
      <Alert type="info" showIcon title={`人社部门审核前可修改；合格的${n.learner}将按 ${cls.hours} 学时重新提交审核。`} />
    </Modal>
  );
}
