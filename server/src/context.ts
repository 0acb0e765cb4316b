/**
 * ServiceContext: what a service is given, built once per request by contextOf(req) — and by the import worker,
 * the benches and the tests without any request (serviceContext()). Services never see Fastify: they read the
 * database, the actor, the clock and the audit writer from here.
 */
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from './deps.js';
import type { Db } from './db/client.js';
import { UnauthorizedError } from './errors.js';
import { writeAudit, type AuditEntry } from './lib/audit.js';
import type { Actor } from './plugins/access.js';

export interface ServiceContext<A extends Actor | null = Actor> {
  deps: AppDeps;
  /** The process's database; inside a transaction pass the transaction to audit(). */
  db: Db;
  actor: A;
  /** The client's address as Fastify saw it (trustProxy decides); null outside a request. */
  ip: string | null;
  /** The route being served (e.g. '/api/reviews/claims/decide'), for audit details; null outside a request. */
  route: string | null;
  now(): Date;
  /** Writes an audit row as this actor, in `tx` when given (the same transaction as the change). */
  audit(entry: AuditEntry, tx?: Db): Promise<void>;
}

/** A context for work without a request: the import worker, seeds, benches, tests. */
export function serviceContext<A extends Actor | null>(
  deps: AppDeps,
  actor: A,
  opts: { ip?: string | null; route?: string | null; now?: () => Date } = {},
): ServiceContext<A> {
  const ctx: ServiceContext<A> = {
    deps,
    db: deps.database.db,
    actor,
    ip: opts.ip ?? null,
    route: opts.route ?? null,
    now: opts.now ?? (() => new Date()),
    audit: (entry, tx) => writeAudit(tx ?? ctx.db, ctx, entry),
  };
  return ctx;
}

const built = new WeakMap<FastifyRequest, ServiceContext<Actor | null>>();

function build(req: FastifyRequest): ServiceContext<Actor | null> {
  let ctx = built.get(req);
  if (!ctx) {
    ctx = serviceContext(req.server.deps, req.actor, { ip: req.ip, route: req.routeOptions.url ?? null });
    built.set(req, ctx);
  }
  return ctx;
}

/** The signed-in actor's context (401 without a session; the access plugin has already refused such requests). */
export function contextOf(req: FastifyRequest): ServiceContext {
  const ctx = build(req);
  if (!ctx.actor) throw new UnauthorizedError();
  return ctx as ServiceContext;
}

/** A public route's context: the actor is whoever is signed in, or null. */
export function publicContextOf(req: FastifyRequest): ServiceContext<Actor | null> {
  return build(req);
}
