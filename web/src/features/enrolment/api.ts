import type { cataloguePage, catalogueClass, catalogueOptions, enrolResult, myEnrolment, myEnrolmentPage, Wire } from '@hbzsgx/domain';
import type { EnrolmentStatus, LearningForm, SubjectType } from '@hbzsgx/domain';
import { api } from '../../app/api';

export type CatalogueClass = Wire<typeof catalogueClass>;
export type MyEnrolment = Wire<typeof myEnrolment>;

/** 培训报名's filters (the catalogue's query). */
export interface CatalogueFilters {
  year?: number;
  subjectType?: SubjectType;
  learningForm?: LearningForm;
  baseId?: number;
  cityId?: number;
  series?: string;
  keyword?: string;
  /** 'true': only classes not started yet. */
  upcoming: 'true' | 'false';
}

export const ENROLMENT_KEY = ['enrolment'] as const;

export const enrolmentApi = {
  catalogue: (q: CatalogueFilters & { page: number; pageSize: number }) => api.get<Wire<typeof cataloguePage>>('/api/me/classes', q),
  options: (year?: number) => api.get<Wire<typeof catalogueOptions>>('/api/me/classes/options', { year }),
  enrol: (classId: number) => api.post<Wire<typeof enrolResult>>(`/api/me/classes/${classId}/enrol`),
  mine: (q: { status?: EnrolmentStatus; page: number; pageSize: number }) => api.get<Wire<typeof myEnrolmentPage>>('/api/me/enrolments', q),
  cancel: (enrolmentId: number) => api.post<{ ok: true }>(`/api/me/enrolments/${enrolmentId}/cancel`),
};
