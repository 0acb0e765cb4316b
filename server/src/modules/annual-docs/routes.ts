/**
 * 年度培训计划 / 年度工作总结 (base uploads a document with a description) and HR's
 * 审核继教机构年度培训计划 / 审核继教机构年度工作总结. Files download with their original name.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, count, desc, eq, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { decisionBody, idSchema, pageQuery, text, year } from '@hbzsgx/domain';
import { REVIEW_STATUSES } from '@hbzsgx/domain';
import { annualDocs, files, organizations } from '../../db/schema.js';
import { actorOf, type Actor } from '../../plugins/access.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { writeAudit } from '../../lib/audit.js';
import { jurisdiction, requireAccess } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests } from '../../lib/self-review.js';
import type { Column } from '../../lib/excel.js';
import { exportList, exportQuery } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { parseFields, readUpload, sendFile, storeFile } from '../../lib/uploads.js';
import { registerTodo } from '../dashboard/todos.js';
import type { Db } from '../../db/client.js';

const KINDS = { plan: '年度培训计划', summary: '年度工作总结' } as const;
type Kind = keyof typeof KINDS;
const kindParam = z.object({ kind: z.enum(['plan', 'summary'], { error: '类别不正确' }) });
const fieldsSchema = z.object({
  kind: z.enum(['plan', 'summary'], { error: '请选择类别' }),
  year: year('年度不正确', '请选择年度'),
  description: text(500, { min: 1, required: '请填写说明' }),
});
export const MAX_DOC_BYTES = 10 * 1024 * 1024;
const baseOrg = alias(organizations, 'base_org');
/** A document is about the base that reported it (lib/self-review.ts): the reviewer's scope never holds its own. */
const DOC_SUBJECTS = { org: annualDocs.orgId, requester: annualDocs.createdBy };
const reviewScope = (a: Actor) => and(jurisdiction(a).reviews(baseOrg), notOwnRequest(a, DOC_SUBJECTS))!;

const ownFilters = z.object({ kind: z.enum(['plan', 'summary']).optional() });
const reviewFilters = z.object({ tab: z.enum(['pending', 'done']).default('pending'), year: year().optional() });
/** The base's own documents (年度培训计划/工作总结). */
const ownWhere = (a: Actor, f: z.infer<typeof ownFilters>) => and(eq(annualDocs.orgId, a.org.id), f.kind ? eq(annualDocs.kind, f.kind) : undefined);
/** A review queue: the kind, the reviewer's scope, the tab and the year. */
const reviewWhere = (a: Actor, kind: Kind, f: z.infer<typeof reviewFilters>) =>
  and(
    eq(annualDocs.kind, kind),
    reviewScope(a),
    f.tab === 'pending' ? eq(annualDocs.status, 'pending') : inArray(annualDocs.status, ['approved', 'rejected']),
    f.year ? eq(annualDocs.year, f.year) : undefined,
  );
