/**
 * Reference dictionaries kept as data, one source for server, web, templates and imports.
 * 职称系列: the 27 series of 人社部《职称系列（专业）各层级名称》; levels a series has.
 * Not built yet: the per-series title NAMES with validity dates that SPEC §6 wants as province-editable data;
 * personnel store their 职称名称 as text beside the series and level from here.
 */
export const TITLE_LEVELS = { senior: '正高级', viceSenior: '副高级', intermediate: '中级', assistant: '助理级', junior: '员级' } as const;
export type TitleLevel = keyof typeof TITLE_LEVELS;

const ALL: TitleLevel[] = ['senior', 'viceSenior', 'intermediate', 'assistant', 'junior'];
const NO_JUNIOR: TitleLevel[] = ['senior', 'viceSenior', 'intermediate', 'assistant'];

export const TITLE_SERIES: ReadonlyArray<{ code: string; name: string; levels: TitleLevel[] }> = [
  { code: 'GDJS', name: '高等学校教师', levels: NO_JUNIOR },
  { code: 'ZXSH', name: '哲学社会科学研究人员', levels: NO_JUNIOR },
  { code: 'ZRKX', name: '自然科学研究人员', levels: NO_JUNIOR },
  { code: 'WSJS', name: '卫生技术人员', levels: ALL },
  { code: 'GCJS', name: '工程技术人员', levels: ALL },
  { code: 'NYJS', name: '农业技术人员', levels: ALL },
  { code: 'XW', name: '新闻', levels: NO_JUNIOR },
  { code: 'CB', name: '出版', levels: ALL },
  { code: 'TSZL', name: '图书资料', levels: ALL },
  { code: 'WWBW', name: '文物博物', levels: NO_JUNIOR },
  { code: 'DA', name: '档案', levels: ALL },
  { code: 'GYMS', name: '工艺美术', levels: ALL },
  { code: 'JGYX', name: '技工院校教师', levels: NO_JUNIOR },
  { code: 'TY', name: '体育', levels: NO_JUNIOR },
  { code: 'FY', name: '翻译', levels: NO_JUNIOR },
  { code: 'BYZC', name: '播音主持', levels: NO_JUNIOR },
  { code: 'KJ', name: '会计', levels: NO_JUNIOR },
  { code: 'TJ', name: '统计', levels: NO_JUNIOR },
  { code: 'JJ', name: '经济', levels: NO_JUNIOR },
  { code: 'SYJS', name: '实验技术', levels: ALL },
  { code: 'ZZJS', name: '中等职业学校教师', levels: ALL },
  { code: 'ZXXJ', name: '中小学教师', levels: ALL },
  { code: 'YS', name: '艺术', levels: ALL },
  { code: 'GGFL', name: '公共法律服务', levels: ALL },
  { code: 'CBJS', name: '船舶', levels: ALL },
  { code: 'MHFX', name: '民用航空飞行技术', levels: NO_JUNIOR },
  { code: 'SJ', name: '审计', levels: NO_JUNIOR },
];

export const EDUCATION_LEVELS = {
  doctor: '博士研究生',
  master: '硕士研究生',
  bachelor: '大学本科',
  college: '大学专科',
  secondary: '中专',
  other: '其他',
} as const;

export const GENDERS = { male: '男', female: '女' } as const;
export type Gender = keyof typeof GENDERS;
export const GENDER_CODES = Object.keys(GENDERS) as [Gender, ...Gender[]];

/** 年度工作材料报送: the category of each uploaded file, and a submission's state. */
export const MATERIAL_CATEGORIES = { guide: '学习指南', notice: '工作通知', summary: '工作总结', other: '其他' } as const;
export type MaterialCategory = keyof typeof MATERIAL_CATEGORIES;
export const MATERIAL_CATEGORY_CODES = Object.keys(MATERIAL_CATEGORIES) as [MaterialCategory, ...MaterialCategory[]];
export const MATERIAL_STATUSES = { draft: '草稿', submitted: '已提交' } as const;
export type MaterialStatus = keyof typeof MATERIAL_STATUSES;
export const MATERIAL_STATUS_CODES = Object.keys(MATERIAL_STATUSES) as [MaterialStatus, ...MaterialStatus[]];

