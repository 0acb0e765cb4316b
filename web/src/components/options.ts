/** Select options from the domain's code → label dictionaries: one list per dictionary, the same on every page. */
import { LEARNING_FORMS, SUBJECT_TYPES } from '@hbzsgx/domain';

export const optionsOf = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

/** 科目类型 (公需科目/专业科目). */
export const SUBJECT_OPTIONS = optionsOf(SUBJECT_TYPES);
/** 学习形式. */
export const FORM_OPTIONS = optionsOf(LEARNING_FORMS);
