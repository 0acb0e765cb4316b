/** Bounded counts (lib/paging.ts): exact up to COUNT_CAP; "10,000+" beyond, remembered for CAPPED_TTL_MS only. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { openTestDatabase } from '../../test/harness.js';
import { boundedCount, CAPPED_TTL_MS, COUNT_CAP, withCountCap } from './paging.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.execute(sql`CREATE TABLE paging_rows (k int NOT NULL)`);
});
afterAll(async () => database?.close());

const rows = (k: number) => {
  const db = database.db;
  return db
    .select({ one: sql`1` })
    .from(sql`paging_rows`)
    .where(sql`k = ${k}`)
    .$dynamic();
};
const fill = (k: number, n: number) => database.db.execute(sql`INSERT INTO paging_rows SELECT ${k} FROM generate_series(1, ${n})`);
const empty = (k: number) => database.db.execute(sql`DELETE FROM paging_rows WHERE k = ${k}`);

describe('boundedCount', () => {
  it('counts exactly up to the cap, every time', async () => {
    await fill(1, 5);
    expect(await boundedCount(database.db, rows(1))).toEqual({ total: 5, capped: false });
    await fill(1, 1);
    expect(await boundedCount(database.db, rows(1))).toEqual({ total: 6, capped: false });
  });

  it('beyond the cap says "10,000+", and keeps saying it for CAPPED_TTL_MS without counting; then counts again', async () => {
    await fill(2, COUNT_CAP + 1);
    expect(await boundedCount(database.db, rows(2))).toEqual({ total: COUNT_CAP, capped: true });
    await empty(2);
    expect(await boundedCount(database.db, rows(2))).toEqual({ total: COUNT_CAP, capped: true }); // remembered
    expect(await boundedCount(database.db, rows(3))).toEqual({ total: 0, capped: false }); // another selection: counted
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + CAPPED_TTL_MS + 1);
      expect(await boundedCount(database.db, rows(2))).toEqual({ total: 0, capped: false });
    } finally {
      vi.useRealTimers();
    }
  });

  it('another cap (an export) is never answered from what was remembered', async () => {
    await fill(4, COUNT_CAP + 1);
    expect(await boundedCount(database.db, rows(4))).toEqual({ total: COUNT_CAP, capped: true });
    await empty(4);
    await fill(4, 3);
    expect(await withCountCap(Infinity, () => boundedCount(database.db, rows(4)))).toEqual({ total: 3, capped: false });
  });
});
