/** 注册 (server/src/modules/registration): the public pickers, the registrations, the registrant's own status. */
import { z } from 'zod';
import { PERSONNEL_STATUS_CODES } from '../dictionaries.js';
import { HR_LEVEL_CODES, ORG_STATUS_CODES, ORG_TYPE_CODES } from '../orgTypes.js';
import { itemsOf } from './common.js';

/** One entry of the public organisation picker (active organisations only). */
export const pickerOrg = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(ORG_TYPE_CODES),
  typeName: z.string(),
  hrLevel: z.enum(HR_LEVEL_CODES).nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
});
export const pickerOrgs = itemsOf(pickerOrg);

/** A department of the chosen organisation (public: registration, and where /api/departments is not permitted). */
export const publicDepartment = z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() });
export const publicDepartments = itemsOf(publicDepartment);

/** 注册 submitted: it waits for review. */
export const registered = z.object({ id: z.number().int(), status: z.literal('pending') });
/** 重新提交 after a rejection: it waits for review again. */
export const resubmitted = z.object({ status: z.literal('pending') });

const review = { rejectReason: z.string().nullable(), reviewerName: z.string().nullable() };

/** An organisation's own registration, as submitted (its contact phone unmasked: its own record). */
export const myOrgRegistration = z.object({
  kind: z.literal('org'),
  status: z.enum(ORG_STATUS_CODES),
  ...review,
  data: z.object({
    type: z.enum(ORG_TYPE_CODES),
    name: z.string(),
    creditCode: z.string(),
    divisionCode: z.string(),
    parentId: z.number().int().nullable(),
    divisionName: z.string().nullable(),
    parentName: z.string().nullable(),
    contactName: z.string(),
    contactPhone: z.string(),
    address: z.string(),
  }),
});
/** A person's own registration, as submitted (证件号 masked). */
export const myPersonnelRegistration = z.object({
  kind: z.literal('personnel'),
  status: z.enum(PERSONNEL_STATUS_CODES),
  ...review,
  data: z.object({
    realName: z.string(),
    idNumberMasked: z.string(),
    orgId: z.number().int(),
    orgName: z.string(),
    departmentId: z.number().int().nullable(),
    departmentName: z.string().nullable(),
    titleSeries: z.string().nullable(),
    titleLevel: z.string().nullable(),
    titleName: z.string().nullable(),
    titleDate: z.string().nullable(),
    education: z.string().nullable(),
  }),
});
/** GET /api/registration/me. */
export const myRegistration = z.discriminatedUnion('kind', [myOrgRegistration, myPersonnelRegistration]);
