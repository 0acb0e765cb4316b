/**
 * 批量导入 jobs as the HR admin sees them: upload (xlsx, xls or csv, stored in `files`, a queued job, answered at
 * once), progress, recent jobs, failed rows (masked on screen). The 失败数据 xlsx repeats the rows to be corrected and
 * re-imported: 证件号 and 手机号 masked unless the downloader holds pii.view, in which case the download is audited
 * as an unmasked view too (besides the export). Jobs of another jurisdiction answer 404.
 */
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { maskIdNumber, maskPhone, type ImportJobStatus } from '@hbzsgx/domain';
import type { ServiceContext } from '../../../context.js';
import { errorCode, type Db } from '../../../db/client.js';
import { files, importFailures, importJobs, organizations, users } from '../../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../../errors.js';
import { auditExport } from '../../../lib/audit.js';
import { checkSpreadsheet, SheetReadError, type Column } from '../../../lib/excel.js';
import { paging } from '../../../lib/paging.js';
import { orgScope } from '../../../lib/scope.js';
import { storeFile, type Upload } from '../../../lib/uploads.js';
import type { Actor } from '../../../plugins/access.js';
import { col, COLUMNS, IMPORT_KIND } from './columns.js';
import { openValues } from './chunk.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const JOB_STATUSES: Record<ImportJobStatus, string> = { queued: '排队中', running: '导入中', done: '已完成', failed: '导入失败' };

const LIVE: ImportJobStatus[] = ['queued', 'running'];
const isUniqueViolation = (e: unknown) => errorCode(e) === '23505';
const duplicate = (id?: number) =>
  new ConflictError(`该文件正在导入中${id ? `（任务编号 ${id}）` : ''}，请等待完成后再提交，不要重复上传`, 'IMPORT_RUNNING', 'file');

