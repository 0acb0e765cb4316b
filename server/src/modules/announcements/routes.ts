/**
 * 通知公告 / 政策文件: the public home page's list, detail and attachment downloads (no login, rate-limited), a
 * logged-in reader's list and detail (the province's and the own city's), and 通知公告管理 (announcement.manage,
 * province and city HR: HR_DUTIES.announce). Data logic in service.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addedAnnouncementFile,
  ANNOUNCEMENT_KINDS,
  ANNOUNCEMENT_STATUSES,
  announcementBody,
  announcementDetail,
  announcementPage,
  announcementQuery,
  fileResponse,
  idResponse,
  idSchema,
  managedAnnouncementDetail,
  managedAnnouncementFilters,
  managedAnnouncementPage,
  okResponse,
  pageQuery,
} from '@hbzsgx/domain';
import { contextOf, publicContextOf } from '../../context.js';
import type { Column } from '../../lib/excel.js';
import { registerExport } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { readUpload, sendFile } from '../../lib/uploads.js';
import {
  addAttachment,
  createAnnouncement,
  deleteAnnouncement,
  listForReader,
  listManaged,
  listPublic,
  managedAnnouncement,
  managedAttachment,
  publicAnnouncement,
  publicAttachment,
  publishAnnouncement,
  readerAnnouncement,
  removeAttachment,
  updateAnnouncement,
  withdrawAnnouncement,
  type ManagedRow,
} from './service.js';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const params = z.object({ id: idSchema });
const fileParams = z.object({ id: idSchema, fileId: idSchema });

const COLUMNS: Column<ManagedRow>[] = [
  { header: '类别', width: 10, value: (r) => ANNOUNCEMENT_KINDS[r.kind] ?? r.kind },
  { header: '标题', width: 50, value: (r) => r.title },
  { header: '状态', width: 10, value: (r) => ANNOUNCEMENT_STATUSES[r.status] ?? r.status },
  { header: '置顶', width: 8, value: (r) => (r.pinned ? '是' : '否') },
  { header: '附件数', width: 8, value: (r) => r.fileCount },
  { header: '发布时间', width: 20, value: (r) => fmtTime(r.publishedAt) },
  { header: '撤回时间', width: 20, value: (r) => fmtTime(r.withdrawnAt) },
  { header: '创建人', width: 12, value: (r) => r.creatorName },
  { header: '创建时间', width: 20, value: (r) => fmtTime(r.createdAt) },
];

export default async function announcementRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['通知公告'];
  // the home page reads a list per tab, a detail and its attachments: more generous than the login's limit
  const publicAccess = {
    access: { public: true as const },
    rateLimit: { max: app.deps.config.RATE_LIMIT_LOGIN_PER_MINUTE * 4, timeWindow: '1 minute' },
  };
  const reader = { access: { authenticated: true as const } };
  const manage = { access: { permission: 'announcement.manage' as const } };
  const file = fileResponse('通知公告附件（原文件名）');

  // ---- public (home page)
  app.get(
    '/api/public/announcements',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: '首页通知公告/政策文件（已发布；置顶在前、最新在前；无需登录）',
        querystring: announcementQuery,
        response: { 200: announcementPage },
      },
    },
    async (req) => listPublic(publicContextOf(req), req.query),
  );

  app.get(
    '/api/public/announcements/:id',
    {
      config: publicAccess,
      schema: { tags, summary: '通知公告详情（正文、附件；仅已发布的）', params, response: { 200: announcementDetail } },
    },
    async (req) => publicAnnouncement(publicContextOf(req), req.params.id),
  );

  app.get(
    '/api/public/announcements/:id/files/:fileId',
    {
      config: publicAccess,
      schema: { tags, summary: '下载已发布通知公告的附件（撤回后不可下载）', params: fileParams, response: { 200: file } },
    },
    async (req, reply) => sendFile(reply, await publicAttachment(publicContextOf(req), req.params.id, req.params.fileId)),
  );

  // ---- logged-in readers (工作台 card, list)
  app.get(
    '/api/announcements',
    {
      config: reader,
      schema: {
        tags,
        summary: '本辖区的通知公告（省人社厅的和本市州的）',
        querystring: announcementQuery,
        response: { 200: announcementPage },
      },
    },
    async (req) => listForReader(contextOf(req), req.query),
  );

  app.get(
    '/api/announcements/:id',
    {
      config: reader,
      schema: { tags, summary: '本辖区的通知公告详情', params, response: { 200: announcementDetail } },
    },
    async (req) => readerAnnouncement(contextOf(req), req.params.id),
  );

  // ---- 通知公告管理 (own organisation's)
  app.get(
    '/api/announcement-admin',
    {
      config: manage,
      schema: {
        tags,
        summary: '本单位发布的通知公告（类别、状态、标题）',
        querystring: pageQuery.extend(managedAnnouncementFilters.shape),
        response: { 200: managedAnnouncementPage },
      },
    },
    async (req) => listManaged(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/announcement-admin/export',
    access: manage.access,
    tags,
    summary: '导出本单位的通知公告（xlsx/csv）',
    file: '通知公告.xlsx',
    filters: managedAnnouncementFilters,
    build: (ctx, { filters: f }) => ({
      what: 'announcements',
      title: '通知公告',
      filters: f,
      columns: COLUMNS,
      load: (p) => listManaged(ctx, { ...f, ...p }),
    }),
  });

  app.post(
    '/api/announcement-admin',
    {
      config: manage,
      schema: { tags, summary: '新建（草稿）：类别、标题、正文、置顶', body: announcementBody, response: { 200: idResponse } },
    },
    async (req) => createAnnouncement(contextOf(req), req.body),
  );

  app.get(
    '/api/announcement-admin/:id',
    {
      config: manage,
      schema: { tags, summary: '本单位通知公告详情（含附件）', params, response: { 200: managedAnnouncementDetail } },
    },
    async (req) => managedAnnouncement(contextOf(req), req.params.id),
  );

  app.put(
    '/api/announcement-admin/:id',
    {
      config: manage,
      schema: { tags, summary: '修改草稿或已撤回的通知公告（已发布的须先撤回）', params, body: announcementBody, response: { 200: okResponse } },
    },
    async (req) => updateAnnouncement(contextOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/announcement-admin/:id',
    {
      config: manage,
      schema: { tags, summary: '删除草稿（已发布过的只能撤回）', params, response: { 200: okResponse } },
    },
    async (req) => deleteAnnouncement(contextOf(req), req.params.id),
  );

  app.post(
    '/api/announcement-admin/:id/publish',
    {
      config: manage,
      schema: { tags, summary: '发布（草稿/已撤回 → 已发布）', params, response: { 200: okResponse } },
    },
    async (req) => publishAnnouncement(contextOf(req), req.params.id),
  );

  app.post(
    '/api/announcement-admin/:id/withdraw',
    {
      config: manage,
      schema: { tags, summary: '撤回（已发布 → 已撤回，首页与工作台不再显示）', params, response: { 200: okResponse } },
    },
    async (req) => withdrawAnnouncement(contextOf(req), req.params.id),
  );

  app.post(
    '/api/announcement-admin/:id/files',
    {
      config: manage,
      schema: {
        tags,
        summary: '上传附件（multipart：file；pdf/doc/docx/xls/xlsx/jpg/png，≤20MB；未发布时）',
        params,
        consumes: ['multipart/form-data'],
        response: { 200: addedAnnouncementFile },
      },
    },
    async (req) =>
      addAttachment(contextOf(req), req.params.id, () =>
        readUpload(req, { maxBytes: MAX_ATTACHMENT_BYTES, allowed: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png'] }),
      ),
  );

  app.delete(
    '/api/announcement-admin/:id/files/:fileId',
    {
      config: manage,
      schema: { tags, summary: '删除附件（未发布时；文件本身留存）', params: fileParams, response: { 200: okResponse } },
    },
    async (req) => removeAttachment(contextOf(req), req.params.id, req.params.fileId),
  );

  app.get(
    '/api/announcement-admin/:id/files/:fileId',
    {
      config: manage,
      schema: { tags, summary: '下载本单位通知公告的附件', params: fileParams, response: { 200: file } },
    },
    async (req, reply) => sendFile(reply, await managedAttachment(contextOf(req), req.params.id, req.params.fileId)),
  );
}
