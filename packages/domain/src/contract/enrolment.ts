/** 培训报名 (the person's catalogue and 我的报名) and the base's 报名名单 (server/src/modules/enrolment). */
import { z } from 'zod';
import { ENROLMENT_STATUS_CODES } from '../dictionaries.js';
import { LEARNING_FORM_CODES, SUBJECT_TYPE_CODES } from '../hours.js';
import { paged, timestamp } from './common.js';

/** Where a class stands for the signed-in person: 可报名, 已报名, 名额已满, 报名已截止 (started), 不符合 (other 职称系列). */
export const CATALOGUE_STATES = { open: '可报名', enrolled: '已报名', full: '名额已满', closed: '报名已截止', series: '不面向本人职称系列' } as const;
export type CatalogueState = keyof typeof CATALOGUE_STATES;
export const CATALOGUE_STATE_CODES = Object.keys(CATALOGUE_STATES) as [CatalogueState, ...CatalogueState[]];

/** A row of 培训报名's catalogue: an approved class of a base serving the person's organisation. */
export const catalogueClass = z.object({
  id: z.number().int(),
  year: z.number().int(),
  name: z.string(),
  baseOrgId: z.number().int(),
  baseName: z.string(),
  /** The base's 市州 (its city HR department's name). */
  cityName: z.string().nullable(),
  subjectType: z.enum(SUBJECT_TYPE_CODES),
  learningForm: z.enum(LEARNING_FORM_CODES),
  hours: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  capacity: z.number().int(),
  enrolledCount: z.number().int(),
  /** 剩余名额 = capacity − enrolled_count. */
  remaining: z.number().int(),
  targetSeries: z.array(z.string()),
  state: z.enum(CATALOGUE_STATE_CODES),
  /** The person's live enrolment in it (取消报名 takes it), else null. */
  enrolmentId: z.number().int().nullable(),
});
export const cataloguePage = paged(catalogueClass);

/** 培训报名's filter choices: the bases with approved classes open to the person, and their cities. */
export const catalogueOptions = z.object({
  bases: z.array(z.object({ id: z.number().int(), name: z.string() })),
  cities: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

/** A row of 我的报名. */
export const myEnrolment = z.object({
  id: z.number().int(),
  classId: z.number().int(),
  className: z.string(),
  baseName: z.string(),
  year: z.number().int(),
  subjectType: z.enum(SUBJECT_TYPE_CODES),
  learningForm: z.enum(LEARNING_FORM_CODES),
  hours: z.number(),
  startDate: z.string(),
  endDate: z.string(),
  place: z.string(),
  status: z.enum(ENROLMENT_STATUS_CODES),
  createdAt: timestamp,
  cancelledAt: timestamp.nullable(),
  /** Still before the start date and enrolled: 取消报名 is offered. */
  cancellable: z.boolean(),
});
export const myEnrolmentPage = paged(myEnrolment);

export const enrolResult = z.object({ enrolmentId: z.number().int(), remaining: z.number().int() });

/** A row of a class's 报名名单 (the base's), 证件号 masked. */
export const rosterRow = z.object({
  enrolmentId: z.number().int(),
  personnelId: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  orgName: z.string(),
  titleSeries: z.string().nullable(),
  titleName: z.string().nullable(),
  status: z.enum(ENROLMENT_STATUS_CODES),
  createdAt: timestamp,
  cancelledAt: timestamp.nullable(),
  /** A score is registered for the learner in this class (a claim not deleted). */
  scored: z.boolean(),
});
export const rosterPage = paged(rosterRow);

/** 全部登记 / 登记成绩 from the roster: learners registered now, and those skipped (scored already). */
export const rosterScoreResult = z.object({
  done: z.number().int(),
  skipped: z.number().int(),
  flagged: z.number().int(),
  names: z.array(z.string()),
});
