import type { declaredClaim, LearningForm, myClaim, myHours, SubjectType, Wire, withdrawnClaim } from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import { uploadForm } from '../../components/upload';

export type MyClaim = Wire<typeof myClaim>;
/** GET /api/me/hours: the year judged against its policy, and every claim of the year. */
export type MyHours = Wire<typeof myHours>;

export interface DeclareFields {
  year: number;
  title: string;
  subjectType: SubjectType;
  learningForm: LearningForm;
  units: number;
  /** 学习起止日期, YYYY-MM-DD. */
  activityStart: string;
  activityEnd: string;
}
/** POST /api/me/claims: the stored declaration with the hours recognised and why (认定依据). */
export type DeclaredClaim = Wire<typeof declaredClaim>;

export const myHoursKey = (year: number) => ['me', 'hours', year] as const;

export const myHoursApi = {
  get: (year: number) => api.get<MyHours>('/api/me/hours', { year }),
  exportXlsx: (year: number) => download('/api/me/hours/export', { year }, `${year}年度学时明细.xlsx`),
  declare: (fields: DeclareFields, file: File, onProgress: (p: number) => void) =>
    uploadForm<DeclaredClaim>('/api/me/claims', { ...fields }, file, onProgress),
  /** 撤回: the own declaration while nobody has decided it (409 once decided). */
  withdraw: (id: number) => api.post<Wire<typeof withdrawnClaim>>(`/api/me/claims/${id}/withdraw`),
};
