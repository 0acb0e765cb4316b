/**
 * 通知公告 / 政策文件. The province HR (省人社厅) and the city (市州) HR departments publish them (HR_DUTIES.announce);
 * a county HR does not. An announcement's scope is its publisher's jurisdiction, stored as the publisher's city key
 * (`city_hr_id`: NULL for the province's = everyone; a city's id = the organisations and people whose own
 * `city_hr_id` is that city — the same keys lib/scope.ts reads for every region). Readers:
 *  - the public home page: every published one, province-wide and all cities' (each labelled with its publisher);
 *  - a logged-in seat: the province's and its own city's (an admin by its organisation's key, a person by their
 *    unit's key, personnel.city_hr_id), never another city's; the province HR reads the province's (its own).
 * Drafts and withdrawn ones are the publisher's only (404 for everyone else, public attachment downloads included).
 *
 * Management is of the own organisation's announcements only (a city HR never touches the province's, nor the province
 * a city's: 404). draft → published ⇄ withdrawn; edits and attachments while not published; only a draft is deleted.
 * Every change is one transaction on the locked row, guarded by the expected state (409 when stale), audited.
 */
import { and, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { hasHrDuty, type AnnouncementKind, type AnnouncementStatus } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { announcementFiles, announcements, files, organizations, personnel, users } from '../../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { escapeLike } from '../../lib/scope.js';
import { storeFile, type Upload } from '../../lib/uploads.js';
import type { Actor } from '../../plugins/access.js';

export const MAX_FILES_PER_ANNOUNCEMENT = 10;

interface Paging {
  page: number;
  pageSize: number;
}
export interface ReaderFilters {
  noticeKind?: AnnouncementKind;
}
export interface ManagedFilters {
  noticeKind?: AnnouncementKind;
  status?: AnnouncementStatus;
  headline?: string;
}
/** The request's fields (named so that validation messages label them right: domain schemas.ts). */
export interface AnnouncementBody {
  noticeKind: AnnouncementKind;
  headline: string;
  content: string;
  pinned: boolean;
}

/** and() of conditions whose first is always there. */
const allOf = (first: SQL, ...rest: (SQL | undefined)[]): SQL => and(first, ...rest) ?? first;

/** 通知公告管理 is the province's and the cities' duty (domain HR_DUTIES.announce); a county HR is refused. */
function requirePublisher(actor: Actor) {
  if (!hasHrDuty(actor.org, 'announce')) throw new ForbiddenError('通知公告由省级、市（州）级人社部门发布');
}

// ---- reading (public and logged-in)

/** The reader's city key: a person's unit's (personnel.city_hr_id), an admin seat's organisation's. */
function readerCity(actor: Actor): SQL {
  return actor.kind === 'personnel' && actor.personnelId
    ? sql`(SELECT p.city_hr_id FROM ${personnel} p WHERE p.id = ${actor.personnelId})`
    : sql`(SELECT o.city_hr_id FROM ${organizations} o WHERE o.id = ${actor.org.id})`;
}

/** Published announcements in a reader's scope: the province's and the reader's own city's. */
function inReaderScope(actor: Actor): SQL {
  return or(isNull(announcements.cityHrId), eq(announcements.cityHrId, readerCity(actor)))!;
}

const published = eq(announcements.status, 'published');
const readerColumns = {
  id: announcements.id,
  kind: announcements.kind,
  title: announcements.title,
  pinned: announcements.pinned,
  publishedAt: announcements.publishedAt,
  publisherName: organizations.name,
  cityHrId: announcements.cityHrId,
};
const newestFirst = [desc(announcements.pinned), desc(announcements.publishedAt), desc(announcements.id)];

type ReaderRow = { publishedAt: Date | null; cityHrId: number | null } & Record<string, unknown>;
const asItem = <R extends ReaderRow>({ cityHrId, publishedAt, ...r }: R) => ({
  ...r,
  publishedAt: publishedAt ?? new Date(0),
  scope: cityHrId == null ? ('province' as const) : ('city' as const),
});

async function listPublished(db: Db, where: SQL, q: ReaderFilters & Paging) {
  const w = allOf(where, q.noticeKind ? eq(announcements.kind, q.noticeKind) : undefined);
  const [total] = await db.select({ n: count() }).from(announcements).where(w);
  const rows = await db
    .select(readerColumns)
    .from(announcements)
    .innerJoin(organizations, eq(organizations.id, announcements.publisherOrgId))
    .where(w)
    .orderBy(...newestFirst)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, items: rows.map(asItem) };
}

