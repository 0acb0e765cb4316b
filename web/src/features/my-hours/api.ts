import type { HourPolicy, LearningForm, SubjectType } from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import { uploadForm } from '../../components/upload';

export interface MyClaim {
  id: number;
  title: string;
  hours: number;
  score: string | null;
  status: string;
  statusName: string;
  subjectTypeName: string;
  learningFormName: string;
  rejectReason: string | null;
  revokeReason: string | null;
  /** Why 学时审核 deleted it (status deleted; shown like 审验不通过原因). */
  deleteReason: string | null;
  basis: string | null;
  hasEvidence: boolean;
  createdAt: string;
}

/** GET /api/me/hours: the year judged against its policy, and every claim of the year. */
export interface MyHours {
  policy: HourPolicy;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  completed: boolean;
  missing: { total: number; public: number; professional: number };
  claims: MyClaim[];
}

export interface DeclareFields {
  year: number;
  title: string;
  subjectType: SubjectType;
  learningForm: LearningForm;
  units: number;
}
export interface DeclaredClaim {
  id: number;
  year: number;
  title: string;
  hours: number;
  basis: string;
  status: string;
}

export const myHoursKey = (year: number) => ['me', 'hours', year] as const;

export const myHoursApi = {
  get: (year: number) => api.get<MyHours>('/api/me/hours', { year }),
  exportXlsx: (year: number) => download('/api/me/hours/export', { year }, `${year}年度学时明细.xlsx`),
  declare: (fields: DeclareFields, file: File, onProgress: (p: number) => void) =>
    uploadForm<DeclaredClaim>('/api/me/claims', { ...fields }, file, onProgress),
};
