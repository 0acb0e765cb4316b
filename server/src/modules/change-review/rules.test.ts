/** Pure unit tests of the registration and change rules (no database). */
import { describe, expect, it } from 'vitest';
import type { HrLevel, OrgStatus, OrgType } from '@hbzsgx/domain';
import { checkParent } from '../registration/service.js';
import { diff } from './service.js';

const org = (type: OrgType, hrLevel: HrLevel | null, status: OrgStatus = 'active') => ({
  id: 1,
  type,
  hrLevel,
  status,
  name: 'x',
  creditCode: '',
  divisionCode: '420100',
  parentId: null,
  path: '/1/',
  cityHrId: null,
  countyHrId: null,
  contactName: '',
  contactPhone: '',
  address: '',
  rejectReason: null,
  reviewedAt: null,
  reviewedBy: null,
  createdAt: new Date(),
  updatedAt: new Date(),
});

describe('which superior an organisation may choose', () => {
  it('employers go under HR or an authority; authorities and bases under HR', () => {
    expect(checkParent('employer', org('authority', null))).toEqual({ hrLevel: null });
    expect(checkParent('employer', org('hr', 'county'))).toEqual({ hrLevel: null });
    expect(() => checkParent('employer', org('base', null))).toThrow(/上级/);
    expect(() => checkParent('authority', org('authority', null))).toThrow(/人社部门/);
    expect(() => checkParent('base', org('employer', null))).toThrow(/人社部门/);
  });
  it('an HR department is one level below its parent; counties have no HR children', () => {
    expect(checkParent('hr', org('hr', 'province'))).toEqual({ hrLevel: 'city' });
    expect(checkParent('hr', org('hr', 'city'))).toEqual({ hrLevel: 'county' });
    expect(() => checkParent('hr', org('hr', 'county'))).toThrow(/省级或市州级/);
  });
  it('a superior that is not active cannot be chosen', () => {
    expect(() => checkParent('employer', org('hr', 'county', 'pending'))).toThrow(/尚未通过审核/);
    expect(() => checkParent('employer', org('hr', 'county', 'disabled'))).toThrow(/停用/);
  });
});

describe('old vs new, field by field', () => {
  it('labels fields, shows dictionary names and marks what changed', () => {
    const d = diff(
      { titleSeries: 'ZXXJ', titleLevel: 'intermediate', titleName: '一级教师', titleDate: '' },
      { titleSeries: 'ZXXJ', titleLevel: 'viceSenior', titleName: '高级教师', titleDate: '2025-09-01' },
    );
    expect(d).toEqual([
      { field: 'titleSeries', label: '职称系列', before: '中小学教师', after: '中小学教师', changed: false },
      { field: 'titleLevel', label: '职称级别', before: '中级', after: '副高级', changed: true },
      { field: 'titleName', label: '职称名称', before: '一级教师', after: '高级教师', changed: true },
      { field: 'titleDate', label: '取得时间', before: '', after: '2025-09-01', changed: true },
    ]);
  });
});
