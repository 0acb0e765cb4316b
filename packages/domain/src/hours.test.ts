import { describe, expect, it } from 'vitest';
import {
  canTransition,
  completion,
  countsInLedger,
  gapText,
  flagReasons,
  ledgerDelta,
  recognize,
  CLAIM_TRANSITIONS,
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
  };
  it('a normal claim is not flagged', () => expect(flagReasons(base)).toEqual([]));
  it('flags each suspicious pattern with its reason', () => {
    expect(flagReasons({ ...base, hours: 10, classHours: 8 })[0]).toContain('超过培训班学时');
    expect(flagReasons({ ...base, sameClassClaims: 1 })).toEqual(['同一人员在同一培训班重复申报']);
    expect(flagReasons({ ...base, hours: 16, classHours: 16 })[0]).toContain('超过每日上限12学时');
    expect(flagReasons({ ...base, declaredOn: '2027-01-05' })[0]).toContain('晚于该年度截止日期');
    expect(flagReasons({ ...base, hours: 24, classHours: 24, classEnd: '2026-05-03' })).toEqual([]);
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
