/**
 * 年度工作材料报送. An HR department or a base keeps its yearly materials as a draft (title, description, files each
 * with a category), submits it (草稿 → 已提交) and may withdraw it (已提交 → 草稿) to correct it. HR departments see
 * what the organisations of their jurisdiction SUBMITTED (never drafts); the first opening marks it 已查看.
 *
 * Withdrawal rule: the submitting organisation may withdraw at any time while it is submitted, even after the
 * superior has looked at it — there is no acceptance step that would make it final; the withdrawal is audited,
 * clears 已查看, and the material leaves the superior's list until it is submitted again.
 *
 * Every change is one transaction that locks the material row first (so upload/remove/submit/withdraw of the same
 * material serialise) and is guarded by the expected state: a change to a material that is not a draft is a 409.
 */
import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, like, ne, sql, type SQL } from 'drizzle-orm';
import { MATERIAL_CATEGORIES, type MaterialCategory } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { divisions, files, materialFiles, materials, organizations } from '../../db/schema.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { escapeLike, orgScope } from '../../lib/scope.js';
import { storeFile, type Upload } from '../../lib/uploads.js';
import type { Actor } from '../../plugins/access.js';

export const MAX_FILES_PER_MATERIAL = 30;

export interface OwnFilters {
  year?: number;
  status?: 'draft' | 'submitted';
}
export interface JurisdictionFilters {
  year?: number;
  orgName?: string;
  divisionCode?: string;
  status?: 'unviewed' | 'viewed';
}
interface Paging {
  page: number;
  pageSize: number;
}

/** '420100' → '4201', '420000' → '42', '420102' → '420102': a division and everything below it. */
export function divisionPrefix(code: string): string {
  let p = code;
  while (p.length > 2 && p.endsWith('00')) p = p.slice(0, -2);
  return p;
}

/** and() of conditions whose first is always there (and() answers undefined only when none is). */
const allOf = (first: SQL, ...rest: (SQL | undefined)[]): SQL => and(first, ...rest) ?? first;

/** The actor's own materials (本单位报送). */
export function ownWhere(actor: Actor, f: OwnFilters): SQL {
  return allOf(
    eq(materials.orgId, actor.org.id),
    f.year ? eq(materials.year, f.year) : undefined,
    f.status ? eq(materials.status, f.status) : undefined,
  );
}

/** Submitted materials of the organisations below the actor in its jurisdiction (辖区报送情况); drafts never show. */
export function jurisdictionWhere(actor: Actor, f: JurisdictionFilters): SQL {
  return allOf(
    orgScope(actor),
    ne(organizations.id, actor.org.id),
    eq(materials.status, 'submitted'),
    f.year ? eq(materials.year, f.year) : undefined,
    f.orgName ? ilike(organizations.name, `%${escapeLike(f.orgName)}%`) : undefined,
    f.divisionCode ? like(organizations.divisionCode, `${divisionPrefix(f.divisionCode)}%`) : undefined,
    f.status === 'viewed' ? isNotNull(materials.viewedAt) : f.status === 'unviewed' ? isNull(materials.viewedAt) : undefined,
  );
}

export interface MaterialFile {
  fileId: number;
  category: MaterialCategory;
  categoryName: string;
  name: string;
  size: number;
  kind: string;
  uploadedAt: Date;
}

async function liveFiles(db: Db, materialIds: number[]): Promise<Map<number, MaterialFile[]>> {
  const out = new Map<number, MaterialFile[]>();
  if (!materialIds.length) return out;
  const rows = await db
    .select({
      materialId: materialFiles.materialId,
      fileId: files.id,
      category: materialFiles.category,
      name: files.originalName,
      size: files.size,
      kind: files.kind,
      uploadedAt: files.createdAt,
    })
    .from(materialFiles)
    .innerJoin(files, eq(files.id, materialFiles.fileId))
    .where(and(inArray(materialFiles.materialId, materialIds), isNull(materialFiles.removedAt)))
    .orderBy(files.id);
  for (const r of rows) {
    const { materialId, ...f } = r;
    const category = f.category;
    const list = out.get(materialId) ?? [];
    list.push({ ...f, category, categoryName: MATERIAL_CATEGORIES[category] ?? f.category });
    out.set(materialId, list);
  }
  return out;
}

const columns = {
  id: materials.id,
  orgId: materials.orgId,
  year: materials.year,
  title: materials.title,
  description: materials.description,
  status: materials.status,
  submittedAt: materials.submittedAt,
  viewedAt: materials.viewedAt,
  createdAt: materials.createdAt,
  updatedAt: materials.updatedAt,
  orgName: organizations.name,
  orgType: organizations.type,
  divisionName: divisions.name,
};

