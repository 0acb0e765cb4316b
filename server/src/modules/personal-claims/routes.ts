/**
 * 个人申报学时: the person's declaration with evidence, the evidence download, and the unit's review queue
 * (queue.ts). Data logic in service.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { declaredClaim, fileResponse, idSchema, withdrawnClaim } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { registerReviewQueue } from '../../lib/review-queue.js';
import { readUpload, sendFile } from '../../lib/uploads.js';
import { personalClaimQueue } from './queue.js';
import { declareClaim, EVIDENCE_FILE_TYPES, evidenceFile, MAX_EVIDENCE_BYTES, withdrawClaim } from './service.js';

export default async function personalClaimRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['个人申报学时'];

  app.post(
    '/api/me/claims',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary:
          '申报个人学时（multipart：year, title, subjectType, learningForm, units, activityStart, activityEnd 学习起止日期, file 证明材料 pdf/jpg/png ≤5MB）',
        consumes: ['multipart/form-data'],
        response: { 200: declaredClaim },
      },
    },
    async (req) => declareClaim(contextOf(req), () => readUpload(req, { maxBytes: MAX_EVIDENCE_BYTES, allowed: [...EVIDENCE_FILE_TYPES] })),
  );

  app.post(
    '/api/me/claims/:id/withdraw',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '撤回本人的个人学时申报（尚未审核时：待单位审核/待审核）',
        params: z.object({ id: idSchema }),
        response: { 200: withdrawnClaim },
      },
    },
    async (req) => withdrawClaim(contextOf(req), req.params.id),
  );

  registerReviewQueue(app, personalClaimQueue);

  app.get(
    '/api/claims/:id/evidence',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: '下载证明材料（本人、所在单位、辖区人社部门）',
        params: z.object({ id: idSchema }),
        response: { 200: fileResponse('证明材料') },
      },
    },
    async (req, reply) => sendFile(reply, await evidenceFile(contextOf(req), req.params.id)),
  );
}
