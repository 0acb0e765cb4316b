/**
 * 个人信息 › 修改联系方式 (PUT /api/me/contact): the user's own 手机号 (stored encrypted, shown masked) and 电子邮箱,
 * confirmed with the current password; audited with masked values; a wrong password, a bad number or e-mail, control
 * characters: 400 naming the field, nothing written; nobody else's contact changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLogs, users } from '../../db/schema.js';
import { createTestApp, Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newOrg, newPerson } from '../../../test/fixtures.js';

let ctx: TestCtx;
let me: Awaited<ReturnType<typeof newPerson>>, other: Awaited<ReturnType<typeof newPerson>>;
let person: Client;

beforeAll(async () => {
  ctx = await createTestApp();
  const empId = (await newOrg(ctx, 'employer', (await hrOrg(ctx, '420102')).id, '联系方式测试中学')).id;
  me = await newPerson(ctx, empId);
  other = await newPerson(ctx, empId);
  person = await loggedIn(ctx, me, 'personnel');
});
afterAll(async () => ctx?.close());

const userRow = async (id: number) => (await ctx.db.select().from(users).where(eq(users.id, id)))[0]!;

describe('修改联系方式', () => {
  it('changes the own 手机号 and 电子邮箱, masked in the answer and the audit log', async () => {
    const before = await userRow(other.userId);
    const r = await person.put('/api/me/contact', { phone: '13871234567', email: ' zhang@example.cn ', password: me.password });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ phoneMasked: '138****4567', email: 'zhang@example.cn' });
    const u = await userRow(me.userId);
    expect(ctx.pii.decrypt(u.phoneEnc!)).toBe('13871234567');
    expect(u.phoneMasked).toBe('138****4567');
    const [a] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'profile.contact'), eq(auditLogs.targetId, String(me.userId))))
      .orderBy(desc(auditLogs.id));
    expect(JSON.stringify(a!.detail)).not.toContain('13871234567');
    expect(a!.detail).toMatchObject({ after: { phone: '138****4567', email: 'zhang@example.cn' } });
    expect(await userRow(other.userId)).toEqual(before); // only the signed-in user's

    const cleared = await person.put('/api/me/contact', { phone: '13871234567', email: '', password: me.password });
    expect(cleared.body.email).toBeNull();
  });

  it('refuses a wrong password and bad values with 400 naming the field, writing nothing', async () => {
    const before = await userRow(me.userId);
    const cases: [unknown, string][] = [
      [{ phone: '13900001111', email: '', password: 'Wrong@2026x' }, '当前密码'],
      [{ phone: '1390000111', email: '', password: me.password }, '手机号'],
      [{ phone: '13900001111', email: 'not-an-email', password: me.password }, '电子邮箱'],
      [{ phone: '13900001111', email: 'a\u0000@b.cn', password: me.password }, ''],
      [{ phone: '13900001111', email: '' }, '当前密码'],
    ];
    for (const [body, field] of cases) {
      const r = await person.put('/api/me/contact', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.message).toContain(field);
    }
    const after = await userRow(me.userId);
    expect({ ...after, failedAttempts: 0 }).toEqual({ ...before, failedAttempts: 0 });
    expect((await new Client(ctx).put('/api/me/contact', { phone: '13900001111', email: '', password: me.password })).status).toBe(401);
  });
});
