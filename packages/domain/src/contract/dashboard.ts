/** 工作台 (server/src/modules/dashboard). */
import { z } from 'zod';

/** One queue the actor may act on, with how many items wait in it (modules register these: dashboard/todos.ts). */
/** `capped`: the queue holds more than `count` (a bounded count, server lib/paging.ts): shown as "10000+". */
export const todo = z.object({ key: z.string(), title: z.string(), path: z.string(), count: z.number().int(), capped: z.boolean().optional() });
export const dashboard = z.object({
  todos: z.array(todo),
  /** 辖区概况 / 本单位概况: counts for the actor's scope, each with the page that lists them (when the seat may open it). */
  summary: z.array(z.object({ label: z.string(), value: z.number().int(), path: z.string().optional() })),
});
