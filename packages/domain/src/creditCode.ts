/** 统一社会信用代码 validation, GB 32100-2015. */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARS[c]!;
}

export function checkCreditCode(raw: string): { ok: true; value: string } | { ok: false; reason: string } {
  const v = raw.replace(/\s+/g, '').toUpperCase();
  if (v.length !== 18) return { ok: false, reason: '统一社会信用代码应为18位' };
  if (![...v].every((c) => CREDIT_CODE_CHARS.includes(c))) return { ok: false, reason: '统一社会信用代码含有无效字符（不使用I、O、Z、S、V）' };
  if (!/^\d{6}$/.test(v.slice(2, 8))) return { ok: false, reason: '统一社会信用代码第3至8位应为行政区划码' };
  if (creditCodeCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, reason: '统一社会信用代码校验位错误' };
  return { ok: true, value: v };
}

/** GB 11714 组织机构代码 check character for an 8-char body (used to build codes, e.g. in seeds). */
export function orgCodeCheckChar(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i]!;
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * w[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}
