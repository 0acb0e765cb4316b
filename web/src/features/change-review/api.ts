import {
  CHANGE_QUEUES,
  type changePage,
  type changeRow,
  type ChangeQueue,
  type decisionResult,
  type fieldChange,
  type idResponse,
  type myChange,
  type myChanges,
  type ReviewDecision,
  type Wire,
} from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import type { Decision, ReviewTab as Tab } from '../../components/ReviewQueue';
import type { TitleBody } from '../registration/api';

/** The queue in the URL (/account/changes/:kind): title, org-info, reparent. */
export type ChangeKind = ChangeQueue;
export const CHANGE_KINDS: readonly ChangeKind[] = CHANGE_QUEUES;

/** One field of a change request, old vs new (display values). */
export type FieldChange = Wire<typeof fieldChange>;
export type SideDecision = ReviewDecision | null;
/** A change request as its submitter sees it (GET /api/me/title-change, GET /api/org/changes). */
export type MyChange = Wire<typeof myChange>;
/** A change request in a reviewer's queue. */
export type ChangeItem = Wire<typeof changeRow>;

export const changeReviewKey = (kind: ChangeKind) => ['reviews', 'changes', kind] as const;
export const MY_TITLE_CHANGES_KEY = ['me', 'title-change'] as const;
export const ORG_CHANGES_KEY = ['org-info', 'changes'] as const;

export const changeApi = {
  list: (kind: ChangeKind, q: { tab: Tab; keyword?: string; page: number; pageSize: number }) =>
    api.get<Wire<typeof changePage>>(`/api/reviews/changes/${kind}`, q),
  exportXlsx: (kind: ChangeKind, f: { tab: Tab; keyword?: string }, title: string) =>
    download(`/api/reviews/changes/${kind}/export`, f, `${title}.xlsx`),
  decide: (kind: ChangeKind, body: Decision) =>
    api.post<Wire<typeof decisionResult>>(`/api/reviews/changes/${kind}/decide`, { ...body, reason: body.reason ?? '' }),
  myTitleChanges: () => api.get<Wire<typeof myChanges>>('/api/me/title-change').then((d) => d.items),
  submitTitleChange: (body: TitleBody) => api.post<Wire<typeof idResponse>>('/api/me/title-change', body),
  orgChanges: () => api.get<Wire<typeof myChanges>>('/api/org/changes').then((d) => d.items),
  reparent: (body: { newParentId: number; reason: string }) => api.post<Wire<typeof idResponse>>('/api/org/reparent', body),
};
