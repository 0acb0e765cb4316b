/**
 * The lockout under concurrency: 25 logins to one account at once (24 wrong passwords and the right one, in random
 * order). At most LOGIN_MAX_FAILURES passwords are ever checked; every other attempt is refused as locked without a
 * check; the audit log holds one row per attempt and the lock. When the right password is not among the checked
 * ones (the usual case; repeated until seen), the account ends locked and the right password is refused afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLogs, users } from '../../db/schema.js';
import { Client, createTestApp, type Res, type TestCtx } from '../../../test/harness.js';
import { hrOrg, newAdmin } from '../../../test/fixtures.js';

let ctx: TestCtx;
let orgId: number;
beforeAll(async () => {
  ctx = await createTestApp();
  orgId = (await hrOrg(ctx, '420100')).id;
});
afterAll(async () => ctx?.close());

function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

describe('lockout under concurrent logins', () => {
  it('checks at most LOGIN_MAX_FAILURES of 25 parallel guesses, locks, and refuses the right password while locked', async () => {
    const max = ctx.config.LOGIN_MAX_FAILURES;
    let lockedRounds = 0;
    for (let round = 0; round < 8 && lockedRounds === 0; round++) {
      const a = await newAdmin(ctx, orgId);
      const guesses = shuffle([...Array.from({ length: 24 }, (_, i) => `Wrong@pass${i}`), a.password]);
      const answers = await Promise.all(guesses.map(async (pw) => ({ pw, r: await new Client(ctx).login('hr', a.idNumber, pw) })));
      const right = answers.find((x) => x.pw === a.password)!.r;

      const rows = await ctx.db.select().from(auditLogs).where(eq(auditLogs.actorUserId, a.userId));
      const reasons = (r: string) =>
        rows.filter((l) => l.action === 'auth.login' && l.result === 'failure' && (l.detail as { reason?: string }).reason === r).length;
      const wrongChecked = reasons('bad-password');
      const refused = answers.filter(
        (x) => x.r.status === 403 && x.r.body.code === 'ACCOUNT_LOCKED' && !String(x.r.body.message).startsWith('连续登录失败' + max),
      );
      const checked = wrongChecked + (right.status === 200 ? 1 : 0);

      // a right password clears the count (its owner proved who they are): guesses reserved after it start a new one,
      // so a round where it was checked allows up to max − 1 wrong guesses before it and max after it
      expect(checked, `right password answered ${right.status}`).toBeLessThanOrEqual(right.status === 200 ? 2 * max : max);
      expect(answers).toHaveLength(25);
      // every attempt is either a checked guess (401, 200, or the one that locked) or refused unchecked as locked
      expect(refused.length + checked).toBe(25);
      expect(reasons('locked')).toBe(refused.length);
      for (const x of answers) expect([200, 401, 403], JSON.stringify(x.r.body)).toContain(x.r.status);

      if (right.status === 200) continue; // the right password was among the checked guesses: a legitimate login
      lockedRounds++;
      expect(right.status).toBe(403);
      expect(right.body.code).toBe('ACCOUNT_LOCKED');
      expect(wrongChecked).toBe(max);
      expect(answers.filter((x) => x.r.status === 401)).toHaveLength(max - 1);
      const locker: Res[] = answers.filter((x) => String(x.r.body.message).startsWith(`连续登录失败${max}次`)).map((x) => x.r);
      expect(locker).toHaveLength(1);
      expect(rows.filter((l) => l.action === 'account.locked')).toHaveLength(1);
      const [u] = await ctx.db.select().from(users).where(eq(users.id, a.userId));
      expect(u!.lockedUntil!.getTime() - Date.now()).toBeGreaterThan((ctx.config.LOGIN_LOCK_MINUTES - 1) * 60_000);
      // afterwards too: the right password is refused while the lock lasts, and that refusal is audited
      const later = await new Client(ctx).login('hr', a.idNumber, a.password);
      expect(later.status).toBe(403);
      expect(later.body.code).toBe('ACCOUNT_LOCKED');
      const lockedAfter = await ctx.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.actorUserId, a.userId), eq(auditLogs.action, 'auth.login')));
      expect(lockedAfter.filter((l) => (l.detail as { reason?: string }).reason === 'locked')).toHaveLength(refused.length + 1);
    }
    expect(lockedRounds).toBe(1);
  });
});
