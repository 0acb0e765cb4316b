import type {
  decisionResult,
  orgRegistrationDetail,
  orgRegistrationRow,
  personnelRegistrationDetail,
  personnelRegistrationRow,
  registrationDetail,
  registrationIdentity,
  registrationRow,
  ReviewKind,
  Wire,
} from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import type { Decision, ReviewTab } from '../../components/ReviewQueue';

export type OrgQueueItem = Wire<typeof orgRegistrationRow>;
export type PersonnelQueueItem = Wire<typeof personnelRegistrationRow>;
export type QueueItem = Wire<typeof registrationRow>;
export type OrgDetail = Wire<typeof orgRegistrationDetail>;
export type PersonnelDetail = Wire<typeof personnelRegistrationDetail>;
export type RegistrationIdentity = Wire<typeof registrationIdentity>;

export const regReviewKey = (kind: ReviewKind) => ['reviews', 'registrations', kind] as const;

export const regReviewApi = {
  list: (kind: ReviewKind, q: { tab: ReviewTab; keyword?: string; page: number; pageSize: number }) =>
    api.get<{ total: number; items: QueueItem[] }>(`/api/reviews/registrations/${kind}`, q),
  exportXlsx: (kind: ReviewKind, f: { tab: ReviewTab; keyword?: string }, title: string) =>
    download(`/api/reviews/registrations/${kind}/export`, f, `${title}.xlsx`),
  detail: (kind: ReviewKind, id: number) => api.get<Wire<typeof registrationDetail>>(`/api/reviews/registrations/${kind}/${id}`),
  /** The full 联系电话 and the registrant's 证件号/手机号 (pii.view; every view is audited). */
  identity: (kind: ReviewKind, id: number) => api.get<RegistrationIdentity>(`/api/reviews/registrations/${kind}/${id}/identity`),
  decide: (kind: ReviewKind, body: Decision) =>
    api.post<Wire<typeof decisionResult>>(`/api/reviews/registrations/${kind}/decide`, { ...body, reason: body.reason ?? '' }),
};
export type { Decision } from '../../components/ReviewQueue';
