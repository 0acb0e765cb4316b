/**
 * List exports (导出) with the list's own query: every export route is declared with registerExport(), whose
 * `build` turns the actor and the route's validated input into the list function for one page plus the columns — the
 * SAME scope and filter code as the list, so an export can never show more than the list would.
 *
 * Up to EXPORT_SYNC_LIMIT rows the file (xlsx, or csv with `format=csv`) streams back at once, read 2,000 rows per
 * query. Above it — the page's own (bounded) count says so — the request answers 202 with a background job
 * (export_jobs): the route and its RAW params and query (sealed: a filter may be a 证件号) are stored with the
 * requester's identity (user and seat),
 * and a worker (modules/exports/worker.ts, on the one job mechanism of lib/jobs.ts) later rebuilds the export from
 * the registry kept here: the same route's schemas validate the stored input again, the actor is rebuilt from the
 * seat (permissions and organisation as of the run, so the scope is re-checked by the one access layer inside the
 * list function), and the rows stream to a file that only the requester may download (我的导出). No row cap.
 * Every export is audited (queued ones when queued, and again when they end; downloads too).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPORT_FORMAT_CODES, EXPORT_JOB_STATUSES, exportQueued, fileResponse, type ExportFormat } from '@hbzsgx/domain';
import { contextOf, type ServiceContext } from '../context.js';
import type { AppDeps } from '../deps.js';
import { withStatementTimeout, type Db } from '../db/client.js';
import { exportJobs } from '../db/schema.js';
import { BadRequestError } from '../errors.js';
import type { Access } from '../plugins/access.js';
import { auditExport } from './audit.js';
import { MAX_EXPORT_ROWS, sendXlsx, streamExport, type Column } from './excel.js';
import { withCountCap } from './paging.js';

const noPaging = z.never({ error: '导出包含全部符合条件的记录，不接受分页参数' }).optional();
/** `format`: xlsx (default) or csv (UTF-8 with BOM). */
export const exportFormat = z.enum(EXPORT_FORMAT_CODES, { error: '导出格式：只能是 xlsx 或 csv' }).default('xlsx');

/**
 * The query schema of an export: the list's filters, the file format, and an explicit refusal of page/pageSize — a
 * client sending them expects one page and would silently get everything (a 400 instead of a surprise).
 */
export function exportQuery<T extends z.ZodRawShape>(filters: z.ZodObject<T>) {
  return filters.extend({ page: noPaging, pageSize: noPaging, format: exportFormat });
}

/** One page of the list, as its list function answers (a bounded count says `totalCapped`). */
export interface ExportPage<T> {
  total: number;
  totalCapped?: boolean;
  items: T[];
}

export interface ExportSpec<T> {
  /** Audit target type, e.g. 'suborgs'. */
  what: string;
  /** Sheet and file name (Chinese), e.g. '辖区机构列表'. */
  title: string;
  /** The filters as received (recorded in the audit row). */
  filters: unknown;
  columns: Column<T>[];
  /** The list's query for one page; `total` counts every matching row (or is bounded: `totalCapped`). */
  load: (page: { page: number; pageSize: number }) => Promise<ExportPage<T>>;
}

/** Rows per query of an export: the list's own page query, a bounded batch at a time. */
export const EXPORT_BATCH = 2_000;

type Input<P extends z.ZodObject | undefined, F extends z.ZodObject> = {
  params: P extends z.ZodObject ? z.output<P> : Record<string, never>;
  filters: z.output<F>;
};