const STATUS: Record<string, string> = REVIEW_STATUSES;
type DocRow = Awaited<ReturnType<typeof list>>['items'][number];
const DOC_COLUMNS: Column<DocRow>[] = [
  { header: '继续教育机构', width: 32, value: (r) => r.orgName },
  { header: '类别', width: 14, value: (r) => KINDS[r.kind as Kind] ?? r.kind },
  { header: '报送年度', width: 10, value: (r) => r.year },
  { header: '说明', width: 40, value: (r) => r.description },
  { header: '文件', width: 30, value: (r) => r.fileName },
  { header: '上传时间', width: 20, value: (r) => fmtTime(r.createdAt) },
  { header: '审核状态', width: 10, value: (r) => STATUS[r.status] ?? r.status },
  { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
  { header: '审核时间', width: 20, value: (r) => fmtTime(r.reviewedAt) },
];

async function list(db: Db, where: ReturnType<typeof and>, q: { page: number; pageSize: number }) {
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
  return { total: total!.n, items };
}

for (const kind of Object.keys(KINDS) as Kind[]) {
  registerTodo({
    key: `annual-${kind}`,
    title: `审核继教机构${KINDS[kind]}`,
    path: `/training/annual-review/${kind}`,
    permission: 'annual.review',
    types: ['hr'],
    async count(db, a) {
      const [r] = await db
        .select({ n: count() })
        .from(annualDocs)
        .innerJoin(baseOrg, eq(baseOrg.id, annualDocs.orgId))
        .where(and(eq(annualDocs.kind, kind), eq(annualDocs.status, 'pending'), reviewScope(a)));
      return r!.n;
    },
  });
}

export default async function annualDocRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const tags = ['年度培训计划与工作总结'];

  app.post(
    '/api/annual-docs',
    {
      config: { access: { permission: 'annual.manage' } },
      schema: {
        tags,
        summary: '上传年度培训计划/年度工作总结（multipart：kind, year, description, file；pdf/doc/docx/xls/xlsx，≤10MB）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const a = actorOf(req);
      const up = await readUpload(req, { maxBytes: MAX_DOC_BYTES, allowed: ['pdf', 'doc', 'docx', 'xls', 'xlsx'] });
      const f = parseFields(fieldsSchema, up.fields);
      return db().transaction(async (tx) => {
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
        if (live) throw new ConflictError(`${f.year}年度的${KINDS[f.kind]}已提交（待审核或已通过），不能重复提交`);
        const fileId = await storeFile(tx, up, a.org.id, a.userId);
        const [doc] = await tx
          .insert(annualDocs)
          .values({ orgId: a.org.id, kind: f.kind, year: f.year, description: f.description, fileId, createdBy: a.userId })
          .returning();
        await writeAudit(tx, req, {
          action: 'annual.upload',
          targetType: 'annual_doc',
          targetId: doc!.id,
          detail: { kind: f.kind, year: f.year, file: up.name, sha256: up.sha256 },
        });
        return { ...doc!, fileName: up.name, sha256: up.sha256 };
      });
    },
  );

  app.get(
    '/api/annual-docs',
    {
      config: { access: { permission: 'annual.manage' } },
      schema: { tags, summary: '本基地的年度培训计划/工作总结', querystring: pageQuery.extend(ownFilters.shape) },
    },
    async (req) => list(db(), ownWhere(actorOf(req), req.query), req.query),
  );

  app.get(
    '/api/annual-docs/export',
    {
      config: { access: { permission: 'annual.manage' } },
      schema: { tags, summary: '导出本基地的年度培训计划/工作总结（xlsx）', querystring: exportQuery(ownFilters) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: 'annual_docs',
        title: req.query.kind ? KINDS[req.query.kind] : '年度培训计划与工作总结',
        filters: req.query,
        columns: DOC_COLUMNS,
        load: (p) => list(db(), ownWhere(actorOf(req), req.query), p),
      }),
  );

  app.get(
    '/api/annual-docs/:id/file',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '下载文件（原文件名）', params: z.object({ id: idSchema }) },
    },
    async (req, reply) => {
      const a = actorOf(req);
      const [row] = await db()
        .select({ f: files })
        .from(annualDocs)
        .innerJoin(baseOrg, eq(baseOrg.id, annualDocs.orgId))
        .innerJoin(files, eq(files.id, annualDocs.fileId))
        .where(
          and(
            eq(annualDocs.id, req.params.id),
            a.permissions.has('annual.review') ? or(reviewScope(a), eq(annualDocs.orgId, a.org.id)) : eq(annualDocs.orgId, a.org.id),
          ),
        );
      if (!row) throw new NotFoundError('文件');
      return sendFile(reply, row.f);
    },
  );

  app.get(
    '/api/reviews/annual-docs/:kind',
    {
      config: { access: { permission: 'annual.review' } },
      schema: { tags, summary: '审核继教机构年度培训计划/年度工作总结', params: kindParam, querystring: pageQuery.extend(reviewFilters.shape) },
    },
    async (req) => list(db(), reviewWhere(actorOf(req), req.params.kind, req.query), req.query),
  );

  app.get(
    '/api/reviews/annual-docs/:kind/export',
    {
      config: { access: { permission: 'annual.review' } },
      schema: { tags, summary: '导出审核列表（xlsx，与列表相同的筛选）', params: kindParam, querystring: exportQuery(reviewFilters) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: `annual_docs.${req.params.kind}`,
        title: `审核继教机构${KINDS[req.params.kind]}（${req.query.tab === 'pending' ? '待审核' : '已审核'}）`,
        filters: req.query,
        columns: DOC_COLUMNS,
        load: (p) => list(db(), reviewWhere(actorOf(req), req.params.kind, req.query), p),
      }),
  );

  app.post(
    '/api/reviews/annual-docs/:kind/decide',
    {
      config: { access: { permission: 'annual.review' } },
      schema: { tags, summary: '通过/驳回', params: kindParam, body: decisionBody },
    },
    async (req) => {
      const a = actorOf(req);
      await refuseOwnRequests(db(), req, a, {
        table: annualDocs,
        id: annualDocs.id,
        ids: req.body.ids,
        subjects: DOC_SUBJECTS,
        where: eq(annualDocs.kind, req.params.kind),
        targetType: 'annual_doc',
      });
      return db().transaction(async (tx) => {
        const visible = await tx
          .select({ id: annualDocs.id })
          .from(annualDocs)
          .innerJoin(baseOrg, eq(baseOrg.id, annualDocs.orgId))
          .where(and(inArray(annualDocs.id, req.body.ids), eq(annualDocs.kind, req.params.kind), reviewScope(a)));
        const ids = requireAccess(visible, req.body.ids, '年度材料');
        const done = await tx
          .update(annualDocs)
          .set({
            status: req.body.decision === 'approve' ? 'approved' : 'rejected',
            rejectReason: req.body.decision === 'reject' ? req.body.reason : null,
            reviewedBy: a.userId,
            reviewedAt: new Date(),
          })
          .where(and(inArray(annualDocs.id, ids), eq(annualDocs.status, 'pending')))
          .returning({ id: annualDocs.id });
        if (!done.length) throw new ConflictError('所选材料已被处理，请刷新后查看', 'ALREADY_DECIDED');
        for (const d of done) await writeAudit(tx, req, { action: `annual.${req.body.decision}`, targetType: 'annual_doc', targetId: d.id });
        return { done: done.length, skipped: req.body.ids.length - done.length };
      });
    },
  );
}
