import { api, download } from '../../app/api';
import type { Items, Page } from '../../app/types';
import type { Decision, DecisionResult, ReviewTab as Tab } from '../../components/ReviewQueue';
import type { TitleBody } from '../registration/api';

export type ChangeKind = 'title' | 'org-info' | 'reparent';
export const CHANGE_KINDS: ChangeKind[] = ['title', 'org-info', 'reparent'];

/** One field of a change request, old vs new (display values). */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}
export type RequestStatus = 'pending' | 'approved' | 'rejected';
export type SideDecision = 'approve' | 'reject' | null;

/** A change request as its submitter sees it (GET /api/me/title-change, GET /api/org/changes). */
export interface MyChange {
  id: number;
  kind: 'title' | 'org_info' | 'reparent';
  status: RequestStatus;
  rejectReason: string | null;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  reviewerDecision: SideDecision;
  secondDecision: SideDecision;
  changes: FieldChange[];
}
/** A change request in a reviewer's queue. */
export interface ChangeItem extends MyChange {
  orgName: string;
  personName: string | null;
  idNumberMasked: string | null;
  oldParentName: string | null;
  newParentName: string | null;
}

export const changeReviewKey = (kind: ChangeKind) => ['reviews', 'changes', kind] as const;
export const MY_TITLE_CHANGES_KEY = ['me', 'title-change'] as const;
export const ORG_CHANGES_KEY = ['org-info', 'changes'] as const;

export const changeApi = {
  list: (kind: ChangeKind, q: { tab: Tab; keyword?: string; page: number; pageSize: number }) =>
    api.get<Page<ChangeItem>>(`/api/reviews/changes/${kind}`, q),
  exportXlsx: (kind: ChangeKind, f: { tab: Tab; keyword?: string }, title: string) =>
    download(`/api/reviews/changes/${kind}/export`, f, `${title}.xlsx`),
  decide: (kind: ChangeKind, body: Decision) =>
    api.post<DecisionResult>(`/api/reviews/changes/${kind}/decide`, { ...body, reason: body.reason ?? '' }),
  myTitleChanges: () => api.get<Items<MyChange>>('/api/me/title-change').then((d) => d.items),
  submitTitleChange: (body: TitleBody) => api.post<{ id: number }>('/api/me/title-change', body),
  orgChanges: () => api.get<Items<MyChange>>('/api/org/changes').then((d) => d.items),
  reparent: (body: { newParentId: number; reason: string }) => api.post<{ id: number }>('/api/org/reparent', body),
};
