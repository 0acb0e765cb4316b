/** 变更审核管理 (server/src/modules/change-review): the three change queues and the requester's own requests. */
import { z } from 'zod';
import { CHANGE_KIND_CODES, REVIEW_DECISION_CODES, REVIEW_STATUS_CODES } from '../dictionaries.js';
import { itemsOf, paged, timestamp } from './common.js';

/** The queues' URL segment (/api/reviews/changes/:kind, /account/changes/:kind); org-info is the org_info kind. */
export const CHANGE_QUEUES = ['title', 'org-info', 'reparent'] as const;
export type ChangeQueue = (typeof CHANGE_QUEUES)[number];

/** One field of a change request, old vs new, as shown (dictionary names; the contact's phone masked). */
export const fieldChange = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string(),
  after: z.string(),
  /** Judged on the real values, not the masked ones. */
  changed: z.boolean(),
});
const decision = z.enum(REVIEW_DECISION_CODES).nullable();

/** A change request as its requester sees it (GET /api/me/title-change, GET /api/org/changes). */
export const myChange = z.object({
  id: z.number().int(),
  kind: z.enum(CHANGE_KIND_CODES),
  status: z.enum(REVIEW_STATUS_CODES),
  rejectReason: z.string().nullable(),
  /** 更换原因 (reparent only). */
  reason: z.string().nullable(),
  createdAt: timestamp,
  decidedAt: timestamp.nullable(),
  /** The reviewer's decision; for reparent the former superior's. */
  reviewerDecision: decision,
  /** Reparent only: the new superior's decision. */
  secondDecision: decision,
  changes: z.array(fieldChange),
});
export const myChanges = itemsOf(myChange);

/** A change request in a reviewer's queue (masked 证件号 only). */
export const changeRow = myChange.extend({
  orgName: z.string(),
  personName: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  /** The designated reviewer (审核单位; for reparent the former superior). */
  oldParentName: z.string().nullable(),
  /** Reparent only: the new superior. */
  newParentName: z.string().nullable(),
});
export const changePage = paged(changeRow);
