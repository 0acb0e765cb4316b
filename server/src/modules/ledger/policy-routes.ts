/** 学时政策: the province HR edits each year's requirement and recognition rules; everyone may read them. Data logic in policy.ts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hourPolicyList, savedHourPolicy, year } from '@hbzsgx/domain';
import { contextOf } from '../../context.js';
import { listPolicies, policyBody, savePolicy } from './policy.js';

const yearParam = z.object({ year: year() });

export default async function policyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['学时政策'];

  app.get(
    '/api/hour-policies',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: '各年度学时要求与认定规则', response: { 200: hourPolicyList } },
    },
    async (req) => listPolicies(contextOf(req)),
  );

  app.put(
    '/api/hour-policies/:year',
    {
      config: { access: { permission: 'policy.manage' } },
      schema: {
        tags,
        summary: '设置年度学时要求与认定规则（省人社厅）',
        params: yearParam,
        body: policyBody,
        response: { 200: savedHourPolicy },
      },
    },
    async (req) => savePolicy(contextOf(req), req.params.year, req.body),
  );
}
