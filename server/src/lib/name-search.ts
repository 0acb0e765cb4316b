/**
 * 姓名 search, the one form every list uses: the GIN index on name_grams(name) (migration 0016: a name's characters
 * and character pairs) narrows to the names holding every pair of the searched text (or its one character), and
 * ILIKE then keeps those that hold it as written. Trigrams would not do: most Chinese names have two or three
 * characters, and a two-character search has no trigram at all.
 */
import { sql, type Column, type SQL } from 'drizzle-orm';
import { escapeLike } from './scope.js';

/** The pairs (or the one character) of `text`, lower-cased as name_grams() does. */
export function searchGrams(text: string): string[] {
  const chars = Array.from(text.toLowerCase());
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i]! + c))];
}

/** The ids (an ARRAY for `= ANY(…)`) of the organisations whose name holds `text` (所在单位, 继续教育机构, 单位 filters). */
export const orgIdsNamed = (text: string): SQL => sql`ARRAY(SELECT o.id FROM organizations o WHERE o.name ILIKE ${`%${escapeLike(text)}%`})`;

/** `column` (a name column, or raw SQL naming one) contains `text`. */
export function nameContains(column: SQL | Column, text: string): SQL {
  const grams = sql.join(
    searchGrams(text).map((g) => sql`${g}`),
    sql`, `,
  );
  return sql`(name_grams(${column}) @> ARRAY[${grams}]::text[] AND ${column} ILIKE ${`%${escapeLike(text)}%`})`;
}