/** An export route, declared once: the route, and what a background job rebuilds the export from. */
export interface ExportRoute<P extends z.ZodObject | undefined, F extends z.ZodObject, T> {
  url: string;
  access: Access;
  tags: string[];
  summary: string;
  /** What the 200 answer is (OpenAPI), e.g. '专技人员信息.xlsx'. */
  file: string;
  params?: P;
  /** The list's filters (without paging); the query is exportQuery(filters). */
  filters: F;
  /** The export as `ctx.actor` sees it: the list function for one page, the columns, the title. */
  build(ctx: ServiceContext, input: Input<P, F>): ExportSpec<T> | Promise<ExportSpec<T>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of routes of every row type
type AnyExportRoute = ExportRoute<z.ZodObject | undefined, z.ZodObject, any>;

interface Registry {
  routes: Map<string, AnyExportRoute>;
  /** Set by the export worker: a job was queued, look now. */
  kick: () => void;
}
const registries = new WeakMap<AppDeps, Registry>();
function registry(deps: AppDeps): Registry {
  let r = registries.get(deps);
  if (!r) registries.set(deps, (r = { routes: new Map(), kick: () => undefined }));
  return r;
}
/** The export worker's hook: called whenever a job is queued in this process. */
export function onExportQueued(deps: AppDeps, kick: () => void) {
  registry(deps).kick = kick;
}

/** The raw params and query of an export request, as the client sent them (stored with a queued job). */
const rawInput = new WeakMap<FastifyRequest, { params: Record<string, unknown>; query: Record<string, unknown> }>();

/**
 * Registers GET `url` (200: the file; 202: queued as a background job) and remembers the route for the export
 * worker. The handler answers the file or the job; the worker calls rebuildExport().
 */
export function registerExport<P extends z.ZodObject | undefined, F extends z.ZodObject, T>(fastify: FastifyInstance, route: ExportRoute<P, F, T>) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { routes } = registry(app.deps);
  if (routes.has(route.url)) throw new Error(`export route ${route.url} registered twice`);
  routes.set(route.url, route as unknown as AnyExportRoute);
  app.get(
    route.url,
    {
      config: { access: route.access },
      schema: {
        tags: route.tags,
        summary: `${route.summary}（超过 ${app.deps.config.EXPORT_SYNC_LIMIT} 条时转为后台导出任务，202）`,
        ...(route.params ? { params: route.params } : {}),
        querystring: exportQuery(route.filters),
        response: { 200: fileResponse(route.file), 202: exportQueued },
      },
      // before validation replaces them with their parsed values: what a queued job stores and validates again
      preValidation: async (req) => {
        rawInput.set(req, { params: { ...(req.params as object) }, query: { ...(req.query as object) } });
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      const { format, page: _p, pageSize: _s, ...filters } = req.query as { format: ExportFormat; page?: never; pageSize?: never };
      const spec = await route.build(ctx, { params: (req.params ?? {}) as Input<P, F>['params'], filters: filters as z.output<F> });
      const raw = rawInput.get(req) ?? { params: {}, query: {} };
      return withStatementTimeout(ctx.deps.config.EXPORT_STATEMENT_TIMEOUT_MS, () =>
        exportNowOrQueue(ctx, reply, { url: route.url, raw, format, spec }),
      );
    },
  );
}

/**
 * The first batch decides: up to EXPORT_SYNC_LIMIT rows (exact: the limit is within the lists' bounded count) the
 * file streams now, batch by batch, and is audited; more rows (or a capped count) queue a job and answer 202.
 * Its statements run under EXPORT_STATEMENT_TIMEOUT_MS (not the pages' STATEMENT_TIMEOUT_MS); the batches read after
 * this returns keep that timeout (and stop with the request if its client goes away: plugins/cancel.ts).
 */
async function exportNowOrQueue<T>(
  ctx: ServiceContext,
  reply: FastifyReply,
  p: { url: string; raw: { params: Record<string, unknown>; query: Record<string, unknown> }; format: ExportFormat; spec: ExportSpec<T> },
) {
  const { spec, format } = p;
  const limit = ctx.deps.config.EXPORT_SYNC_LIMIT;
  const first = await spec.load({ page: 1, pageSize: EXPORT_BATCH });
  if (first.totalCapped || first.total > limit) {
    const job = await queueExport(ctx, {
      ...p,
      title: spec.title,
      what: spec.what,
      filters: spec.filters,
      rows: first.total,
      capped: !!first.totalCapped,
    });
    reply.code(202);
    return { queued: true as const, job };
  }
  await auditExport(ctx.db, ctx, spec.what, spec.filters, first.total, spec.title);
  return streamExport(reply, spec.title, spec.columns, batches(spec, first, EXPORT_BATCH), format);
}

/**
 * Every row of the list, `size` rows at a time, from `first` (page 1) on, until a batch comes back short; the later
 * batches do not count (their bounded count reads one row).
 */
async function* batches<T>(spec: ExportSpec<T>, first: ExportPage<T>, size: number, onBatch?: (rows: number) => Promise<void>): AsyncGenerator<T[]> {
  let items = first.items;
  for (let page = 1; ; page++) {
    if (page > 1) items = (await withCountCap(0, () => spec.load({ page, pageSize: size }))).items;
    yield items;
    await onBatch?.(items.length);
    if (items.length < size) return;
  }
}

/** The job row of a queued export, and its audit row, in one transaction; the worker is told at once. */
async function queueExport(
  ctx: ServiceContext,
  p: {
    url: string;
    raw: { params: Record<string, unknown>; query: Record<string, unknown> };
    format: ExportFormat;
    title: string;
    what: string;
    filters: unknown;
    rows: number;
    capped: boolean;
  },
) {
  const { actor } = ctx;
  const job = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(exportJobs)
      .values({
        route: p.url,
        params: p.raw.params,
        // sealed like every 证件号/手机号 at rest: a filter may hold one (e.g. 证件号 in 专技人员信息查询)
        query: { sealed: ctx.deps.pii.encrypt(JSON.stringify(p.raw.query)) },
        format: p.format,
        title: p.title,
        userId: actor.userId,
        adminId: actor.adminId,
        personnelId: actor.personnelId,
        loginType: actor.loginType,
        orgId: actor.org.id,
      })
      .returning();
    if (!row) throw new Error('export job insert returned no row');
    await ctx.audit(
      {
        action: 'export',
        targetType: p.what,
        detail: {
          title: p.title,
          filters: p.filters,
          rows: p.rows,
          rowsCapped: p.capped || undefined,
          format: p.format,
          jobId: row.id,
          queued: true,
        },
      },
      tx,
    );
    return row;
  });
  registry(ctx.deps).kick();
  return exportJobView(job);
}

