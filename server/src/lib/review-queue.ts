/**
 * A review queue, defined once. Every 审核 queue (注册审核, 变更审核, 培训班审核, 年度材料审核, 学时审核, 个人申报审核)
 * is one QueueDefinition in its module; registerReviewQueue() generates from it
 *   GET  /api/reviews/<path>[/:kind]          the list (待审核/已审核 tab, filters, paging, total), typed by `row`
 *   GET  /api/reviews/<path>[/:kind]/export   the same query as xlsx/csv (lib/export.ts: same filters, audited; a big one a background job)
 *   POST /api/reviews/<path>[/:kind]/decide   通过/驳回 of one or many ids (one transaction, guarded, audited)
 * and the 待办事项 count (modules/dashboard/todos.ts), all under the queue's one permission. The definition's
 * `list` holds the scope (lib/scope.ts), the self-review filter (lib/self-review.ts) and the filters in one query,
 * so list, export and count can never disagree; its `decide` refuses a batch holding an id outside that scope.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decisionBody, decisionResult, paged, pageQuery, type HrLevel, type OrgType, type Permission } from '@hbzsgx/domain';
import { contextOf, type ServiceContext } from '../context.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../plugins/access.js';
import { registerTodo } from '../modules/dashboard/todos.js';
import { inArray } from 'drizzle-orm';
import { users } from '../db/schema.js';
import type { Column } from './excel.js';
import { fmtTime } from './paging.js';
import { registerExport } from './export.js';

export type ReviewTab = 'pending' | 'done';

/**
 * 已审核's 审核人: a queue's rows carry the deciding account's id as `reviewedBy` (the row schema need not list it;
 * it is not sent); the list answers its name as `reviewedByName`, looked up for the page's rows in one query.
 */