/** The home page: every published announcement (the province's and all cities'), pinned first, newest first. */
export const listPublic = (ctx: ServiceContext<Actor | null>, q: ReaderFilters & Paging) => listPublished(ctx.db, published, q);
/** A logged-in reader's: the published ones of the province and of the reader's own city. */
export const listForReader = (ctx: ServiceContext, q: ReaderFilters & Paging) => listPublished(ctx.db, allOf(published, inReaderScope(ctx.actor)), q);

async function liveFiles(db: Db, ids: number[]) {
  const out = new Map<number, { fileId: number; name: string; size: number; kind: string; uploadedAt: Date }[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({
      announcementId: announcementFiles.announcementId,
      fileId: files.id,
      name: files.originalName,
      size: files.size,
      kind: files.kind,
      uploadedAt: files.createdAt,
    })
    .from(announcementFiles)
    .innerJoin(files, eq(files.id, announcementFiles.fileId))
    .where(and(inArray(announcementFiles.announcementId, ids), isNull(announcementFiles.removedAt)))
    .orderBy(files.id);
  for (const { announcementId, ...f } of rows) out.set(announcementId, [...(out.get(announcementId) ?? []), f]);
  return out;
}

async function publishedOne(db: Db, where: SQL) {
  const [row] = await db
    .select({ ...readerColumns, body: announcements.body })
    .from(announcements)
    .innerJoin(organizations, eq(organizations.id, announcements.publisherOrgId))
    .where(allOf(published, where))
    .limit(1);
  if (!row) throw new NotFoundError('通知公告');
  return { ...asItem(row), files: (await liveFiles(db, [row.id])).get(row.id) ?? [] };
}

/** A published announcement with its body and attachments (public detail page), else 404. */
export const publicAnnouncement = (ctx: ServiceContext<Actor | null>, id: number) => publishedOne(ctx.db, eq(announcements.id, id));
/** A published announcement in the reader's scope, else 404. */
export const readerAnnouncement = (ctx: ServiceContext, id: number) =>
  publishedOne(ctx.db, allOf(eq(announcements.id, id), inReaderScope(ctx.actor)));

/** A live attachment of an announcement matching `where`, with its content, else 404. */
async function attachment(db: Db, where: SQL, id: number, fileId: number) {
  const [row] = await db
    .select({ f: files })
    .from(announcements)
    .innerJoin(
      announcementFiles,
      and(eq(announcementFiles.announcementId, announcements.id), eq(announcementFiles.fileId, fileId), isNull(announcementFiles.removedAt)),
    )
    .innerJoin(files, eq(files.id, announcementFiles.fileId))
    .where(allOf(eq(announcements.id, id), where))
    .limit(1);
  if (!row) throw new NotFoundError('附件');
  return row.f;
}

/** Public download: an attachment of a PUBLISHED announcement only (never any other file, never once withdrawn). */
export const publicAttachment = (ctx: ServiceContext<Actor | null>, id: number, fileId: number) => attachment(ctx.db, published, id, fileId);

// ---- 通知公告管理 (the own organisation's)

const own = (actor: Actor) => eq(announcements.publisherOrgId, actor.org.id);

export function managedWhere(actor: Actor, f: ManagedFilters): SQL {
  return allOf(
    own(actor),
    f.noticeKind ? eq(announcements.kind, f.noticeKind) : undefined,
    f.status ? eq(announcements.status, f.status) : undefined,
    f.headline ? ilike(announcements.title, `%${escapeLike(f.headline)}%`) : undefined,
  );
}

const managedColumns = {
  id: announcements.id,
  kind: announcements.kind,
  title: announcements.title,
  status: announcements.status,
  pinned: announcements.pinned,
  publishedAt: announcements.publishedAt,
  withdrawnAt: announcements.withdrawnAt,
  createdAt: announcements.createdAt,
  updatedAt: announcements.updatedAt,
  creatorName: users.name,
  fileCount: sql<number>`(SELECT count(*)::int FROM ${announcementFiles} af WHERE af.announcement_id = ${announcements.id} AND af.removed_at IS NULL)`,
};

/** 通知公告管理: one page of the own organisation's announcements, newest first. */
export async function listManaged(ctx: ServiceContext, q: ManagedFilters & Paging) {
  requirePublisher(ctx.actor);
  const where = managedWhere(ctx.actor, q);
  const [total] = await ctx.db.select({ n: count() }).from(announcements).where(where);
  const items = await ctx.db
    .select(managedColumns)
    .from(announcements)
    .innerJoin(users, eq(users.id, announcements.createdBy))
    .where(where)
    .orderBy(desc(announcements.createdAt), desc(announcements.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, items };
}
export type ManagedRow = Awaited<ReturnType<typeof listManaged>>['items'][number];

/** One of the own organisation's announcements with its body and attachments, else 404. */
export async function managedAnnouncement(ctx: ServiceContext, id: number) {
  requirePublisher(ctx.actor);
  const [row] = await ctx.db
    .select({ ...managedColumns, body: announcements.body })
    .from(announcements)
    .innerJoin(users, eq(users.id, announcements.createdBy))
    .where(allOf(eq(announcements.id, id), own(ctx.actor)))
    .limit(1);
  if (!row) throw new NotFoundError('通知公告');
  return { ...row, files: (await liveFiles(ctx.db, [id])).get(id) ?? [] };
}

/** Locks the own announcement for a change: 404 when it is not ours (or no longer there). */
async function lockOwn(tx: Db, actor: Actor, id: number) {
  const [a] = await tx
    .select()
    .from(announcements)
    .where(allOf(eq(announcements.id, id), own(actor)))
    .for('update');
  if (!a) throw new NotFoundError('通知公告');
  return a;
}
/** …and refuses a published one (edits and attachments need it withdrawn first). */
async function lockEditable(tx: Db, actor: Actor, id: number, what: string) {
  const a = await lockOwn(tx, actor, id);
  if (a.status === 'published') throw new ConflictError(`已发布的通知公告不能${what}，请先撤回`, 'PUBLISHED');
  return a;
}

export async function createAnnouncement(ctx: ServiceContext, body: AnnouncementBody) {
  const { actor } = ctx;
  requirePublisher(actor);
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx
      .insert(announcements)
      .values({
        kind: body.noticeKind,
        title: body.headline,
        body: body.content,
        pinned: body.pinned,
        publisherOrgId: actor.org.id,
        // the scope: the publisher's own city key (NULL for the province)
        cityHrId: sql`(SELECT o.city_hr_id FROM ${organizations} o WHERE o.id = ${actor.org.id})`,
        createdBy: actor.userId,
      })
      .returning({ id: announcements.id });
    if (!a) throw new Error('announcement insert returned no row');
    await ctx.audit(
      { action: 'announcement.create', targetType: 'announcement', targetId: a.id, detail: { kind: body.noticeKind, title: body.headline } },
      tx,
    );
    return { id: a.id };
  });
}

