/**
 * The permission catalogue: every menu and every action button is a permission, per organisation type.
 * Defined once here; the server checks it on every route, the web derives menus and buttons from it.
 */
import { hasHrDuty, type HrDuty, type HrLevel, type OrgType } from './orgTypes.js';

export interface PermissionDef {
  name: string;
  group: string;
  types: readonly OrgType[];
  /** The name (and group) the role editor of an organisation type shows, where it differs (the same permission). */
  as?: Partial<Record<OrgType, { name: string; group: string }>>;
}

const ALL: readonly OrgType[] = ['hr', 'authority', 'employer', 'base'];

export const PERMISSIONS = {
  'org.info.view': { name: '查看基本信息', group: '基本信息管理', types: ALL },
  'org.info.edit': { name: '修改单位信息', group: '基本信息管理', types: ALL },
  'dept.view': { name: '查看内设部门', group: '管理内设部门', types: ALL },
  'dept.manage': { name: '添加/修改/删除内设部门', group: '管理内设部门', types: ALL },
  'admin.view': { name: '查看管理员', group: '管理单位管理员', types: ALL },
  'admin.manage': { name: '新增/删除管理员、分配角色', group: '管理单位管理员', types: ALL },
  'role.manage': { name: '角色管理', group: '管理单位管理员', types: ALL },
  'pii.view': { name: '查看完整证件号/手机号', group: '个人信息保护', types: ALL },
  'suborg.view': { name: '查看下属机构', group: '下属机构管理', types: ['hr', 'authority'] },
  'suborg.manage': { name: '停用/启用机构、重置管理员密码', group: '下属机构管理', types: ['hr', 'authority'] },
  // a 继续教育基地 has no staff of its own to review (its learners belong to their units): no 注册/变更/本单位学时 review
  'reg.review': { name: '注册审核（通过/驳回）', group: '注册审核管理', types: ['hr', 'authority', 'employer'] },
  'change.review': { name: '变更审核（人员信息、机构信息、更换上级部门）', group: '变更审核管理', types: ['hr', 'authority', 'employer'] },
  'org.reparent': { name: '申请更换上级部门', group: '基本信息管理', types: ALL },
  'class.manage': { name: '培训班/单位培训计划申报、修改、撤回', group: '培训班管理', types: ['base', 'employer'] },
  'score.manage': { name: '学员成绩/单位培训学时登记', group: '学员成绩管理', types: ['base', 'employer'] },
  'class.review': { name: '审核培训计划申报', group: '培训计划管理', types: ['hr'] },
  'claim.unitReview': { name: '审核本单位人员的个人学时申报', group: '学时审核', types: ['hr', 'authority', 'employer'] },
  'claim.review': { name: '学时审核（通过/驳回/删除）', group: '学时审核', types: ['hr'] },
  'claim.audit': { name: '学时审验（市州级及以上）', group: '学时审验', types: ['hr'] },
  'annual.manage': { name: '上传年度培训计划/年度工作总结', group: '年度培训计划与工作总结', types: ['base'] },
  'annual.review': { name: '审核继教机构年度培训计划/工作总结', group: '培训计划管理', types: ['hr'] },
  'policy.manage': { name: '设置年度学时要求与认定规则（省级）', group: '学时政策', types: ['hr'] },
  'transfer.manage': { name: '人员调出、调入审核、调转记录', group: '人员调转', types: ['hr', 'authority', 'employer'] },
  'materials.manage': { name: '年度工作材料报送（新增、上传、提交）', group: '年度工作材料报送', types: ['hr', 'base'] },
  'materials.view': { name: '查看辖区报送的年度工作材料', group: '年度工作材料报送', types: ['hr'] },
  'stats.view': {
    name: '继教综合统计、完成情况、职称系列分布查询',
    group: '查询统计',
    types: ['hr', 'authority', 'employer'],
    as: {
      authority: { name: '所属单位完成情况查询', group: '本单位人员' },
      employer: { name: '本单位完成情况查询', group: '本单位人员' },
    },
  },
  'personnel.view': {
    name: '专技人员信息查询',
    group: '查询统计',
    types: ['hr', 'authority', 'employer'],
    as: {
      authority: { name: '所属单位人员查询（学时、完成情况）', group: '本单位人员' },
      employer: { name: '本单位人员查询（学时、完成情况）', group: '本单位人员' },
    },
  },
  'personnel.manage': {
    name: '重置专技人员密码、处理找回密码申请',
    group: '查询统计',
    types: ['hr', 'authority', 'employer'],
    as: {
      authority: { name: '重置所属单位人员密码、处理找回密码申请', group: '本单位人员' },
      employer: { name: '重置本单位人员密码、处理找回密码申请', group: '本单位人员' },
    },
  },
  'personnel.import': { name: '批量导入专技人员', group: '查询统计', types: ['hr'] },
  'cert.print': { name: '电子证书查询打印', group: '查询统计', types: ['hr'] },
  'announcement.manage': { name: '通知公告管理（省级、市州级）', group: '通知公告', types: ['hr'] },
  'audit.view': { name: '查看审计日志', group: '系统管理', types: ALL },
  'session.manage': { name: '查看/结束在线会话', group: '系统管理', types: ALL },
} as const satisfies Record<string, PermissionDef>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_CODES = Object.keys(PERMISSIONS) as [Permission, ...Permission[]];

