/** 工作台: 待办事项 and a summary of the actor's scope. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, eq, inArray } from 'drizzle-orm';
import { organizations, personnel } from '../../db/schema.js';
import { actorOf } from '../../plugins/access.js';
import { orgScope } from '../../lib/scope.js';
import { todosFor } from './todos.js';

export default async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/dashboard',
    {
      config: { access: { authenticated: true } },
      schema: { tags: ['工作台'], summary: '待办事项与辖区概况' },
    },
    async (req) => {
      const a = actorOf(req);
      const db = app.deps.database.db;
      const todos = a.kind === 'admin' ? await todosFor(db, a) : [];
      let summary: { label: string; value: number }[] = [];
      if (a.kind === 'admin') {
        const byType = await db.select({ type: organizations.type, n: count() }).from(organizations).where(orgScope(a)).groupBy(organizations.type);
        const [people] = await db
          .select({ n: count() })
          .from(personnel)
          .innerJoin(organizations, eq(organizations.id, personnel.orgId))
          .where(and(orgScope(a), inArray(personnel.status, ['active'])));
        const n = (t: string) => byType.find((b) => b.type === t)?.n ?? 0;
        summary =
          a.org.type === 'hr'
            ? [
                { label: '下属人社部门', value: Math.max(0, n('hr') - 1) },
                { label: '主管部门', value: n('authority') },
                { label: '用人单位', value: n('employer') },
                { label: '继续教育基地', value: n('base') },
                { label: '专业技术人员', value: people!.n },
              ]
            : [{ label: '本单位专业技术人员', value: people!.n }];
      }
      return { todos, summary };
    },
  );
}
