import { describe, expect, it } from 'vitest';
import {
  canTransition,
  completion,
  dueReminder,
  countsInLedger,
  gapText,
  flagReasons,
  ledgerDelta,
  recognize,
  overlapReasons,
  CLAIM_TRANSITIONS,
  LIVE_CLAIM_STATUSES,
  type ClaimStatus,
} from './hours.js';

const policy = { year: 2026, totalRequired: 90, professionalMin: 60, publicMin: 30, closingDate: '2026-12-31' };

describe('completion', () => {
  it('needs the total and both minimums', () => {
    expect(completion({ publicHours: 30, professionalHours: 60 }, policy)).toMatchObject({
      totalHours: 90,
      completed: true,
      missing: { total: 0, public: 0, professional: 0 },
    });
    expect(completion({ publicHours: 10, professionalHours: 80 }, policy)).toMatchObject({
      totalHours: 90,
      completed: false,
      missing: { public: 20 },
    });
    expect(completion({ publicHours: 30, professionalHours: 38 }, policy)).toMatchObject({
      completed: false,
      missing: { total: 22, professional: 22 },
    });
    expect(completion({ publicHours: 0, professionalHours: 0 }, policy).missing).toEqual({ total: 90, public: 30, professional: 60 });
  });
  it("follows the year's policy, not a constant", () => {
    const lighter = { ...policy, totalRequired: 72, professionalMin: 48, publicMin: 24 };
    expect(completion({ publicHours: 24, professionalHours: 48 }, lighter).completed).toBe(true);
    expect(completion({ publicHours: 24, professionalHours: 48 }, policy).completed).toBe(false);
  });
  it('rounds to one decimal (no float drift)', () => {
    expect(completion({ publicHours: 0.1 + 0.2, professionalHours: 0 }, policy).totalHours).toBe(0.3);
  });
});

describe('claim state machine', () => {
  it('only allowed transitions; deleted is final', () => {
    expect(canTransition('pending', 'approved')).toBe(true);
    expect(canTransition('approved', 'approved')).toBe(false);
    expect(canTransition('rejected', 'approved')).toBe(false);
    expect(canTransition('approved', 'revoked')).toBe(true);
    expect(CLAIM_TRANSITIONS.deleted).toEqual([]);
  });
  it('撤回 only while nobody has decided; withdrawn is final and counts nowhere', () => {
    expect(canTransition('pendingEmployer', 'withdrawn')).toBe(true);
    expect(canTransition('pending', 'withdrawn')).toBe(true);
    for (const s of ['approved', 'rejected', 'revoked', 'deleted', 'withdrawn'] as const) expect(canTransition(s, 'withdrawn')).toBe(false);
    expect(CLAIM_TRANSITIONS.withdrawn).toEqual([]);
    expect(countsInLedger('withdrawn')).toBe(false);
    expect(LIVE_CLAIM_STATUSES).not.toContain('withdrawn');
  });
  it('the ledger moves only when a claim enters or leaves `approved`', () => {
    const c = { subjectType: 'professional' as const, hours: 8 };
    expect(ledgerDelta(c, 'pending', 'approved')).toEqual({ publicHours: 0, professionalHours: 8 });
    expect(ledgerDelta(c, 'approved', 'revoked')).toEqual({ publicHours: 0, professionalHours: -8 });
    expect(ledgerDelta(c, 'pending', 'rejected')).toEqual({ publicHours: 0, professionalHours: 0 });
    const all = Object.keys(CLAIM_TRANSITIONS) as ClaimStatus[];
    expect(all.filter(countsInLedger)).toEqual(['approved']);
  });
});

describe('重点审核 rules', () => {
  const base = {
    hours: 8,
    classHours: 8,
    classStart: '2026-05-01',
    classEnd: '2026-05-01',
    sameClassClaims: 0,
    declaredOn: '2026-05-02',
    closingDate: '2026-12-31',
    maxHoursPerDay: 8,
  };
  it('a normal claim is not flagged', () => expect(flagReasons(base)).toEqual([]));
  it('flags each suspicious pattern with its reason', () => {
    expect(flagReasons({ ...base, hours: 10, classHours: 8 })[0]).toContain('超过培训班学时');
    expect(flagReasons({ ...base, sameClassClaims: 1 })).toEqual(['同一人员在同一培训班重复申报']);
    expect(flagReasons({ ...base, hours: 16, classHours: 16 })[0]).toBe('日均学时（16）超过每日上限8学时');
    // the year's own 每天最多学时, not a constant: 10 学时 in a day passes a 12-学时 year and is flagged in an 8-学时 one
    expect(flagReasons({ ...base, hours: 10, classHours: 10, maxHoursPerDay: 12 })).toEqual([]);
    expect(flagReasons({ ...base, hours: 10, classHours: 10, maxHoursPerDay: 8 })).toEqual(['日均学时（10）超过每日上限8学时']);
    expect(flagReasons({ ...base, hours: 8, classHours: 8, maxHoursPerDay: 8 })).toEqual([]);
    expect(flagReasons({ ...base, declaredOn: '2027-01-05' })[0]).toContain('晚于该年度截止日期');
    expect(flagReasons({ ...base, hours: 24, classHours: 24, classEnd: '2026-05-03' })).toEqual([]);
  });
});

