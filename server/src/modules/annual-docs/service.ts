/**
 * 年度培训计划 / 年度工作总结: a base uploads a document with a description; HR above it reviews it
 * (queue.ts). Files download with their original name.
 */
import { and, count, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ANNUAL_DOC_KINDS, text, year, type AnnualDocKind } from '@hbzsgx/domain';
import { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { annualDocs, files, organizations } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { jurisdiction, requireAccess } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests } from '../../lib/self-review.js';
import { parseFields, type Upload } from '../../lib/uploads.js';
import { storeFile } from '../../lib/uploads.js';
import type { Actor } from '../../plugins/access.js';

export const MAX_DOC_BYTES = 10 * 1024 * 1024;
export const DOC_FILE_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx'] as const;
const fieldsSchema = z.object({
  kind: z.enum(['plan', 'summary'], { error: '请选择类别' }),
  year: year('年度不正确', '请选择年度'),
  description: text(500, { min: 1, required: '请填写说明' }),
});

const baseOrg = alias(organizations, 'base_org');
/** A document is about the base that reported it (lib/self-review.ts): the reviewer's scope never holds its own. */
const DOC_SUBJECTS = { org: annualDocs.orgId, requester: annualDocs.createdBy };
const reviewScope = (a: Actor) => and(jurisdiction(a).reviews(baseOrg), notOwnRequest(a, DOC_SUBJECTS))!;

export const ownFilters = z.object({ kind: z.enum(['plan', 'summary']).optional() });
export const reviewFilters = z.object({ tab: z.enum(['pending', 'done']).default('pending'), year: year().optional() });

