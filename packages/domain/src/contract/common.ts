/**
 * The wire contract's building blocks. Every route's answer is a Zod schema built from these (server/src/**\/routes.ts
 * declares it as `response: { 200: … }`): the server's serializer encodes the service's value through it (unknown
 * keys dropped, a mismatch is a 500 the tests see), OpenAPI documents it, and the web app types what it receives as
 * `Wire<typeof schema>`: no hand-written response interfaces.
 */
import { z } from 'zod';

/** A moment: a Date in the server, an ISO-8601 string on the wire and in the web app. */
export const timestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});
/** A calendar date as PostgreSQL's `date` gives it: 'YYYY-MM-DD'. */
export const calendarDate = z.string();
/** A `numeric` column: a decimal string, exact (hours like '12.5'). */
export const decimalString = z.string();

/** What the web app receives for a response schema. */
export type Wire<S extends z.ZodType> = z.input<S>;

/** A list page: `total` is exact unless `totalCapped` (server lib/paging.ts boundedCount: "共 10,000+ 条"). */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), totalCapped: z.boolean().optional(), items: z.array(item) });
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export const okResponse = z.object({ ok: z.literal(true) });
export const idResponse = z.object({ id: z.number().int() });
/** A batch decision: how many were decided, how many had been decided already. */
export const decisionResult = z.object({ done: z.number().int(), skipped: z.number().int() });
/**
 * A file download (xlsx, pdf, png): the handler sends a Buffer, which Fastify passes through unserialised; the
 * schema documents it in OpenAPI.
 */
export const fileResponse = (description: string) => z.any().meta({ type: 'string', format: 'binary', description });