/** Upload (read by the route) → a queued job; the worker picks it up. The same file for the same organisation while live → 409. */
export async function createImportJob(ctx: ServiceContext, up: Upload): Promise<{ id: number; status: ImportJobStatus }> {
  const { actor, db } = ctx;
  try {
    await checkSpreadsheet(up.buffer); // what the zip really inflates to, bounded while inflating
  } catch (e) {
    if (e instanceof SheetReadError) throw new BadRequestError(`文件：${e.message}`, { field: 'file' });
    throw e;
  }
  const [live] = await db
    .select({ id: importJobs.id })
    .from(importJobs)
    .where(
      and(
        eq(importJobs.orgId, actor.org.id),
        eq(importJobs.kind, IMPORT_KIND),
        eq(importJobs.fileSha256, up.sha256),
        inArray(importJobs.status, LIVE),
      ),
    );
  if (live) throw duplicate(live.id);
  try {
    return await db.transaction(async (tx) => {
      const fileId = await storeFile(tx, up, actor.org.id, actor.userId);
      const [job] = await tx
        .insert(importJobs)
        .values({ kind: IMPORT_KIND, orgId: actor.org.id, fileId, fileSha256: up.sha256, createdBy: actor.userId })
        .returning({ id: importJobs.id, status: importJobs.status });
      if (!job) throw new Error('import job insert returned no row');
      await ctx.audit(
        {
          action: 'personnel.import',
          targetType: 'import_job',
          targetId: job.id,
          detail: { fileName: up.name, size: up.buffer.length, sha256: up.sha256 },
        },
        tx,
      );
      return job;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate(); // a concurrent upload of the same file won the partial unique index
    throw e;
  }
}

const jobFields = {
  id: importJobs.id,
  status: importJobs.status,
  total: importJobs.total,
  processed: importJobs.processed,
  imported: importJobs.imported,
  failed: importJobs.failed,
  error: importJobs.error,
  createdAt: importJobs.createdAt,
  startedAt: importJobs.startedAt,
  finishedAt: importJobs.finishedAt,
  fileName: files.originalName,
  createdByName: users.name,
  orgId: importJobs.orgId,
};
function jobsQuery(db: Db) {
  return db
    .select(jobFields)
    .from(importJobs)
    .innerJoin(organizations, eq(organizations.id, importJobs.orgId))
    .innerJoin(files, eq(files.id, importJobs.fileId))
    .innerJoin(users, eq(users.id, importJobs.createdBy));
}

type JobView = Awaited<ReturnType<typeof jobsQuery>>[number];

const view = (j: JobView) => {
  const percent = j.status === 'done' ? 100 : j.total ? Math.min(99, Math.floor((j.processed / j.total) * 100)) : 0;
  return { ...j, statusName: JOB_STATUSES[j.status] ?? j.status, percent };
};

async function jobInScope(db: Db, actor: Actor, id: number) {
  const [j] = await jobsQuery(db)
    .where(and(eq(importJobs.id, id), eq(importJobs.kind, IMPORT_KIND), orgScope(actor)))
    .limit(1);
  if (!j) throw new NotFoundError('导入任务');
  return view(j);
}

/** A job of the actor's jurisdiction, or 404. */
export const getJob = (ctx: ServiceContext, id: number) => jobInScope(ctx.db, ctx.actor, id);

export async function listJobs(ctx: ServiceContext, q: { page: number; pageSize: number }) {
  const { db } = ctx;
  const where = and(eq(importJobs.kind, IMPORT_KIND), orgScope(ctx.actor));
  const [total] = await db.select({ n: count() }).from(importJobs).innerJoin(organizations, eq(organizations.id, importJobs.orgId)).where(where);
  const rows = await jobsQuery(db).where(where).orderBy(desc(importJobs.id)).limit(paging(q).limit).offset(paging(q).offset);
  return { total: total?.n ?? 0, items: rows.map(view) };
}

/** Failed rows for the screen: row number, name, masked 证件号, reason. */
export async function listFailures(ctx: ServiceContext, id: number, q: { page: number; pageSize: number }) {
  const { db } = ctx;
  await getJob(ctx, id);
  const [total] = await db.select({ n: count() }).from(importFailures).where(eq(importFailures.jobId, id));
  const rows = await db
    .select()
    .from(importFailures)
    .where(eq(importFailures.jobId, id))
    .orderBy(asc(importFailures.rowNumber))
    .limit(paging(q).limit)
    .offset(paging(q).offset);
  return {
    total: total?.n ?? 0,
    items: rows.map((r) => {
      const v = openValues(ctx.deps.pii, r.values);
      return { row: r.rowNumber, name: v[col('name')] ?? '', idNumberMasked: maskIdNumber(v[col('idNumber')]), reason: r.reason };
    }),
  };
}

/**
 * 失败数据: the template's columns as uploaded, then 失败原因 and 原行号 (the file can be corrected and re-imported);
 * the sheet's title, columns and rows, the download audited (the route sends it).
 */
export async function failuresSheet(ctx: ServiceContext, id: number) {
  const { db, actor } = ctx;
  const { pii } = ctx.deps;
  const job = await getJob(ctx, id);
  const rows = await db.select().from(importFailures).where(eq(importFailures.jobId, id)).orderBy(asc(importFailures.rowNumber));
  const unmasked = actor.permissions.has('pii.view');
  const idCol = col('idNumber'),
    phoneCol = col('phone');
  const data = rows.map((r) => {
    const values = openValues(pii, r.values);
    if (!unmasked) {
      values[idCol] = maskIdNumber(values[idCol]);
      values[phoneCol] = maskPhone(values[phoneCol]);
    }
    return { values, reason: r.reason, row: r.rowNumber };
  });
  const title = `专技人员导入失败数据_${job.id}`;
  await auditExport(db, ctx, 'import_failures', { jobId: id }, data.length, title);
  if (unmasked) {
    await ctx.audit({
      action: 'pii.view',
      targetType: 'import_job',
      targetId: id,
      detail: { fields: ['idNumber', 'phone'], via: 'import_failures', rows: data.length },
    });
  }
  type R = (typeof data)[number];
  const columns: Column<R>[] = [
    ...COLUMNS.map((c, i) => ({ header: c.header, width: c.width, text: true, value: (r: R) => r.values[i] ?? '' })),
    { header: '失败原因', width: 60, value: (r: R) => r.reason },
    { header: '原行号', width: 8, value: (r: R) => r.row },
  ];
  return { title, columns, rows: data };
}
