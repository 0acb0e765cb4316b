/** GET /api/health (server/src/app.ts). */
import { z } from 'zod';

/** Alive, and which database kind the process runs on. */
export const health = z.object({ ok: z.literal(true), db: z.enum(['pglite', 'postgres']) });
