import { useQuery } from '@tanstack/react-query';
import { beijingYear, type LearningForm, type SubjectType } from '@hbzsgx/domain';
import type { hourPolicy, hourPolicyList, recognitionRule, savedHourPolicy, Wire } from '@hbzsgx/domain';
import type { claimClassPage, claimClassRow, claimPage, claimRow, personalClaimPage, personalClaimRow } from '@hbzsgx/domain';
import { api, download } from '../../app/api';
import type { Decision, DecisionResult } from '../../components/ReviewQueue';

export type Tab = 'pending' | 'done';
export type ClaimSource = 'base' | 'employer' | 'personal';

export type RecognitionRule = Wire<typeof recognitionRule>;
export type Policy = Wire<typeof hourPolicy>;
/** PUT /api/hour-policies/:year: the requirement and its rules (the server numbers the rules). */
export type PolicyBody = Omit<Wire<typeof savedHourPolicy>, 'year'>;

/** The 7 filters of the 学时审核 queues and of 学时审验 (exactly the spec's). */
export interface ClaimFilters {
  year?: number;
  name?: string;
  subjectType?: SubjectType;
  learningForm?: LearningForm;
  orgName?: string;
  baseName?: string;
  flagged?: 'true' | 'false';
}

/** A row of the 学时审核 / 学时审验 tables. */
export type ClaimRow = Wire<typeof claimRow>;
/** A row of 单位培训学时审核: one unit training plan with claims in the tab. */
export type ClaimClassRow = Wire<typeof claimClassRow>;
/** 单位培训学时审核's 4 filters (the manual's). */
export interface ClaimClassFilters {
  year?: number;
  className?: string;
  subjectType?: SubjectType;
  orgName?: string;
}
/** A personal declaration waiting for / decided by the person's own unit. */
export type PersonalClaim = Wire<typeof personalClaimRow>;

export const POLICIES_KEY = ['hour-policies'] as const;
export const claimReviewKey = (source: ClaimSource) => ['reviews', 'claims', source] as const;
export const CLAIM_CLASSES_KEY = ['reviews', 'claim-classes'] as const;
export const AUDIT_KEY = ['audits', 'claims'] as const;
export const PERSONAL_REVIEW_KEY = ['reviews', 'personal-claims'] as const;

export const hoursApi = {
  policies: () => api.get<Wire<typeof hourPolicyList>>('/api/hour-policies'),
  savePolicy: (year: number, body: PolicyBody) => api.put<Wire<typeof savedHourPolicy>>(`/api/hour-policies/${year}`, body),

  claimClasses: (q: ClaimClassFilters & { tab: Tab; page: number; pageSize: number }) =>
    api.get<Wire<typeof claimClassPage>>('/api/reviews/claim-classes', q),
  exportClaimClasses: (f: ClaimClassFilters & { tab: Tab }, title: string) => download('/api/reviews/claim-classes/export', f, `${title}.xlsx`),
  decideClaimClasses: (body: Decision) => api.post<DecisionResult>('/api/reviews/claim-classes/decide', { ...body, reason: body.reason ?? '' }),
  claims: (q: ClaimFilters & { source: ClaimSource; classId?: number; tab: Tab; page: number; pageSize: number }) =>
    api.get<Wire<typeof claimPage>>('/api/reviews/claims', q),
  exportClaims: (f: ClaimFilters & { source: ClaimSource; classId?: number; tab: Tab }, title: string) =>
    download('/api/reviews/claims/export', f, `${title}.xlsx`),
  decide: (body: Decision) => api.post<DecisionResult>('/api/reviews/claims/decide', { ...body, reason: body.reason ?? '' }),
  /** 删除 always carries a reason: the person and the declarer see it. */
  remove: (ids: number[], reason: string) => api.post<DecisionResult>('/api/reviews/claims/delete', { ids, reason }),

  audit: (q: ClaimFilters & { page: number; pageSize: number; sample?: number }) => api.get<Wire<typeof claimPage>>('/api/audits/claims', q),
  /** With `ids` (a drawn sample) the export holds exactly those rows. */
  exportAudit: (f: ClaimFilters, ids?: number[]) =>
    download('/api/audits/claims/export', { ...f, ids: ids?.join(',') }, ids ? '学时审验（随机抽查）.xlsx' : '学时审验.xlsx'),
  revoke: (ids: number[], reason: string) => api.post<DecisionResult>('/api/audits/claims/revoke', { ids, reason }),

  personalClaims: (q: { tab: Tab; name?: string; page: number; pageSize: number }) =>
    api.get<Wire<typeof personalClaimPage>>('/api/reviews/personal-claims', q),
  exportPersonalClaims: (f: { tab: Tab; name?: string }) => download('/api/reviews/personal-claims/export', f, '本单位人员学时申报.xlsx'),
  decidePersonal: (body: Decision) => api.post<DecisionResult>('/api/reviews/personal-claims/decide', { ...body, reason: body.reason ?? '' }),

  evidence: (claimId: number) => download(`/api/claims/${claimId}/evidence`, undefined, '证明材料'),
};

/** Every year's requirement and rules (read by everyone; edited by the province). */
export function usePolicies() {
  return useQuery({ queryKey: POLICIES_KEY, queryFn: hoursApi.policies, staleTime: 5 * 60_000 });
}

/** This year in Beijing, whatever the browser's zone. */
export const thisYear = () => beijingYear();

/** Year options (newest first) from the policies, always including the current year. */
export function yearOptions(policies: Policy[] | undefined): { value: number; label: string }[] {
  const years = new Set((policies ?? []).map((p) => p.year));
  years.add(thisYear());
  return [...years].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}年度` }));
}
