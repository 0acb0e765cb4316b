/** Request schemas shared by server (validation + OpenAPI) and web (form rules). Messages in Chinese. */
import { z } from 'zod';
import { checkIdNumber, ID_TYPE_CODES } from './idNumber.js';
import { checkCreditCode } from './creditCode.js';
import { checkPassword } from './password.js';
import { LOGIN_TYPE_CODES } from './orgTypes.js';
import {
  TITLE_SERIES,
  TITLE_LEVELS,
  EDUCATION_LEVELS,
  MESSAGE_KIND_CODES,
  ANNOUNCEMENT_KIND_CODES,
  ANNOUNCEMENT_STATUS_CODES,
} from './dictionaries.js';
import { SUBJECT_TYPE_CODES, LEARNING_FORM_CODES } from './hours.js';
import { dateSchema, decimal, idSchema, int, noControlChars, pattern, text, year } from './fields.js';

z.config(z.locales.zhCN());

export const idTypeSchema = z.enum(ID_TYPE_CODES, { error: '请选择有效的证件类型' });
export const phoneSchema = z
  .string()
  .trim()
  .max(20, '请输入11位手机号码')
  .regex(/^1[3-9]\d{9}$/, '请输入11位手机号码');
export const landlineSchema = z
  .string()
  .trim()
  .max(30, '固定电话格式应为 区号-号码')
  .regex(/^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/, '固定电话格式应为 区号-号码');
export const emailSchema = noControlChars(z.string().trim().max(100, '不能超过100个字符')).pipe(z.email('电子邮箱格式不正确'));
export const nameSchema = text(100, { min: 1 });
export const personNameSchema = text(50, { min: 2 });
export const idNumberRaw = text(30, { min: 1, tooLong: '过长' });
export { idSchema };
export const creditCodeSchema = noControlChars(z.string().trim().max(30, '统一社会信用代码应为18位'))
  .superRefine((v, ctx) => {
    const r = checkCreditCode(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
  })
  .transform((v) => v.toUpperCase());

/** Adds a 证件号 check against the chosen 证件类型 to an object schema with idType + idNumber. */
export function refineIdNumber<T extends { idType: z.infer<typeof idTypeSchema>; idNumber: string }>(v: T, ctx: z.RefinementCtx) {
  const r = checkIdNumber(v.idType, v.idNumber);
  if (!r.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: r.reason });
}

export const loginBody = z.object({
  loginType: z.enum(LOGIN_TYPE_CODES, { error: '请选择用户类型' }),
  account: text(30, { min: 1, required: '请输入账号', tooLong: '过长' }),
  password: passwordText('请输入密码'),
  captchaId: pattern(/^[\w-]*$/, '验证码编号不正确', 64).default(''),
  captcha: text(10).default(''),
});

/** A password as typed: not trimmed, at most 64 characters, no control characters. */
function passwordText(required: string) {
  return noControlChars(z.string({ error: required }).min(1, required).max(64, '不能超过64位'));
}
export const newPasswordSchema = passwordText('请输入新密码');
export const changePasswordBody = z.object({
  oldPassword: passwordText('请输入原密码'),
  newPassword: newPasswordSchema,
});

/** 个人信息 › 修改联系方式: the new 手机号 and 电子邮箱 (empty: none), confirmed with the current password. */
export const contactBody = z.object({
  phone: phoneSchema,
  email: z.union([z.literal(''), emailSchema]).default(''),
  password: passwordText('请输入当前密码'),
});

/** 忘记密码 (public, behind the login's captcha): 证件号 + 姓名 + the 手机号 the account holds. */
export const passwordResetBody = z.object({
  idNumber: idNumberRaw,
  personName: personNameSchema,
  phone: phoneSchema,
  captchaId: pattern(/^[\w-]*$/, '验证码编号不正确', 64).default(''),
  captcha: text(10).default(''),
});
/** A 申请编号 as typed (normalised by the server like a certificate code). */
export const passwordResetTicketParams = z.object({ ticket: pattern(/^[0-9A-Za-z -]*$/, '申请编号格式不正确', 40) });
/** 找回密码申请: only 驳回 is a queue decision (通过 is 重置密码, which shows the one-time password). */
export const passwordResetRejectBody = z.object({
  ids: z.array(idSchema).min(1, '请选择要处理的记录').max(200, '一次最多处理200条'),
  decision: z.literal('reject', { error: '找回密码申请请通过“重置密码”处理，或填写原因驳回' }),
  reason: text(200, { min: 1, required: '驳回时请填写驳回原因' }),
});

export const orgInfoBody = z.object({
  name: nameSchema,
  contactName: personNameSchema,
  contactPhone: z
    .string()
    .trim()
    .max(20, '请输入手机号或固定电话')
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请输入手机号或固定电话'),
  address: text(200, { min: 1 }),
});