export async function updateAnnouncement(ctx: ServiceContext, id: number, body: AnnouncementBody) {
  requirePublisher(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const before = await lockEditable(tx, ctx.actor, id, '修改');
    const done = await tx
      .update(announcements)
      .set({ kind: body.noticeKind, title: body.headline, body: body.content, pinned: body.pinned, updatedAt: ctx.now() })
      .where(and(eq(announcements.id, id), eq(announcements.status, before.status)))
      .returning({ id: announcements.id });
    if (done.length !== 1) throw new ConflictError('通知公告状态已变化，请刷新后重试', 'STALE');
    await ctx.audit(
      {
        action: 'announcement.update',
        targetType: 'announcement',
        targetId: id,
        detail: {
          before: { kind: before.kind, title: before.title, pinned: before.pinned },
          after: { kind: body.noticeKind, title: body.headline, pinned: body.pinned },
        },
      },
      tx,
    );
    return { ok: true as const };
  });
}

/** Deletes a draft (never a published or withdrawn one: those were public). Its file rows stay. */
export async function deleteAnnouncement(ctx: ServiceContext, id: number) {
  requirePublisher(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const a = await lockOwn(tx, ctx.actor, id);
    if (a.status !== 'draft') throw new ConflictError('只能删除草稿；已发布过的通知公告请撤回', 'NOT_DRAFT');
    await tx.delete(announcementFiles).where(eq(announcementFiles.announcementId, id));
    const done = await tx
      .delete(announcements)
      .where(and(eq(announcements.id, id), eq(announcements.status, 'draft')))
      .returning({ id: announcements.id });
    if (done.length !== 1) throw new ConflictError('只能删除草稿', 'NOT_DRAFT');
    await ctx.audit({ action: 'announcement.delete', targetType: 'announcement', targetId: id, detail: { kind: a.kind, title: a.title } }, tx);
    return { ok: true as const };
  });
}