describe('重点审核: overlapping study with another provider', () => {
  const mine = { start: '2026-05-02', end: '2026-05-04', provider: 'personal' };
  const other = (start: string | null, end: string | null, provider = 'org:7') => ({
    title: '心理健康专题培训',
    start,
    end,
    provider,
    providerName: '武汉继续教育学院',
  });
  it('names the other claim when the dates overlap', () => {
    expect(overlapReasons(mine, [other('2026-05-04', '2026-05-06')])).toEqual([
      '与「心理健康专题培训」（武汉继续教育学院，2026-05-04至2026-05-06）学习时间重叠',
    ]);
    expect(overlapReasons(mine, [other('2026-05-01', '2026-05-02')])).toHaveLength(1);
    expect(overlapReasons(mine, [other('2026-05-03', '2026-05-03')])[0]).toContain('（武汉继续教育学院，2026-05-03）');
    expect(overlapReasons(mine, [other('2026-04-01', '2026-06-01'), other('2026-05-02', '2026-05-02', 'org:9')])).toHaveLength(2);
  });
  it('no flag for adjacent dates, the same provider, or a claim without dates', () => {
    expect(overlapReasons(mine, [other('2026-05-05', '2026-05-06'), other('2026-04-28', '2026-05-01')])).toEqual([]);
    expect(overlapReasons(mine, [other('2026-05-03', '2026-05-03', 'personal')])).toEqual([]);
    expect(overlapReasons({ ...mine, provider: 'org:7' }, [other('2026-05-03', '2026-05-03')])).toEqual([]);
    expect(overlapReasons(mine, [other(null, null)])).toEqual([]);
    expect(overlapReasons({ ...mine, start: null, end: null }, [other('2026-05-03', '2026-05-03')])).toEqual([]);
  });
});

describe('recognition rules: 为什么是 8 学时？', () => {
  const conf = { learningForm: 'conference' as const, hoursPerUnit: 8, unit: '次', capPerYear: 24 };
  it('hours per unit, explained', () => {
    expect(recognize(conf, 1, 0)).toEqual({ hours: 8, basis: '学术会议 1次 × 8学时/次 = 8学时（年度上限24学时，已用0学时）' });
    expect(recognize({ ...conf, capPerYear: null }, 2, 100).hours).toBe(16);
  });
  it('capped by what the year leaves', () => {
    expect(recognize(conf, 2, 16)).toMatchObject({ hours: 8 });
    expect(recognize(conf, 2, 16).basis).toContain('按8学时认定');
    expect(recognize(conf, 1, 24).hours).toBe(0);
  });
});

describe('gapText: what the year still asks, as the lists say it', () => {
  const policy = { year: 2026, totalRequired: 90, professionalMin: 60, publicMin: 20, closingDate: '2026-12-31' };
  const gap = (pub: number, pro: number) => gapText(completion({ publicHours: pub, professionalHours: pro }, policy).missing);
  it('names the minimums that are short, then what the total asks beyond them', () => {
    expect(gap(20, 38)).toBe('还差 22 专业学时、另 10 学时（任意科目）');
    expect(gap(20, 70)).toBe('');
    expect(gap(0, 0)).toBe('还差 20 公需学时、60 专业学时、另 10 学时（任意科目）');
    expect(gap(30, 60)).toBe('');
    expect(gap(25, 60)).toBe('还差 5 学时');
    expect(gap(10, 80)).toBe('还差 10 公需学时');
    expect(gap(19.9, 70.1)).toBe('还差 0.1 公需学时');
  });
});

describe('dueReminder', () => {
  const p = { closingDate: '2026-12-31', reminderDays: [30, 7, 1] };
  it('is the latest reminder date not after today, until the closing date', () => {
    expect(dueReminder(p, '2026-11-30')).toBeNull();
    expect(dueReminder(p, '2026-12-01')).toBe('2026-12-01');
    expect(dueReminder(p, '2026-12-23')).toBe('2026-12-01');
    expect(dueReminder(p, '2026-12-24')).toBe('2026-12-24');
    expect(dueReminder(p, '2026-12-30')).toBe('2026-12-30');
    expect(dueReminder(p, '2026-12-31')).toBe('2026-12-30');
    expect(dueReminder(p, '2027-01-01')).toBeNull();
    expect(dueReminder({ ...p, reminderDays: [] }, '2026-12-30')).toBeNull();
  });
  it('crosses month and leap-day boundaries', () => {
    expect(dueReminder({ closingDate: '2028-03-01', reminderDays: [1] }, '2028-02-29')).toBe('2028-02-29');
    expect(dueReminder({ closingDate: '2027-01-05', reminderDays: [10] }, '2026-12-26')).toBe('2026-12-26');
  });
});