export const departmentCreateBody = z.object({
  name: text(50, { min: 1, required: '请输入部门名称' }),
  parentId: idSchema.nullable().default(null),
});
export const departmentUpdateBody = z.object({
  name: text(50, { min: 1, required: '请输入部门名称' }).optional(),
  parentId: idSchema.nullable().optional(),
});

const roleIds = z.array(idSchema).max(50).default([]);
const adminSelect = z.object({ mode: z.literal('select'), userId: idSchema, departmentId: idSchema, roleIds });
const adminRegister = z
  .object({
    mode: z.literal('register'),
    idType: idTypeSchema,
    idNumber: idNumberRaw,
    password: newPasswordSchema,
    confirmPassword: noControlChars(z.string().max(64, '不能超过64位')),
    realName: personNameSchema,
    phone: phoneSchema,
    email: emailSchema,
    landline: z.union([landlineSchema, z.literal('')]).optional(),
    departmentId: idSchema,
    roleIds,
  })
  .superRefine(refineIdNumber)
  .superRefine((v, ctx) => {
    if (v.password !== v.confirmPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: '两次输入的密码不一致' });
    const reason = checkPassword(v.password, { idNumber: v.idNumber });
    if (reason) ctx.addIssue({ code: 'custom', path: ['password'], message: reason });
  });
const adminExisting = z
  .object({
    mode: z.literal('existing'),
    idType: idTypeSchema,
    idNumber: idNumberRaw,
    password: passwordText('请输入该人员的登录密码'),
    departmentId: idSchema,
    roleIds,
  })
  .superRefine(refineIdNumber);
export const adminCreateBody = z.discriminatedUnion('mode', [adminSelect, adminRegister, adminExisting], { error: '请选择新增管理员的方式' });
export type AdminCreateBody = z.infer<typeof adminCreateBody>;

export const adminRolesBody = z.object({ roleIds: z.array(idSchema).max(50) });

export const roleBody = z.object({
  name: text(30, { min: 1, required: '请输入角色名称' }),
  description: text(200).default(''),
  permissions: z
    .array(pattern(/^[a-z][a-z0-9_.]*$/, '权限编码不正确', 50))
    .min(1, '请至少选择一项权限')
    .max(100),
});

export const pageQuery = z.object({
  page: int(1, 100000, { min: '最小为1' }).default(1),
  pageSize: int(1, 200, { max: '最大为200' }).default(20),
});

/** 站内消息 list: 未读/已读/全部 and the kind. */
export const messageQuery = pageQuery.extend({
  read: z.enum(['unread', 'read', 'all'], { error: '阅读状态不正确' }).default('all'),
  kind: z.enum(MESSAGE_KIND_CODES, { error: '消息类型不正确' }).optional(),
});

// ---- Registration (注册), review (审核), change requests (变更) and transfers (调转) ----

const titleSeriesCodes = TITLE_SERIES.map((s) => s.code) as [string, ...string[]];
export const titleSchema = z.object({
  titleSeries: z.enum(titleSeriesCodes, { error: '请选择职称系列' }),
  titleLevel: z.enum(Object.keys(TITLE_LEVELS) as [keyof typeof TITLE_LEVELS, ...(keyof typeof TITLE_LEVELS)[]], { error: '请选择职称级别' }),
  titleName: text(50).default(''),
  titleDate: dateSchema.or(z.literal('')).default(''),
});
/** The level must exist in the chosen series (some series lack 员级). */
export function refineTitle(v: { titleSeries: string; titleLevel: string }, ctx: z.RefinementCtx) {
  const s = TITLE_SERIES.find((x) => x.code === v.titleSeries);
  if (s && !s.levels.includes(v.titleLevel as keyof typeof TITLE_LEVELS)) {
    ctx.addIssue({ code: 'custom', path: ['titleLevel'], message: `${s.name}系列没有${TITLE_LEVELS[v.titleLevel as keyof typeof TITLE_LEVELS]}` });
  }
}

function refinePasswords(v: { password: string; confirmPassword: string; idNumber: string }, ctx: z.RefinementCtx) {
  if (v.password !== v.confirmPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: '两次输入的密码不一致' });
  const reason = checkPassword(v.password, { idNumber: v.idNumber });
  if (reason) ctx.addIssue({ code: 'custom', path: ['password'], message: reason });
}

const accountFields = {
  idType: idTypeSchema,
  idNumber: idNumberRaw,
  realName: personNameSchema,
  phone: phoneSchema,
  email: emailSchema,
  password: newPasswordSchema,
  confirmPassword: noControlChars(z.string().max(64, '不能超过64位')),
};

