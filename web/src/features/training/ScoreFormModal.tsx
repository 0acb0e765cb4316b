/**
 * 登记成绩: one learner by 证件号 — or, opened from 报名名单 with `learners`, the enrolled learner(s) given (one: 登记成绩
 * prefilled; several: 全部登记 with one 成绩/是否合格 for all); a qualified learner's hours become a claim declared by
 * this organisation, the same registration either way.
 */
import { Alert, Descriptions, Form, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { type IdType } from '@hbzsgx/domain';
import { feedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { IdFields } from '../admins/IdFields';
import { rosterKey, scoresKey, trainingApi, type RosterRow, type TrainingClass } from './api';
import { classNouns } from './nouns';
import { ScoreFields } from './ScoreFields';

interface Values {
  idType: IdType;
  idNumber: string;
  score?: string;
  qualified: boolean;
}

/** The roster's batch limit (rosterScoreBody): a longer roster is sent in parts. */
const ROSTER_BATCH = 500;

export function ScoreFormModal({ cls, open, onClose, learners }: { cls: TrainingClass; open: boolean; onClose: () => void; learners?: RosterRow[] }) {
  const me = useMe();
  const n = classNouns(me);
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();

  /** 全部登记 / the prefilled learner: the roster's registration, in parts of ROSTER_BATCH */
  const registerRoster = async (v: Values, roster: RosterRow[]) => {
    const ids = roster.map((l) => l.personnelId);
    const total = { done: 0, skipped: 0, flagged: 0 };
    for (let i = 0; i < ids.length; i += ROSTER_BATCH) {
      const r = await trainingApi.rosterScores(cls.id, {
        personnelIds: ids.slice(i, i + ROSTER_BATCH),
        score: (v.score ?? '').trim(),
        qualified: v.qualified,
      });
      total.done += r.done;
      total.skipped += r.skipped;
      total.flagged += r.flagged;
    }
    feedback.success(`已为 ${total.done} 名${n.learner}登记成绩${total.skipped ? `，${total.skipped} 名已登记过（未重复登记）` : ''}`);
    if (total.flagged) feedback.warning(`${total.flagged} 条申报被标记为重点审核`);
    void qc.invalidateQueries({ queryKey: rosterKey(cls.id) });
  };
  /** one learner by 证件号 */
  const registerOne = async (v: Values) => {
    const r = await trainingApi.registerScore(cls.id, {
      idType: v.idType,
      idNumber: v.idNumber.trim(),
      score: (v.score ?? '').trim(),
      qualified: v.qualified,
    });
    feedback.success(r.status === 'rejected' ? `已登记“${r.name}”的成绩（不合格，不申报学时）` : `已登记“${r.name}”的成绩，学时已提交人社部门审核`);
    if (r.flagged) feedback.warning(`“${r.name}”的申报被标记为重点审核：${r.flagReasons.join('；')}`);
  };

  return (
    <FormModal
      title={learners && learners.length > 1 ? `全部登记（${learners.length} 名${n.learner}）` : n.employer ? '登记参训人员' : '登记成绩'}
      open={open}
      onClose={onClose}
      okText="登记"
      width={520}
      form={form}
      name="scoreForm"
      initialValues={{ idType: 'resident', qualified: true }}
      submit={(v) => (learners ? registerRoster(v, learners) : registerOne(v))}
      onSuccess={() => {
        void qc.invalidateQueries({ queryKey: scoresKey(cls.id) });
        void qc.invalidateQueries({ queryKey: ['training', 'classes'] });
        onClose();
      }}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`“${cls.name}”：合格的${n.learner}将按 ${cls.hours} 学时提交人社部门审核。`}
        />
      }
    >
      {!learners ? (
        <IdFields />
      ) : learners.length === 1 ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'name', label: '姓名', children: learners[0]!.name },
            { key: 'id', label: '证件号', children: <span className="mono">{learners[0]!.idNumberMasked}</span> },
            { key: 'org', label: '所在单位', children: learners[0]!.orgName },
          ]}
        />
      ) : (
        <Form.Item label={`${n.learner}（报名名单中尚未登记成绩的 ${learners.length} 人）`}>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: learners.map((l) => l.name).join('、') }} style={{ marginBottom: 0 }}>
            {learners.map((l) => l.name).join('、')}
          </Typography.Paragraph>
        </Form.Item>
      )}
      <ScoreFields />
    </FormModal>
  );
}