export function permissionsForType(type: OrgType): Permission[] {
  return PERMISSION_CODES.filter((p) => (PERMISSIONS[p].types as readonly OrgType[]).includes(type));
}

/**
 * 三员分立 (等保2.0 三级; SECURITY.md): system administration, security administration and audit are different
 * people, and the auditor reads the logs and changes nothing. So the audit duty (AUDIT_DUTY) is held only together
 * with permissions that merely read (READ_ONLY): a role, or the union of an admin's roles, that mixes it with any
 * permission that changes data is refused; super admins administer their organisation and do not read its audit
 * log, but they appoint the auditors (they alone may grant the audit duty). A deployment can switch the rule off
 * (SEPARATION_OF_DUTIES=off), and then super admins hold every permission again.
 */
export const AUDIT_DUTY = ['audit.view'] as const satisfies readonly Permission[];
export const READ_ONLY = [
  'org.info.view',
  'dept.view',
  'admin.view',
  'suborg.view',
  'materials.view',
  'stats.view',
  'personnel.view',
  'audit.view',
] as const satisfies readonly Permission[];

export const isAuditDuty = (p: string) => (AUDIT_DUTY as readonly string[]).includes(p);

/** The permissions that may not sit beside the audit duty in `perms` (none when there is no audit duty in it). */
export function dutyConflicts(perms: Iterable<string>): Permission[] {
  const list = [...new Set(perms)];
  if (!list.some(isAuditDuty)) return [];
  return list.filter((p): p is Permission => isPermission(p) && !(READ_ONLY as readonly string[]).includes(p));
}

/** The refusal, in Chinese, naming what clashes (at most five names). */
export function dutyConflictMessage(conflicts: readonly Permission[]): string {
  const names =
    conflicts
      .slice(0, 5)
      .map((p) => PERMISSIONS[p].name)
      .join('、') + (conflicts.length > 5 ? ` 等${conflicts.length}项` : '');
  return `查看审计日志只能与查看类权限组合（三员分立：审计员不能变更数据），不能同时拥有：${names}`;
}

export function isPermission(p: string): p is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, p);
}

/** Permissions grouped for the role editor of an organisation type. */
export function permissionGroups(type: OrgType): { group: string; permissions: { code: Permission; name: string }[] }[] {
  const groups = new Map<string, { code: Permission; name: string }[]>();
  for (const code of permissionsForType(type)) {
    const def: PermissionDef = PERMISSIONS[code];
    const { name, group } = def.as?.[type] ?? def;
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push({ code, name });
  }
  return [...groups].map(([group, permissions]) => ({ group, permissions }));
}

export interface MenuItem {
  key: string;
  title: string;
  path?: string;
  icon?: string;
  /** Shown only to holders of this permission; a group is shown when any child is. */
  permission?: Permission;
  /** HR only: the level-bound duty this page serves (orgTypes.ts HR_DUTIES, e.g. 学时审验 for city level and up). */
  hrDuty?: HrDuty;
  children?: MenuItem[];
}

const orgInfo = (title: string): MenuItem => ({ key: 'org-info', title, path: '/account/org-info', permission: 'org.info.view' });
const departments: MenuItem = { key: 'departments', title: '管理内设部门', path: '/account/departments', permission: 'dept.view' };
const admins = (title: string): MenuItem => ({ key: 'admins', title, path: '/account/admins', permission: 'admin.view' });
const roles: MenuItem = { key: 'roles', title: '角色管理', path: '/account/roles', permission: 'role.manage' };
const dashboard: MenuItem = { key: 'dashboard', title: '工作台', path: '/dashboard', icon: 'dashboard' };
const system: MenuItem = {
  key: 'system',
  title: '系统管理',
  icon: 'setting',
  children: [
    { key: 'audit', title: '审计日志', path: '/system/audit', permission: 'audit.view' },
    { key: 'sessions', title: '在线会话', path: '/system/sessions', permission: 'session.manage' },
  ],
};

