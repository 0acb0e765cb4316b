/**
 * The organisation-path predicate is written once, in lib/scope.ts (underPath / jurisdiction). This test greps
 * server/src (tests excluded) and fails on a hand-written copy anywhere else: `like(`/`ilike(` on a `.path` column,
 * `escapeLike(` of a path, or raw SQL `path LIKE`. Use jurisdiction(actor), orgScope, pathScope or underPath instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const ACCESS_LAYER = ['lib/scope.ts'];

const RULES: [string, RegExp][] = [
  ['like( on a .path column', /\bi?like\(\s*[\w$.!]*\.path\b/i],
  ['escapeLike( of a path', /escapeLike\([^)]*(path|prefix)/i],
  ['raw SQL path LIKE', /\bpath["`]?\s+i?like\b/i],
];

/** Hand-written organisation-path predicates in `text` (an expression may span lines): one "line: rule" per hit. */
export function findHandWritten(text: string): string[] {
  return RULES.flatMap(([name, re]) =>
    [...text.matchAll(new RegExp(re.source, `${re.flags}g`))].map((m) => `${text.slice(0, m.index).split('\n').length}: ${name}`),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('organisation-path scope predicates live in the access layer only', () => {
  it('no file under server/src hand-writes one', () => {
    const hits = sources(SRC).flatMap((file) => {
      const rel = relative(SRC, file).split('\\').join('/');
      if (ACCESS_LAYER.includes(rel)) return [];
      return findHandWritten(readFileSync(file, 'utf8')).map((h) => `${rel}:${h}`);
    });
    expect(hits, 'use jurisdiction(actor) / orgScope / pathScope / underPath from lib/scope.ts').toEqual([]);
  });

  it('recognises each shape the codebase used to hand-write (a planted copy fails)', () => {
    for (const planted of [
      'like(baseOrg.path, `${escapeLike(actor.org.path)}%`)',
      "conds.push(like(organizations.path, escapeLike(region.path) + '%'));",
      'sql`(select o.id from organizations o where o.path like ${`${x}%`})`',
      'where(like(organizations.path, `${escapeLike(oldPrefix)}%`))',
      'sql`"organizations"."path" LIKE ${p}`',
      'like(\n        organizations.path,\n        `${escapeLike(actor.org.path)}%`,\n      )', // as a formatter lays it out
    ])
      expect(findHandWritten(planted), planted).not.toEqual([]);
    // keyword searches stay legal
    expect(findHandWritten('ilike(users.name, `%${escapeLike(q.keyword)}%`)')).toEqual([]);
    expect(findHandWritten('like(organizations.divisionCode, `${prefix}%`)')).toEqual([]);
  });
});