export const REGISTRABLE_ORG_TYPES = ['employer', 'authority', 'base', 'hr'] as const;
export const divisionCodeSchema = pattern(/^\d{6}$/, '请选择所属地区', 6);

const orgFields = {
  name: nameSchema,
  creditCode: creditCodeSchema,
  divisionCode: divisionCodeSchema,
  parentId: idSchema,
  contactName: personNameSchema,
  contactPhone: orgInfoBody.shape.contactPhone,
  address: orgInfoBody.shape.address,
};

export const orgRegistrationBody = z.object({
  type: z.enum(REGISTRABLE_ORG_TYPES, { error: '请选择机构类型' }),
  ...orgFields,
  admin: z.object(accountFields).superRefine(refineIdNumber).superRefine(refinePasswords),
});
export type OrgRegistrationBody = z.infer<typeof orgRegistrationBody>;

export const personnelRegistrationBody = z
  .object({
    ...accountFields,
    orgId: idSchema,
    departmentId: idSchema.nullable().default(null),
    education: z.enum(Object.keys(EDUCATION_LEVELS) as [string, ...string[]], { error: '请选择学历' }),
    ...titleSchema.shape,
  })
  .superRefine(refineIdNumber)
  .superRefine(refinePasswords)
  .superRefine(refineTitle);
export type PersonnelRegistrationBody = z.infer<typeof personnelRegistrationBody>;

/** Resubmission after a rejection: the same data, without the account's password. */
export const orgResubmitBody = z.object(orgFields);
export const personnelResubmitBody = z
  .object({
    realName: personNameSchema,
    orgId: idSchema,
    departmentId: idSchema.nullable().default(null),
    education: personnelRegistrationBody.shape.education,
    ...titleSchema.shape,
  })
  .superRefine(refineTitle);

