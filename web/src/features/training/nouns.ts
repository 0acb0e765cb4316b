import type { Me } from '../../app/types';

/** A base declares 培训班; an employer declares 单位培训计划 (same data, its own words). */
export function classNouns(me: Me) {
  const employer = me.org.type === 'employer';
  return {
    employer,
    /** 培训班 / 培训计划 */
    noun: employer ? '培训计划' : '培训班',
    /** 申报培训班 / 申报单位培训计划 */
    declare: employer ? '申报单位培训计划' : '申报培训班',
    nameLabel: employer ? '培训名称' : '培训班名称',
    /** 学员成绩 / 培训学时 */
    scores: employer ? '培训学时' : '学员成绩',
    learner: employer ? '参训人员' : '学员',
  };
}
