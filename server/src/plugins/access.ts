/**
 * Access control, declared on every route and enforced here (deny by default):
 *   config.access = { public: true } | { authenticated: true, allowPasswordChange? } | { permission: P }
 * A route under /api without a declaration refuses to register. Sessions are server-side (table `sessions`),
 * re-read on every request so that role, permission and status changes take effect on the next request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { dutyConflicts, isAuditDuty, permissionsForType, type HrLevel, type LoginType, type OrgType, type Permission } from '@hbzsgx/domain';
import { admins, adminRoles, organizations, personnel, roles, sessions, users } from '../db/schema.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { sha256 } from '../lib/tokens.js';
import { writeAudit } from '../lib/audit.js';

export type Access =
  { public: true } | { authenticated: true; allowPasswordChange?: boolean; allowRegistrant?: boolean } | { permission: Permission };

export interface Actor {
  sessionId: string;
  userId: number;
  name: string;
  kind: 'admin' | 'personnel';
  loginType: LoginType;
  org: { id: number; type: OrgType; hrLevel: HrLevel | null; path: string; name: string };
  adminId: number | null;
  personnelId: number | null;
  isSuper: boolean;
  permissions: Set<Permission>;
  mustChangePassword: boolean;
  /** Registration review state of the admin's organisation or of the person: only 'active' may use the platform. */
  registration: 'active' | 'pending' | 'rejected';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    routeAccess: RouteAccess[];
  }
}

export const SESSION_COOKIE = 'sid';
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  body: boolean;
  params: boolean;
  query: boolean;
  /** The route's request schemas (Zod), for the tests that walk every route. */
  schemas: { body?: unknown; querystring?: unknown; params?: unknown; response?: Record<string, unknown> };
}
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A route's success answer schema (200, 201, 202 or 204), if it declares one as a Zod schema. */
export function successSchema(response: Record<string, unknown> | undefined): z.ZodType | undefined {
  const r = response ?? {};
  const s = r['200'] ?? r['201'] ?? r['202'] ?? r['204'];
  return s instanceof z.ZodType ? s : undefined;
}

/** Loads the session's actor, or null when there is no valid session (expired ones are deleted). */
async function loadActor(app: FastifyInstance, token: string): Promise<Actor | null | 'expired'> {
  const { db } = app.deps.database;
  const id = sha256(token);
  const [row] = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row) return null;
  const now = Date.now();
  const idleMs = app.deps.config.SESSION_IDLE_MINUTES * 60_000;
  if (now - row.s.lastSeenAt.getTime() > idleMs) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return 'expired';
  }
  if (row.u.status !== 'active') return null;
  let org: Actor['org'];
  let isSuper = false;
  let permissions = new Set<Permission>();
  let registration: Actor['registration'];
  if (row.s.adminId != null) {
    const [a] = await db
      .select({ a: admins, o: organizations })
      .from(admins)
      .innerJoin(organizations, eq(organizations.id, admins.orgId))
      .where(and(eq(admins.id, row.s.adminId), isNull(admins.removedAt)))
      .limit(1);
    if (!a || a.o.status === 'disabled') return null;
    registration = a.o.status === 'active' ? 'active' : a.o.status;
    org = { id: a.o.id, type: a.o.type, hrLevel: a.o.hrLevel, path: a.o.path, name: a.o.name };
    isSuper = a.a.isSuper;
    const allowed = permissionsForType(org.type);
    const sod = app.deps.config.SEPARATION_OF_DUTIES;
    if (registration !== 'active') permissions = new Set();
    else if (isSuper) permissions = new Set(sod ? allowed.filter((p) => !isAuditDuty(p)) : allowed);
    else {
      const rs = await db
        .select({ p: roles.permissions })
        .from(adminRoles)
        .innerJoin(roles, eq(roles.id, adminRoles.roleId))
        .where(eq(adminRoles.adminId, a.a.id));
      const granted = new Set(rs.flatMap((r) => r.p));
      permissions = new Set(allowed.filter((p) => granted.has(p)));
      // roles and assignments refuse a mix (roles, admins); should one exist anyway, the audit duty is what goes
      if (sod && dutyConflicts(permissions).length) permissions = new Set([...permissions].filter((p) => !isAuditDuty(p)));
    }
  } else if (row.s.personnelId != null) {
    const [p] = await db
      .select({ o: organizations, status: personnel.status })
      .from(personnel)
      .innerJoin(organizations, eq(organizations.id, personnel.orgId))
      .where(eq(personnel.id, row.s.personnelId))
      .limit(1);
    if (!p) return null;
    registration = p.status === 'active' ? 'active' : p.status;
    org = { id: p.o.id, type: p.o.type, hrLevel: p.o.hrLevel, path: p.o.path, name: p.o.name };
  } else return null;

  if (now - row.s.lastSeenAt.getTime() > 15_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  const maxAge = app.deps.config.PASSWORD_MAX_AGE_DAYS;
  const expired = maxAge > 0 && (!row.u.passwordChangedAt || now - row.u.passwordChangedAt.getTime() > maxAge * 86_400_000);
  return {
    sessionId: id,
    userId: row.u.id,
    name: row.u.name,
    kind: row.s.adminId != null ? 'admin' : 'personnel',
    loginType: row.s.loginType,
    org,
    adminId: row.s.adminId,
    personnelId: row.s.personnelId,
    isSuper,
    permissions,
    mustChangePassword: row.u.mustChangePassword || expired,
    registration,
  };
}

