/**
 * Access control, declared on every route and enforced here (deny by default):
 *   config.access = { public: true } | { authenticated: true, allowPasswordChange? } | { permission: P }
 * A route under /api without a declaration refuses to register. Sessions are server-side (table `sessions`); the
 * actor built from one is kept in this process's actor cache (plugins/actor-cache.ts), which every change to what it
 * was built from invalidates — in every process, through the database's notifications — so role, permission and
 * status changes take effect on the next request. Public routes never look at the session (req.actor is null).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { dutyConflicts, isAuditDuty, permissionsForType, type HrLevel, type LoginType, type OrgType, type Permission } from '@hbzsgx/domain';
import { admins, adminRoles, organizations, personnel, roles, sessions, users } from '../db/schema.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { sha256 } from '../lib/tokens.js';
import { writeAudit } from '../lib/audit.js';
import type { AppDeps } from '../deps.js';
import { ActorCache, type CachedActor } from './actor-cache.js';
import type { Listener } from '../db/client.js';

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
    /** This process's actor cache; sync(): every invalidation committed so far has been applied to it. */
    actorCache: { cache: ActorCache<Actor>; sync(): Promise<void> };
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

/**
 * Every column an actor is built from, and nothing else is read (so a new actor field has to be added here, and
 * actor-cache.test.ts then fails until db/repeatable/actor-cache.sql watches it too). The ids are the cache keys;
 * sessions.last_seen_at is the idle timeout's, which the cache enforces itself.
 */
export const ACTOR_INPUTS = {
  sessions: {
    id: sessions.id,
    userId: sessions.userId,
    adminId: sessions.adminId,
    personnelId: sessions.personnelId,
    loginType: sessions.loginType,
    lastSeenAt: sessions.lastSeenAt,
  },
  users: {
    id: users.id,
    name: users.name,
    status: users.status,
    mustChangePassword: users.mustChangePassword,
    passwordChangedAt: users.passwordChangedAt,
  },
  admins: { id: admins.id, orgId: admins.orgId, isSuper: admins.isSuper, removedAt: admins.removedAt },
  adminRoles: { adminId: adminRoles.adminId, roleId: adminRoles.roleId },
  roles: { id: roles.id, permissions: roles.permissions },
  organizations: {
    id: organizations.id,
    type: organizations.type,
    hrLevel: organizations.hrLevel,
    path: organizations.path,
    name: organizations.name,
    status: organizations.status,
  },
  personnel: { id: personnel.id, orgId: personnel.orgId, status: personnel.status },
};
/** The columns that identify a row (cache keys) or that the cache handles itself: not watched by the triggers. */
export const ACTOR_INPUTS_UNWATCHED = ['sessions.last_seen_at', 'users.id', 'admins.id', 'roles.id', 'organizations.id', 'personnel.id'];

/**
 * last_seen_at is written at most once a minute per session and process, so it lags the session's last request by
 * under a minute: a session ends after SESSION_IDLE_MINUTES without a request, or up to a minute earlier, never later.
 */
export const LAST_SEEN_WRITE_MS = 60_000;

type Loaded = Actor | null | 'expired';

interface Seat {
  org: Actor['org'];
  isSuper: boolean;
  permissions: Set<Permission>;
  registration: Actor['registration'];
}

/**
 * What a seat — an admin seat or a personnel profile — makes of its user now: the organisation, the permissions, the
 * registration state; null when the seat is gone (admin removed, organisation disabled, profile missing). The ids of
 * the rows read are pushed onto `keys` (the actor cache's keys).
 */