/** One page of materials matching `where` (a condition built by ownWhere/jurisdictionWhere), each with its files. */
async function listMaterials(db: Db, where: SQL, q: Paging) {
  const [total] = await db.select({ n: count() }).from(materials).innerJoin(organizations, eq(organizations.id, materials.orgId)).where(where);
  const rows = await db
    .select(columns)
    .from(materials)
    .innerJoin(organizations, eq(organizations.id, materials.orgId))
    .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
    .where(where)
    .orderBy(desc(materials.year), desc(sql`coalesce(${materials.submittedAt}, ${materials.updatedAt})`), desc(materials.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const fl = await liveFiles(
    db,
    rows.map((r) => r.id),
  );
  return { total: total?.n ?? 0, items: rows.map((r) => ({ ...r, files: fl.get(r.id) ?? [] })) };
}
export type MaterialRow = Awaited<ReturnType<typeof listMaterials>>['items'][number];

/** 本单位报送: one page of the actor's own materials. */
export const listOwn = (ctx: ServiceContext, q: OwnFilters & Paging) => listMaterials(ctx.db, ownWhere(ctx.actor, q), q);
/** 辖区报送情况: one page of what the organisations of the jurisdiction submitted. */
export const listJurisdiction = (ctx: ServiceContext, q: JurisdictionFilters & Paging) => listMaterials(ctx.db, jurisdictionWhere(ctx.actor, q), q);

async function oneMaterial(db: Db, where: SQL) {
  const { items } = await listMaterials(db, where, { page: 1, pageSize: 1 });
  if (!items[0]) throw new NotFoundError('年度工作材料');
  return items[0];
}
const ownOne = (actor: Actor, id: number) => allOf(eq(materials.id, id), ownWhere(actor, {}));
const jurisdictionOne = (actor: Actor, id: number) => allOf(eq(materials.id, id), jurisdictionWhere(actor, {}));
export const ownMaterial = (ctx: ServiceContext, id: number) => oneMaterial(ctx.db, ownOne(ctx.actor, id));

/** A submitted material of the jurisdiction; the first opening marks it 已查看 (and answers it so). */
export async function openJurisdictionMaterial(ctx: ServiceContext, id: number) {
  const m = await oneMaterial(ctx.db, jurisdictionOne(ctx.actor, id));
  if (m.viewedAt) return m;
  await markViewed(ctx, m.id);
  return oneMaterial(ctx.db, jurisdictionOne(ctx.actor, m.id));
}

/** The material's live (not removed) files. */
async function liveFileCount(tx: Db, id: number): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(materialFiles)
    .where(and(eq(materialFiles.materialId, id), isNull(materialFiles.removedAt)));
  return r?.n ?? 0;
}

/** Locks the actor's own material for a change; 404 when it is not ours, 409 when it is no longer a draft. */
async function lockDraft(tx: Db, actor: Actor, id: number, what: string) {
  const [m] = await tx
    .select()
    .from(materials)
    .where(and(eq(materials.id, id), eq(materials.orgId, actor.org.id)))
    .for('update');
  if (!m) throw new NotFoundError('年度工作材料');
  if (m.status !== 'draft') throw new ConflictError(`材料已提交，不能${what}；如需修改，请先撤回`, 'NOT_DRAFT');
  return m;
}

export interface MaterialBody {
  year: number;
  name: string;
  description: string;
}

export async function createMaterial(ctx: ServiceContext, body: MaterialBody) {
  const { actor } = ctx;
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx
      .insert(materials)
      .values({
        orgId: actor.org.id,
        year: body.year,
        title: body.name,
        description: body.description,
        createdBy: actor.userId,
      })
      .returning({ id: materials.id });
    if (!m) throw new Error('material insert returned no row');
    await ctx.audit({ action: 'material.create', targetType: 'material', targetId: m.id, detail: { year: body.year, title: body.name } }, tx);
    return { id: m.id };
  });
}

