/**
 * Personal data at rest: AES-256-GCM encryption plus a keyed-HMAC blind index for uniqueness and exact lookup.
 * The key comes from DATA_KEY, or (embedded mode) from DATA_DIR/secret.key, generated once.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Pii {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(normalized: string): string;
}

export function resolveDataKey(dataKey: string | undefined, dataDir: string, log: (m: string) => void): Buffer {
  if (dataKey) {
    const buf = /^[0-9a-f]{64}$/i.test(dataKey) ? Buffer.from(dataKey, 'hex') : Buffer.from(dataKey, 'base64');
    if (buf.length !== 32) throw new Error('DATA_KEY must be 32 bytes (64 hex characters or base64)');
    return buf;
  }
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  log(`DATA_KEY not set: generated a data key in ${file}. Back it up; without it personal data cannot be read.`);
  return key;
}

export function createPii(masterKey: Buffer): Pii {
  const encKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'hbzsgx-pii-enc', 32));
  const macKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'hbzsgx-pii-mac', 32));
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
    },
    decrypt(stored) {
      const buf = Buffer.from(stored, 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
    blindIndex(normalized) {
      return crypto.createHmac('sha256', macKey).update(normalized).digest('hex');
    },
  };
}
