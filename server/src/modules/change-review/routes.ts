/**
 * 变更审核管理: submitting a title change or a move (更换上级部门), the requester's own requests, and the three review
 * queues (queue.ts). Data logic in service.ts; 修改单位信息 is submitted through org-info.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idResponse, myChanges, reparentBody, titleChangeBody } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { registerReviewQueue } from '../../lib/review-queue.js';
import { changeQueue } from './queue.js';
import { myTitleChanges, orgChanges, submitReparent, submitTitleChange } from './service.js';

export default async function changeReviewRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['变更审核管理'];

  app.post(
    '/api/me/title-change',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '修改专业技术职务（提交审核）', body: titleChangeBody, response: { 200: idResponse } },
    },
    async (req) => submitTitleChange(contextOf(req), req.body),
  );

  app.get(
    '/api/me/title-change',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '本人的职务修改申请', response: { 200: myChanges } },
    },
    async (req) => myTitleChanges(contextOf(req)),
  );

  app.post(
    '/api/org/reparent',
    {
      config: { access: { permission: 'org.reparent' } },
      schema: { tags, summary: '申请更换上级部门', body: reparentBody, response: { 200: idResponse } },
    },
    async (req) => submitReparent(contextOf(req), req.body),
  );

  app.get(
    '/api/org/changes',
    {
      config: { access: { permission: 'org.info.view' } },
      schema: { tags, summary: '本单位的信息修改与更换上级申请', response: { 200: myChanges } },
    },
    async (req) => orgChanges(contextOf(req)),
  );

  registerReviewQueue(app, changeQueue);
}