async function seatOf(deps: AppDeps, seat: { adminId: number | null; personnelId: number | null }, keys: string[]): Promise<Seat | null> {
  const { db } = deps.database;
  let org: Actor['org'];
  let isSuper = false;
  let permissions = new Set<Permission>();
  let registration: Actor['registration'];
  if (seat.adminId != null) {
    const [a] = await db
      .select({ a: ACTOR_INPUTS.admins, o: ACTOR_INPUTS.organizations })
      .from(admins)
      .innerJoin(organizations, eq(organizations.id, admins.orgId))
      .where(and(eq(admins.id, seat.adminId), isNull(admins.removedAt)))
      .limit(1);
    keys.push(`a:${seat.adminId}`);
    if (!a || a.o.status === 'disabled') return null;
    keys.push(`o:${a.o.id}`);
    registration = a.o.status === 'active' ? 'active' : a.o.status;
    org = Object.freeze({ id: a.o.id, type: a.o.type, hrLevel: a.o.hrLevel, path: a.o.path, name: a.o.name });
    isSuper = a.a.isSuper;
    const allowed = permissionsForType(org.type);
    const sod = deps.config.SEPARATION_OF_DUTIES;
    if (registration !== 'active') permissions = new Set();
    else if (isSuper) permissions = new Set(sod ? allowed.filter((p) => !isAuditDuty(p)) : allowed);
    else {
      const rs = await db
        .select({ id: ACTOR_INPUTS.roles.id, p: ACTOR_INPUTS.roles.permissions })
        .from(adminRoles)
        .innerJoin(roles, eq(roles.id, adminRoles.roleId))
        .where(eq(adminRoles.adminId, a.a.id));
      for (const r of rs) keys.push(`r:${r.id}`);
      const granted = new Set(rs.flatMap((r) => r.p));
      permissions = new Set(allowed.filter((p) => granted.has(p)));
      // roles and assignments refuse a mix (roles, admins); should one exist anyway, the audit duty is what goes
      if (sod && dutyConflicts(permissions).length) permissions = new Set([...permissions].filter((p) => !isAuditDuty(p)));
    }
  } else if (seat.personnelId != null) {
    const [p] = await db
      .select({ o: ACTOR_INPUTS.organizations, status: ACTOR_INPUTS.personnel.status })
      .from(personnel)
      .innerJoin(organizations, eq(organizations.id, personnel.orgId))
      .where(eq(personnel.id, seat.personnelId))
      .limit(1);
    keys.push(`p:${seat.personnelId}`);
    if (!p) return null;
    keys.push(`o:${p.o.id}`);
    registration = p.status === 'active' ? 'active' : p.status;
    org = Object.freeze({ id: p.o.id, type: p.o.type, hrLevel: p.o.hrLevel, path: p.o.path, name: p.o.name });
  } else return null;
  return { org, isSuper, permissions, registration };
}

function buildActor(
  sessionId: string,
  u: { id: number; name: string; mustChangePassword: boolean },
  s: { adminId: number | null; personnelId: number | null; loginType: LoginType },
  seat: Seat,
): Actor {
  return Object.freeze({
    sessionId,
    userId: u.id,
    name: u.name,
    kind: s.adminId != null ? 'admin' : 'personnel',
    loginType: s.loginType,
    org: seat.org,
    adminId: s.adminId,
    personnelId: s.personnelId,
    isSuper: seat.isSuper,
    permissions: seat.permissions,
    mustChangePassword: u.mustChangePassword,
    registration: seat.registration,
  });
}

/**
 * The actor of a stored seat, without a session: work done later on someone's behalf (a background export runs as
 * its requester, modules/exports/worker.ts) is checked against who they are NOW — null when the account is no longer
 * active, the seat is gone, or its organisation or profile is not (or no longer) approved. sessionId is ''.
 */
export async function seatActor(
  deps: AppDeps,
  seat: { userId: number; adminId: number | null; personnelId: number | null; loginType: LoginType },
): Promise<Actor | null> {
  const [u] = await deps.database.db.select(ACTOR_INPUTS.users).from(users).where(eq(users.id, seat.userId)).limit(1);
  if (!u || u.status !== 'active') return null;
  const s = await seatOf(deps, seat, []);
  if (!s || s.registration !== 'active') return null;
  return buildActor('', u, seat, s);
}

