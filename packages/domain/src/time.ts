/**
 * Beijing time — the one place that knows the platform's clock zone. Server exports, the PDF certificate, "today"
 * and "this year" on the server, and every time the web app shows go through these functions, so a browser or a
 * server running in another zone (UTC in containers) shows the same wall-clock time as the xlsx it downloads.
 *
 * Asia/Shanghai has been a fixed UTC+8 without daylight saving since 1991, so the functions shift the instant by the
 * offset and read its UTC fields: the same result as Intl with timeZone 'Asia/Shanghai' (time.test.ts checks it),
 * independent of process.env.TZ or the browser's zone, and cheap for 50,000-row exports.
 * A guard in time.test.ts fails when this arithmetic or a second Asia/Shanghai formatter appears anywhere else.
 */
export const BEIJING_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3600_000;

/** A Date, an ISO string (as the API sends timestamps) or epoch milliseconds. */
export type Instant = Date | string | number;

/** The instant moved by +8h so that its UTC fields read as the Beijing wall clock; null when not a valid time. */
function wall(v: Instant): Date | null {
  const t = (v instanceof Date ? v : new Date(v)).getTime();
  return Number.isNaN(t) ? null : new Date(t + OFFSET_MS);
}

/** 'YYYY-MM-DD HH:mm:ss' in Beijing time ('' for an invalid time). */
export function beijingDateTime(v: Instant = new Date()): string {
  const w = wall(v);
  return w ? w.toISOString().replace('T', ' ').slice(0, 19) : '';
}

/** 'YYYY-MM-DD HH:mm' in Beijing time ('' for an invalid time). */
export function beijingMinute(v: Instant = new Date()): string {
  return beijingDateTime(v).slice(0, 16);
}

/** 'YYYY-MM-DD' — the Beijing calendar day of the instant (today by default; '' for an invalid time). */
export function beijingDate(v: Instant = new Date()): string {
  return beijingDateTime(v).slice(0, 10);
}

/** The Beijing calendar year of the instant (this year by default; NaN for an invalid time). */
export function beijingYear(v: Instant = new Date()): number {
  return wall(v)?.getUTCFullYear() ?? Number.NaN;
}

/** The Beijing hour of the day, 0–23 (NaN for an invalid time). */
export function beijingHour(v: Instant = new Date()): number {
  return wall(v)?.getUTCHours() ?? Number.NaN;
}

/** 'YYYY年M月D日' in Beijing time, as printed on certificates ('' for an invalid time). */
export function beijingChineseDate(v: Instant = new Date()): string {
  const w = wall(v);
  return w ? `${w.getUTCFullYear()}年${w.getUTCMonth() + 1}月${w.getUTCDate()}日` : '';
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
/** '星期一' … '星期日' for the Beijing day of the instant ('' for an invalid time). */
export function beijingWeekday(v: Instant = new Date()): string {
  const w = wall(v);
  return w ? (WEEKDAYS[w.getUTCDay()] ?? '') : '';
}

/**
 * The instant of a Beijing wall-clock time: 'YYYY-MM-DD' (the start of that Beijing day) or
 * 'YYYY-MM-DD HH:mm[:ss]' (a space or 'T' between). An impossible date or time (2026-02-30, 24:00) or any other
 * shape gives an Invalid Date, as `new Date()` would.
 */
export function fromBeijing(s: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return new Date(Number.NaN);
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  utc.setUTCFullYear(y); // years 0–99 are not mapped to 19xx
  const ok =
    utc.getUTCFullYear() === y &&
    utc.getUTCMonth() === mo - 1 &&
    utc.getUTCDate() === d &&
    utc.getUTCHours() === h &&
    utc.getUTCMinutes() === mi &&
    utc.getUTCSeconds() === se;
  return ok ? new Date(utc.getTime() - OFFSET_MS) : new Date(Number.NaN);
}

/** The first instant of the Beijing day: of a 'YYYY-MM-DD' day, or of the day containing an instant (today by default). */
export function beijingDayStart(v: Instant = new Date()): Date {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return fromBeijing(v);
  const day = beijingDate(v);
  return day ? fromBeijing(day) : new Date(Number.NaN);
}
