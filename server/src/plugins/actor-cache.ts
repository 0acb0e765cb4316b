/**
 * The per-process actor cache (issue 10 item 5; docs/decisions.md 2026-12-02): the actor of each session this
 * process serves, kept in memory so that a request with a session cookie needs no database round trip, while a
 * change made anywhere still applies on the next request.
 *
 * Invalidation is shared through the database: triggers (db/repeatable/actor-cache.sql) NOTIFY `actor_cache` in the
 * same transaction as every change to a row an actor is built from, naming the rows as keys (s:<session>, u:<user>,
 * a:<admin seat>, o:<organisation>, p:<personnel>, r:<role>) or '*'; every process LISTENs (Database.listen) and
 * drops the actors built from those rows. Fail safe: while the listening connection is down nothing is cached and
 * every request is served from the database, and everything cached before is dropped (notifications sent meanwhile
 * are lost). A load that overlaps any invalidation is used for its request but not kept (its rows may have been read
 * before the change committed), so no stale actor outlives the notification that should have removed it.
 *
 * Generic over the actor type so that this file imports nothing of plugins/access.ts (no import cycle).
 */

export interface CachedActor<A> {
  actor: A;
  /** The keys of every row the actor was built from. */
  keys: string[];
  /** The session's last request known to this process (ms): last_seen_at when loaded, then its own requests. */
  seenAt: number;
  /** When last_seen_at was last written, by this process or as loaded (ms). */
  writtenAt: number;
  /** From this instant the password is older than PASSWORD_MAX_AGE_DAYS (ms; -Infinity: no password date; null: no limit). */
  passwordExpiresAt: number | null;
}

/** At most this many sessions per process; beyond it the one refreshed longest ago goes first. */
export const ACTOR_CACHE_MAX = 50_000;

export class ActorCache<A> {
  private readonly entries = new Map<string, CachedActor<A>>();
  private readonly byKey = new Map<string, Set<string>>();
  private generation = 0;
  private live = false;

  constructor(private readonly max = ACTOR_CACHE_MAX) {}

  /** Listening for invalidations: only then is anything kept. */
  get listening(): boolean {
    return this.live;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Taken before a load reads the database; set() keeps the load only if nothing was invalidated since. */
  ticket(): number {
    return this.generation;
  }

  get(sessionId: string): CachedActor<A> | undefined {
    return this.entries.get(sessionId);
  }

  /** Keeps `entry` unless an invalidation came in since `ticket` or nothing is listening; answers whether it did. */
  set(sessionId: string, entry: CachedActor<A>, ticket: number): boolean {
    if (!this.live || ticket !== this.generation) return false;
    this.delete(sessionId);
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    this.entries.set(sessionId, entry);
    for (const k of entry.keys) {
      let ids = this.byKey.get(k);
      if (!ids) this.byKey.set(k, (ids = new Set()));
      ids.add(sessionId);
    }
    return true;
  }

  /** Moves a session to the young end (on its once-a-minute last-seen write: eviction is by minute of last use). */
  refresh(sessionId: string): void {
    const e = this.entries.get(sessionId);
    if (!e) return;
    this.entries.delete(sessionId);
    this.entries.set(sessionId, e);
  }

  delete(sessionId: string): void {
    const e = this.entries.get(sessionId);
    if (!e) return;
    this.entries.delete(sessionId);
    for (const k of e.keys) {
      const ids = this.byKey.get(k);
      if (!ids) continue;
      ids.delete(sessionId);
      if (!ids.size) this.byKey.delete(k);
    }
  }

  /** A notification: '*' or comma-separated keys. */
  invalidate(payload: string): void {
    this.generation++;
    if (payload === '*' || payload === '') {
      this.clear();
      return;
    }
    for (const k of payload.split(',')) {
      const ids = this.byKey.get(k);
      if (ids) for (const id of [...ids]) this.delete(id);
    }
  }

  /** Listening (again): start from nothing (what changed while not listening was never heard). */
  up(): void {
    this.generation++;
    this.clear();
    this.live = true;
  }

  /** Not listening: drop everything and keep nothing until up(). */
  down(): void {
    this.live = false;
    this.generation++;
    this.clear();
  }

  private clear(): void {
    this.entries.clear();
    this.byKey.clear();
  }
}
