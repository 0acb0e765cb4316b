import { AsyncLocalStorage } from 'node:async_hooks';
import { count } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { beijingDateTime } from '@hbzsgx/domain';
import type { Db } from '../db/client.js';

/**
 * How far a list counts exactly: beyond it the page says "共 10,000+ 条" (totalCapped) and the paginator ends there
 * — 500 pages of 20. A count never reads more than COUNT_CAP + 1 index entries, whatever the jurisdiction's size.
 */
export const COUNT_CAP = 10_000;

/**
 * The bounded count of a list (docs/decisions.md, 2026-12-01 "bounded counts"): `rows` is the list's own
 * selection without order or paging (select 1 from … where …); exact up to COUNT_CAP, else COUNT_CAP and capped.
 */
export async function boundedCount(db: Db, rows: PgSelect): Promise<{ total: number; capped: boolean }> {
  const cap = countCap.getStore() ?? COUNT_CAP;
  const sub = (Number.isFinite(cap) ? rows.limit(cap + 1) : rows).as('bounded');
  const query = db.select({ n: count() }).from(sub);
  const key = cap === COUNT_CAP && remembering ? cappedKey(query.toSQL()) : null;
  if (key && (cappedUntil.get(key) ?? 0) > Date.now()) return { total: cap, capped: true };
  const [r] = await query;
  const total = boundedTotal(r?.n ?? 0);
  if (key && total.capped) rememberCapped(key);
  return total;
}

/**
 * A selection found over the cap stays "10,000+" for CAPPED_TTL_MS in this process without being counted again: the
 * busiest pages (a province's or city's queue, every reviewer paging through it) would otherwise read 10,001 index
 * entries per request for the same answer. Only the over-the-cap answer is kept — an exact count is always counted —
 * so the most it can be off is showing "10,000+" for a few seconds after the selection fell to or below 10,000.
 */
export const CAPPED_TTL_MS = 5_000;
const CAPPED_MAX = 5_000;
const cappedUntil = new Map<string, number>();
let remembering = true;
/** Off: every bounded count is counted (bench/scale.bench.ts times a page as its first visit would take). */
export function rememberCappedCounts(on: boolean) {
  remembering = on;
  cappedUntil.clear();
}
function cappedKey(q: { sql: string; params: unknown[] }): string | null {
  try {
    return `${q.sql}\u0000${JSON.stringify(q.params)}`;
  } catch {
    return null; // a parameter JSON cannot hold (none of the lists' today): counted every time
  }
}
function rememberCapped(key: string) {
  if (cappedUntil.size >= CAPPED_MAX) {
    const now = Date.now();
    for (const [k, until] of cappedUntil) if (until <= now) cappedUntil.delete(k);
    if (cappedUntil.size >= CAPPED_MAX) cappedUntil.clear();
  }
  cappedUntil.set(key, Date.now() + CAPPED_TTL_MS);
}

/** A total known exactly some other way (the statistics' counters), shown as boundedCount() would show it. */
export function boundedTotal(n: number): { total: number; capped: boolean } {
  const cap = countCap.getStore() ?? COUNT_CAP;
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

const countCap = new AsyncLocalStorage<number>();

/**
 * Runs `fn` with another cap for the bounded counts of the lists it calls — for a background export (lib/export.ts),
 * which reads the list's own function batch by batch: its first batch counts exactly (Infinity: the progress bar's
 * total), the later ones not at all (0: one row read), so a 3-million-row export counts once, not once per batch.
 */
export function withCountCap<R>(cap: number, fn: () => Promise<R>): Promise<R> {
  return countCap.run(cap, fn);
}

export function paging(q: { page: number; pageSize: number }) {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}
/** An export cell: 'YYYY-MM-DD HH:mm:ss' in Beijing time, '' when empty. */
export const fmtTime = (d: Date | null | undefined) => (d ? beijingDateTime(d) : '');