/** 通知公告 / 政策文件 published by the province or a city HR (server modules/announcements): its kind and state. */
export const ANNOUNCEMENT_KINDS = { notice: '通知公告', policy: '政策文件' } as const;
export type AnnouncementKind = keyof typeof ANNOUNCEMENT_KINDS;
export const ANNOUNCEMENT_KIND_CODES = Object.keys(ANNOUNCEMENT_KINDS) as [AnnouncementKind, ...AnnouncementKind[]];
export const ANNOUNCEMENT_STATUSES = { draft: '草稿', published: '已发布', withdrawn: '已撤回' } as const;
export type AnnouncementStatus = keyof typeof ANNOUNCEMENT_STATUSES;
export const ANNOUNCEMENT_STATUS_CODES = Object.keys(ANNOUNCEMENT_STATUSES) as [AnnouncementStatus, ...AnnouncementStatus[]];

/*
 * Workflow states and kinds stored in text columns: the one list each, used by the Drizzle column types
 * (`.$type<…>()`), the CHECK constraints of migration 0012_status_checks (a test compares them) and the labels.
 */
/** 注册审核 of a person (personnel.status). */
export const PERSONNEL_STATUSES = { pending: '待审核', active: '已通过', rejected: '已驳回' } as const;
export type PersonnelStatus = keyof typeof PERSONNEL_STATUSES;
export const PERSONNEL_STATUS_CODES = Object.keys(PERSONNEL_STATUSES) as [PersonnelStatus, ...PersonnelStatus[]];

/** A reviewed request (变更申请, 年度培训计划/工作总结). */
export const REVIEW_STATUSES = { pending: '待审核', approved: '已通过', rejected: '已驳回' } as const;
export type ReviewStatus = keyof typeof REVIEW_STATUSES;
export const REVIEW_STATUS_CODES = Object.keys(REVIEW_STATUSES) as [ReviewStatus, ...ReviewStatus[]];
/** One reviewer's decision on a change request (reparent needs two). */
export const REVIEW_DECISIONS = { approve: '已同意', reject: '已驳回' } as const;
export type ReviewDecision = keyof typeof REVIEW_DECISIONS;
export const REVIEW_DECISION_CODES = Object.keys(REVIEW_DECISIONS) as [ReviewDecision, ...ReviewDecision[]];

/** 变更审核: what a change request changes. */
export const CHANGE_KINDS = { title: '专业技术职务变更', org_info: '单位信息变更', reparent: '更换上级部门' } as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;
export const CHANGE_KIND_CODES = Object.keys(CHANGE_KINDS) as [ChangeKind, ...ChangeKind[]];

/** 人员调转. */
export const TRANSFER_STATUSES = { pending: '待确认', confirmed: '已调入', refused: '已拒绝', cancelled: '已撤回' } as const;
export type TransferStatus = keyof typeof TRANSFER_STATUSES;
export const TRANSFER_STATUS_CODES = Object.keys(TRANSFER_STATUSES) as [TransferStatus, ...TransferStatus[]];

/** 培训班 (审核培训计划申报). */
export const CLASS_STATUSES = { pending: '待审核', approved: '已通过', rejected: '已驳回', withdrawn: '已撤回' } as const;
export type ClassStatus = keyof typeof CLASS_STATUSES;
export const CLASS_STATUS_CODES = Object.keys(CLASS_STATUSES) as [ClassStatus, ...ClassStatus[]];

/** 培训报名: a person's place in a base's class (class_enrolments). */
export const ENROLMENT_STATUSES = { enrolled: '已报名', cancelled: '已取消' } as const;
export type EnrolmentStatus = keyof typeof ENROLMENT_STATUSES;
export const ENROLMENT_STATUS_CODES = Object.keys(ENROLMENT_STATUSES) as [EnrolmentStatus, ...EnrolmentStatus[]];

/** 年度培训计划 / 年度工作总结. */
export const ANNUAL_DOC_KINDS = { plan: '年度培训计划', summary: '年度工作总结' } as const;
export type AnnualDocKind = keyof typeof ANNUAL_DOC_KINDS;
export const ANNUAL_DOC_KIND_CODES = Object.keys(ANNUAL_DOC_KINDS) as [AnnualDocKind, ...AnnualDocKind[]];

