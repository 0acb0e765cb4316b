import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLogs } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { purgeAuditLogs } from './retention.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('audit retention', () => {
  it('purges only rows older than the retention (never less than 180 days)', async () => {
    const day = 86_400_000;
    for (const [action, age] of [
      ['old.400', 400],
      ['old.200', 200],
      ['recent.10', 10],
    ] as const) {
      await ctx.db.insert(auditLogs).values({ action, at: new Date(Date.now() - age * day) });
    }
    expect(await purgeAuditLogs(ctx.db, 365)).toBe(1);
    expect(await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'old.400'))).toHaveLength(0);
    expect(await purgeAuditLogs(ctx.db, 30)).toBe(1); // 30 is raised to 180
    expect(await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'old.200'))).toHaveLength(0);
    expect(await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'recent.10'))).toHaveLength(1);
    // outside the purge, deleting stays impossible
    await expect(ctx.db.delete(auditLogs).where(eq(auditLogs.action, 'recent.10'))).rejects.toThrow();
  });
});