/** The actor of a session id from the database, kept in `cache` when the session is valid (expired ones are deleted). */
async function loadActor(app: FastifyInstance, cache: ActorCache<Actor>, id: string, now: number): Promise<Loaded> {
  const { db } = app.deps.database;
  const ticket = cache.ticket();
  const [row] = await db
    .select({ s: ACTOR_INPUTS.sessions, u: ACTOR_INPUTS.users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!row) return null;
  const idleMs = app.deps.config.SESSION_IDLE_MINUTES * 60_000;
  const lastSeen = row.s.lastSeenAt.getTime();
  if (now - lastSeen > idleMs) {
    await db.delete(sessions).where(eq(sessions.id, id));
    cache.delete(id);
    return 'expired';
  }
  if (row.u.status !== 'active') return null;
  const keys = [`s:${id}`, `u:${row.u.id}`];
  const seat = await seatOf(app.deps, row.s, keys);
  if (!seat) return null;

  let writtenAt = lastSeen;
  if (now - lastSeen >= LAST_SEEN_WRITE_MS) {
    await touch(app, id, now);
    writtenAt = now;
  }
  const maxAge = app.deps.config.PASSWORD_MAX_AGE_DAYS;
  const passwordExpiresAt =
    maxAge > 0 ? (row.u.passwordChangedAt ? row.u.passwordChangedAt.getTime() + maxAge * 86_400_000 : Number.NEGATIVE_INFINITY) : null;
  const actor = buildActor(id, row.u, row.s, seat);
  const entry: CachedActor<Actor> = { actor, keys, seenAt: now, writtenAt, passwordExpiresAt };
  cache.set(id, entry, ticket);
  return withClock(entry, now);
}

/** Records the session's last request (the idle timeout is measured from it, by every process). */
async function touch(app: FastifyInstance, id: string, now: number) {
  await app.deps.database.db
    .update(sessions)
    .set({ lastSeenAt: new Date(now) })
    .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, new Date(now))));
}

/** The cached actor as of `now`: a password that has since passed PASSWORD_MAX_AGE_DAYS must be changed. */
function withClock(e: CachedActor<Actor>, now: number): Actor {
  const expired = e.passwordExpiresAt !== null && now > e.passwordExpiresAt;
  return expired && !e.actor.mustChangePassword ? { ...e.actor, mustChangePassword: true } : e.actor;
}

/**
 * The session's actor: from this process's cache while the session is within its idle timeout here (one write of
 * last_seen_at a minute), else from the database — which also decides expiry, since another process may have seen
 * the session more recently than this one.
 */
async function resolveActor(app: FastifyInstance, cache: ActorCache<Actor>, token: string): Promise<Loaded> {
  const id = sha256(token);
  const now = Date.now();
  const hit = cache.get(id);
  if (hit && now - hit.seenAt <= app.deps.config.SESSION_IDLE_MINUTES * 60_000) {
    hit.seenAt = now;
    if (now - hit.writtenAt >= LAST_SEEN_WRITE_MS) {
      hit.writtenAt = now;
      cache.refresh(id);
      await touch(app, id, now);
    }
    return withClock(hit, now);
  }
  return loadActor(app, cache, id, now);
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

  // nothing is cached until the listener is up (PGlite: before the first request; PostgreSQL: once connected)
  const cache = new ActorCache<Actor>();
  let listener: Listener | undefined;
  app.addHook('onReady', async () => {
    listener = app.deps.database.listen('actor_cache', {
      notify: (payload) => cache.invalidate(payload),
      up: () => cache.up(),
      down: () => cache.down(),
    });
    await listener.sync(); // PGlite: listening from the first request on
  });
  app.addHook('onClose', async () => {
    await listener?.close();
  });
  app.decorate('actorCache', { cache, sync: async () => listener?.sync() });
  // A state-changing request answers only once this process has heard every invalidation its own transactions
  // sent: the client's next request finds no stale actor here (PostgreSQL delivers the same notifications to every
  // other process at once; PGlite hands them over before the commit returns).
  app.addHook('onSend', async (req) => {
    if (UNSAFE.has(req.method) && req.routeOptions.config?.access) await listener?.sync();
  });

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
    // a public route's answer does not depend on who is signed in: its session is not looked at (req.actor null)
    if ('public' in access) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw new UnauthorizedError();
    const actor = await resolveActor(app, cache, token);
    if (actor === 'expired' || actor === null) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw actor === 'expired' ? new UnauthorizedError('登录已超时，请重新登录', 'SESSION_EXPIRED') : new UnauthorizedError();
    }
    req.actor = actor;
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
