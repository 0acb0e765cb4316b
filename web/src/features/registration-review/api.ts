import type { ReviewKind } from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import type { Page } from '../../app/types';

export type Tab = 'pending' | 'done';
export interface Decision {
  ids: number[];
  decision: 'approve' | 'reject';
  reason?: string;
}
export interface DecisionResult {
  done: number;
  skipped: number;
}

interface QueueBase {
  id: number;
  status: string;
  rejectReason: string | null;
  createdAt: string;
  reviewedAt: string | null;
  reviewerName: string | null;
}
export interface OrgQueueItem extends QueueBase {
  name: string;
  creditCode: string;
  type: string;
  typeName: string;
  hrLevel: string | null;
  divisionName: string;
  parentName: string | null;
  contactName: string;
  contactPhone: string;
  address: string;
}
export interface PersonnelQueueItem extends QueueBase {
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  orgName: string;
  departmentName: string | null;
  titleSeries: string | null;
  titleLevel: string | null;
  titleSeriesName: string;
  titleLevelName: string;
}
export type QueueItem = OrgQueueItem | PersonnelQueueItem;

export interface OrgDetail {
  id: number;
  type: string;
  typeName: string;
  hrLevel: string | null;
  name: string;
  creditCode: string;
  divisionCode: string;
  divisionName: string;
  parentId: number | null;
  parentName: string | null;
  contactName: string;
  contactPhone: string;
  address: string;
  status: string;
  rejectReason: string | null;
  createdAt: string;
  reviewedAt: string | null;
}
export interface PersonnelDetail {
  id: number;
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  email: string | null;
  gender: string | null;
  birthDate: string | null;
  orgName: string;
  departmentName: string | null;
  titleSeriesName: string;
  titleLevelName: string;
  titleName: string | null;
  titleDate: string | null;
  education: string | null;
  status: string;
  rejectReason: string | null;
  createdAt: string;
  reviewedAt: string | null;
}

export interface RegistrationIdentity {
  contactPhone: string | null;
  registrant: { name: string; idType: string; idNumber: string; phone: string } | null;
}

export const regReviewKey = (kind: ReviewKind) => ['reviews', 'registrations', kind] as const;

export const regReviewApi = {
  list: (kind: ReviewKind, q: { tab: Tab; keyword?: string; page: number; pageSize: number }) =>
    api.get<Page<QueueItem>>(`/api/reviews/registrations/${kind}`, q),
  exportXlsx: (kind: ReviewKind, f: { tab: Tab; keyword?: string }, title: string) =>
    download(`/api/reviews/registrations/${kind}/export`, f, `${title}.xlsx`),
  detail: (kind: ReviewKind, id: number) => api.get<OrgDetail | PersonnelDetail>(`/api/reviews/registrations/${kind}/${id}`),
  /** The full 联系电话 and the registrant's 证件号/手机号 (pii.view; every view is audited). */
  identity: (kind: ReviewKind, id: number) => api.get<RegistrationIdentity>(`/api/reviews/registrations/${kind}/${id}/identity`),
  decide: (kind: ReviewKind, body: Decision) =>
    api.post<DecisionResult>(`/api/reviews/registrations/${kind}/decide`, { ...body, reason: body.reason ?? '' }),
};
