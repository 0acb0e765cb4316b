/** 工作台: the actor's 待办事项 (the todo registry) and a summary of their scope. */
import { and, count, eq, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { organizations, personnel } from '../../db/schema.js';
import { orgScope } from '../../lib/scope.js';
import { todosFor } from './todos.js';
import { baseSummary } from '../training/service.js';
import { workplaceSummary } from './workplace.js';

export async function dashboard(ctx: ServiceContext) {
  const { db, actor: a } = ctx;
  if (a.kind !== 'admin') return { todos: [], summary: [] };
  const todos = await todosFor(db, a);
  if (a.org.type === 'base') return { todos, summary: await baseSummary(db, a) }; // a base has classes and learners, no staff
  // 辖区概况 counts as 继教综合统计 does: active organisations (not pending, rejected or disabled); active persons
  const byType = await db
    .select({ type: organizations.type, n: count() })
    .from(organizations)
    .where(and(orgScope(a), eq(organizations.status, 'active')))
    .groupBy(organizations.type);
  const [people] = await db
    .select({ n: count() })
    .from(personnel)
    .innerJoin(organizations, eq(organizations.id, personnel.orgId))
    .where(and(orgScope(a), inArray(personnel.status, ['active'])));
  const n = (t: string) => byType.find((b) => b.type === t)?.n ?? 0;
  const staff = people?.n ?? 0;
  const summary =
    a.org.type === 'hr'
      ? [
          { label: '下属人社部门', value: Math.max(0, n('hr') - 1) },
          { label: '主管部门', value: n('authority') },
          { label: '用人单位', value: n('employer') },
          { label: '继续教育基地', value: n('base') },
          { label: '专业技术人员', value: staff },
        ]
      : a.org.type === 'employer' || a.org.type === 'authority'
        ? await workplaceSummary(ctx, staff, todos)
        : [];
  return { todos, summary };
}
