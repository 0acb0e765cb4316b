/** The two-line columns every list of 培训班 shows: 科目/形式 and 培训时间 (start over end), never wrapped. */
import type { TableColumnType } from 'antd';
import { LEARNING_FORMS, SUBJECT_TYPES, type LearningForm, type SubjectType } from '@hbzsgx/domain';

const twoLines = { whiteSpace: 'nowrap', fontSize: 13, lineHeight: '20px' } as const;

export function subjectFormColumn<T extends { subjectType: SubjectType; learningForm: LearningForm }>(): TableColumnType<T> {
  return {
    title: '科目/形式',
    key: 'kind',
    width: 96,
    render: (_, c) => (
      <div style={twoLines}>
        {SUBJECT_TYPES[c.subjectType]}
        <br />
        {LEARNING_FORMS[c.learningForm]}
      </div>
    ),
  };
}

export function classDatesColumn<T extends { startDate: string; endDate: string }>(): TableColumnType<T> {
  return {
    title: '培训时间',
    key: 'dates',
    width: 112,
    render: (_, c) => (
      <div style={twoLines}>
        {c.startDate}
        <br />
        {c.endDate}
      </div>
    ),
  };
}
