import dayjs from 'dayjs';

export function fmtTime(v: string | Date | null | undefined): string {
  return v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export function fmtMinute(v: string | Date | null | undefined): string {
  return v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—';
}

export function fmtDate(v: string | Date | null | undefined): string {
  return v ? dayjs(v).format('YYYY-MM-DD') : '—';
}

/** Shows a dash for empty values in Descriptions and tables. */
export function orDash(v: string | number | null | undefined): string | number {
  return v === null || v === undefined || v === '' ? '—' : v;
}

/** "Chrome 124 · Windows" from a User-Agent string. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '未知';
  const browser =
    /Edg\/(\d+)/.exec(ua) ? `Edge ${/Edg\/(\d+)/.exec(ua)?.[1]}`
    : /Firefox\/(\d+)/.exec(ua) ? `Firefox ${/Firefox\/(\d+)/.exec(ua)?.[1]}`
    : /(?:Chrome|Chromium)\/(\d+)/.exec(ua) ? `Chrome ${/(?:Chrome|Chromium)\/(\d+)/.exec(ua)?.[1]}`
    : /Version\/(\d+).*Safari/.exec(ua) ? `Safari ${/Version\/(\d+)/.exec(ua)?.[1]}`
    : /MicroMessenger/.test(ua) ? '微信内置浏览器'
    : /node|undici|curl|python|axios|playwright/i.test(ua) ? '程序客户端'
    : '其他浏览器';
  const os =
    /Windows/.test(ua) ? 'Windows'
    : /Android/.test(ua) ? 'Android'
    : /iPhone|iPad/.test(ua) ? 'iOS'
    : /Mac OS X/.test(ua) ? 'macOS'
    : /Linux/.test(ua) ? 'Linux'
    : '';
  return os ? `${browser} · ${os}` : browser;
}