export const REVIEW_KINDS = ['personnel', 'employer', 'authority', 'base', 'hr'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const decisionBody = z
  .object({
    ids: z.array(idSchema).min(1, '请选择要处理的记录').max(200, '一次最多处理200条'),
    decision: z.enum(['approve', 'reject'], { error: '请选择通过或驳回' }),
    reason: text(200).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回时请填写驳回原因' });
  });
export const reviewTabQuery = pageQuery.extend({
  tab: z.enum(['pending', 'done']).default('pending'),
  keyword: text(50).optional(),
});

export const titleChangeBody = titleSchema.superRefine(refineTitle);
export const reparentBody = z.object({
  newParentId: idSchema,
  reason: text(200, { min: 1, required: '请填写更换原因' }),
});

export const transferCreateBody = z.object({
  personnelId: idSchema,
  toOrgId: idSchema,
  reason: text(200, { min: 1, required: '请填写调转原因' }),
  transferDate: dateSchema,
});
export const transferConfirmBody = z.object({ departmentId: idSchema.nullable().default(null) });
export const transferRefuseBody = z.object({ reason: text(200, { min: 1, required: '请填写拒绝原因' }) });

// ---- Training classes, scores, claim review (培训班、学员成绩、学时审核) ----
const ymd = dateSchema;
export const hoursValue = decimal({ gt: 0, max: 500, step: 0.1, stepMessage: '最多一位小数' });
export const classBody = z
  .object({
    year: year(),
    name: text(100, { min: 1, required: '请输入培训班名称' }),
    subjectType: z.enum(SUBJECT_TYPE_CODES, { error: '请选择科目类型' }),
    learningForm: z.enum(LEARNING_FORM_CODES, { error: '请选择学习形式' }),
    hours: hoursValue,
    startDate: ymd,
    endDate: ymd,
    place: text(100, { min: 1, required: '请输入培训地点' }),
    capacity: int(1, 100000, { min: '至少1人', max: '过大' }),
    targetSeries: z.array(z.enum(titleSeriesCodes)).max(27).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
    if (Number(v.startDate.slice(0, 4)) !== v.year) ctx.addIssue({ code: 'custom', path: ['startDate'], message: '开始日期应在培训年度内' });
  });
export type ClassBody = z.infer<typeof classBody>;
export const scoreBody = z
  .object({
    idType: idTypeSchema.default('resident'),
    idNumber: idNumberRaw,
    score: text(20).default(''),
    qualified: z.boolean({ error: '请选择是否合格' }),
  })
  .superRefine(refineIdNumber);
/** 修改 of a learner's score while HR has not decided it (学员成绩管理). */
export const scoreCorrectionBody = z.object({
  score: text(20).default(''),
  qualified: z.boolean({ error: '请选择是否合格' }),
});
/** 报名名单 › 登记成绩 / 全部登记: one score and 合格 for the selected enrolled learners (by their personnel id). */
export const rosterScoreBody = scoreCorrectionBody.extend({
  personnelIds: z.array(idSchema).min(1, '请选择要登记的学员').max(500, '一次最多登记500人'),
});
export type ScoreCorrectionBody = z.infer<typeof scoreCorrectionBody>;
export const claimQuery = pageQuery.extend({
  tab: z.enum(['pending', 'done']).default('pending'),
  source: z.enum(['base', 'employer', 'personal']).default('base'),
  year: year().optional(),
  name: text(50).optional(),
  subjectType: z.enum(SUBJECT_TYPE_CODES).optional(),
  learningForm: z.enum(LEARNING_FORM_CODES).optional(),
  orgName: text(100).optional(),
  baseName: text(100).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  /** One class's claims (单位培训学时审核's 查看 of a unit training plan). */
  classId: idSchema.optional(),
});
/** 单位培训学时审核: the unit training plans (one row each) with employer claims in the tab, by the manual's 4 filters. */
export const claimClassQuery = pageQuery.extend({
  tab: z.enum(['pending', 'done']).default('pending'),
  year: year().optional(),
  className: text(50).optional(),
  subjectType: z.enum(SUBJECT_TYPE_CODES, { error: '请选择有效的学习科目' }).optional(),
  orgName: text(100).optional(),
});
export const revokeBody = z.object({
  ids: z.array(idSchema).min(1, '请选择要处理的记录').max(200, '一次最多处理200条'),
  reason: text(200, { min: 1, required: '请填写审验不通过的原因' }),
});
/** 学时审核 › 删除: always with a reason, stored on the claim and shown to the person and the declarer (like 审验不通过's). */
export const claimDeleteBody = z.object({
  ids: z.array(idSchema).min(1, '请选择要处理的记录').max(200, '一次最多处理200条'),
  reason: text(200, { min: 1, required: '请填写删除原因' }),
});
export const idsBody = z.object({ ids: z.array(idSchema).min(1, '请选择要处理的记录').max(1000, '一次最多处理1000条') });
/** 申报个人学时 (multipart fields). 学习起止日期 lie within the claim's year, end ≥ start; the server also refuses a future end. */
export const personalClaimFields = z
  .object({
    year: year(),
    title: text(100, { min: 1, required: '请填写学习内容' }),
    subjectType: z.enum(SUBJECT_TYPE_CODES, { error: '请选择科目类型' }),
    learningForm: z.enum(LEARNING_FORM_CODES, { error: '请选择学习形式' }),
    units: decimal({ gt: 0, max: 365, step: 0.5, stepMessage: '最小单位为0.5' }),
    activityStart: dateSchema,
    activityEnd: dateSchema,
  })
  .refine((v) => v.activityStart.startsWith(`${v.year}-`) && v.activityEnd.startsWith(`${v.year}-`), {
    path: ['activityStart'],
    message: '学习起止日期应在申报年度内',
  })
  .refine((v) => v.activityEnd >= v.activityStart, { path: ['activityEnd'], message: '结束日期不能早于开始日期' });

// ---- 通知公告 / 政策文件 (modules/announcements) ----

/**
 * 通知公告 requests. The fields are named noticeKind/headline/content (not kind/title/body) because validation messages
 * label a field by its name platform-wide (labels.ts FIELD_LABELS: title is 学习内容, kind 审核类别). The body text is
 * plain text: line breaks (and tabs) kept, other control characters refused.
 */
export const ANNOUNCEMENT_BODY_MAX = 20000;
export const announcementBody = z.object({
  noticeKind: z.enum(ANNOUNCEMENT_KIND_CODES, { error: '请选择类别' }),
  headline: text(100, { min: 1, required: '请填写标题' }),
  content: text(ANNOUNCEMENT_BODY_MAX, { min: 1, required: '请填写正文' }),
  pinned: z.boolean({ error: '置顶应为是或否' }).default(false),
});
/** The home page's and a reader's list: 通知公告 or 政策文件 (or both), 10 per page on the home page. */
export const announcementQuery = pageQuery.extend({
  pageSize: int(1, 50, { max: '最大为50' }).default(10),
  noticeKind: z.enum(ANNOUNCEMENT_KIND_CODES, { error: '类别不正确' }).optional(),
});
/** 通知公告管理: the own organisation's announcements by kind, state and a title keyword. */
export const managedAnnouncementFilters = z.object({
  noticeKind: z.enum(ANNOUNCEMENT_KIND_CODES, { error: '类别不正确' }).optional(),
  status: z.enum(ANNOUNCEMENT_STATUS_CODES, { error: '状态不正确' }).optional(),
  headline: text(100).optional(),
});
