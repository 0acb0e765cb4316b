/** 个人信息 (server/src/modules/profile). */
import { z } from 'zod';

/** GET /api/me/profile: the person's own record, dictionary values by name beside the title's codes (masked numbers). */
export const profile = z.object({
  name: z.string(),
  /** 证件类型, by name. */
  idType: z.string(),
  idNumberMasked: z.string(),
  gender: z.string().nullable(),
  birthDate: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  email: z.string().nullable(),
  orgName: z.string(),
  departmentName: z.string().nullable(),
  titleSeries: z.string().nullable(),
  titleLevel: z.string().nullable(),
  titleSeriesCode: z.string().nullable(),
  titleLevelCode: z.string().nullable(),
  titleName: z.string().nullable(),
  titleDate: z.string().nullable(),
  education: z.string().nullable(),
});