/** 发布 (草稿/已撤回 → 已发布): of two concurrent publishers exactly one wins, the other gets 409. */
export async function publishAnnouncement(ctx: ServiceContext, id: number) {
  requirePublisher(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const a = await lockOwn(tx, ctx.actor, id);
    const now = ctx.now();
    const done = await tx
      .update(announcements)
      .set({ status: 'published', publishedAt: now, withdrawnAt: null, updatedAt: now })
      .where(and(eq(announcements.id, id), inArray(announcements.status, ['draft', 'withdrawn'])))
      .returning({ id: announcements.id });
    if (done.length !== 1) throw new ConflictError('通知公告已发布，请刷新后查看', 'PUBLISHED');
    await ctx.audit({ action: 'announcement.publish', targetType: 'announcement', targetId: id, detail: { kind: a.kind, title: a.title } }, tx);
    return { ok: true as const };
  });
}

/** 撤回 (已发布 → 已撤回): it leaves the home page and every dashboard at once. */
export async function withdrawAnnouncement(ctx: ServiceContext, id: number) {
  requirePublisher(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const a = await lockOwn(tx, ctx.actor, id);
    const now = ctx.now();
    const done = await tx
      .update(announcements)
      .set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now })
      .where(and(eq(announcements.id, id), eq(announcements.status, 'published')))
      .returning({ id: announcements.id });
    if (done.length !== 1) throw new ConflictError('只有已发布的通知公告可以撤回', 'NOT_PUBLISHED');
    await ctx.audit({ action: 'announcement.withdraw', targetType: 'announcement', targetId: id, detail: { kind: a.kind, title: a.title } }, tx);
    return { ok: true as const };
  });
}

/**
 * Adds an attachment. `read` reads the upload from the request; it is called only after the announcement is known to
 * be ours and editable (anything else answers 404/409 before a byte is read).
 */
export async function addAttachment(ctx: ServiceContext, id: number, read: () => Promise<Upload>) {
  const { actor } = ctx;
  requirePublisher(actor);
  await ctx.db.transaction((tx) => lockEditable(tx, actor, id, '上传附件'));
  const up = await read();
  return ctx.db.transaction(async (tx) => {
    await lockEditable(tx, actor, id, '上传附件');
    const [n] = await tx
      .select({ n: count() })
      .from(announcementFiles)
      .where(and(eq(announcementFiles.announcementId, id), isNull(announcementFiles.removedAt)));
    if ((n?.n ?? 0) >= MAX_FILES_PER_ANNOUNCEMENT) throw new ConflictError(`每条通知公告最多${MAX_FILES_PER_ANNOUNCEMENT}个附件`, 'TOO_MANY_FILES');
    const fileId = await storeFile(tx, up, actor.org.id, actor.userId);
    await tx.insert(announcementFiles).values({ announcementId: id, fileId });
    await tx.update(announcements).set({ updatedAt: ctx.now() }).where(eq(announcements.id, id));
    await ctx.audit(
      { action: 'announcement.file.add', targetType: 'announcement', targetId: id, detail: { fileId, file: up.name, sha256: up.sha256 } },
      tx,
    );
    return { fileId, name: up.name, size: up.buffer.length };
  });
}

/** Unlinks an attachment (not while published); the `files` row stays. */
export async function removeAttachment(ctx: ServiceContext, id: number, fileId: number) {
  requirePublisher(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    await lockEditable(tx, ctx.actor, id, '删除附件');
    const done = await tx
      .update(announcementFiles)
      .set({ removedAt: ctx.now() })
      .where(and(eq(announcementFiles.announcementId, id), eq(announcementFiles.fileId, fileId), isNull(announcementFiles.removedAt)))
      .returning({ fileId: announcementFiles.fileId });
    if (!done.length) throw new NotFoundError('附件');
    await tx.update(announcements).set({ updatedAt: ctx.now() }).where(eq(announcements.id, id));
    await ctx.audit({ action: 'announcement.file.remove', targetType: 'announcement', targetId: id, detail: { fileId } }, tx);
    return { ok: true as const };
  });
}

/** An attachment of the own organisation's announcement (any state), else 404. */
export function managedAttachment(ctx: ServiceContext, id: number, fileId: number) {
  requirePublisher(ctx.actor);
  return attachment(ctx.db, own(ctx.actor), id, fileId);
}
