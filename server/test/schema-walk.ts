/**
 * Walks a route's request schemas (Zod → JSON Schema, input side): the fields a client can send, a valid sample value
 * for each (so that a request whose one field is replaced reaches exactly that field's check), and the leaf kinds the
 * input-hardening tests check (every text bounded and free of control characters, every number within int4).
 */
import { z } from 'zod';
import { makeCreditCode, makeIdNumber } from '../src/db/seed/codes.js';

export type Json = Record<string, any>;

export function inputJsonSchema(schema: unknown): Json | null {
  if (!schema) return null;
  return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Json;
}

/** The variants of a union node (discriminated bodies, nullable fields); a plain node is its own single variant. */
export function variants(node: Json): Json[] {
  const alts = node.anyOf ?? node.oneOf;
  if (!alts) return [node];
  return (alts as Json[]).filter((a) => a.type !== 'null');
}

/** Patterns of a string node (its own and those under allOf). */
function patterns(node: Json): RegExp[] {
  const out: RegExp[] = [];
  if (node.pattern) out.push(new RegExp(node.pattern, 'u'));
  for (const a of node.allOf ?? []) if (a.pattern) out.push(new RegExp(a.pattern, 'u'));
  return out;
}

const PASSWORD = 'Walk@2026pw';
const BY_NAME: Record<string, unknown> = {
  idNumber: makeIdNumber('420102', '19800101', 424242),
  phone: '13800138000',
  contactPhone: '13800138000',
  landline: '027-87654321',
  email: 'walk@example.cn',
  creditCode: makeCreditCode('12', '420102', 'schema-walk'),
  password: PASSWORD,
  confirmPassword: PASSWORD,
  newPassword: 'Walk@2027pw',
  oldPassword: PASSWORD,
  divisionCode: '420102',
  parentCode: '420100',
  types: 'employer',
  action: 'auth.login',
  code: 'ABCDEF123456',
  startDate: '2026-03-01',
  endDate: '2026-03-02',
  transferDate: '2026-03-01',
  closingDate: '2026-12-31',
  titleDate: '2020-01-01',
  from: '2026-01-01',
  to: '2026-12-31',
  year: 2026,
  captchaId: '',
  captcha: '',
  ids: [1],
  permissions: ['dept.view'],
  realName: '张三丰',
  contactName: '李四光',
  name: '测试名称',
  keyword: '测试',
  sort: undefined,
};

/** A valid value for a node (by field name where the format needs it), or undefined when none can be made. */
export function sample(node: Json, name: string, top: Json): unknown {
  if (node.$ref) return sample(resolve(top, node.$ref), name, top);
  if ('const' in node) return node.const;
  if (node.enum) return node.enum[0];
  if (node.not) return undefined; // a field that must be absent (export paging)
  const alts = node.anyOf ?? node.oneOf;
  if (alts) {
    for (const a of alts as Json[]) {
      const v = sample(a, name, top);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  if (name in BY_NAME) return BY_NAME[name];
  switch (node.type) {
    case 'string': {
      if (node.format === 'email') return BY_NAME.email;
      const min = node.minLength ?? 0;
      return min > 4 ? '测'.repeat(min) : '测试';
    }
    case 'number':
    case 'integer': {
      if (typeof node.minimum === 'number') return node.minimum > 0 ? node.minimum : 1;
      if (typeof node.exclusiveMinimum === 'number') return node.exclusiveMinimum + 1;
      return 1;
    }
    case 'boolean':
      return true;
    case 'array':
      return node.minItems ? [sample(node.items ?? {}, name, top)] : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Json>)) {
        const s = sample(v, k, top);
        if (s !== undefined) out[k] = s;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function resolve(top: Json, ref: string): Json {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((n: Json, k) => n[k], top);
}

export type LeafKind = 'text' | 'number' | 'enum' | 'boolean' | 'absent' | 'other';
export interface Field {
  path: (string | number)[];
  kind: LeafKind;
  node: Json;
}

/** Every leaf field of an object node, arrays entered at their first element. */
export function fields(node: Json, top: Json, path: (string | number)[] = []): Field[] {
  if (node.$ref) return fields(resolve(top, node.$ref), top, path);
  const alts = node.anyOf ?? node.oneOf;
  if (alts && !node.properties) {
    const real = (alts as Json[]).filter((a) => a.type !== 'null');
    // a field that is "a value or empty" (date or '') is one leaf: its first real variant decides the kind
    return real.length ? fields(real[0]!, top, path) : [];
  }
  if (node.type === 'object' || node.properties) {
    return Object.entries((node.properties ?? {}) as Record<string, Json>).flatMap(([k, v]) => fields(v, top, [...path, k]));
  }
  if (node.type === 'array') return fields(node.items ?? {}, top, [...path, 0]);
  const kind: LeafKind = node.not
    ? 'absent'
    : 'const' in node || node.enum
      ? 'enum'
      : node.type === 'string'
        ? 'text'
        : node.type === 'number' || node.type === 'integer'
          ? 'number'
          : node.type === 'boolean'
            ? 'boolean'
            : 'other';
  return [{ path, kind, node }];
}

/** What an input-hardening test holds of a leaf: texts capped and free of control characters, numbers within int4. */
export function leafProblem(f: Field): string | null {
  const n = f.node;
  if (f.kind === 'text') {
    if (typeof n.maxLength !== 'number') return 'text without a length cap';
    if (!patterns(n).some((re) => !re.test('a\u0000b'))) return 'text that admits control characters';
  }
  if (f.kind === 'number') {
    const lo = n.minimum ?? n.exclusiveMinimum,
      hi = n.maximum ?? n.exclusiveMaximum;
    if (typeof lo !== 'number' || typeof hi !== 'number') return 'number without bounds';
    if (lo < -2147483648 || hi > 2147483647) return 'number outside int4';
  }
  if (f.kind === 'other') return `a field of unknown type (${JSON.stringify(n).slice(0, 80)})`;
  return null;
}

export function setPath(obj: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [k, ...rest] = path;
  const base: any = Array.isArray(obj) ? [...obj] : typeof obj === 'object' && obj ? { ...obj } : typeof k === 'number' ? [] : {};
  base[k!] = setPath(base[k!], rest, value);
  return base;
}
