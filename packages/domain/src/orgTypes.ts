/** Organisation types and HR levels (SPEC §1). */
export const ORG_TYPES = {
  hr: '人社部门',
  authority: '主管部门',
  employer: '用人单位',
  base: '继续教育基地',
} as const;
export type OrgType = keyof typeof ORG_TYPES;
export const ORG_TYPE_CODES = Object.keys(ORG_TYPES) as [OrgType, ...OrgType[]];

export const HR_LEVELS = { province: '省级', city: '市州级', county: '县区级' } as const;
export type HrLevel = keyof typeof HR_LEVELS;
export const HR_LEVEL_CODES = Object.keys(HR_LEVELS) as [HrLevel, ...HrLevel[]];

/**
 * Duties that depend on an HR department's level (SPEC), the one list: the menus show the page, the access layer
 * (server/src/lib/scope.ts jurisdiction()) allows the action and the pages offer it, all from here.
 */
export const HR_DUTIES = {
  /** 学时审验: city (市州) and province HR. */
  audit: ['province', 'city'],
  /** 学时政策设置: the province HR (省人社厅). */
  policy: ['province'],
  /** 通知公告管理: the province and city (市州) HR publish; a county reads its city's and the province's. */
  announce: ['province', 'city'],
} as const satisfies Record<string, readonly HrLevel[]>;
export type HrDuty = keyof typeof HR_DUTIES;
export const HR_DUTY_CODES = Object.keys(HR_DUTIES) as [HrDuty, ...HrDuty[]];
/** Whether an organisation (an HR department of the right level) has a level-bound duty. */
export function hasHrDuty(org: { type: OrgType; hrLevel: HrLevel | null }, duty: HrDuty): boolean {
  const levels: readonly HrLevel[] = HR_DUTIES[duty];
  return org.type === 'hr' && org.hrLevel !== null && levels.includes(org.hrLevel);
}

export const ORG_STATUSES = { pending: '待审核', active: '正常', rejected: '已驳回', disabled: '已停用' } as const;
export type OrgStatus = keyof typeof ORG_STATUSES;
/** Whether a value is one of a code list's codes (narrows it for a typed column). */
export function isCode<T extends string>(codes: readonly T[], value: unknown): value is T {
  return (codes as readonly unknown[]).includes(value);
}

export const ORG_STATUS_CODES = Object.keys(ORG_STATUSES) as [OrgStatus, ...OrgStatus[]];

/** 用户类型 on the login box. `personnel` logs in as a person, the others as an organisation's admin. */
export const LOGIN_TYPES = {
  hr: '人社部门（省/市、县）',
  authority: '主管部门',
  employer: '用人单位',
  base: '继续教育基地',
  personnel: '专业技术人员',
} as const;
export type LoginType = keyof typeof LOGIN_TYPES;
export const LOGIN_TYPE_CODES = Object.keys(LOGIN_TYPES) as [LoginType, ...LoginType[]];
