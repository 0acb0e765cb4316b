/**
 * Verification codes and public masking for 电子证书.
 * A code is 20 symbols of Crockford's base32 (0-9, A-Z without I, L, O, U: nothing to confuse when read aloud or
 * typed from paper) = 100 random bits, shown in five groups of four: `7K3M-Q9XD-2HBW-TN4F-8RCE`. Guessing one of even
 * millions of live codes needs ~2^78 tries, and the verification endpoint is rate-limited and logged.
 */
import crypto from 'node:crypto';

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYMBOLS = 20;
const GROUP = 4;
export const CODE_BITS = SYMBOLS * 5;

export function newCode(): string {
  // 32 symbols = 5 bits: a byte's low 5 bits are uniform, so no modulo bias
  const bytes = crypto.randomBytes(SYMBOLS);
  let s = '';
  for (let i = 0; i < SYMBOLS; i++) s += CODE_ALPHABET[bytes[i]! & 31];
  return group(s);
}

const group = (s: string) => s.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/**
 * The canonical (stored) form of what a visitor typed or scanned, or null when it cannot be a code: case and
 * separators ignored, and the letters Crockford's alphabet leaves out read as the digits they look like.
 */
export function normalizeCode(raw: string): string | null {
  if (raw.length > 64) return null;
  const s = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== SYMBOLS) return null;
  for (const c of s) if (!CODE_ALPHABET.includes(c)) return null;
  return group(s);
}

/** 张*三, 李*, 欧阳**娜: the public page never shows a whole name. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
