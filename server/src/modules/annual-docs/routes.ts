/**
 * 年度培训计划 / 年度工作总结 (a base uploads a document with a description) and HR's review queues
 * (queue.ts). Data logic in service.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANNUAL_DOC_KINDS, annualDocPage, fileResponse, idSchema, pageQuery, uploadedAnnualDoc } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { registerExport } from '../../lib/export.js';
import { registerReviewQueue } from '../../lib/review-queue.js';
import { readUpload, sendFile } from '../../lib/uploads.js';
import { annualDocQueue, DOC_COLUMNS } from './queue.js';
import { DOC_FILE_TYPES, docFile, MAX_DOC_BYTES, ownDocs, ownFilters, uploadDoc } from './service.js';

export { MAX_DOC_BYTES };

export default async function annualDocRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['年度培训计划与工作总结'];

  app.post(
    '/api/annual-docs',
    {
      config: { access: { permission: 'annual.manage' } },
      schema: {
        tags,
        summary: '上传年度培训计划/年度工作总结（multipart：kind, year, description, file；pdf/doc/docx/xls/xlsx，≤10MB）',
        consumes: ['multipart/form-data'],
        response: { 200: uploadedAnnualDoc },
      },
    },
    async (req) => uploadDoc(contextOf(req), await readUpload(req, { maxBytes: MAX_DOC_BYTES, allowed: [...DOC_FILE_TYPES] })),
  );

  app.get(
    '/api/annual-docs',
    {
      config: { access: { permission: 'annual.manage' } },
      schema: { tags, summary: '本基地的年度培训计划/工作总结', querystring: pageQuery.extend(ownFilters.shape), response: { 200: annualDocPage } },
    },
    async (req) => ownDocs(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/annual-docs/export',
    access: { permission: 'annual.manage' },
    tags,
    summary: '导出本基地的年度培训计划/工作总结（xlsx/csv）',
    file: '年度培训计划与工作总结.xlsx',
    filters: ownFilters,
    build: (ctx, { filters: f }) => ({
      what: 'annual_docs',
      title: f.kind ? ANNUAL_DOC_KINDS[f.kind] : '年度培训计划与工作总结',
      filters: f,
      columns: DOC_COLUMNS,
      load: (p) => ownDocs(ctx, { ...f, ...p }),
    }),
  });

  app.get(
    '/api/annual-docs/:id/file',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '下载文件（原文件名）', params: z.object({ id: idSchema }), response: { 200: fileResponse('原文件') } },
    },
    async (req, reply) => sendFile(reply, await docFile(contextOf(req), req.params.id)),
  );

  registerReviewQueue(app, annualDocQueue);
}
