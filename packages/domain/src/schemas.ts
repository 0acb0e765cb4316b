/** Request schemas shared by server (validation + OpenAPI) and web (form rules). Messages in Chinese. */
import { z } from 'zod';
import { checkIdNumber, ID_TYPE_CODES } from './idNumber.js';
import { checkCreditCode } from './creditCode.js';
import { checkPassword } from './password.js';
import { LOGIN_TYPE_CODES } from './orgTypes.js';
import { TITLE_SERIES, TITLE_LEVELS, EDUCATION_LEVELS } from './dictionaries.js';
import { SUBJECT_TYPE_CODES, LEARNING_FORM_CODES } from './hours.js';

z.config(z.locales.zhCN());

export const idTypeSchema = z.enum(ID_TYPE_CODES, { error: '请选择有效的证件类型' });
export const phoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入11位手机号码');
export const landlineSchema = z.string().trim().regex(/^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/, '固定电话格式应为 区号-号码');
export const emailSchema = z.string().trim().max(100).pipe(z.email('电子邮箱格式不正确'));
export const nameSchema = z.string().trim().min(1, '不能为空').max(100, '不能超过100个字符');
export const personNameSchema = z.string().trim().min(2, '至少2个字符').max(50, '不能超过50个字符');
export const idNumberRaw = z.string().trim().min(1, '不能为空').max(30, '过长');
export const idSchema = z.coerce.number({ error: '必须是编号' }).int('必须是整数').positive('必须是正整数');
export const creditCodeSchema = z.string().trim().superRefine((v, ctx) => {
  const r = checkCreditCode(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
}).transform((v) => v.toUpperCase());

/** Adds a 证件号 check against the chosen 证件类型 to an object schema with idType + idNumber. */
export function refineIdNumber<T extends { idType: z.infer<typeof idTypeSchema>; idNumber: string }>(v: T, ctx: z.RefinementCtx) {
  const r = checkIdNumber(v.idType, v.idNumber);
  if (!r.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: r.reason });
}

export const loginBody = z.object({
  loginType: z.enum(LOGIN_TYPE_CODES, { error: '请选择用户类型' }),
  account: z.string().trim().min(1, '请输入账号').max(30, '过长'),
  password: z.string().min(1, '请输入密码').max(64, '过长'),
  captchaId: z.string().max(64).default(''),
  captcha: z.string().trim().max(10).default(''),
});

export const newPasswordSchema = z.string().min(1, '请输入新密码').max(64, '不能超过64位');
export const changePasswordBody = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(64),
  newPassword: newPasswordSchema,
});

export const orgInfoBody = z.object({
  name: nameSchema,
  contactName: personNameSchema,
  contactPhone: z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '请输入手机号或固定电话'),
  address: z.string().trim().min(1, '不能为空').max(200, '不能超过200个字符'),
});

export const departmentCreateBody = z.object({
  name: z.string().trim().min(1, '请输入部门名称').max(50, '不能超过50个字符'),
  parentId: idSchema.nullable().default(null),
});
export const departmentUpdateBody = z.object({
  name: z.string().trim().min(1, '请输入部门名称').max(50, '不能超过50个字符').optional(),
  parentId: idSchema.nullable().optional(),
});

const roleIds = z.array(idSchema).max(50).default([]);
const adminSelect = z.object({ mode: z.literal('select'), userId: idSchema, departmentId: idSchema, roleIds });
const adminRegister = z.object({
  mode: z.literal('register'),
  idType: idTypeSchema,
  idNumber: idNumberRaw,
  password: newPasswordSchema,
  confirmPassword: z.string().max(64),
  realName: personNameSchema,
  phone: phoneSchema,
  email: emailSchema,
  landline: z.union([landlineSchema, z.literal('')]).optional(),
  departmentId: idSchema,
  roleIds,
}).superRefine(refineIdNumber).superRefine((v, ctx) => {
  if (v.password !== v.confirmPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: '两次输入的密码不一致' });
  const reason = checkPassword(v.password, { idNumber: v.idNumber });
  if (reason) ctx.addIssue({ code: 'custom', path: ['password'], message: reason });
});
const adminExisting = z.object({
  mode: z.literal('existing'),
  idType: idTypeSchema,
  idNumber: idNumberRaw,
  password: z.string().min(1, '请输入该人员的登录密码').max(64),
  departmentId: idSchema,
  roleIds,
}).superRefine(refineIdNumber);
export const adminCreateBody = z.discriminatedUnion('mode', [adminSelect, adminRegister, adminExisting], { error: '请选择新增管理员的方式' });
export type AdminCreateBody = z.infer<typeof adminCreateBody>;

export const adminRolesBody = z.object({ roleIds: z.array(idSchema).max(50) });

export const roleBody = z.object({
  name: z.string().trim().min(1, '请输入角色名称').max(30, '不能超过30个字符'),
  description: z.string().trim().max(200, '不能超过200个字符').default(''),
  permissions: z.array(z.string().max(50)).min(1, '请至少选择一项权限').max(100),
});

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, '最小为1').max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '最大为200').default(20),
});

// ---- Registration (注册), review (审核), change requests (变更) and transfers (调转) ----

