/**
 * Verification codes and public masking for 电子证书.
 * A code is 20 symbols of Crockford's base32 (0-9, A-Z without I, L, O, U: nothing to confuse when read aloud or
 * typed from paper) = 100 random bits, shown in five groups of four: `7K3M-Q9XD-2HBW-TN4F-8RCE`. Guessing one of even
 * millions of live codes needs ~2^78 tries, and the verification endpoint is rate-limited and logged.
 */
import crypto from 'node:crypto';
import { CODE_ALPHABET, CODE_SYMBOLS, groupCode, normalizeCode } from '@hbzsgx/domain';

export { CODE_ALPHABET, normalizeCode };
export const CODE_BITS = CODE_SYMBOLS * 5;

export function newCode(): string {
  // 32 symbols = 5 bits: a byte's low 5 bits are uniform, so no modulo bias
  const bytes = crypto.randomBytes(CODE_SYMBOLS);
  let s = '';
  for (let i = 0; i < CODE_SYMBOLS; i++) s += CODE_ALPHABET[bytes[i]! & 31];
  return groupCode(s);
}

/** 张*三, 李*, 欧阳**娜: the public page never shows a whole name. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
