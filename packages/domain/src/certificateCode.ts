/**
 * 电子证书 verification codes (server modules/certificates/code.ts makes them): 20 symbols of Crockford's base32
 * (0-9, A-Z without I, L, O, U), shown in five groups of four: `7K3M-Q9XD-2HBW-TN4F-8RCE`. The public page and the
 * home page's 证书验证 box read what a visitor typed with the same normalizeCode().
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_SYMBOLS = 20;
const GROUP = 4;

/** `XXXXXXXX…` → `XXXX-XXXX-…`. */
export const groupCode = (s: string) => s.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/**
 * The canonical (stored) form of what a visitor typed or scanned, or null when it cannot be a code: case and
 * separators ignored, and the letters Crockford's alphabet leaves out read as the digits they look like.
 */
export function normalizeCode(raw: string): string | null {
  if (raw.length > 64) return null;
  const s = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_SYMBOLS) return null;
  for (const c of s) if (!CODE_ALPHABET.includes(c)) return null;
  return groupCode(s);
}