/** An account (users.status): a disabled one cannot log in. */
export const USER_STATUSES = { active: '正常', disabled: '已停用' } as const;
export type UserStatus = keyof typeof USER_STATUSES;
export const USER_STATUS_CODES = Object.keys(USER_STATUSES) as [UserStatus, ...UserStatus[]];

/** An uploaded file's type (files.kind), decided by its content (server/src/lib/uploads.ts sniff()). */
export const FILE_KINDS = {
  pdf: 'PDF',
  doc: 'Word(doc)',
  xls: 'Excel(xls)',
  docx: 'Word(docx)',
  xlsx: 'Excel(xlsx)',
  csv: 'CSV',
  jpg: 'JPG图片',
  png: 'PNG图片',
} as const;
export type FileKind = keyof typeof FILE_KINDS;
export const FILE_KIND_CODES = Object.keys(FILE_KINDS) as [FileKind, ...FileKind[]];

/** 证书验证: what one public verification found (certificate_verifications.result); the first three are a found certificate's state. */
export const VERIFICATION_RESULTS = {
  valid: '有效',
  revoked: '已作废',
  changed: '学时已变更',
  not_found: '未找到',
  malformed: '编码格式不正确',
} as const;
export type VerificationResult = keyof typeof VERIFICATION_RESULTS;
export const VERIFICATION_RESULT_CODES = Object.keys(VERIFICATION_RESULTS) as [VerificationResult, ...VerificationResult[]];

/** 批量导入 jobs. */
export const IMPORT_JOB_KINDS = { personnel: '专技人员' } as const;
export type ImportJobKind = keyof typeof IMPORT_JOB_KINDS;
export const IMPORT_JOB_KIND_CODES = Object.keys(IMPORT_JOB_KINDS) as [ImportJobKind, ...ImportJobKind[]];
export const IMPORT_JOB_STATUSES = { queued: '排队中', running: '导入中', done: '已完成', failed: '失败' } as const;
export type ImportJobStatus = keyof typeof IMPORT_JOB_STATUSES;
export const IMPORT_JOB_STATUS_CODES = Object.keys(IMPORT_JOB_STATUSES) as [ImportJobStatus, ...ImportJobStatus[]];

/** 站内消息: what a message is about (server lib/messages.ts writes them with the decision that caused them). */
export const MESSAGE_KINDS = {
  claim: '学时申报',
  registration: '注册审核',
  change: '信息变更',
  transfer: '人员调转',
  class: '培训计划',
  annual: '年度材料',
  reminder: '学时提醒',
} as const;
export type MessageKind = keyof typeof MESSAGE_KINDS;
export const MESSAGE_KIND_CODES = Object.keys(MESSAGE_KINDS) as [MessageKind, ...MessageKind[]];

/**
 * 忘记密码: a reset request's state (server modules/password-reset). A pending one lapses (已过期) after
 * PASSWORD_RESET_DAYS without being stored as such; 已取消 when a newer request of the same person replaced it.
 */
export const PASSWORD_RESET_STATUSES = { pending: '待处理', done: '已重置', rejected: '已驳回', cancelled: '已取消' } as const;
export type PasswordResetStatus = keyof typeof PASSWORD_RESET_STATUSES;
export const PASSWORD_RESET_STATUS_CODES = Object.keys(PASSWORD_RESET_STATUSES) as [PasswordResetStatus, ...PasswordResetStatus[]];
export const PASSWORD_RESET_DAYS = 7;

/** 导出 jobs (an export above the synchronous limit runs in the background; server lib/export.ts). */
export const EXPORT_JOB_STATUSES = { queued: '排队中', running: '导出中', done: '已完成', failed: '失败', expired: '已过期' } as const;
export type ExportJobStatus = keyof typeof EXPORT_JOB_STATUSES;
export const EXPORT_JOB_STATUS_CODES = Object.keys(EXPORT_JOB_STATUSES) as [ExportJobStatus, ...ExportJobStatus[]];
/** The file an export writes: xlsx (default) or csv (UTF-8 with BOM, so Excel reads Chinese correctly). */
export const EXPORT_FORMATS = { xlsx: 'Excel（xlsx）', csv: 'CSV（UTF-8）' } as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_CODES = Object.keys(EXPORT_FORMATS) as [ExportFormat, ...ExportFormat[]];
