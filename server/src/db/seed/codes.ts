/** Deterministic, checksum-valid codes for seeded and test data. */
import crypto from 'node:crypto';
import { CREDIT_CODE_CHARS, creditCodeCheckChar, orgCodeCheckChar, residentCheckChar } from '@hbzsgx/domain';

const ORG_BODY_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 统一社会信用代码 for a (registration dept, org category) pair, division and a stable key. */
export function makeCreditCode(prefix: string, division: string, key: string): string {
  const h = crypto.createHash('sha256').update(key).digest();
  let body = '';
  for (let i = 0; i < 8; i++) body += ORG_BODY_CHARS[h[i]! % ORG_BODY_CHARS.length];
  const first17 = prefix + division + body + orgCodeCheckChar(body);
  if (![...first17].every((c) => CREDIT_CODE_CHARS.includes(c))) throw new Error('bad credit code body');
  return first17 + creditCodeCheckChar(first17);
}

/** 居民身份证号 with a valid check character. */
export function makeIdNumber(division: string, birth: string, seq: number): string {
  const first17 = division + birth + String(seq % 1000).padStart(3, '0');
  return first17 + residentCheckChar(first17);
}

/** Small deterministic PRNG (mulberry32) for reproducible demo data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
