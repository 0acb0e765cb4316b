import { beijingDate, beijingDateTime, beijingMinute } from '@hbzsgx/domain';

/*
 * The one formatter of times on screen: always Beijing time (packages/domain/src/time.ts), whatever the browser's
 * zone, so a page shows the same time as the xlsx exported from it. Empty or unreadable values show a dash.
 */
type TimeValue = string | Date | null | undefined;
const orDashTime = (s: string) => s || '—';

/** 2026-05-03 14:05:09 */
export function fmtTime(v: TimeValue): string {
  return v ? orDashTime(beijingDateTime(v)) : '—';
}

/** 2026-05-03 14:05 */
export function fmtMinute(v: TimeValue): string {
  return v ? orDashTime(beijingMinute(v)) : '—';
}

/** 2026-05-03 (the Beijing day of a timestamp; a date-only value is shown as it is) */
export function fmtDate(v: TimeValue): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  return v ? orDashTime(beijingDate(v)) : '—';
}

/** Shows a dash for empty values in Descriptions and tables. */
export function orDash(v: string | number | null | undefined): string | number {
  return v === null || v === undefined || v === '' ? '—' : v;
}

/** "Chrome 124 · Windows" from a User-Agent string. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '未知';
  const browser = /Edg\/(\d+)/.exec(ua)
    ? `Edge ${/Edg\/(\d+)/.exec(ua)?.[1]}`
    : /Firefox\/(\d+)/.exec(ua)
      ? `Firefox ${/Firefox\/(\d+)/.exec(ua)?.[1]}`
      : /(?:Chrome|Chromium)\/(\d+)/.exec(ua)
        ? `Chrome ${/(?:Chrome|Chromium)\/(\d+)/.exec(ua)?.[1]}`
        : /Version\/(\d+).*Safari/.exec(ua)
          ? `Safari ${/Version\/(\d+)/.exec(ua)?.[1]}`
          : /MicroMessenger/.test(ua)
            ? '微信内置浏览器'
            : /node|undici|curl|python|axios|playwright/i.test(ua)
              ? '程序客户端'
              : '其他浏览器';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}