function sameOrigin(req: FastifyRequest): boolean {
  const src = req.headers.origin ?? req.headers.referer;
  if (!src) return false;
  try {
    return new URL(src).host === req.host;
  } catch {
    return false;
  }
}

export function registerAccess(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  const declared: RouteAccess[] = [];
  app.decorate('routeAccess', declared);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access (deny by default)`);
    const schema = route.schema ?? {};
    // one typed contract: every answer is a Zod schema from packages/domain/src/contract (plugins/contract.test.ts)
    if (!successSchema(schema.response as Record<string, unknown> | undefined))
      throw new Error(`Route ${route.method} ${route.url} declares no response schema (packages/domain/src/contract)`);
    for (const m of [route.method].flat()) {
      if (m !== 'HEAD') {
        declared.push({
          method: m,
          url: route.url,
          access,
          body: !!schema.body,
          params: !!schema.params,
          query: !!schema.querystring,
          schemas: {
            body: schema.body,
            querystring: schema.querystring,
            params: schema.params,
            response: schema.response as Record<string, unknown> | undefined,
          },
        });
      }
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return; // static files, docs, 404s
    // CSRF: every state-changing request must come from our own origin.
    if (UNSAFE.has(req.method) && !sameOrigin(req)) throw new ForbiddenError('请求来源校验失败', 'CSRF');
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const actor = await loadActor(app, token);
      if (actor === 'expired' || actor === null) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        if (!('public' in access)) {
          throw actor === 'expired' ? new UnauthorizedError('登录已超时，请重新登录', 'SESSION_EXPIRED') : new UnauthorizedError();
        }
      } else req.actor = actor;
    }
    if ('public' in access) return;
    const actor = req.actor;
    if (!actor) throw new UnauthorizedError();
    const allowChange = 'authenticated' in access && access.allowPasswordChange;
    if (actor.mustChangePassword && !allowChange) throw new ForbiddenError('请先修改初始密码', 'PASSWORD_CHANGE_REQUIRED');
    const allowRegistrant = 'authenticated' in access && access.allowRegistrant;
    if (actor.registration !== 'active' && !allowRegistrant) {
      throw new ForbiddenError(
        actor.registration === 'pending' ? '注册信息正在审核中，审核通过后方可使用' : '注册申请已被驳回，请修改后重新提交',
        'REGISTRATION_NOT_ACTIVE',
      );
    }
    if ('permission' in access && !actor.permissions.has(access.permission)) {
      await writeAudit(app.deps.database.db, req, {
        action: 'access.denied',
        result: 'denied',
        detail: { permission: access.permission, route: req.routeOptions.url },
      });
      throw new ForbiddenError();
    }
  });
}

/** The actor of a route that declared authentication or a permission (never null there). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new UnauthorizedError();
  return req.actor;
}
