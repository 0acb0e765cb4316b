/** Level-bound HR duties live in one list (HR_DUTIES); menus and hasHrDuty() read it. */
import { describe, expect, it } from 'vitest';
import { hasHrDuty, HR_DUTIES, type HrLevel, type OrgType } from './orgTypes.js';
import { MENUS, PERMISSION_CODES, visibleMenus, type MenuItem } from './permissions.js';

const keys = (items: MenuItem[]): string[] => items.flatMap((i) => [i.key, ...keys(i.children ?? [])]);
const hr = (hrLevel: HrLevel) => ({ type: 'hr' as OrgType, hrLevel });

describe('HR duties by level', () => {
  it('学时审验 is for province and city HR, 学时政策 for the province only; no other organisation has either', () => {
    expect(hasHrDuty(hr('province'), 'audit')).toBe(true);
    expect(hasHrDuty(hr('city'), 'audit')).toBe(true);
    expect(hasHrDuty(hr('county'), 'audit')).toBe(false);
    expect(hasHrDuty(hr('province'), 'policy')).toBe(true);
    expect(hasHrDuty(hr('city'), 'policy')).toBe(false);
    for (const type of ['authority', 'employer', 'base'] as const) {
      for (const duty of Object.keys(HR_DUTIES) as (keyof typeof HR_DUTIES)[]) expect(hasHrDuty({ type, hrLevel: null }, duty)).toBe(false);
    }
  });

  it('the HR menu shows each level-bound page exactly to the levels that have its duty', () => {
    const all = new Set<string>(PERMISSION_CODES);
    const menu = (level: HrLevel) => keys(visibleMenus(MENUS.hr, all, hr(level)));
    expect(menu('province')).toEqual(expect.arrayContaining(['hours-audit', 'hours-policy']));
    expect(menu('city')).toContain('hours-audit');
    expect(menu('city')).not.toContain('hours-policy');
    expect(menu('county')).not.toContain('hours-audit');
    expect(menu('county')).not.toContain('hours-policy');
  });
});