async function list(db: Db, where: SQL | undefined, q: { page: number; pageSize: number }) {
  const [total] = await db.select({ n: count() }).from(annualDocs).innerJoin(baseOrg, eq(baseOrg.id, annualDocs.orgId)).where(where);
  const items = await db
    .select({
      id: annualDocs.id,
      kind: annualDocs.kind,
      year: annualDocs.year,
      description: annualDocs.description,
      status: annualDocs.status,
      rejectReason: annualDocs.rejectReason,
      createdAt: annualDocs.createdAt,
      reviewedAt: annualDocs.reviewedAt,
      reviewedBy: annualDocs.reviewedBy,
      orgName: baseOrg.name,
      fileName: files.originalName,
      fileSize: files.size,
      sha256: files.sha256,
    })
    .from(annualDocs)
    .innerJoin(baseOrg, eq(baseOrg.id, annualDocs.orgId))
    .innerJoin(files, eq(files.id, annualDocs.fileId))
    .where(where)
    .orderBy(desc(annualDocs.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, items };
}
export type DocRow = Awaited<ReturnType<typeof list>>['items'][number];

/** The base's own documents (年度培训计划/工作总结). */
export const ownDocs = (ctx: ServiceContext, f: z.output<typeof ownFilters> & { page: number; pageSize: number }) =>
  list(ctx.db, and(eq(annualDocs.orgId, ctx.actor.org.id), f.kind ? eq(annualDocs.kind, f.kind) : undefined), f);

/** A review queue: the kind, the reviewer's scope, the tab and the year. */
export const reviewDocs = (ctx: ServiceContext, kind: AnnualDocKind, f: z.output<typeof reviewFilters> & { page: number; pageSize: number }) =>
  list(
    ctx.db,
    and(
      eq(annualDocs.kind, kind),
      reviewScope(ctx.actor),
      f.tab === 'pending' ? eq(annualDocs.status, 'pending') : inArray(annualDocs.status, ['approved', 'rejected']),
      f.year ? eq(annualDocs.year, f.year) : undefined,
    ),
    f,
  );

/** 待办: pending documents of this kind the actor may decide. */
export async function countPendingDocs(db: Db, a: Actor, kind: AnnualDocKind) {
  const [r] = await db
    .select({ n: count() })
    .from(annualDocs)
    .innerJoin(baseOrg, eq(baseOrg.id, annualDocs.orgId))
    .where(and(eq(annualDocs.kind, kind), eq(annualDocs.status, 'pending'), reviewScope(a)));
  return r?.n ?? 0;
}

/** Uploads a document: one live (pending or approved) document per base, kind and year. */
export async function uploadDoc(ctx: ServiceContext, up: Upload) {
  const a = ctx.actor;
  const f = parseFields(fieldsSchema, up.fields);
  return ctx.db.transaction(async (tx) => {
    const [live] = await tx
      .select({ id: annualDocs.id })
      .from(annualDocs)
      .where(
        and(
          eq(annualDocs.orgId, a.org.id),
          eq(annualDocs.kind, f.kind),
          eq(annualDocs.year, f.year),
          inArray(annualDocs.status, ['pending', 'approved']),
        ),
      );
    if (live) throw new ConflictError(`${f.year}${ANNUAL_DOC_KINDS[f.kind]}已提交（待审核或已通过），不能重复提交`);
    const fileId = await storeFile(tx, up, a.org.id, a.userId);
    const [doc] = await tx
      .insert(annualDocs)
      .values({ orgId: a.org.id, kind: f.kind, year: f.year, description: f.description, fileId, createdBy: a.userId })
      .returning();
    if (!doc) throw new Error('annual doc insert returned no row');
    await ctx.audit(
      {
        action: 'annual.upload',
        targetType: 'annual_doc',
        targetId: doc.id,
        detail: { kind: f.kind, year: f.year, file: up.name, sha256: up.sha256 },
      },
      tx,
    );
    return { ...doc, fileName: up.name, sha256: up.sha256 };
  });
}

/** A document's file, for its base or (with annual.review) an HR reviewer whose scope holds it. */
export async function docFile(ctx: ServiceContext, id: number) {
  const a = ctx.actor;
  const own = eq(annualDocs.orgId, a.org.id);
  const [row] = await ctx.db
    .select({ f: files })
    .from(annualDocs)
    .innerJoin(baseOrg, eq(baseOrg.id, annualDocs.orgId))
    .innerJoin(files, eq(files.id, annualDocs.fileId))
    .where(and(eq(annualDocs.id, id), a.permissions.has('annual.review') ? or(reviewScope(a), own) : own));
  if (!row) throw new NotFoundError('文件');
  return row.f;
}

/** 通过/驳回: every id in the reviewer's scope (else 404, nothing written), only pending ones move (else 409). */
export async function decideDocs(ctx: ServiceContext, kind: AnnualDocKind, body: { ids: number[]; decision: 'approve' | 'reject'; reason: string }) {
  const a = ctx.actor;
  await refuseOwnRequests(ctx, {
    table: annualDocs,
    id: annualDocs.id,
    ids: body.ids,
    subjects: DOC_SUBJECTS,
    where: eq(annualDocs.kind, kind),
    targetType: 'annual_doc',
  });
  return ctx.db.transaction(async (tx) => {
    const visible = await tx
      .select({ id: annualDocs.id })
      .from(annualDocs)
      .innerJoin(baseOrg, eq(baseOrg.id, annualDocs.orgId))
      .where(and(inArray(annualDocs.id, body.ids), eq(annualDocs.kind, kind), reviewScope(a)));
    const ids = requireAccess(visible, body.ids, '年度材料');
    const done = await tx
      .update(annualDocs)
      .set({
        status: body.decision === 'approve' ? 'approved' : 'rejected',
        rejectReason: body.decision === 'reject' ? body.reason : null,
        reviewedBy: a.userId,
        reviewedAt: ctx.now(),
      })
      .where(and(inArray(annualDocs.id, ids), eq(annualDocs.status, 'pending')))
      .returning({ id: annualDocs.id });
    if (!done.length) throw new ConflictError('所选材料已被处理，请刷新后查看', 'ALREADY_DECIDED');
    for (const d of done) await ctx.audit({ action: `annual.${body.decision}`, targetType: 'annual_doc', targetId: d.id }, tx);
    return { done: done.length, skipped: body.ids.length - done.length };
  });
}
