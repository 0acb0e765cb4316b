/**
 * 待办事项: a registry of queues. Each feature module that owns a queue registers a provider here; the dashboard shows,
 * for the current actor, every provider the seat can act on: it holds the provider's permission, its organisation
 * type has the queue, the page is in the seat's menu (so a level-bound HR duty, domain HR_DUTIES, applies as the menus
 * apply it) and the HR level is one the queue's requests reach.
 */
import { and, count, eq, isNull, notExists, sql } from 'drizzle-orm';
import { hasHrDuty, MENUS, visibleMenus, type HrDuty, type HrLevel, type MenuItem, type OrgType, type Permission } from '@hbzsgx/domain';
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
  /** HR departments of these levels only (e.g. 人社部门注册审核: a county has no HR department below it). */
  hrLevels?: HrLevel[];
  /** A level-bound HR duty the queue serves (domain HR_DUTIES; its menu entry says the same). */
  hrDuty?: HrDuty;
  /** How many wait: exact, or a bounded count (lib/paging.ts boundedCount) for queues that can hold millions. */
  count(db: Db, actor: Actor): Promise<number | { total: number; capped: boolean }>;
}

const providers: TodoProvider[] = [];
export function registerTodo(p: TodoProvider) {
  if (!providers.some((x) => x.key === p.key)) providers.push(p);
}

const menuPaths = (items: MenuItem[]): string[] => items.flatMap((i) => [...(i.path ? [i.path] : []), ...menuPaths(i.children ?? [])]);

/** Whether this seat can act on the provider's queue (see the file's header). */
export function mayActOn(p: TodoProvider, actor: Actor): boolean {
  const { org } = actor;
  if (!actor.permissions.has(p.permission)) return false;
  if (p.types && !p.types.includes(org.type)) return false;
  if (p.hrDuty && !hasHrDuty(org, p.hrDuty)) return false;
  if (p.hrLevels && org.type === 'hr' && !(org.hrLevel && p.hrLevels.includes(org.hrLevel))) return false;
  return menuPaths(visibleMenus(MENUS[org.type], actor.permissions, org)).includes(p.path.split('?')[0]!);
}

export async function todosFor(db: Db, actor: Actor) {
  const mine = providers.filter((p) => mayActOn(p, actor));
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
