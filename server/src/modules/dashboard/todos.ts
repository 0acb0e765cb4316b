/**
 * 待办事项: a registry of queues. Each feature module that owns a queue registers a provider here;
 * the dashboard shows, for the current actor, every provider they hold the permission for.
 */
import { and, count, eq, isNull, notExists, sql } from 'drizzle-orm';
import type { OrgType, Permission } from '@hbzsgx/domain';
import type { Db } from '../../db/client.js';
import { adminRoles, admins } from '../../db/schema.js';
import type { Actor } from '../../plugins/access.js';

export interface TodoProvider {
  key: string;
  title: string;
  path: string;
  permission: Permission;
  /** Organisation types that have this queue (default: all). */
  types?: OrgType[];
  /** How many wait: exact, or a bounded count (lib/paging.ts boundedCount) for queues that can hold millions. */
  count(db: Db, actor: Actor): Promise<number | { total: number; capped: boolean }>;
}

const providers: TodoProvider[] = [];
export function registerTodo(p: TodoProvider) {
  if (!providers.some((x) => x.key === p.key)) providers.push(p);
}

export async function todosFor(db: Db, actor: Actor) {
  const mine = providers.filter((p) => actor.permissions.has(p.permission) && (!p.types || p.types.includes(actor.org.type)));
  return Promise.all(
    mine.map(async (p) => {
      const n = await p.count(db, actor);
      const { total, capped } = typeof n === 'number' ? { total: n, capped: false } : n;
      return { key: p.key, title: p.title, path: p.path, count: total, capped };
    }),
  );
}

registerTodo({
  key: 'admins-without-role',
  title: '未分配角色的管理员',
  path: '/account/admins',
  permission: 'admin.manage',
  async count(db, actor) {
    const [r] = await db
      .select({ n: count() })
      .from(admins)
      .where(
        and(
          eq(admins.orgId, actor.org.id),
          isNull(admins.removedAt),
          eq(admins.isSuper, false),
          notExists(
            db
              .select({ x: sql`1` })
              .from(adminRoles)
              .where(eq(adminRoles.adminId, admins.id)),
          ),
        ),
      );
    return r?.n ?? 0;
  },
});
