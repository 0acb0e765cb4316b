/** 修改 a learner's 成绩 / 是否合格 while HR has not decided it (the claim is declared again with the new values). */
import { Alert, Descriptions, Form } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { CLASSES_KEY, scoresKey, trainingApi, type ScoreRow, type TrainingClass } from './api';
import { classNouns } from './nouns';
import { ScoreFields } from './ScoreFields';

interface Values {
  score?: string;
  qualified: boolean;
}

export function ScoreCorrectModal({ cls, row, onClose }: { cls: TrainingClass; row: ScoreRow | null; onClose: () => void }) {
  const n = classNouns(useMe());
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  return (
    <FormModal
      title={`修改${n.learner}成绩`}
      open={!!row}
      onClose={onClose}
      width={520}
      form={form}
      name="scoreCorrectForm"
      initialValues={row ? { score: row.score ?? '', qualified: row.qualified } : undefined}
      submit={(v) => trainingApi.correctScore(cls.id, row!.claimId, { score: (v.score ?? '').trim(), qualified: v.qualified })}
      onSuccess={(r) => {
        feedback.success(
          r.status === 'rejected' ? `已修改“${r.name}”的成绩（不合格，不申报学时）` : `已修改“${r.name}”的成绩，学时已重新提交人社部门审核`,
        );
        if (r.flagged) feedback.warning(`“${r.name}”的申报被标记为重点审核：${r.flagReasons.join('；')}`);
        onClose();
      }}
      onSettled={() => {
        void qc.invalidateQueries({ queryKey: scoresKey(cls.id) });
        void qc.invalidateQueries({ queryKey: CLASSES_KEY });
      }}
      intro={
        row && (
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
        )
      }
      footnote={<Alert type="info" showIcon title={`人社部门审核前可修改；合格的${n.learner}将按 ${cls.hours} 学时重新提交审核。`} />}
    >
      <ScoreFields />
    </FormModal>
  );
}
