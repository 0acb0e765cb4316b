/** Image captcha (svg-captcha), one use per challenge, stored server-side so every process can check it. */
import svgCaptcha from 'svg-captcha';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config.js';
import { captchas } from '../../db/schema.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import { BadRequestError } from '../../errors.js';

export interface CaptchaService {
  enabled: boolean;
  issue(): Promise<{ captchaId: string; image: string }>;
  /** Consumes the challenge whatever the outcome; throws when missing, expired or wrong. */
  consume(id: string, answer: string): Promise<void>;
}

const TTL_MS = 5 * 60_000;

export function captchaService(db: Db, config: Config): CaptchaService {
  const enabled = config.CAPTCHA === 'on';
  return {
    enabled,
    async issue() {
      const c = svgCaptcha.create({ size: 4, noise: 3, ignoreChars: '0oO1ilI', color: true, background: '#f0f5ff', width: 120, height: 40 });
      const captchaId = randomToken(18);
      await db.delete(captchas).where(lt(captchas.expiresAt, new Date()));
      await db.insert(captchas).values({ id: captchaId, answerHash: sha256(c.text.toLowerCase()), expiresAt: new Date(Date.now() + TTL_MS) });
      return { captchaId, image: `data:image/svg+xml;base64,${Buffer.from(c.data).toString('base64')}` };
    },
    async consume(id, answer) {
      if (!enabled) return;
      if (!id || !answer) throw new BadRequestError('请输入验证码', { field: 'captcha' });
      const [row] = await db.delete(captchas).where(eq(captchas.id, id)).returning();
      if (!row || row.expiresAt.getTime() < Date.now()) throw new BadRequestError('验证码已失效，请点击图片刷新', { field: 'captcha' });
      if (row.answerHash !== sha256(answer.trim().toLowerCase())) throw new BadRequestError('验证码错误', { field: 'captcha' });
    },
  };
}
