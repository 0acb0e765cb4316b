import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.js';
import { openTestDatabase } from '../../test/harness.js';
import { nameContains, searchGrams } from './name-search.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

const NAMES = ['张伟', '欧阳张伟', '张三', '王伟', 'Li Lei', '李%明', '𠀋张'];
async function found(text: string): Promise<string[]> {
  const rows = await queryRows<{ n: string }>(
    database.db,
    sql`SELECT n FROM unnest(ARRAY[${sql.join(
      NAMES.map((n) => sql`${n}`),
      sql`, `,
    )}]::text[]) AS n WHERE ${nameContains(sql`n`, text)} ORDER BY n`,
  );
  return rows.map((r) => r.n).sort();
}

describe('姓名 search (name_grams + ILIKE)', () => {
  it('asks for the pairs of the text, or its one character', () => {
    expect(searchGrams('张')).toEqual(['张']);
    expect(searchGrams('张伟')).toEqual(['张伟']);
    expect(searchGrams('欧阳张伟')).toEqual(['欧阳', '阳张', '张伟']);
    expect(searchGrams('LI')).toEqual(['li']);
  });
  it('finds a name holding the text as written, whatever its length; LIKE wildcards are literal', async () => {
    expect(await found('张伟')).toEqual(['张伟', '欧阳张伟'].sort());
    expect(await found('伟')).toEqual(['张伟', '欧阳张伟', '王伟'].sort());
    expect(await found('张')).toEqual(['张三', '张伟', '欧阳张伟', '𠀋张'].sort());
    expect(await found('li')).toEqual(['Li Lei']);
    expect(await found('%')).toEqual(['李%明']);
    expect(await found('伟张')).toEqual([]);
  });
  it('is what the users index holds: name_grams() of a stored name contains the search pairs', async () => {
    const [r] = await queryRows<{ g: string[] }>(database.db, sql`SELECT name_grams('欧阳张伟') AS g`);
    expect([...r!.g].sort()).toEqual(['张', '张伟', '欧', '欧阳', '阳', '阳张', '伟'].sort());
  });
});
