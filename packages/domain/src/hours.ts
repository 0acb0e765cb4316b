/**
 * Hour rules (人社部令第25号 art. 8; SPEC §4): the yearly requirement is data (per-year policy edited by the
 * province), never a constant. Completion is computed here, one way, for every screen, statistic and certificate.
 */
export const SUBJECT_TYPES = { public: '公需科目', professional: '专业科目' } as const;
export type SubjectType = keyof typeof SUBJECT_TYPES;
export const SUBJECT_TYPE_CODES = Object.keys(SUBJECT_TYPES) as [SubjectType, ...SubjectType[]];

export const LEARNING_FORMS = {
  faceToFace: '面授',
  online: '网络',
  blended: '混合',
  conference: '学术会议',
  furtherStudy: '进修',
  other: '其他',
} as const;
export type LearningForm = keyof typeof LEARNING_FORMS;
export const LEARNING_FORM_CODES = Object.keys(LEARNING_FORMS) as [LearningForm, ...LearningForm[]];

export interface HourPolicy {
  year: number;
  totalRequired: number;
  professionalMin: number;
  publicMin: number;
  /** Claims for this year are refused after this date (YYYY-MM-DD). */
  closingDate: string;
}

export interface YearTotals {
  publicHours: number;
  professionalHours: number;
}

export interface Completion {
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  completed: boolean;
  /** What is still missing (0 when met). */
  missing: { total: number; public: number; professional: number };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** 已完成 when the total, the 专业科目 minimum and the 公需科目 minimum are all met. */
export function completion(t: YearTotals, p: HourPolicy): Completion {
  const totalHours = r1(t.publicHours + t.professionalHours);
  const missing = {
    total: Math.max(0, r1(p.totalRequired - totalHours)),
    public: Math.max(0, r1(p.publicMin - t.publicHours)),
    professional: Math.max(0, r1(p.professionalMin - t.professionalHours)),
  };
  return {
    publicHours: r1(t.publicHours),
    professionalHours: r1(t.professionalHours),
    totalHours,
    completed: missing.total === 0 && missing.public === 0 && missing.professional === 0,
    missing,
  };
}

/**
 * What is still missing, as a sentence for lists and exports ("还差 8 公需学时、22 专业学时"): the 公需 and 专业
 * minimums first, then whatever the total still asks beyond them (any subject: "还差 10 学时"). '' when met.
 */
export function gapText(missing: Completion['missing']): string {
  const parts: string[] = [];
  if (missing.public > 0) parts.push(`${missing.public} 公需学时`);
  if (missing.professional > 0) parts.push(`${missing.professional} 专业学时`);
  const rest = r1(missing.total - missing.public - missing.professional);
  if (rest > 0) parts.push(parts.length ? `另 ${rest} 学时（任意科目）` : `${rest} 学时`);
  return parts.length ? `还差 ${parts.join('、')}` : '';
}

/** Claim (学时申报) states. Only `approved` counts toward the ledger. */
export const CLAIM_STATUSES = {
  pendingEmployer: '待单位审核',
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  revoked: '审验不通过',
  deleted: '已删除',
  /** The person took their own declaration back while nobody had decided it (counts nowhere, like a deletion). */
  withdrawn: '已撤回',
} as const;
export type ClaimStatus = keyof typeof CLAIM_STATUSES;
export const CLAIM_STATUS_CODES = Object.keys(CLAIM_STATUSES) as [ClaimStatus, ...ClaimStatus[]];
/** Who declared a claim: the person (个人申报), their employer or a 继续教育基地 (学员成绩). */
export const CLAIM_SOURCES = { personal: '个人申报', employer: '用人单位申报', base: '继续教育基地申报' } as const;
export type ClaimSource = keyof typeof CLAIM_SOURCES;
export const CLAIM_SOURCE_CODES = Object.keys(CLAIM_SOURCES) as [ClaimSource, ...ClaimSource[]];

export const CLAIM_TRANSITIONS: Record<ClaimStatus, readonly ClaimStatus[]> = {
  pendingEmployer: ['pending', 'rejected', 'deleted', 'withdrawn'],
  pending: ['approved', 'rejected', 'deleted', 'withdrawn'],
  approved: ['revoked', 'deleted'],
  rejected: ['deleted'],
  revoked: ['deleted'],
  deleted: [],
  withdrawn: [],
};

/** Claims still alive: waiting for a decision or counted (the overlap rule and the yearly caps compare with these). */
export const LIVE_CLAIM_STATUSES: readonly ClaimStatus[] = ['pendingEmployer', 'pending', 'approved'];
/** What the person may 撤回: their own declaration while nobody has decided it. */
export const WITHDRAWABLE_CLAIM_STATUSES: readonly ClaimStatus[] = ['pendingEmployer', 'pending'];

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from].includes(to);
}

export const countsInLedger = (s: ClaimStatus) => s === 'approved';