type JobRow = typeof exportJobs.$inferSelect;

/** An export job as its requester sees it (contract exportJob). */
export function exportJobView(j: JobRow) {
  const percent = j.status === 'done' ? 100 : j.total ? Math.min(99, Math.floor((j.processed / j.total) * 100)) : 0;
  return {
    id: j.id,
    title: j.title,
    format: j.format,
    status: j.status,
    statusName: EXPORT_JOB_STATUSES[j.status],
    total: j.total,
    processed: j.processed,
    percent,
    error: j.error,
    fileSize: j.fileSize,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    expiresAt: j.expiresAt,
  };
}

/** The stored raw query (sealed when queued); an unreadable one is not valid input. */
function unseal(ctx: ServiceContext, stored: Record<string, unknown>): unknown {
  if (typeof stored.sealed !== 'string') return null;
  try {
    return JSON.parse(ctx.deps.pii.decrypt(stored.sealed));
  } catch {
    return null;
  }
}

/** The stored job cannot run as it is (route gone, input no longer valid, permission lost): it fails with this. */
export class ExportRefusedError extends Error {}

/**
 * A queued export, rebuilt for its run: the route from the registry, the stored raw input validated again by the
 * route's own schemas, the route's permission checked on the actor as rebuilt now, the list function and columns
 * from `build` (which reads ctx.db: the run's snapshot).
 */
export async function rebuildExport(ctx: ServiceContext, job: Pick<JobRow, 'route' | 'params' | 'query'>) {
  const route = registry(ctx.deps).routes.get(job.route);
  if (!route) throw new ExportRefusedError('该导出已不再提供，请重新导出');
  const access = route.access;
  if ('permission' in access && !ctx.actor.permissions.has(access.permission)) {
    throw new ExportRefusedError('导出人已不再拥有该列表的权限，导出未完成');
  }
  const params = route.params ? route.params.safeParse(job.params) : { success: true as const, data: {} };
  const query = exportQuery(route.filters).safeParse(unseal(ctx, job.query));
  if (!params.success || !query.success) throw new ExportRefusedError('导出条件已不再有效，请重新导出');
  const { format: _f, page: _p, pageSize: _s, ...filters } = query.data as Record<string, unknown>;
  return route.build(ctx, { params: params.data as never, filters: filters as never });
}

/**
 * The rows of a job's export, batch by batch: the first batch counts exactly (the progress bar's total, reported
 * through `onTotal`), the later ones not at all; `onBatch` after each batch was written (progress, heartbeat, stop).
 */
export async function* jobBatches<T>(
  spec: ExportSpec<T>,
  size: number,
  hooks: { onTotal: (total: number) => Promise<void>; onBatch: (rows: number) => Promise<void> },
): AsyncGenerator<T[]> {
  const first = await withCountCap(Number.POSITIVE_INFINITY, () => spec.load({ page: 1, pageSize: size }));
  await hooks.onTotal(first.total);
  yield* batches(spec, first, size, hooks.onBatch);
}

/**
 * For lists that are not paged (small by nature, e.g. sessions, one class's scores, a statistics table): the rows
 * are in memory already, so they are capped (MAX_EXPORT_ROWS) and sent at once; `format=csv` when the route's
 * query is an exportQuery().
 */
export async function exportRows<T>(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  spec: Omit<ExportSpec<T>, 'load'> & { rows: T[]; max?: number },
) {
  const max = spec.max ?? MAX_EXPORT_ROWS;
  if (spec.rows.length > max) throw tooManyRows(spec.rows.length, max);
  await auditExport(db, req, spec.what, spec.filters, spec.rows.length, spec.title);
  const format = (req.query as { format?: ExportFormat } | undefined)?.format ?? 'xlsx';
  if (format === 'csv') return streamExport(reply, spec.title, spec.columns, [spec.rows], 'csv');
  return sendXlsx(reply, spec.title, spec.columns, spec.rows);
}

export function tooManyRows(total: number, max: number): BadRequestError {
  return new BadRequestError(`导出：符合条件的记录共 ${total} 条，超过单次导出上限 ${max} 条，请增加筛选条件（如年度、状态）后分批导出`);
}
