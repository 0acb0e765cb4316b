/**
 * 批量导入 jobs as the HR admin sees them: upload (xlsx, xls or csv, stored in `files`, a queued job, answered at
 * once), progress, recent jobs, failed rows (masked on screen). The 失败数据 xlsx repeats the rows to be corrected and
 * re-imported: 证件号 and 手机号 masked unless the downloader holds pii.view, in which case the download is audited
 * as an unmasked view too (besides the export). Jobs of another jurisdiction answer 404.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { maskIdNumber, maskPhone, type ImportJobStatus } from '@hbzsgx/domain';
import type { AppDeps } from '../../../deps.js';
import type { Db } from '../../../db/client.js';
import { files, importFailures, importJobs, organizations, users } from '../../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../../errors.js';
import { auditExport, writeAudit } from '../../../lib/audit.js';
import { checkSpreadsheet, SheetReadError, sendXlsx } from '../../../lib/excel.js';
import { paging } from '../../../lib/paging.js';
import { orgScope } from '../../../lib/scope.js';
import { readUpload, storeFile } from '../../../lib/uploads.js';
import type { Actor } from '../../../plugins/access.js';
import { col, COLUMNS, IMPORT_KIND } from './columns.js';
import { openValues } from './chunk.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const JOB_STATUSES = { queued: '排队中', running: '导入中', done: '已完成', failed: '导入失败' } as const;

const LIVE: ImportJobStatus[] = ['queued', 'running'];
const isUniqueViolation = (e: unknown) => {
  const x = e as { code?: string; cause?: { code?: string } };
  return (x.cause?.code ?? x.code) === '23505';
};
const duplicate = (id?: number) =>
  new ConflictError(`该文件正在导入中${id ? `（任务编号 ${id}）` : ''}，请等待完成后再提交，不要重复上传`, 'IMPORT_RUNNING', 'file');

/** Upload → a queued job; the worker picks it up. The same file for the same organisation while live → 409. */
export async function createImportJob(deps: AppDeps, req: FastifyRequest, actor: Actor): Promise<{ id: number; status: string }> {
  const up = await readUpload(req, { maxBytes: MAX_UPLOAD_BYTES, allowed: ['xlsx', 'xls', 'csv'] });
  try {
    await checkSpreadsheet(up.buffer); // what the zip really inflates to, bounded while inflating
  } catch (e) {
    if (e instanceof SheetReadError) throw new BadRequestError(`文件：${e.message}`, { field: 'file' });
    throw e;
  }
  const { db } = deps.database;
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
      await writeAudit(tx, req, {
        action: 'personnel.import',
        targetType: 'import_job',
        targetId: job!.id,
        detail: { fileName: up.name, size: up.buffer.length, sha256: up.sha256 },
      });
      return job!;
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
  return { ...j, statusName: JOB_STATUSES[j.status as keyof typeof JOB_STATUSES] ?? j.status, percent };
};

/** A job of the actor's jurisdiction, or 404. */
export async function getJob(db: Db, actor: Actor, id: number) {
  const [j] = await jobsQuery(db)
    .where(and(eq(importJobs.id, id), eq(importJobs.kind, IMPORT_KIND), orgScope(actor)))
    .limit(1);
  if (!j) throw new NotFoundError('导入任务');
  return view(j);
}

export async function listJobs(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  const where = and(eq(importJobs.kind, IMPORT_KIND), orgScope(actor));
  const [total] = await db.select({ n: count() }).from(importJobs).innerJoin(organizations, eq(organizations.id, importJobs.orgId)).where(where);
  const rows = await jobsQuery(db).where(where).orderBy(desc(importJobs.id)).limit(paging(q).limit).offset(paging(q).offset);
  return { total: total!.n, items: rows.map(view) };
}

/** Failed rows for the screen: row number, name, masked 证件号, reason. */
export async function listFailures(deps: AppDeps, actor: Actor, id: number, q: { page: number; pageSize: number }) {
  const { db } = deps.database;
  await getJob(db, actor, id);
  const [total] = await db.select({ n: count() }).from(importFailures).where(eq(importFailures.jobId, id));
  const rows = await db
    .select()
    .from(importFailures)
    .where(eq(importFailures.jobId, id))
    .orderBy(asc(importFailures.rowNumber))
    .limit(paging(q).limit)
    .offset(paging(q).offset);
  return {
    total: total!.n,
    items: rows.map((r) => {
      const v = openValues(deps.pii, r.values);
      return { row: r.rowNumber, name: v[col('name')] ?? '', idNumberMasked: maskIdNumber(v[col('idNumber')]), reason: r.reason };
    }),
  };
}

/** 失败数据: the template's columns as uploaded, then 失败原因 and 原行号 (the file can be corrected and re-imported). */
export async function sendFailures(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, actor: Actor, id: number) {
  const { db } = deps.database;
  const job = await getJob(db, actor, id);
  const rows = await db.select().from(importFailures).where(eq(importFailures.jobId, id)).orderBy(asc(importFailures.rowNumber));
  const unmasked = actor.permissions.has('pii.view');
  const idCol = col('idNumber'),
    phoneCol = col('phone');
  const data = rows.map((r) => {
    const values = openValues(deps.pii, r.values);
    if (!unmasked) {
      values[idCol] = maskIdNumber(values[idCol]);
      values[phoneCol] = maskPhone(values[phoneCol]);
    }
    return { values, reason: r.reason, row: r.rowNumber };
  });
  await auditExport(db, req, 'import_failures', { jobId: id }, data.length, `专技人员导入失败数据_${job.id}`);
  if (unmasked) {
    await writeAudit(db, req, {
      action: 'pii.view',
      targetType: 'import_job',
      targetId: id,
      detail: { fields: ['idNumber', 'phone'], via: 'import_failures', rows: data.length },
    });
  }
  type R = (typeof data)[number];
  return sendXlsx<R>(
    reply,
    `专技人员导入失败数据_${job.id}`,
    [
      ...COLUMNS.map((c, i) => ({ header: c.header, width: c.width, text: true, value: (r: R) => r.values[i] ?? '' })),
      { header: '失败原因', width: 60, value: (r: R) => r.reason },
      { header: '原行号', width: 8, value: (r: R) => r.row },
    ],
    data,
  );
}
