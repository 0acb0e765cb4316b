/** GET /api/health (server/src/app.ts). */
import { z } from 'zod';

/** Alive, and which database kind the process runs on. */
export const health = z.object({ ok: z.literal(true), db: z.enum(['pglite', 'postgres']) });

/** GET /api/ready: the database answers and every migration is applied (a load balancer's readiness probe). */
export const readiness = z.object({ ok: z.literal(true), db: z.enum(['pglite', 'postgres']), migrations: z.number().int() });