export async function updateMaterial(ctx: ServiceContext, id: number, body: MaterialBody) {
  return ctx.db.transaction(async (tx) => {
    const before = await lockDraft(tx, ctx.actor, id, '修改');
    await tx
      .update(materials)
      .set({ year: body.year, title: body.name, description: body.description, updatedAt: ctx.now() })
      .where(and(eq(materials.id, id), eq(materials.status, 'draft')));
    await ctx.audit(
      {
        action: 'material.update',
        targetType: 'material',
        targetId: id,
        detail: { before: { year: before.year, title: before.title }, after: { year: body.year, title: body.name } },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/**
 * Adds a file to the actor's draft. `read` reads the upload (and its category) from the request: it is called only
 * after the material is known to be ours (a material that is not answers 404 before any file is read).
 */
export async function addFile(ctx: ServiceContext, id: number, read: () => Promise<{ up: Upload; category: MaterialCategory }>) {
  const { actor } = ctx;
  await ownMaterial(ctx, id);
  const { up, category } = await read();
  return ctx.db.transaction(async (tx) => {
    await lockDraft(tx, actor, id, '上传文件');
    if ((await liveFileCount(tx, id)) >= MAX_FILES_PER_MATERIAL)
      throw new ConflictError(`每份材料最多${MAX_FILES_PER_MATERIAL}个文件`, 'TOO_MANY_FILES');
    const fileId = await storeFile(tx, up, actor.org.id, actor.userId);
    await tx.insert(materialFiles).values({ materialId: id, fileId, category });
    await tx.update(materials).set({ updatedAt: ctx.now() }).where(eq(materials.id, id));
    await ctx.audit(
      { action: 'material.file.add', targetType: 'material', targetId: id, detail: { fileId, category, file: up.name, sha256: up.sha256 } },
      tx,
    );
    return { fileId, name: up.name, category, size: up.buffer.length };
  });
}

/** Unlinks a file from a draft; the `files` row stays (files are never deleted with what references them). */
export async function removeFile(ctx: ServiceContext, id: number, fileId: number) {
  return ctx.db.transaction(async (tx) => {
    await lockDraft(tx, ctx.actor, id, '删除文件');
    const done = await tx
      .update(materialFiles)
      .set({ removedAt: ctx.now() })
      .where(and(eq(materialFiles.materialId, id), eq(materialFiles.fileId, fileId), isNull(materialFiles.removedAt)))
      .returning({ fileId: materialFiles.fileId });
    if (!done.length) throw new NotFoundError('文件');
    await tx.update(materials).set({ updatedAt: ctx.now() }).where(eq(materials.id, id));
    await ctx.audit({ action: 'material.file.remove', targetType: 'material', targetId: id, detail: { fileId } }, tx);
    return { ok: true as const };
  });
}

export async function submitMaterial(ctx: ServiceContext, id: number) {
  return ctx.db.transaction(async (tx) => {
    const m = await lockDraft(tx, ctx.actor, id, '重复提交');
    const n = await liveFileCount(tx, id);
    if (!n) throw new ConflictError('请至少上传一个材料文件后再提交', 'NO_FILES');
    const now = ctx.now();
    const done = await tx
      .update(materials)
      .set({ status: 'submitted', submittedAt: now, viewedAt: null, viewedBy: null, updatedAt: now })
      .where(and(eq(materials.id, id), eq(materials.status, 'draft')))
      .returning({ id: materials.id });
    if (done.length !== 1) throw new ConflictError('材料已提交，请刷新后查看', 'NOT_DRAFT');
    await ctx.audit({ action: 'material.submit', targetType: 'material', targetId: id, detail: { year: m.year, files: n } }, tx);
    return { ok: true as const };
  });
}

export async function withdrawMaterial(ctx: ServiceContext, id: number) {
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx
      .select()
      .from(materials)
      .where(and(eq(materials.id, id), eq(materials.orgId, ctx.actor.org.id)))
      .for('update');
    if (!m) throw new NotFoundError('年度工作材料');
    const done = await tx
      .update(materials)
      .set({ status: 'draft', submittedAt: null, viewedAt: null, viewedBy: null, updatedAt: ctx.now() })
      .where(and(eq(materials.id, id), eq(materials.status, 'submitted')))
      .returning({ id: materials.id });
    if (done.length !== 1) throw new ConflictError('只有已提交的材料可以撤回', 'NOT_SUBMITTED');
    await ctx.audit(
      { action: 'material.withdraw', targetType: 'material', targetId: id, detail: { year: m.year, wasViewed: m.viewedAt != null } },
      tx,
    );
    return { ok: true as const };
  });
}

/** The first opening by an HR department of the jurisdiction marks the material 已查看 (once, audited). */
async function markViewed(ctx: ServiceContext, id: number) {
  await ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(materials)
      .set({ viewedAt: ctx.now(), viewedBy: ctx.actor.userId })
      .where(and(eq(materials.id, id), eq(materials.status, 'submitted'), isNull(materials.viewedAt)))
      .returning({ id: materials.id });
    if (done.length) await ctx.audit({ action: 'material.view', targetType: 'material', targetId: id }, tx);
  });
}

/** A live file of a material visible under `where` (own or jurisdiction), with its content, or 404. */
async function materialFile(db: Db, where: SQL, fileId: number) {
  const [row] = await db
    .select({ f: files })
    .from(materials)
    .innerJoin(organizations, eq(organizations.id, materials.orgId))
    .innerJoin(materialFiles, and(eq(materialFiles.materialId, materials.id), eq(materialFiles.fileId, fileId), isNull(materialFiles.removedAt)))
    .innerJoin(files, eq(files.id, materialFiles.fileId))
    .where(where)
    .limit(1);
  if (!row) throw new NotFoundError('文件');
  return row.f;
}

/** A file of the actor's own material (with its content), or 404. */
export const ownMaterialFile = (ctx: ServiceContext, id: number, fileId: number) => materialFile(ctx.db, ownOne(ctx.actor, id), fileId);

/** A file of a submitted material of the jurisdiction (with its content), or 404; downloading it marks the material 已查看. */
export async function jurisdictionMaterialFile(ctx: ServiceContext, id: number, fileId: number) {
  const f = await materialFile(ctx.db, jurisdictionOne(ctx.actor, id), fileId);
  await markViewed(ctx, id);
  return f;
}
