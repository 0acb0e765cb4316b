import type { z } from 'zod';
import type {
  annualDocPage,
  scoreList,
  trainingClassPage,
  scoreBody,
  scoreCorrectionBody,
  annualDoc,
  scoreImportResult,
  scoreResult,
  scoreRow,
  trainingClass,
  rosterPage,
  rosterRow,
  rosterScoreBody,
  rosterScoreResult,
  Wire,
} from '@hbzsgx/domain';
import type { Decision, DecisionResult } from '../../components/ReviewQueue';
import type { ClassBody } from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import { uploadForm } from '../../components/upload';

import type { ClassStatus, EnrolmentStatus, SubjectType } from '@hbzsgx/domain';
export type { ClassStatus };

/** A training class (培训班) of a base, or a unit training plan (单位培训计划) of an employer. */
export type TrainingClass = Wire<typeof trainingClass>;

export type ScoreRow = Wire<typeof scoreRow>;

export type ScoreBody = z.output<typeof scoreBody>;
export type RosterRow = Wire<typeof rosterRow>;
export type RosterScoreBody = z.input<typeof rosterScoreBody>;
export const rosterKey = (classId: number) => ['training', 'roster', classId] as const;
export type ScoreCorrection = z.output<typeof scoreCorrectionBody>;
/** 工作台's learner cards open 培训班管理 filtered by the learners' claim state. */
export type LearnerStatus = 'pending' | 'approved' | 'rejected';
export const LEARNER_STATUSES: Record<LearnerStatus, string> = { pending: '有待审核学员', approved: '有已通过学员', rejected: '有已驳回学员' };
export type ScoreResult = Wire<typeof scoreResult>;

export type ImportResult = Wire<typeof scoreImportResult>;

export type DocKind = 'plan' | 'summary';
export const DOC_KINDS: Record<DocKind, string> = { plan: '年度培训计划', summary: '年度工作总结' };

export type AnnualDoc = Wire<typeof annualDoc>;

export type Tab = 'pending' | 'done';

/** 培训班管理's filters (also what the 工作台 cards link to). */
export interface ClassFilters {
  year?: number;
  keyword?: string;
  status?: ClassStatus;
  learnerStatus?: LearnerStatus;
}

export const CLASSES_KEY = ['training', 'classes'] as const;
export const scoresKey = (classId: number) => ['training', 'scores', classId] as const;
export const ANNUAL_DOCS_KEY = ['training', 'annual-docs'] as const;
export const CLASS_REVIEW_KEY = ['reviews', 'classes'] as const;
export const ANNUAL_REVIEW_KEY = ['reviews', 'annual-docs'] as const;

/** 审核培训计划申报 / 单位培训计划审核 filters: 培训年度, 名称, and (unit plans) 学习科目 and 所在单位. */
export interface ClassReviewFilters {
  year?: number;
  keyword?: string;
  subjectType?: SubjectType;
  orgName?: string;
}

export const trainingApi = {
  classes: (q: ClassFilters & { page: number; pageSize: number }) => api.get<Wire<typeof trainingClassPage>>('/api/classes', q),
  exportClasses: (f: ClassFilters, title: string) => download('/api/classes/export', f, `${title}.xlsx`),
  /** 学员成绩's class picker: approved classes by name, a page at a time (or the selected one by id). */
  scorableClasses: (q: { keyword?: string; id?: number; page: number; pageSize: number }) =>
    api.get<Wire<typeof trainingClassPage>>('/api/classes/scorable', q),
  deleteClass: (id: number) => api.del<{ ok: true }>(`/api/classes/${id}`),
  createClass: (body: ClassBody) => api.post<TrainingClass>('/api/classes', body),
  updateClass: (id: number, body: ClassBody) => api.put<TrainingClass>(`/api/classes/${id}`, body),
  withdrawClass: (id: number) => api.post<{ ok: true }>(`/api/classes/${id}/withdraw`),

  scores: (classId: number) => api.get<Wire<typeof scoreList>>(`/api/classes/${classId}/scores`),
  exportScores: (classId: number, title: string) => download(`/api/classes/${classId}/scores/export`, undefined, `${title}.xlsx`),
  registerScore: (classId: number, body: ScoreBody) => api.post<ScoreResult>(`/api/classes/${classId}/scores`, body),
  correctScore: (classId: number, claimId: number, body: ScoreCorrection) => api.put<ScoreResult>(`/api/classes/${classId}/scores/${claimId}`, body),
  revokeScore: (classId: number, claimId: number) => api.del<{ ok: true }>(`/api/classes/${classId}/scores/${claimId}`),
  template: () => download('/api/classes/scores/template', undefined, '学员成绩导入模板.xlsx'),
  importScores: (classId: number, file: File, onProgress: (p: number) => void) =>
    uploadForm<ImportResult>(`/api/classes/${classId}/scores/import`, {}, file, onProgress),
  failedFile: (fileId: number) => download(`/api/imports/${fileId}/failed`, undefined, '学员成绩导入失败数据.xlsx'),

  /** 报名名单 of a class (培训报名), its export, and 登记成绩 / 全部登记 from it. */
  roster: (classId: number, q: { status?: EnrolmentStatus; page: number; pageSize: number }) =>
    api.get<Wire<typeof rosterPage>>(`/api/classes/${classId}/roster`, q),
  exportRoster: (classId: number, title: string) => download(`/api/classes/${classId}/roster/export`, undefined, `${title}.xlsx`),
  rosterScores: (classId: number, body: RosterScoreBody) => api.post<Wire<typeof rosterScoreResult>>(`/api/classes/${classId}/roster/scores`, body),

  annualDocs: (q: { kind: DocKind; page: number; pageSize: number }) => api.get<Wire<typeof annualDocPage>>('/api/annual-docs', q),
  exportAnnualDocs: (kind: DocKind) => download('/api/annual-docs/export', { kind }, `${DOC_KINDS[kind]}.xlsx`),
  uploadAnnualDoc: (fields: { kind: DocKind; year: number; description: string }, file: File, onProgress: (p: number) => void) =>
    uploadForm<AnnualDoc>('/api/annual-docs', fields, file, onProgress),
  docFile: (d: { id: number; fileName: string }) => download(`/api/annual-docs/${d.id}/file`, undefined, d.fileName),

  reviewClasses: (q: ClassReviewFilters & { tab: Tab; orgType: 'base' | 'employer'; page: number; pageSize: number }) =>
    api.get<Wire<typeof trainingClassPage>>('/api/reviews/classes', q),
  exportReviewClasses: (f: ClassReviewFilters & { tab: Tab; orgType: 'base' | 'employer' }, title: string) =>
    download('/api/reviews/classes/export', f, `${title}.xlsx`),
  decideClasses: (body: Decision) => api.post<DecisionResult>('/api/reviews/classes/decide', { ...body, reason: body.reason ?? '' }),

  reviewDocs: (kind: DocKind, q: { tab: Tab; year?: number; page: number; pageSize: number }) =>
    api.get<Wire<typeof annualDocPage>>(`/api/reviews/annual-docs/${kind}`, q),
  exportReviewDocs: (kind: DocKind, f: { tab: Tab; year?: number }) =>
    download(`/api/reviews/annual-docs/${kind}/export`, f, `审核继教机构${DOC_KINDS[kind]}.xlsx`),
  decideDocs: (kind: DocKind, body: Decision) =>
    api.post<DecisionResult>(`/api/reviews/annual-docs/${kind}/decide`, { ...body, reason: body.reason ?? '' }),
};

/** "1.2 MB" */
export function fileSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
