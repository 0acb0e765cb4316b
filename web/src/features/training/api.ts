import type { z } from 'zod';
import type {
  annualDocPage,
  scoreList,
  trainingClassPage,
  scoreBody,
  annualDoc,
  scoreImportResult,
  scoreResult,
  scoreRow,
  trainingClass,
  Wire,
} from '@hbzsgx/domain';
import type { Decision, DecisionResult } from '../../components/ReviewQueue';
import type { ClassBody } from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import { uploadForm } from '../../components/upload';

import type { ClassStatus } from '@hbzsgx/domain';
export type { ClassStatus };

/** A training class (培训班) of a base, or a unit training plan (单位培训计划) of an employer. */
export type TrainingClass = Wire<typeof trainingClass>;

export type ScoreRow = Wire<typeof scoreRow>;

export type ScoreBody = z.output<typeof scoreBody>;
export type ScoreResult = Wire<typeof scoreResult>;

export type ImportResult = Wire<typeof scoreImportResult>;

export type DocKind = 'plan' | 'summary';
export const DOC_KINDS: Record<DocKind, string> = { plan: '年度培训计划', summary: '年度工作总结' };

export type AnnualDoc = Wire<typeof annualDoc>;

export type Tab = 'pending' | 'done';

export const CLASSES_KEY = ['training', 'classes'] as const;
export const scoresKey = (classId: number) => ['training', 'scores', classId] as const;
export const ANNUAL_DOCS_KEY = ['training', 'annual-docs'] as const;
export const CLASS_REVIEW_KEY = ['reviews', 'classes'] as const;
export const ANNUAL_REVIEW_KEY = ['reviews', 'annual-docs'] as const;

export const trainingApi = {
  classes: (q: { year?: number; keyword?: string; page: number; pageSize: number }) => api.get<Wire<typeof trainingClassPage>>('/api/classes', q),
  exportClasses: (f: { year?: number; keyword?: string }, title: string) => download('/api/classes/export', f, `${title}.xlsx`),
  createClass: (body: ClassBody) => api.post<TrainingClass>('/api/classes', body),
  updateClass: (id: number, body: ClassBody) => api.put<TrainingClass>(`/api/classes/${id}`, body),
  withdrawClass: (id: number) => api.post<{ ok: true }>(`/api/classes/${id}/withdraw`),

  scores: (classId: number) => api.get<Wire<typeof scoreList>>(`/api/classes/${classId}/scores`),
  exportScores: (classId: number, title: string) => download(`/api/classes/${classId}/scores/export`, undefined, `${title}.xlsx`),
  registerScore: (classId: number, body: ScoreBody) => api.post<ScoreResult>(`/api/classes/${classId}/scores`, body),
  template: () => download('/api/classes/scores/template', undefined, '学员成绩导入模板.xlsx'),
  importScores: (classId: number, file: File, onProgress: (p: number) => void) =>
    uploadForm<ImportResult>(`/api/classes/${classId}/scores/import`, {}, file, onProgress),
  failedFile: (fileId: number) => download(`/api/imports/${fileId}/failed`, undefined, '学员成绩导入失败数据.xlsx'),

  annualDocs: (q: { kind: DocKind; page: number; pageSize: number }) => api.get<Wire<typeof annualDocPage>>('/api/annual-docs', q),
  exportAnnualDocs: (kind: DocKind) => download('/api/annual-docs/export', { kind }, `${DOC_KINDS[kind]}.xlsx`),
  uploadAnnualDoc: (fields: { kind: DocKind; year: number; description: string }, file: File, onProgress: (p: number) => void) =>
    uploadForm<AnnualDoc>('/api/annual-docs', fields, file, onProgress),
  docFile: (d: { id: number; fileName: string }) => download(`/api/annual-docs/${d.id}/file`, undefined, d.fileName),

  reviewClasses: (q: { tab: Tab; orgType: 'base' | 'employer'; year?: number; keyword?: string; page: number; pageSize: number }) =>
    api.get<Wire<typeof trainingClassPage>>('/api/reviews/classes', q),
  exportReviewClasses: (f: { tab: Tab; orgType: 'base' | 'employer'; year?: number; keyword?: string }, title: string) =>
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
