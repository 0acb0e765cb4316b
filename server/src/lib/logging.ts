import { LOST_MESSAGES } from '../db/client.js';

/**
 * What the logs may hold (SECURITY.md: logs never hold raw personal data or passwords). One place for the request
 * log's options: redaction of secret and personal fields wherever an object carrying them is logged, the request's
 * URL with personal query values masked, and errors reduced to what is safe. A database error carries the statement's
 * text and parameters (Drizzle's message includes both; PostgreSQL's message and detail quote values), so it is
 * logged by its SQLSTATE code, constraint, table and column only; any other error by its type, message and stack
 * with ID numbers, mobiles and e-mail addresses masked.
 */

/** Field names whose values are secret or personal, redacted at any of the first three levels of a logged object. */
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'oldPassword',
  'confirmPassword',
  'passwordHash',
  'hash',
  'idNumber',
  'idNumberEnc',
  'idNumberHash',
  'phone',
  'phoneEnc',
  'mobile',
  'contactPhone',
  'email',
  'landline',
  'params',
  'parameters',
  'query',
];
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

/** Masks personal values (idNumber, phone) in a URL's query string for the request log. */
export function maskQuery(url: string): string {
  return url.replace(/([?&](?:idNumber|phone|mobile|email)=)([^&]*)/gi, (_m, k: string, v: string) => {
    let d = v;
    try {
      d = decodeURIComponent(v);
    } catch {
      /* left as sent */
    }
    return k + (d.length > 8 ? `${d.slice(0, 4)}${'*'.repeat(d.length - 8)}${d.slice(-4)}` : '****');
  });
}

/** Masks 证件号-like, mobile-like and e-mail-like runs in free text (an error message, a stack). */
export function scrubText(s: string): string {
  return s
    .replace(/(?<![\dA-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![\dA-Za-z])/g, '$1**********$2')
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '***@***');
}

interface Chain {
  name?: unknown;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  severity?: unknown;
  routine?: unknown;
  query?: unknown;
  params?: unknown;
  message?: unknown;
  stack?: unknown;
  cause?: unknown;
}

/** The driver's own messages that carry no value: a lost connection (db/client.ts), or none to be had. */
const CONNECTION_MESSAGES = new RegExp(`${LOST_MESSAGES.source}|^timeout exceeded when trying to connect`);

/** The database error in an error's cause chain (a SQLSTATE code, or Drizzle's query wrapper), if any. */
function databaseError(err: Chain): { wrapper: boolean; db: Chain | null } | null {
  let wrapper = false;
  for (let x: Chain | undefined = err, i = 0; x && i < 6; x = x.cause as Chain | undefined, i++) {
    if ('query' in x && 'params' in x) wrapper = true;
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) return { wrapper, db: x };
  }
  return wrapper ? { wrapper, db: null } : null;
}

/** The loggable form of an error (pino's `err` serializer). */
export interface SafeError {
  type: string;
  message: string;
  stack: string;
  [k: string]: unknown;
}
export function safeError(e: unknown): SafeError {
  if (!e || typeof e !== 'object') return { type: typeof e, message: scrubText(String(e)), stack: '' };
  const err = e as Chain;
  const found = databaseError(err);
  if (found) {
    const d = found.db;
    // the driver's own message for a lost connection carries no value; anything else of a database error may
    const cause = err.cause as Chain | undefined;
    const lost = [err.message, cause?.message].find((m): m is string => typeof m === 'string' && CONNECTION_MESSAGES.test(m));
    return {
      type: 'DatabaseError',
      ...(d ? { code: d.code, constraint: d.constraint, table: d.table, column: d.column, severity: d.severity, routine: d.routine } : {}),
      message: lost ?? '数据库错误（语句与参数不记录）',
      stack: '',
    };
  }
  return {
    type: typeof err.name === 'string' ? err.name : 'Error',
    message: scrubText(String(err.message ?? '')),
    ...(typeof err.code === 'string' ? { code: err.code } : {}),
    stack: typeof err.stack === 'string' ? scrubText(err.stack) : '',
  };
}

/** The one text form of an error for console output (start-up, command-line tools). */
export function safeErrorText(e: unknown): string {
  const s = safeError(e);
  return s.type === 'DatabaseError' ? [s.message, s.code, s.constraint, s.table].filter(Boolean).join(' ') : s.stack || `${s.type}: ${s.message}`;
}

/** Fastify/pino logger options; `extra` (a level, a test's stream) is laid over them, never replacing the redaction. */
export function loggerOptions(level: string, extra: object = {}) {
  return {
    level,
    ...extra,
    redact: { paths: REDACT_PATHS, censor: '[已隐去]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: maskQuery(req.url), ip: req.ip }),
      err: safeError,
    },
  };
}
