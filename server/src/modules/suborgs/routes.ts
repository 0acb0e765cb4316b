/** 下属机构管理: the jurisdiction's organisations as a lazy tree and a searchable list, and actions on them. Data logic in service.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idSchema,
  ORG_STATUS_CODES,
  ORG_STATUSES,
  ORG_TYPE_CODES,
  orgStatusResult,
  pageQuery,
  passwordReset,
  suborgDetail as suborgDetailSchema,
  suborgList,
  suborgTree as suborgTreeSchema,
  text,
} from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { registerExport } from '../../lib/export.js';
import { fmtTime } from '../../lib/paging.js';
import { listSuborgs, resetSuperAdminPassword, setOrgEnabled, suborgDetail, suborgTree } from './service.js';

const filters = z.object({
  keyword: text(50).optional(),
  type: z.enum(ORG_TYPE_CODES).optional(),
  status: z.enum(ORG_STATUS_CODES).optional(),
});
const params = z.object({ id: idSchema });

export default async function suborgRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['下属机构管理'];

  app.get(
    '/api/suborgs/tree',
    {
      config: { access: { permission: 'suborg.view' } },
      schema: {
        tags,
        summary: '辖区机构树（按上级逐级展开）',
        querystring: z.object({ parentId: idSchema.optional() }),
        response: { 200: suborgTreeSchema },
      },
    },
    async (req) => ({ items: await suborgTree(contextOf(req), req.query.parentId) }),
  );

  app.get(
    '/api/suborgs',
    {
      config: { access: { permission: 'suborg.view' } },
      schema: { tags, summary: '辖区机构列表', querystring: pageQuery.extend(filters.shape), response: { 200: suborgList } },
    },
    async (req) => listSuborgs(contextOf(req), req.query),
  );

  registerExport(app, {
    url: '/api/suborgs/export',
    access: { permission: 'suborg.view' },
    tags,
    summary: '导出辖区机构列表（xlsx/csv）',
    file: '辖区机构列表.xlsx',
    filters,
    build: (ctx, { filters: f }) => ({
      what: 'suborgs',
      title: '辖区机构列表',
      filters: f,
      load: (p) => listSuborgs(ctx, { ...f, ...p }),
      columns: [
        { header: '机构名称', width: 36, value: (r) => r.name },
        { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
        { header: '机构类型', width: 16, value: (r) => r.typeName },
        { header: '所属地区', width: 16, value: (r) => r.divisionName },
        { header: '状态', width: 10, value: (r) => ORG_STATUSES[r.status] },
        { header: '注册时间', width: 20, value: (r) => fmtTime(r.createdAt) },
      ],
    }),
  });

  app.get(
    '/api/suborgs/:id',
    {
      config: { access: { permission: 'suborg.view' } },
      schema: { tags, summary: '机构详情及管理员', params, response: { 200: suborgDetailSchema } },
    },
    async (req) => suborgDetail(contextOf(req), req.params.id),
  );

  app.post(
    '/api/suborgs/:id/disable',
    {
      config: { access: { permission: 'suborg.manage' } },
      schema: { tags, summary: '停用机构', params, response: { 200: orgStatusResult } },
    },
    async (req) => setOrgEnabled(contextOf(req), req.params.id, false),
  );
  app.post(
    '/api/suborgs/:id/enable',
    {
      config: { access: { permission: 'suborg.manage' } },
      schema: { tags, summary: '启用机构', params, response: { 200: orgStatusResult } },
    },
    async (req) => setOrgEnabled(contextOf(req), req.params.id, true),
  );
  app.post(
    '/api/suborgs/:id/reset-password',
    {
      config: { access: { permission: 'suborg.manage' } },
      schema: { tags, summary: '重置机构超级管理员密码（下次登录须修改）', params, response: { 200: passwordReset } },
    },
    async (req) => resetSuperAdminPassword(contextOf(req), req.params.id),
  );
}
