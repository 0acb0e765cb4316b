import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  beijingChineseDate,
  beijingDate,
  beijingDateTime,
  beijingDayStart,
  beijingHour,
  beijingMinute,
  beijingWeekday,
  beijingYear,
  fromBeijing,
} from './time.js';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('Beijing time functions', () => {
  it('read the Beijing wall clock around midnight UTC and midnight Beijing', () => {
    expect(beijingDateTime(new Date('2026-06-01T13:59:00Z'))).toBe('2026-06-01 21:59:00'); // issue 9: 13:59 UTC is 21:59 in Beijing
    expect(beijingDateTime(new Date('2026-05-02T23:59:59.999Z'))).toBe('2026-05-03 07:59:59');
    expect(beijingDateTime(new Date('2026-05-03T00:00:00Z'))).toBe('2026-05-03 08:00:00');
    expect(beijingDate(new Date('2026-05-03T15:59:59Z'))).toBe('2026-05-03');
    expect(beijingDate(new Date('2026-05-03T16:00:00Z'))).toBe('2026-05-04'); // Beijing midnight
    expect(beijingMinute('2026-05-03T06:05:09.000Z')).toBe('2026-05-03 14:05');
    expect(beijingHour(new Date('2026-05-03T16:00:00Z'))).toBe(0);
    expect(beijingHour(new Date('2026-05-03T15:59:59Z'))).toBe(23);
  });

  it('turn the year at Beijing midnight, eight hours before UTC does', () => {
    const last = new Date('2026-12-31T15:59:59.999Z');
    const first = new Date('2026-12-31T16:00:00Z');
    expect([beijingYear(last), beijingYear(first)]).toEqual([2026, 2027]);
    expect([beijingDate(last), beijingDate(first)]).toEqual(['2026-12-31', '2027-01-01']);
    expect(beijingDateTime(first)).toBe('2027-01-01 00:00:00');
    expect(beijingChineseDate(first)).toBe('2027年1月1日');
    expect(beijingChineseDate(last)).toBe('2026年12月31日');
    expect(beijingWeekday(first)).toBe('星期五');
    expect(beijingWeekday(last)).toBe('星期四');
    expect(beijingYear(new Date('2027-01-01T00:00:00Z'))).toBe(2027);
  });

  it('accept Dates, ISO strings and epoch milliseconds, and give empty values for invalid times', () => {
    const t = Date.UTC(2026, 4, 3, 6, 5, 9);
    expect(beijingDateTime(t)).toBe('2026-05-03 14:05:09');
    expect(beijingDateTime(new Date(t).toISOString())).toBe('2026-05-03 14:05:09');
    expect(beijingDateTime('2026-05-03T14:05:09+08:00')).toBe('2026-05-03 14:05:09');
    expect(beijingDateTime('not a date')).toBe('');
    expect(beijingDate(new Date(Number.NaN))).toBe('');
    expect(beijingChineseDate('x')).toBe('');
    expect(beijingWeekday('x')).toBe('');
    expect(beijingYear('x')).toBeNaN();
  });

  it('default to now', () => {
    const before = beijingDate(new Date());
    const today = beijingDate();
    expect([before, beijingDate(new Date())]).toContain(today);
    expect(beijingYear()).toBe(Number(today.slice(0, 4)));
  });

  it('fromBeijing reads a Beijing wall-clock time and refuses impossible ones', () => {
    expect(fromBeijing('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(fromBeijing('2026-05-03 10:00').toISOString()).toBe('2026-05-03T02:00:00.000Z');
    expect(fromBeijing('2026-05-03T07:59:59').toISOString()).toBe('2026-05-02T23:59:59.000Z');
    for (const bad of ['2026-02-30', '2026-13-01', '2026-00-10', '2026-05-03 24:00', '2026-05-03 10:60', '2026-5-3', '', 'today', '2026-05-03Z']) {
      expect(Number.isNaN(fromBeijing(bad).getTime()), bad).toBe(true);
    }
    expect(fromBeijing('2028-02-29').toISOString()).toBe('2028-02-28T16:00:00.000Z'); // a leap day
  });

  it('beijingDayStart gives the first instant of a Beijing day', () => {
    expect(beijingDayStart('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingDayStart(new Date('2026-12-31T16:30:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingDayStart(new Date('2026-12-31T15:30:00Z')).toISOString()).toBe('2026-12-30T16:00:00.000Z');
    expect(beijingDayStart(new Date('2026-05-03T00:00:00Z')).toISOString()).toBe('2026-05-02T16:00:00.000Z');
    expect(Number.isNaN(beijingDayStart('2026-02-30').getTime())).toBe(true);
    expect(Number.isNaN(beijingDayStart('x').getTime())).toBe(true);
  });

  it('agree with Intl in Asia/Shanghai for instants from 1992 to 2100, whatever process.env.TZ is', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const viaIntl = (d: Date) => intl.format(d).replace(', ', ' ');
    const from = Date.UTC(1992, 0, 1);
    const span = Date.UTC(2100, 0, 1) - from;
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const tz of ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
      process.env.TZ = tz;
      for (let i = 0; i < 400; i++) {
        const d = new Date(from + Math.floor(rnd() * span));
        expect(beijingDateTime(d), `${d.toISOString()} in TZ=${tz}`).toBe(viaIntl(d));
      }
    }
    // the zone really changed under the functions: local getters moved, ours did not
    process.env.TZ = 'America/New_York';
    expect(new Date('2026-06-01T13:59:00Z').getHours()).toBe(9);
    expect(beijingDateTime(new Date('2026-06-01T13:59:00Z'))).toBe('2026-06-01 21:59:00');
  });
});

// ---- the guard: Beijing-time arithmetic and zone formatters live only in time.ts --------------------------------

const root = join(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const SHARED = new Set(['packages/domain/src/time.ts', 'packages/domain/src/time.test.ts']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(relative(root, p).split(sep).join('/'));
  }
  return out;
}
const packageSources = readdirSync(join(root, 'packages')).map((p) => `packages/${p}/src`);
const trees = ['server/src', 'web/src', 'e2e', ...packageSources];
const files = trees
  .flatMap((t) => {
    try {
      return sourceFiles(join(root, t));
    } catch {
      return [];
    }
  })
  .filter((f) => !SHARED.has(f));

/** Hand-written UTC+8 arithmetic or a second formatter with an explicit zone (anywhere, tests included). */
const ZONE_ARITHMETIC: [string, RegExp][] = [
  ['8 * 3600 arithmetic', /\b8\s*\*\s*(3600|60\s*\*\s*60)\b|\b(3600_?000|3_600_000|3600\s*\*\s*1000)\s*\*\s*8\b|\b8\s*\*\s*(3600_?000|3_600_000)\b/],
  ['28800 seconds', /\b28_?800(_?000)?\b/],
  ["a '+08:00' offset", /\+08:?00\b/],
  ['an Asia/Shanghai formatter', /Asia\/Shanghai/],
  ['an Intl formatter with an explicit zone', /\btimeZone\s*:/],
];
/** Local-zone clocks in production code: they follow the server's or the browser's zone, not Beijing. */
const LOCAL_CLOCK: [string, RegExp][] = [
  ['a local-zone Date getter', /\.get(FullYear|Month|Date|Day|Hours|Minutes)\(\)/],
  ['toLocale…String', /\.toLocale(Date|Time)?String\(/],
  ['dayjs in the local zone', /\bdayjs\([^)]*\)\.(format|hour|year|month|date|day|startOf)\(/],
];

/** Every match in the whole file (an expression a formatter spread over lines still matches), with its line. */
function offences(rules: [string, RegExp][], list: string[]) {
  const found: string[] = [];
  for (const f of list) {
    const text = readFileSync(join(root, f), 'utf8');
    for (const [what, re] of rules) {
      for (const m of text.matchAll(new RegExp(re.source, `${re.flags}g`))) {
        found.push(`${f}:${text.slice(0, m.index).split('\n').length} ${what}: ${m[0].replace(/\s+/g, ' ')}`);
      }
    }
  }
  return found;
}

describe('guard: one home for Beijing time (packages/domain/src/time.ts)', () => {
  it('scans the source trees', () => {
    expect(files).toContain('server/src/lib/paging.ts');
    expect(files).toContain('web/src/components/format.ts');
    expect(files.length).toBeGreaterThan(200);
  });

  it('no hand-written +8h arithmetic, +08:00 offset or second Asia/Shanghai formatter outside time.ts', () => {
    expect(offences(ZONE_ARITHMETIC, files)).toEqual([]);
  });

  it('no local-zone clock in production code of server and web (use beijingYear / beijingDate / fmtTime)', () => {
    const production = files.filter((f) => /^(server|web)\/src\//.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('server/src/test/'));
    expect(offences(LOCAL_CLOCK, production)).toEqual([]);
  });

  it('the rules catch each hand-written form', () => {
    const samples = [
      'new Date(Date.now() + 8 * 3600_000)',
      'd.getTime() + 3600_000 * 8',
      'x + 8 * 60 * 60 * 1000',
      'Date.now() +\n  8 *\n  3600_000', // as a formatter may lay it out
      'offset = 28800',
      '`${v}T00:00:00+08:00`',
      "new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai' })",
    ];
    for (const s of samples)
      expect(
        ZONE_ARITHMETIC.some(([, re]) => re.test(s)),
        s,
      ).toBe(true);
    for (const s of ['new Date().getFullYear()', 'd.toLocaleString()', "dayjs(v).format('YYYY-MM-DD')", 'dayjs().hour()']) {
      expect(
        LOCAL_CLOCK.some(([, re]) => re.test(s)),
        s,
      ).toBe(true);
    }
    for (const s of ['d.getUTCFullYear()', "d.format('YYYY-MM-DD')", 'dayjs(v).fromNow()', 'const n = 86_400_000']) {
      expect(
        [...ZONE_ARITHMETIC, ...LOCAL_CLOCK].some(([, re]) => re.test(s)),
        s,
      ).toBe(false);
    }
  });
});
