/**
 * The building blocks every request schema is made of (server validation, OpenAPI, web form rules). Each one is bounded
 * so that nothing a client sends can reach PostgreSQL and be refused there (a 500): ids and counts within int4, years
 * and amounts within their range, text without control characters (PostgreSQL refuses NUL in text) and with a length cap.
 * Messages are Chinese; the error handler prefixes the field's label.
 */
import { z } from 'zod';

export const INT4_MAX = 2_147_483_647;

/** Control characters other than tab, line feed and carriage return (a CRLF line break is a newline too). */
export const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NO_CONTROL_CHARS = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;
export const CONTROL_CHARS_MESSAGE = '不能包含控制字符';
/** The text without its control characters (for recording what a refused request carried). */
export function stripControlChars(v: string): string {
  return v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** Refuses control characters; for strings whose own format does not already exclude them. */
export function noControlChars<T extends z.ZodString>(s: T): T {
  return s.regex(NO_CONTROL_CHARS, CONTROL_CHARS_MESSAGE) as T;
}

/**
 * Free text, trimmed, at most `max` characters, no control characters. `min: 1` makes it required with `required` as
 * the message (default 不能为空).
 */
export function text(max: number, opts: { min?: number; required?: string; tooLong?: string } = {}) {
  let s = z.string({ error: opts.required ?? '必须是文本' }).trim();
  if (opts.min) s = s.min(opts.min, opts.min === 1 ? (opts.required ?? '不能为空') : `至少${opts.min}个字符`);
  return noControlChars(s.max(max, opts.tooLong ?? `不能超过${max}个字符`));
}

/** A string of a fixed format: the pattern bounds it (and excludes control characters); `max` caps the length first. */
export function pattern(re: RegExp, message: string, max = 100) {
  return z.string({ error: message }).max(max, message).regex(re, message);
}

/** An id (path parameter, body field, query filter): a positive int4; `message` replaces the generic ones. */
export function id(message?: string) {
  return z.coerce
    .number({ error: message ?? '必须是编号' })
    .int(message ?? '必须是整数')
    .positive(message ?? '必须是正整数')
    .max(INT4_MAX, message ?? '编号超出范围');
}
export const idSchema = id();

/** A whole number in [min, max] (a count, a page, a capacity); max never above int4. */
export function int(min: number, max: number, messages: { min?: string; max?: string; type?: string } = {}) {
  const type = messages.type ?? '必须是整数';
  return z.coerce
    .number({ error: type })
    .int(type)
    .min(Math.max(min, -INT4_MAX - 1), messages.min ?? `最小为${min}`)
    .max(Math.min(max, INT4_MAX), messages.max ?? `最大为${max}`);
}

/** A year of the platform (2000–2100). */
export function year(message = '年度不正确', required = message) {
  return z.coerce.number({ error: required }).int(message).min(2000, message).max(2100, message);
}

/** A decimal amount (hours, units): finite, within (min or > gt, max], a multiple of `step`. */
export function decimal(opts: {
  min?: number;
  gt?: number;
  max: number;
  step: number;
  stepMessage: string;
  maxMessage?: string;
  minMessage?: string;
}) {
  let n = z.coerce.number({ error: '必须是数字' });
  if (opts.gt !== undefined) n = n.gt(opts.gt, opts.minMessage ?? `必须大于${opts.gt}`);
  if (opts.min !== undefined) n = n.min(opts.min, opts.minMessage ?? (opts.min === 0 ? '不能为负数' : `不能小于${opts.min}`));
  return n.max(opts.max, opts.maxMessage ?? `不能超过${opts.max}`).multipleOf(opts.step, opts.stepMessage);
}

/** YYYY-MM-DD and a real calendar date. */
export const dateSchema = z
  .string({ error: '日期格式应为YYYY-MM-DD' })
  .max(10, '日期格式应为YYYY-MM-DD')
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, '不是有效的日期');
