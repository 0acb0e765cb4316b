/** 证件号 validation. 居民身份证 follows GB 11643-1999 (mod 11-2 check character). */
export const ID_TYPES = {
  resident: '居民身份证',
  passport: '护照',
  hkMacao: '港澳居民来往内地通行证',
  taiwan: '台湾居民来往大陆通行证',
} as const;
export type IdType = keyof typeof ID_TYPES;
export const ID_TYPE_CODES = Object.keys(ID_TYPES) as [IdType, ...IdType[]];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Full-width digits/letters to half-width, strip whitespace, upper-case. */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

export function residentCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdCheck = { ok: true; value: string } | { ok: false; reason: string };

function realPastDate(y: number, m: number, d: number, today: Date): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return false;
  return y >= 1870 && dt.getTime() <= today.getTime();
}

export function checkIdNumber(type: IdType, raw: string, today = new Date()): IdCheck {
  const v = normalizeIdNumber(raw);
  switch (type) {
    case 'resident': {
      if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, reason: '居民身份证号应为18位，前17位为数字，末位为数字或X' };
      const y = Number(v.slice(6, 10)),
        m = Number(v.slice(10, 12)),
        d = Number(v.slice(12, 14));
      if (!realPastDate(y, m, d, today)) return { ok: false, reason: '居民身份证号中的出生日期无效' };
      if (residentCheckChar(v.slice(0, 17)) !== v[17]) return { ok: false, reason: '居民身份证号校验位错误' };
      return { ok: true, value: v };
    }
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(v) && /\d/.test(v) ? { ok: true, value: v } : { ok: false, reason: '护照号码应为5至17位字母或数字' };
    case 'hkMacao':
      return /^[HM]\d{8}(\d{2})?$/.test(v) ? { ok: true, value: v } : { ok: false, reason: '港澳居民来往内地通行证号码应为H或M加8位（或10位）数字' };
    case 'taiwan':
      return /^\d{8}(\d{2})?$/.test(v) ? { ok: true, value: v } : { ok: false, reason: '台湾居民来往大陆通行证号码应为8位或10位数字' };
  }
}

/** Gender and birth date derived from a 居民身份证 number; null for other types. */
export function deriveFromIdNumber(type: IdType, value: string): { gender: 'male' | 'female'; birthDate: string } | null {
  if (type !== 'resident' || value.length !== 18) return null;
  return {
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
  };
}