/** Change of a person-year's totals when a claim moves from one state to another. */
export function ledgerDelta(claim: { subjectType: SubjectType; hours: number }, from: ClaimStatus, to: ClaimStatus): YearTotals {
  const sign = (countsInLedger(to) ? 1 : 0) - (countsInLedger(from) ? 1 : 0);
  return {
    publicHours: claim.subjectType === 'public' ? sign * claim.hours : 0,
    professionalHours: claim.subjectType === 'professional' ? sign * claim.hours : 0,
  };
}

/** 重点审核: rules that mark a claim as suspicious, each with the reason shown to the reviewer. */
export interface FlagInput {
  hours: number;
  classHours?: number | null;
  classStart?: string | null;
  classEnd?: string | null;
  sameClassClaims?: number;
  declaredOn: string; // YYYY-MM-DD (Beijing)
  closingDate: string;
  /** The year's 每天最多学时 (学时政策设置, hour_policies.max_hours_per_day): more per day than this is 重点审核. */
  maxHoursPerDay: number;
}

export function flagReasons(c: FlagInput): string[] {
  const out: string[] = [];
  if (c.classHours != null && c.hours > c.classHours) out.push(`申报学时（${c.hours}）超过培训班学时（${c.classHours}）`);
  if ((c.sameClassClaims ?? 0) > 0) out.push('同一人员在同一培训班重复申报');
  if (c.classStart && c.classEnd) {
    const days = Math.round((Date.parse(c.classEnd) - Date.parse(c.classStart)) / 86_400_000) + 1;
    if (days > 0 && c.hours / days > c.maxHoursPerDay)
      out.push(`日均学时（${Math.round((c.hours / days) * 10) / 10}）超过每日上限${c.maxHoursPerDay}学时`);
  }
  if (c.declaredOn > c.closingDate) out.push(`申报时间晚于该年度截止日期（${c.closingDate}）`);
  return out;
}

/** A claim's activity for the overlap rule: its dates (YYYY-MM-DD, Beijing) and who provides it. */
export interface ActivitySpan {
  title: string;
  start: string | null;
  end: string | null;
  /** The provider: the declaring organisation of a class claim ("org:<id>"), or "personal" for one's own declaration. */
  provider: string;
  /** Shown in the reason (the declaring organisation's name, or 个人申报). */
  providerName: string;
}

/** "2026-03-02至2026-03-04", or one date when both ends are the same day. */
export const spanText = (start: string, end: string) => (start === end ? start : `${start}至${end}`);

/**
 * 重点审核 for overlapping study: the new claim's dates overlap another live claim of the same person from a DIFFERENT
 * provider (one cannot attend two providers' activities at the same time; the same provider's overlapping sessions are
 * its own business). One reason per such claim, naming it. Claims without dates (old rows) are never compared.
 */
export function overlapReasons(claim: Omit<ActivitySpan, 'title' | 'providerName'>, others: readonly ActivitySpan[]): string[] {
  const { start, end } = claim;
  if (!start || !end) return [];
  return others
    .filter((o) => o.start && o.end && o.provider !== claim.provider && o.start <= end && start <= o.end)
    .map((o) => `与「${o.title}」（${o.providerName}，${spanText(o.start!, o.end!)}）学习时间重叠`);
}

export interface RecognitionRule {
  learningForm: LearningForm;
  hoursPerUnit: number;
  unit: string;
  capPerYear: number | null;
}

/** Hours an activity earns under the year's rule, capped by what the year's cap leaves, with the explanation. */
export function recognize(rule: RecognitionRule, units: number, usedThisYear: number): { hours: number; basis: string } {
  const raw = r1(units * rule.hoursPerUnit);
  const basis = `${LEARNING_FORMS[rule.learningForm]} ${units}${rule.unit} × ${rule.hoursPerUnit}学时/${rule.unit} = ${raw}学时`;
  if (rule.capPerYear == null) return { hours: raw, basis };
  const left = Math.max(0, r1(rule.capPerYear - usedThisYear));
  if (raw <= left) return { hours: raw, basis: `${basis}（年度上限${rule.capPerYear}学时，已用${r1(usedThisYear)}学时）` };
  return { hours: left, basis: `${basis}，超过年度上限${rule.capPerYear}学时（已用${r1(usedThisYear)}学时），按${left}学时认定` };
}

/** A calendar date (YYYY-MM-DD) moved by `days`. */
function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * 学时提醒: the reminder date due on `today` (Beijing, YYYY-MM-DD) — the latest of closingDate − reminderDays that is
 * not after today — or null before the first one and after the closing date. A run on a day without its own
 * reminder date (the server was down that day) sends the latest missed one, once.
 */
export function dueReminder(policy: { closingDate: string; reminderDays: readonly number[] }, today: string): string | null {
  if (today > policy.closingDate) return null;
  const due = policy.reminderDays.map((d) => shiftDate(policy.closingDate, -d)).filter((d) => d <= today);
  return due.length ? due.sort().at(-1)! : null;
}
