/** 注册审核管理: the five registration queues (server/src/modules/registration-review). */
import { z } from 'zod';
import { PERSONNEL_STATUS_CODES } from '../dictionaries.js';
import { ID_TYPE_CODES } from '../idNumber.js';
import { HR_LEVEL_CODES, ORG_STATUS_CODES, ORG_TYPE_CODES } from '../orgTypes.js';
import { timestamp } from './common.js';

const reviewed = {
  rejectReason: z.string().nullable(),
  createdAt: timestamp,
  reviewedAt: timestamp.nullable(),
};
/** A person's registration in the 专技人员注册审核 queue (masked numbers only). */
export const personnelRegistrationRow = z.object({
  id: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  orgName: z.string(),
  departmentName: z.string().nullable(),
  titleSeries: z.string().nullable(),
  titleLevel: z.string().nullable(),
  titleSeriesName: z.string(),
  titleLevelName: z.string(),
  status: z.enum(PERSONNEL_STATUS_CODES),
  reviewerName: z.string().nullable(),
  ...reviewed,
});
/** An organisation's registration (employer, authority, base, hr queues); the contact's phone is masked. */
export const orgRegistrationRow = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  type: z.enum(ORG_TYPE_CODES),
  typeName: z.string(),
  hrLevel: z.enum(HR_LEVEL_CODES).nullable(),
  divisionName: z.string(),
  parentName: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  address: z.string(),
  status: z.enum(ORG_STATUS_CODES),
  reviewerName: z.string().nullable(),
  ...reviewed,
});
export const registrationRow = z.union([personnelRegistrationRow, orgRegistrationRow]);

export const personnelRegistrationDetail = personnelRegistrationRow.omit({ titleSeries: true, titleLevel: true, reviewerName: true }).extend({
  email: z.string().nullable(),
  gender: z.string().nullable(),
  birthDate: z.string().nullable(),
  titleName: z.string().nullable(),
  titleDate: z.string().nullable(),
  education: z.string().nullable(),
});
export const orgRegistrationDetail = orgRegistrationRow.omit({ reviewerName: true }).extend({
  divisionCode: z.string(),
  parentId: z.number().int().nullable(),
  /** The registrant (the organisation's super admin), masked. */
  registrant: z.object({ name: z.string(), idNumberMasked: z.string(), phoneMasked: z.string().nullable(), email: z.string().nullable() }).nullable(),
});
export const registrationDetail = z.union([personnelRegistrationDetail, orgRegistrationDetail]);

/** 查看完整 (pii.view, audited): the full contact phone and the registrant's 证件号/手机号. */
export const registrationIdentity = z.object({
  contactPhone: z.string().nullable(),
  registrant: z.object({ name: z.string(), idType: z.enum(ID_TYPE_CODES), idNumber: z.string(), phone: z.string() }).nullable(),
});
