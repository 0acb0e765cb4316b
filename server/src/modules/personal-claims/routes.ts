/**
 * Personal declarations (个人申报学时): a person declares an activity of their own (academic conference, further
 * study, …) with an evidence file; the hours follow the year's recognition rule and cap. Their organisation
 * reviews first (待单位审核), then HR (学时审核 › 个人申报学时审核).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, count, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  decisionBody,
  idSchema,
  pageQuery,
  personalClaimFields,
  recognize,
  CLAIM_STATUSES,
  LEARNING_FORMS,
  SUBJECT_TYPES,
  text,
  beijingDate,
} from '@hbzsgx/domain';
import { claims, files, organizations, personnel, recognitionRules, users } from '../../db/schema.js';
import { actorOf, type Actor } from '../../plugins/access.js';
import type { Db } from '../../db/client.js';
import { exportList, exportQuery } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { writeAudit } from '../../lib/audit.js';
import { escapeLike, jurisdiction, requireAccess } from '../../lib/scope.js';
import { notOwnRequest, refuseOwnRequests } from '../../lib/self-review.js';
import { contextOf } from '../../context.js';
import { parseFields, readUpload, sendFile, storeFile } from '../../lib/uploads.js';
import { registerTodo } from '../dashboard/todos.js';
import { policyFor, transitionClaims } from '../ledger/service.js';
import { CLAIM_SUBJECTS } from '../claim-review/service.js';

const unit = alias(organizations, 'unit');

const unitReviewFilters = z.object({ tab: z.enum(['pending', 'done']).default('pending'), name: text(50).optional() });
/** 本单位人员学时申报: personal declarations of the actor's own staff, by tab and name — the list's and the export's query. */
async function listUnitReview(db: Db, a: Actor, q: z.infer<typeof unitReviewFilters> & { page: number; pageSize: number }) {
  const where = and(
    eq(claims.source, 'personal'),
    eq(personnel.orgId, a.org.id),
    notOwnRequest(a, CLAIM_SUBJECTS),
    q.tab === 'pending' ? eq(claims.status, 'pendingEmployer') : inArray(claims.status, ['pending', 'approved', 'rejected', 'revoked']),
    q.name ? like(users.name, `%${escapeLike(q.name)}%`) : undefined,
  );
  const [total] = await db
    .select({ n: count() })
    .from(claims)
    .innerJoin(personnel, eq(personnel.id, claims.personnelId))
    .innerJoin(users, eq(users.id, personnel.userId))
    .where(where);
  const rows = await db
    .select({
      id: claims.id,
      name: users.name,
      idNumberMasked: users.idNumberMasked,
      year: claims.year,
      title: claims.title,
      hours: claims.hours,
      basis: claims.basis,
      status: claims.status,
      subjectType: claims.subjectType,
      learningForm: claims.learningForm,
      rejectReason: claims.rejectReason,
      createdAt: claims.createdAt,
    })
    .from(claims)
    .innerJoin(personnel, eq(personnel.id, claims.personnelId))
    .innerJoin(users, eq(users.id, personnel.userId))
    .where(where)
    .orderBy(desc(claims.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total!.n, items: rows.map((r) => ({ ...r, statusName: CLAIM_STATUSES[r.status] })) };
}
const declarer = alias(organizations, 'declarer');

registerTodo({
  key: 'personal-claims',
  title: '个人学时申报（单位审核）',
  path: '/hours/personal-review',
  permission: 'claim.unitReview',
  async count(db, a) {
    const [r] = await db
      .select({ n: count() })
      .from(claims)
      .innerJoin(personnel, eq(personnel.id, claims.personnelId))
      .where(
        and(eq(claims.source, 'personal'), eq(claims.status, 'pendingEmployer'), eq(personnel.orgId, a.org.id), notOwnRequest(a, CLAIM_SUBJECTS)),
      );
    return r!.n;
  },
});

export default async function personalClaimRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const tags = ['个人申报学时'];

  app.post(
    '/api/me/claims',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '申报个人学时（multipart：year, title, subjectType, learningForm, units, file 证明材料 pdf/jpg/png ≤5MB）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const a = actorOf(req);
      if (!a.personnelId) throw new BadRequestError('只有专业技术人员可以申报个人学时');
      const up = await readUpload(req, { maxBytes: 5 * 1024 * 1024, allowed: ['pdf', 'jpg', 'png'] });
      const f = parseFields(personalClaimFields, up.fields);
      const policy = await policyFor(db(), f.year);
      if (beijingDate() > policy.closingDate) throw new ConflictError(`${f.year}年度学时申报已于${policy.closingDate}截止`);
      const [rule] = await db()
        .select()
        .from(recognitionRules)
        .where(and(eq(recognitionRules.year, f.year), eq(recognitionRules.learningForm, f.learningForm)));
      if (!rule) throw new BadRequestError('学习形式：该年度没有此学习形式的认定规则', { field: 'learningForm' });
      return db().transaction(async (tx) => {
        const [p] = await tx.select().from(personnel).where(eq(personnel.id, a.personnelId!)).for('update');
        const [used] = await tx
          .select({ h: sql<string>`coalesce(sum(${claims.hours}), 0)` })
          .from(claims)
          .where(
            and(
              eq(claims.personnelId, p!.id),
              eq(claims.year, f.year),
              eq(claims.learningForm, f.learningForm),
              inArray(claims.status, ['pendingEmployer', 'pending', 'approved']),
            ),
          );
        const r = recognize({ ...rule, learningForm: rule.learningForm }, f.units, Number(used!.h));
        if (r.hours <= 0) throw new ConflictError(`本年度${rule.note || '该学习形式'}已达年度上限${rule.capPerYear}学时`);
        const evidenceFileId = await storeFile(tx, up, p!.orgId, a.userId);
        const [c] = await tx
          .insert(claims)
          .values({
            personnelId: p!.id,
            year: f.year,
            source: 'personal',
            declaringOrgId: p!.orgId,
            title: f.title,
            subjectType: f.subjectType,
            learningForm: f.learningForm,
            hours: r.hours,
            basis: r.basis,
            evidenceFileId,
            status: 'pendingEmployer',
          })
          .returning();
        await writeAudit(tx, req, { action: 'claim.declare', targetType: 'claim', targetId: c!.id, detail: { hours: r.hours, basis: r.basis } });
        return c!;
      });
    },
  );

  app.get(
    '/api/reviews/personal-claims',
    {
      config: { access: { permission: 'claim.unitReview' } },
      schema: { tags, summary: '本单位人员的个人学时申报（单位审核）', querystring: pageQuery.extend(unitReviewFilters.shape) },
    },
    async (req) => listUnitReview(db(), actorOf(req), req.query),
  );

  app.get(
    '/api/reviews/personal-claims/export',
    {
      config: { access: { permission: 'claim.unitReview' } },
      schema: { tags, summary: '导出本单位人员的个人学时申报（xlsx，与列表相同的筛选）', querystring: exportQuery(unitReviewFilters) },
    },
    async (req, reply) =>
      exportList(db(), req, reply, {
        what: 'personal_claims',
        title: `本单位人员学时申报（${req.query.tab === 'pending' ? '待单位审核' : '已审核'}）`,
        filters: req.query,
        load: (p) => listUnitReview(db(), actorOf(req), { ...req.query, ...p }),
        columns: [
          { header: '姓名', value: (r) => r.name },
          { header: '证件号', width: 24, value: (r) => r.idNumberMasked },
          { header: '年度', width: 8, value: (r) => r.year },
          { header: '学习内容', width: 36, value: (r) => r.title },
          { header: '科目类型', value: (r) => SUBJECT_TYPES[r.subjectType] },
          { header: '学习形式', value: (r) => LEARNING_FORMS[r.learningForm] },
          { header: '学时', width: 8, value: (r) => Number(r.hours) },
          { header: '认定依据', width: 30, value: (r) => r.basis },
          { header: '状态', width: 12, value: (r) => r.statusName },
          { header: '驳回原因', width: 30, value: (r) => r.rejectReason },
          { header: '申报时间', width: 20, value: (r) => fmtTime(r.createdAt) },
        ],
      }),
  );

  app.post(
    '/api/reviews/personal-claims/decide',
    {
      config: { access: { permission: 'claim.unitReview' } },
      schema: { tags, summary: '单位审核：通过（转人社部门审核）/驳回', body: decisionBody },
    },
    async (req) => {
      const a = actorOf(req);
      await refuseOwnRequests(contextOf(req), { table: claims, id: claims.id, ids: req.body.ids, subjects: CLAIM_SUBJECTS, targetType: 'claim' });
      return db().transaction(async (tx) => {
        const visible = await tx
          .select({ id: claims.id })
          .from(claims)
          .innerJoin(personnel, eq(personnel.id, claims.personnelId))
          .where(and(inArray(claims.id, req.body.ids), eq(claims.source, 'personal'), eq(personnel.orgId, a.org.id)));
        const ids = requireAccess(visible, req.body.ids, '学时申报');
        // the unit decides only what waits for it (待单位审核); HR's part stays HR's
        const moved = await transitionClaims(tx, {
          ids,
          to: req.body.decision === 'approve' ? 'pending' : 'rejected',
          actorUserId: a.userId,
          reason: req.body.reason,
          scope: eq(claims.status, 'pendingEmployer'),
        });
        if (!moved.length) throw new ConflictError('所选申报已被处理，请刷新后查看', 'ALREADY_DECIDED');
        for (const m of moved) await writeAudit(tx, req, { action: `claim.unit-${req.body.decision}`, targetType: 'claim', targetId: m.id });
        return { done: moved.length, skipped: req.body.ids.length - moved.length };
      });
    },
  );

  app.get(
    '/api/claims/:id/evidence',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '下载证明材料（本人、所在单位、辖区人社部门）', params: z.object({ id: idSchema }) },
    },
    async (req, reply) => {
      const a = actorOf(req);
      const [row] = await db()
        .select({ f: files })
        .from(claims)
        .innerJoin(files, eq(files.id, claims.evidenceFileId))
        .innerJoin(personnel, eq(personnel.id, claims.personnelId))
        .innerJoin(unit, eq(unit.id, personnel.orgId))
        .innerJoin(declarer, eq(declarer.id, claims.declaringOrgId))
        .where(
          and(
            eq(claims.id, req.params.id),
            or(
              a.personnelId ? eq(claims.personnelId, a.personnelId) : sql`false`,
              a.permissions.has('claim.unitReview') ? eq(personnel.orgId, a.org.id) : sql`false`,
              a.permissions.has('claim.review') ? jurisdiction(a).below(declarer.path) : sql`false`,
            ),
          ),
        );
      if (!row) throw new NotFoundError('证明材料');
      return sendFile(reply, row.f);
    },
  );
}
