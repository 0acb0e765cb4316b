/**
 * List exports (xlsx) with the list's own query: the route hands in a loader that runs the SAME scope and filter
 * code as the list (the list function with one big page), so an export can never show more than the list would.
 * Above the row cap the export is refused with a clear message instead of being cut silently; every export is audited.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { withStatementTimeout, type Db } from '../db/client.js';
import { BadRequestError } from '../errors.js';
import { auditExport } from './audit.js';
import { MAX_EXPORT_ROWS, sendXlsx, streamXlsx, type Column } from './excel.js';

const noPaging = z.never({ error: '导出包含全部符合条件的记录，不接受分页参数' }).optional();

/**
 * The query schema of an export: the list's filters, and an explicit refusal of page/pageSize — a client sending
 * them expects one page and would silently get everything (a 400 instead of a surprise).
 */
export function exportQuery<T extends z.ZodRawShape>(filters: z.ZodObject<T>) {
  return filters.extend({ page: noPaging, pageSize: noPaging });
}

export interface ExportSpec<T> {
  /** Audit target type, e.g. 'suborgs'. */
  what: string;
  /** Sheet and file name (Chinese), e.g. '辖区机构列表'. */
  title: string;
  /** The filters as received (recorded in the audit row). */
  filters: unknown;
  columns: Column<T>[];
  /** The list's query for one page; `total` counts every matching row. */
  load: (page: { page: number; pageSize: number }) => Promise<{ total: number; items: T[] }>;
  /** Row cap (tests lower it). */
  max?: number;
  /** Rows per query (default EXPORT_BATCH; tests lower it). */
  batch?: number;
}

export function tooManyRows(total: number, max: number): BadRequestError {
  return new BadRequestError(`导出：符合条件的记录共 ${total} 条，超过单次导出上限 ${max} 条，请增加筛选条件（如年度、状态）后分批导出`);
}

/** Rows per query of an export: the list's own page query, a bounded batch at a time. */
export const EXPORT_BATCH = 2_000;

/**
 * Its statements run under EXPORT_STATEMENT_TIMEOUT_MS (not the pages' STATEMENT_TIMEOUT_MS): a batch deep in a big
 * list may take longer than a page. The rows stream out after this returns: the batches read later keep the same
 * timeout (and stop with the request if its client goes away: plugins/cancel.ts).
 */
export function exportList<T>(db: Db, req: FastifyRequest, reply: FastifyReply, spec: ExportSpec<T>) {
  return withStatementTimeout(req.server.deps.config.EXPORT_STATEMENT_TIMEOUT_MS, () => exportBatches(db, req, reply, spec));
}

async function exportBatches<T>(db: Db, req: FastifyRequest, reply: FastifyReply, spec: ExportSpec<T>) {
  const max = spec.max ?? MAX_EXPORT_ROWS;
  const batch = spec.batch ?? EXPORT_BATCH;
  const first = await spec.load({ page: 1, pageSize: batch });
  if (first.total > max) throw tooManyRows(first.total, max);
  await auditExport(db, req, spec.what, spec.filters, first.total, spec.title);
  const pages = Math.ceil(first.total / batch);
  // the file streams out while the next batches are read, so the export's memory stays one batch deep
  async function* batches() {
    yield first.items;
    for (let page = 2; page <= pages; page++) yield (await spec.load({ page, pageSize: batch })).items;
  }
  return streamXlsx(reply, spec.title, spec.columns, batches());
}

/** For lists that are not paged (small by nature, e.g. sessions): the same cap on the loaded rows. */
export async function exportRows<T>(db: Db, req: FastifyRequest, reply: FastifyReply, spec: Omit<ExportSpec<T>, 'load'> & { rows: T[] }) {
  const max = spec.max ?? MAX_EXPORT_ROWS;
  if (spec.rows.length > max) throw tooManyRows(spec.rows.length, max);
  await auditExport(db, req, spec.what, spec.filters, spec.rows.length, spec.title);
  return sendXlsx(reply, spec.title, spec.columns, spec.rows);
}