const withReviewer = (row: z.ZodType): z.ZodType => {
  const extra = { reviewedByName: z.string().nullable().optional() };
  if (row instanceof z.ZodObject) return row.extend(extra);
  if (row instanceof z.ZodUnion) return z.union((row.options as z.ZodType[]).map(withReviewer) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  return row;
};
async function reviewerNames<T>(db: Db, items: T[]): Promise<(T & { reviewedByName?: string | null })[]> {
  const by = (r: T) => (r as { reviewedBy?: unknown }).reviewedBy;
  const ids = [...new Set(items.map(by).filter((v): v is number => typeof v === 'number'))];
  if (!items.some((r) => r && typeof r === 'object' && 'reviewedBy' in r)) return items as (T & { reviewedByName?: string | null })[];
  const names = new Map(
    ids.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : [],
  );
  return items.map((r) => {
    const id = by(r);
    return { ...r, reviewedByName: typeof id === 'number' ? (names.get(id) ?? null) : null };
  });
}
/** The export's 审核人/审核时间 on 已审核, unless the queue's own columns have them. */
function reviewerColumns<R>(columns: Column<R>[], tab: unknown): Column<R>[] {
  if (tab !== 'done') return columns;
  const has = (h: string) => columns.some((c) => c.header === h);
  const at = (r: R) => {
    const o = r as { reviewedAt?: Date | null; decidedAt?: Date | null };
    return o.reviewedAt ?? o.decidedAt ?? null;
  };
  return [
    ...columns,
    ...(has('审核人') ? [] : [{ header: '审核人', value: (r: R) => (r as { reviewedByName?: string | null }).reviewedByName ?? '' }]),
    ...(has('审核时间') ? [] : [{ header: '审核时间', width: 20, value: (r: R) => fmtTime(at(r)) }]),
  ];
}
type Paging = { page: number; pageSize: number };
type DecisionSchema = z.ZodType<{ ids: number[] }, unknown>;

export interface QueueDefinition<K extends string, F extends z.ZodObject, R extends z.ZodType, D extends DecisionSchema = typeof decisionBody> {
  /** The URL segment under /api/reviews/. */
  path: string;
  tags: string[];
  /** The one permission of list, export, decide and the 待办 count. */
  permission: Permission;
  /** A family of queues on one page (`:kind`), e.g. 注册审核's five; absent for a single queue. */
  kinds?: { values: readonly [K, ...K[]]; error: string };
  /** The queue's name as menus, 待办事项 and export titles show it. */
  title(kind: K): string;
  /** The list's filters besides paging; a `tab` ('pending' | 'done') among them names the export's 待审核/已审核. */
  filters: F;
  /** One row of the list, as the web receives it (packages/domain/src/contract); the export's columns read it too. */
  row: R;
  /** The one query behind list, export and count: scope, self-review filter, tab and filters inside it. */
  list(ctx: ServiceContext, kind: K, q: z.output<F> & Paging): Promise<{ total: number; items: z.output<R>[] }>;
  /** The export's columns (masked values only: lists never hold full personal numbers). */
  columns(kind: K, filters: z.output<F>): Column<z.output<R>>[];
  /** What the export is audited as (e.g. 'registrations.personnel'; by a filter for 学时审核: 'claims.base'). */
  exportWhat(kind: K, filters: z.output<F>): string;
  /** 待办事项: the pending rows this actor may decide (one entry per kind; a list where one queue feeds several menus). */
  todo: QueueTodo<K> | QueueTodo<K>[];
  /** The export's title when it depends on the filters (default: the queue's title and the tab). */
  exportTitle?(kind: K, filters: z.output<F>): string;
  /** 通过/驳回: one transaction guarded by the expected state; a batch with any id out of scope is refused (404). */
  decide: { body?: D; summary?: string; run(ctx: ServiceContext, kind: K, body: z.output<D>): Promise<{ done: number; skipped: number }> };
  summaries?: { list?: string; export?: string };
  /** False where the rows record no deciding account (no 审核人 in the 已审核 export; see withReviewer). */
  reviewer?: false;
}

export interface QueueTodo<K extends string> {
  key(kind: K): string;
  /** Default: the queue's title. */
  title?(kind: K): string;
  /** The page the 待办 card opens. */
  path(kind: K): string;
  /** Organisation types that have the menu (default: all). */
  types?(kind: K): OrgType[];
  /** HR departments of these levels only, where the queue's requests never reach another level (default: all). */
  hrLevels?(kind: K): HrLevel[];
  count(db: Db, actor: Actor, kind: K): Promise<number | { total: number; capped: boolean }>;
}

/** The export title's suffix for a tab: （待审核） / （已审核）. */
export const tabSuffix = (tab: unknown) => (tab === 'pending' ? '（待审核）' : tab === 'done' ? '（已审核）' : '');
const tabName = (q: object) => ('tab' in q ? tabSuffix(q.tab) : '');

export function registerReviewQueue<K extends string, F extends z.ZodObject, R extends z.ZodType, D extends DecisionSchema = typeof decisionBody>(
  fastify: FastifyInstance,
  def: QueueDefinition<K, F, R, D>,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const base = `/api/reviews/${def.path}${def.kinds ? '/:kind' : ''}`;
  // a single queue has no path parameter: the key must be absent, not undefined (Fastify reads every key)
  const kindParam = def.kinds ? z.object({ kind: z.enum(def.kinds.values, { error: def.kinds.error }) }) : undefined;
  const params = kindParam ? { params: kindParam } : {};
  const kindOf = (p: unknown): K => (def.kinds ? (p as { kind: K }).kind : (undefined as never));
  const access = { access: { permission: def.permission } };
  const { tags } = def;
  const list = async (ctx: ServiceContext, kind: K, q: z.output<F> & Paging) => {
    const page = await def.list(ctx, kind, q);
    return { ...page, items: await reviewerNames(ctx.db, page.items) };
  };

  for (const kind of def.kinds?.values ?? [undefined as never as K]) {
    for (const todo of [def.todo].flat()) {
      registerTodo({
        key: todo.key(kind),
        title: todo.title?.(kind) ?? def.title(kind),
        path: todo.path(kind),
        permission: def.permission,
        types: todo.types?.(kind),
        hrLevels: todo.hrLevels?.(kind),
        count: (db, actor) => todo.count(db, actor, kind),
      });
    }
  }

  app.get(
    base,
    {
      config: access,
      schema: {
        tags,
        summary: def.summaries?.list ?? '审核队列（待审核/已审核）',
        ...params,
        querystring: pageQuery.extend(def.filters.shape),
        response: { 200: paged(withReviewer(def.row)) },
      },
    },
    async (req) => list(contextOf(req), kindOf(req.params), req.query as z.output<F> & Paging),
  );

  registerExport(app, {
    url: `${base}/export`,
    access: access.access,
    tags,
    summary: def.summaries?.export ?? '导出审核队列（xlsx/csv，与列表相同的筛选）',
    file: '审核队列.xlsx',
    params: kindParam,
    filters: def.filters,
    build: (ctx, { params: p, filters }) => {
      const kind = kindOf(p);
      const f = filters as z.output<F>;
      return {
        what: def.exportWhat(kind, f),
        title: def.exportTitle?.(kind, f) ?? `${def.title(kind)}${tabName(f)}`,
        filters: f,
        columns: def.reviewer === false ? def.columns(kind, f) : reviewerColumns(def.columns(kind, f), (f as { tab?: unknown }).tab),
        load: (pg) => list(ctx, kind, { ...f, ...pg }),
      };
    },
  });

  app.post(
    `${base}/decide`,
    {
      config: access,
      schema: {
        tags,
        summary: def.decide.summary ?? '通过/驳回（单条或批量）',
        ...params,
        body: def.decide.body ?? decisionBody,
        response: { 200: decisionResult },
      },
    },
    async (req) => def.decide.run(contextOf(req), kindOf(req.params), req.body as z.output<D>),
  );
}
