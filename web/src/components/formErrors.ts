import type { FormInstance } from 'antd';
import type { FormRule } from 'antd';
import type { ApiError } from '../app/api';

/**
 * Puts the server's per-field messages under the matching form fields. A field path names the form field by its
 * last non-index part ('roleIds.0' → roleIds, 'admin.idNumber' → idNumber: forms keep nested bodies flat), or by
 * `alias` of that part where one form field stands for several body fields (startDate/endDate → one range 'dates').
 * `byCode` names the field of errors that carry none (e.g. DUPLICATE_ID_NUMBER → idNumber). Returns the first field named.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: ApiError,
  byCode: Record<string, string> = {},
  alias: Record<string, string> = {},
): string | undefined {
  const fields = err.fields
    .map((f) => {
      const name =
        f.field
          .split('.')
          .filter((p) => p && !/^\d+$/.test(p))
          .at(-1) ?? '';
      return { name: alias[name] ?? name, errors: [f.message] };
    })
    .filter((f) => f.name);
  const coded = byCode[err.code];
  if (!fields.length && coded) fields.push({ name: coded, errors: [err.message] });
  if (fields.length) form.setFields(fields);
  return fields[0]?.name;
}

/** An antd rule from a domain Zod schema, so that the browser checks exactly what the server checks. */
/** Structural view of a Zod schema (the domain package owns zod; the web app needs no direct dependency). */
interface Parser {
  safeParse(v: unknown): { success: true } | { success: false; error: { issues: { message: string }[] } };
}

export function zodRule(schema: Parser): FormRule {
  return {
    validator(_, value: unknown) {
      if (value === undefined || value === null || value === '') return Promise.resolve(); // `required` rule speaks for empty
      const r = schema.safeParse(value);
      return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message ?? '格式不正确'));
    },
  };
}
