/** 专技人员信息查询与批量导入 (server/src/modules/personnel). */
import { z } from 'zod';
import { GENDER_CODES, IMPORT_JOB_STATUS_CODES, USER_STATUS_CODES } from '../dictionaries.js';
import { CLAIM_STATUS_CODES, LEARNING_FORM_CODES, SUBJECT_TYPE_CODES } from '../hours.js';
import { ID_TYPE_CODES } from '../idNumber.js';
import { ORG_TYPE_CODES } from '../orgTypes.js';
import { itemsOf, paged, timestamp } from './common.js';

/** The labels of a person's codes, as the list and the detail show them ('' when not set). */
const personNames = {
  idTypeName: z.string(),
  genderName: z.string(),
  titleSeriesName: z.string(),
  titleLevelName: z.string(),
  educationName: z.string(),
};

/** A row of 专技人员信息查询 (证件号/手机号 masked) with the chosen year's hours. */
export const personnelRow = z.object({
  id: z.number().int(),
  name: z.string(),
  idType: z.enum(ID_TYPE_CODES),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  gender: z.enum(GENDER_CODES).nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  departmentName: z.string().nullable(),
  titleSeries: z.string().nullable(),
  titleLevel: z.string().nullable(),
  titleName: z.string().nullable(),
  education: z.string().nullable(),
  accountStatus: z.enum(USER_STATUS_CODES),
  createdAt: timestamp,
  ...personNames,
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  /** null when the year has no requirement set. */
  completed: z.boolean().nullable(),
  /** What the year's requirement still asks (null: none set) and the same as a sentence ('' when met). */
  missing: z.object({ total: z.number(), public: z.number(), professional: z.number() }).nullable(),
  gap: z.string().nullable(),
});
/** hasPolicy: whether the year has a requirement to judge the rows by; null on a page without rows (nothing to judge). */
export const personnelPage = paged(personnelRow).extend({ year: z.number().int(), hasPolicy: z.boolean().nullable() });

/** A claim of the person's hour history. */
export const personnelHistoryClaim = z.object({
  id: z.number().int(),
  year: z.number().int(),
  title: z.string(),
  subjectType: z.enum(SUBJECT_TYPE_CODES),
  learningForm: z.enum(LEARNING_FORM_CODES),
  hours: z.number(),
  status: z.enum(CLAIM_STATUS_CODES),
  declaringOrg: z.string(),
  createdAt: timestamp,
  revokeReason: z.string().nullable(),
  rejectReason: z.string().nullable(),
  statusName: z.string(),
  subjectTypeName: z.string(),
  learningFormName: z.string(),
});
/** A year of the person's hour history, judged against that year's requirement (null: none set). */
export const personnelHistoryYear = z.object({
  year: z.number().int(),
  publicHours: z.number(),
  professionalHours: z.number(),
  totalHours: z.number(),
  policy: z.object({ totalRequired: z.number(), publicMin: z.number(), professionalMin: z.number() }).nullable(),
  completed: z.boolean().nullable(),
  missing: z.object({ total: z.number(), public: z.number(), professional: z.number() }).nullable(),
  claims: z.array(personnelHistoryClaim),
});
export const personnelDetail = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  name: z.string(),
  idType: z.enum(ID_TYPE_CODES),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  gender: z.enum(GENDER_CODES).nullable(),
  birthDate: z.string().nullable(),
  email: z.string().nullable(),
  accountStatus: z.enum(USER_STATUS_CODES),
  mustChangePassword: z.boolean(),
  hasPassword: z.boolean(),
  orgId: z.number().int(),
  orgName: z.string(),
  departmentName: z.string().nullable(),
  titleSeries: z.string().nullable(),
  titleLevel: z.string().nullable(),
  titleName: z.string().nullable(),
  titleDate: z.string().nullable(),
  education: z.string().nullable(),
  createdAt: timestamp,
  ...personNames,
  history: z.array(personnelHistoryYear),
});

/** The full 证件号 and 手机号 (pii.view; the view is audited). */
export const personnelIdentity = z.object({ idType: z.enum(ID_TYPE_CODES), idNumber: z.string(), phone: z.string() });
/** 重置密码: the temporary password, shown once. */
export const personnelPasswordReset = z.object({ name: z.string(), password: z.string() });

/** 所在单位 picker. */
export const personnelUnitOptions = itemsOf(
  z.object({ id: z.number().int(), name: z.string(), creditCode: z.string(), type: z.enum(ORG_TYPE_CODES) }),
);
/** 内设部门 picker: one organisation's departments. */
export const personnelDepartmentOptions = itemsOf(z.object({ id: z.number().int(), name: z.string() }));
/** 区域 picker: the jurisdiction's HR departments named by their division, as a flat tree. */
export const personnelRegionOptions = itemsOf(z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() }));

/** POST /api/personnel/import answers 202 with the queued job. */
export const importJobCreated = z.object({ id: z.number().int(), status: z.enum(IMPORT_JOB_STATUS_CODES) });
/** An import job's progress and result. */
export const importJob = z.object({
  id: z.number().int(),
  status: z.enum(IMPORT_JOB_STATUS_CODES),
  statusName: z.string(),
  total: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  failed: z.number().int(),
  /** 0–100 (100 only when done). */
  percent: z.number().int(),
  error: z.string().nullable(),
  fileName: z.string(),
  createdByName: z.string(),
  orgId: z.number().int(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});
export const importJobPage = paged(importJob);
/** A failed row of an import (证件号 masked). */
export const importFailure = z.object({ row: z.number().int(), name: z.string(), idNumberMasked: z.string(), reason: z.string() });
export const importFailurePage = paged(importFailure);
