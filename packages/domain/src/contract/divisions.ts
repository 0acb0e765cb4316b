/** 行政区划 (server/src/modules/divisions). */
import { z } from 'zod';
import { itemsOf } from './common.js';

/** A GB/T 2260 division (reference data). */
export const division = z.object({ code: z.string(), name: z.string(), level: z.number().int(), parentCode: z.string().nullable() });
export const divisionList = itemsOf(division);