const reg = (key: string, title: string): MenuItem => ({ key: `reg-${key}`, title, path: `/account/registrations/${key}`, permission: 'reg.review' });
const change = (key: string, title: string): MenuItem => ({
  key: `change-${key}`,
  title,
  path: `/account/changes/${key}`,
  permission: 'change.review',
});
const transfersMenu: MenuItem = {
  key: 'transfers',
  title: '人员调转',
  children: [
    { key: 'transfer-in', title: '人员调入审核', path: '/account/transfers/incoming', permission: 'transfer.manage' },
    { key: 'transfer-out', title: '人员调出', path: '/account/transfers/outgoing', permission: 'transfer.manage' },
    { key: 'transfer-records', title: '调转记录', path: '/account/transfers/records', permission: 'transfer.manage' },
  ],
};
const materialsMenu: MenuItem = { key: 'materials', title: '年度工作材料报送', icon: 'file', path: '/materials', permission: 'materials.manage' };
const ownOrg: MenuItem = { key: 'own-org', title: '本级机构管理', children: [orgInfo('基本信息管理'), departments, admins('管理单位管理员'), roles] };
const suborgs: MenuItem = { key: 'suborgs', title: '下属机构管理', path: '/account/suborgs', permission: 'suborg.view' };

/** Left-menu trees per login type (SPEC §2, manuals §4 and §5). */
export const MENUS: Record<OrgType | 'personnel', MenuItem[]> = {
  hr: [
    dashboard,
    {
      key: 'account',
      title: '账户管理',
      icon: 'team',
      children: [
        ownOrg,
        suborgs,
        {
          key: 'registrations',
          title: '注册审核管理',
          children: [
            reg('personnel', '专技人员注册审核'),
            reg('employer', '下属单位注册审核'),
            reg('authority', '主管部门注册审核'),
            reg('base', '继续教育机构注册审核'),
            reg('hr', '人社部门注册审核'),
          ],
        },
        {
          key: 'changes',
          title: '变更审核管理',
          children: [change('title', '审核人员信息修改'), change('org-info', '机构信息修改审核'), change('reparent', '更换上级部门审核')],
        },
        transfersMenu,
        {
          key: 'training-review',
          title: '培训计划管理',
          children: [
            { key: 'annual-plan-review', title: '审核继教机构年度培训计划', path: '/training/annual-review/plan', permission: 'annual.review' },
            { key: 'class-review', title: '审核培训计划申报', path: '/training/class-review', permission: 'class.review' },
            { key: 'annual-summary-review', title: '审核继教机构年度工作总结', path: '/training/annual-review/summary', permission: 'annual.review' },
          ],
        },
      ],
    },
    {
      key: 'hours-review',
      title: '学时审核',
      icon: 'audit',
      children: [
        { key: 'claim-base', title: '继续教育机构学时审核', path: '/hours/review/base', permission: 'claim.review' },
        { key: 'unit-plans', title: '单位培训计划审核', path: '/hours/unit-plans', permission: 'class.review' },
        { key: 'claim-employer', title: '单位培训学时审核', path: '/hours/review/employer', permission: 'claim.review' },
        { key: 'claim-personal', title: '个人申报学时审核', path: '/hours/review/personal', permission: 'claim.review' },
        { key: 'personal-review', title: '本单位人员学时申报', path: '/hours/personal-review', permission: 'claim.unitReview' },
      ],
    },
    { key: 'hours-audit', title: '学时审验', icon: 'safety', path: '/hours/audit', permission: 'claim.audit', hrDuty: 'audit' },
    { key: 'hours-policy', title: '学时政策设置', icon: 'setting', path: '/hours/policy', permission: 'policy.manage', hrDuty: 'policy' },
    materialsMenu,
    {
      key: 'announcements',
      title: '通知公告管理',
      icon: 'notification',
      path: '/announcements/manage',
      permission: 'announcement.manage',
      hrDuty: 'announce',
    },
    {
      key: 'stats',
      title: '查询统计',
      icon: 'chart',
      children: [
        { key: 'stats-overview', title: '继教综合统计查询', path: '/stats/overview', permission: 'stats.view' },
        { key: 'stats-completion', title: '继教完成情况查询', path: '/stats/completion', permission: 'stats.view' },
        { key: 'stats-titles', title: '职称系列分布查询', path: '/stats/titles', permission: 'stats.view' },
        { key: 'personnel-query', title: '专技人员信息查询', path: '/personnel', permission: 'personnel.view' },
        { key: 'password-resets', title: '找回密码申请', path: '/password-resets', permission: 'personnel.manage' },
        { key: 'certificates', title: '电子证书查询打印', path: '/certificates', permission: 'cert.print' },
      ],
    },
    system,
  ],
  authority: [
    dashboard,
    {
      key: 'account',
      title: '账户管理',
      icon: 'team',
      children: [
        ownOrg,
        suborgs,
        { key: 'registrations', title: '注册审核管理', children: [reg('personnel', '专技人员注册审核'), reg('employer', '下属单位注册审核')] },
        {
          key: 'changes',
          title: '变更审核管理',
          children: [change('title', '审核人员信息修改'), change('org-info', '机构信息修改审核'), change('reparent', '更换上级部门审核')],
        },
        transfersMenu,
      ],
    },
    {
      key: 'hours',
      title: '学时管理',
      icon: 'audit',
      children: [{ key: 'personal-review', title: '本单位人员学时申报', path: '/hours/personal-review', permission: 'claim.unitReview' }],
    },
    {
      key: 'staff',
      title: '所属单位人员',
      icon: 'chart',
      children: [
        { key: 'personnel-query', title: '所属单位人员', path: '/personnel', permission: 'personnel.view' },
        { key: 'password-resets', title: '找回密码申请', path: '/password-resets', permission: 'personnel.manage' },
        { key: 'stats-workplace', title: '所属单位完成情况', path: '/stats/workplace', permission: 'stats.view' },
      ],
    },
    system,
  ],
  employer: [
    dashboard,
    {
      key: 'account',
      title: '账户管理',
      icon: 'team',
      children: [
        ownOrg,
        { key: 'registrations', title: '注册审核管理', children: [reg('personnel', '专技人员注册审核')] },
        { key: 'changes', title: '变更审核管理', children: [change('title', '审核人员信息修改')] },
        transfersMenu,
      ],
    },
    {
      key: 'unit-training',
      title: '单位培训',
      icon: 'book',
      children: [
        { key: 'classes', title: '单位培训计划', path: '/training/classes', permission: 'class.manage' },
        { key: 'scores', title: '单位培训学时', path: '/training/scores', permission: 'score.manage' },
        { key: 'personal-review', title: '本单位人员学时申报', path: '/hours/personal-review', permission: 'claim.unitReview' },
      ],
    },
    {
      key: 'staff',
      title: '本单位人员',
      icon: 'chart',
      children: [
        { key: 'personnel-query', title: '本单位人员', path: '/personnel', permission: 'personnel.view' },
        { key: 'password-resets', title: '找回密码申请', path: '/password-resets', permission: 'personnel.manage' },
        { key: 'stats-workplace', title: '本单位完成情况', path: '/stats/workplace', permission: 'stats.view' },
      ],
    },
    system,
  ],
  base: [
    dashboard,
    {
      key: 'account',
      title: '账户管理',
      icon: 'team',
      children: [orgInfo('继续教育机构信息管理'), departments, { key: 'perm', title: '权限管理', children: [admins('管理员'), roles] }],
    },
    { key: 'classes', title: '培训班管理', icon: 'book', path: '/training/classes', permission: 'class.manage' },
    { key: 'scores', title: '学员成绩管理', icon: 'solution', path: '/training/scores', permission: 'score.manage' },
    { key: 'annual-plan', title: '年度培训计划', icon: 'file', path: '/training/annual/plan', permission: 'annual.manage' },
    { key: 'annual-summary', title: '年度工作总结', icon: 'file', path: '/training/annual/summary', permission: 'annual.manage' },
    materialsMenu,
    system,
  ],
  personnel: [
    dashboard,
    { key: 'my-hours', title: '我的学时', path: '/me/hours', icon: 'audit' },
    { key: 'enrolment', title: '培训报名', path: '/me/enrolment', icon: 'book' },
    { key: 'my-certificates', title: '电子证书', path: '/me/certificates', icon: 'safety' },
    { key: 'profile', title: '个人信息', path: '/me/profile', icon: 'user' },
  ],
};

/** What a registrant sees until the registration is approved. */
export const REGISTRANT_MENU: MenuItem[] = [{ key: 'registration', title: '注册审核状态', path: '/registration', icon: 'audit' }];

/** Filters a menu tree down to what the holder of `perms` (at HR level `level`) may see. */
export function visibleMenus(items: MenuItem[], perms: ReadonlySet<string>, org: { type: OrgType; hrLevel: HrLevel | null }): MenuItem[] {
  const out: MenuItem[] = [];
  for (const item of items) {
    if (item.hrDuty && !hasHrDuty(org, item.hrDuty)) continue;
    if (item.children) {
      const children = visibleMenus(item.children, perms, org);
      if (children.length) out.push({ ...item, children });
    } else if (!item.permission || perms.has(item.permission)) {
      out.push(item);
    }
  }
  return out;
}