const titleSeriesCodes = TITLE_SERIES.map((s) => s.code) as [string, ...string[]];
export const titleSchema = z.object({
  titleSeries: z.enum(titleSeriesCodes, { error: '请选择职称系列' }),
  titleLevel: z.enum(Object.keys(TITLE_LEVELS) as [keyof typeof TITLE_LEVELS, ...(keyof typeof TITLE_LEVELS)[]], { error: '请选择职称级别' }),
  titleName: z.string().trim().max(50, '不能超过50个字符').default(''),
  titleDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD').or(z.literal('')).default(''),
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
  confirmPassword: z.string().max(64),
};

export const REGISTRABLE_ORG_TYPES = ['employer', 'authority', 'base', 'hr'] as const;
export const divisionCodeSchema = z.string().regex(/^\d{6}$/, '请选择所属地区');

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

export const personnelRegistrationBody = z.object({
  ...accountFields,
  orgId: idSchema,
  departmentId: idSchema.nullable().default(null),
  education: z.enum(Object.keys(EDUCATION_LEVELS) as [string, ...string[]], { error: '请选择学历' }),
  ...titleSchema.shape,
}).superRefine(refineIdNumber).superRefine(refinePasswords).superRefine(refineTitle);
export type PersonnelRegistrationBody = z.infer<typeof personnelRegistrationBody>;

/** Resubmission after a rejection: the same data, without the account's password. */
export const orgResubmitBody = z.object(orgFields);
export const personnelResubmitBody = z.object({
  realName: personNameSchema,
  orgId: idSchema,
  departmentId: idSchema.nullable().default(null),
  education: personnelRegistrationBody.shape.education,
  ...titleSchema.shape,
}).superRefine(refineTitle);

export const REVIEW_KINDS = ['personnel', 'employer', 'authority', 'base', 'hr'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const decisionBody = z.object({
  ids: z.array(idSchema).min(1, '请选择要处理的记录').max(200, '一次最多处理200条'),
  decision: z.enum(['approve', 'reject'], { error: '请选择通过或驳回' }),
  reason: z.string().trim().max(200, '不能超过200个字符').default(''),
}).superRefine((v, ctx) => {
  if (v.decision === 'reject' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回时请填写驳回原因' });
});
export const reviewTabQuery = pageQuery.extend({
  tab: z.enum(['pending', 'done']).default('pending'),
  keyword: z.string().trim().max(50).optional(),
});

export const titleChangeBody = titleSchema.superRefine(refineTitle);
export const reparentBody = z.object({
  newParentId: idSchema,
  reason: z.string().trim().min(1, '请填写更换原因').max(200, '不能超过200个字符'),
});

export const transferCreateBody = z.object({
  personnelId: idSchema,
  toOrgId: idSchema,
  reason: z.string().trim().min(1, '请填写调转原因').max(200, '不能超过200个字符'),
  transferDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD'),
});
export const transferConfirmBody = z.object({ departmentId: idSchema.nullable().default(null) });
export const transferRefuseBody = z.object({ reason: z.string().trim().min(1, '请填写拒绝原因').max(200, '不能超过200个字符') });

// ---- Training classes, scores, claim review (培训班、学员成绩、学时审核) ----
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
export const hoursValue = z.coerce.number({ error: '必须是数字' }).gt(0, '必须大于0').max(500, '不能超过500').multipleOf(0.1, '最多一位小数');
export const classBody = z.object({
  year: z.coerce.number().int().min(2000, '年度不正确').max(2100, '年度不正确'),
  name: z.string().trim().min(1, '请输入培训班名称').max(100, '不能超过100个字符'),
  subjectType: z.enum(SUBJECT_TYPE_CODES, { error: '请选择科目类型' }),
  learningForm: z.enum(LEARNING_FORM_CODES, { error: '请选择学习形式' }),
  hours: hoursValue,
  startDate: ymd,
  endDate: ymd,
  place: z.string().trim().min(1, '请输入培训地点').max(100, '不能超过100个字符'),
  capacity: z.coerce.number().int().min(1, '至少1人').max(100000, '过大'),
  targetSeries: z.array(z.enum(titleSeriesCodes)).max(27).default([]),
}).superRefine((v, ctx) => {
  if (v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期不能早于开始日期' });
  if (Number(v.startDate.slice(0, 4)) !== v.year) ctx.addIssue({ code: 'custom', path: ['startDate'], message: '开始日期应在培训年度内' });
});
export type ClassBody = z.infer<typeof classBody>;
export const scoreBody = z.object({
  idType: idTypeSchema.default('resident'),
  idNumber: idNumberRaw,
  score: z.string().trim().max(20, '不能超过20个字符').default(''),
  qualified: z.boolean({ error: '请选择是否合格' }),
}).superRefine(refineIdNumber);
export const claimQuery = pageQuery.extend({
  tab: z.enum(['pending', 'done']).default('pending'),
  source: z.enum(['base', 'employer', 'personal']).default('base'),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  name: z.string().trim().max(50).optional(),
  subjectType: z.enum(SUBJECT_TYPE_CODES).optional(),
  learningForm: z.enum(LEARNING_FORM_CODES).optional(),
  orgName: z.string().trim().max(100).optional(),
  baseName: z.string().trim().max(100).optional(),
  flagged: z.enum(['true', 'false']).optional(),
});
export const revokeBody = z.object({
  ids: z.array(idSchema).min(1, '请选择要处理的记录').max(200, '一次最多处理200条'),
  reason: z.string().trim().min(1, '请填写审验不通过的原因').max(200, '不能超过200个字符'),
});
export const idsBody = z.object({ ids: z.array(idSchema).min(1, '请选择要处理的记录').max(1000, '一次最多处理1000条') });
export const personalClaimFields = z.object({
  year: z.coerce.number({ error: '请选择年度' }).int().min(2000, '年度不正确').max(2100, '年度不正确'),
  title: z.string().trim().min(1, '请填写学习内容').max(100, '不能超过100个字符'),
  subjectType: z.enum(SUBJECT_TYPE_CODES, { error: '请选择科目类型' }),
  learningForm: z.enum(LEARNING_FORM_CODES, { error: '请选择学习形式' }),
  units: z.coerce.number({ error: '必须是数字' }).gt(0, '必须大于0').max(365, '不能超过365').multipleOf(0.5, '最小单位为0.5'),
});
