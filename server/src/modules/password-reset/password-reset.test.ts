/**
 * 忘记密码: the same answer whether or not 证件号 + 姓名 + 手机号 match (and the same state behind the 申请编号),
 * rate-limited; a matched request waits in the 找回密码申请 and 待办事项 of the person's unit only (HR for people
 * directly under HR); 重置密码 answers it with the one-time password in one transaction (two admins at once: one
 * 409), 驳回 needs a reason; the state follows; an unanswered request lapses after PASSWORD_RESET_DAYS.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { PASSWORD_RESET_DAYS } from '@hbzsgx/domain';
import { auditLogs, passwordResetRequests, users } from '../../db/schema.js';
import { Client, createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';

let ctx: TestCtx;
let visitor: Client;
let unitAdmin: Client, otherUnitAdmin: Client, hr: Client, plain: Client;
let teacher: Awaited<ReturnType<typeof newPerson>>;
let hrStaff: Awaited<ReturnType<typeof newPerson>>;
let schoolId: number;

const nameOf = async (userId: number) => (await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, userId)))[0]!.name;
const ask = (body: object) => visitor.post('/api/public/password-reset', body);
const stateOf = async (ticket: string) => (await visitor.get(`/api/public/password-reset/${ticket}`)).body;
const queue = (c: Client, tab = 'pending') => c.get(`/api/reviews/password-resets?tab=${tab}`);

beforeAll(async () => {
  ctx = await createTestApp();
  visitor = new Client(ctx);
  const ja = await hrOrg(ctx, '420102');
  schoolId = (await newOrg(ctx, 'employer', ja.id, '找回密码测试中学')).id;
  const otherSchool = (await newOrg(ctx, 'employer', ja.id, '找回密码另一中学')).id;
  teacher = await newPerson(ctx, schoolId);
  hrStaff = await newPerson(ctx, ja.id);
  unitAdmin = await loggedIn(ctx, await newAdmin(ctx, schoolId, { isSuper: true }), 'employer');
  otherUnitAdmin = await loggedIn(ctx, await newAdmin(ctx, otherSchool, { isSuper: true }), 'employer');
  hr = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['personnel.view', 'personnel.manage'] }));
  plain = await loggedIn(ctx, await newAdmin(ctx, schoolId, { permissions: ['personnel.view'] }), 'employer');
});
afterAll(async () => ctx?.close());
afterEach(() => vi.useRealTimers());

describe('忘记密码', () => {
  it('answers a match, a wrong 手机号, a wrong 姓名 and an unknown 证件号 alike; only the match is stored', async () => {
    const name = await nameOf(teacher.userId);
    const before = (await ctx.db.select().from(passwordResetRequests)).length;
    const answers = [
      await ask({ idNumber: teacher.idNumber, personName: name, phone: '13900005678' }),
      await ask({ idNumber: teacher.idNumber, personName: name, phone: '13900005679' }),
      await ask({ idNumber: teacher.idNumber, personName: '张冒名', phone: '13900005678' }),
      await ask({ idNumber: '420102199001011237', personName: name, phone: '13900005678' }),
    ];
    for (const r of answers) {
      expect(r.status).toBe(200);
      expect(Object.keys(r.body).sort()).toEqual(['message', 'ticket']);
      expect(r.body.ticket).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      expect(r.body.message).toBe(answers[0]!.body.message);
    }
    expect(new Set(answers.map((r) => r.body.ticket)).size).toBe(4);
    // every number reads the same: 待处理, today
    const states = await Promise.all(answers.map((r) => stateOf(r.body.ticket)));
    for (const s of states) expect(s).toMatchObject({ status: 'pending', statusName: '待处理', handledAt: null, reason: null });
    expect(new Set(states.map((s) => s.requestedOn)).size).toBe(1);
    const stored = await ctx.db.select().from(passwordResetRequests);
    expect(stored).toHaveLength(before + 1);
    expect(stored.at(-1)).toMatchObject({ userId: teacher.userId, handlerOrgId: schoolId, status: 'pending' });
    expect(JSON.stringify(stored)).not.toContain(answers[0]!.body.ticket); // the number is kept as its hash only
    // audited, masked
    const audits = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'password-reset.request'));
    expect(audits.filter((a) => a.result === 'failure')).toHaveLength(3);
    expect(JSON.stringify(audits)).not.toContain(teacher.idNumber);
  });

  it('refuses a forged or mistyped 申请编号 (404) and bad input (400 naming the field, nothing stored)', async () => {
    const { ticket } = (await ask({ idNumber: teacher.idNumber, personName: '某某', phone: '13900005678' })).body;
    const forged = ticket.slice(0, -1) + (ticket.endsWith('A') ? 'B' : 'A');
    expect((await visitor.get(`/api/public/password-reset/${forged}`)).status).toBe(404);
    expect((await visitor.get(`/api/public/password-reset/1234`)).status).toBe(404);
    expect((await visitor.get(`/api/public/password-reset/${ticket.toLowerCase()}`)).status).toBe(200); // as typed
    expect((await visitor.get(`/api/public/password-reset/${encodeURIComponent('<script>')}`)).status).toBe(400);
    const before = (await ctx.db.select().from(passwordResetRequests)).length;
    const cases: [object, string][] = [
      [{ idNumber: teacher.idNumber, personName: 'x', phone: '13900005678' }, '姓名'],
      [{ idNumber: teacher.idNumber, personName: '张三', phone: '139' }, '手机号'],
      [{ idNumber: '', personName: '张三', phone: '13900005678' }, '证件号'],
      [{ idNumber: teacher.idNumber, personName: '张\u0000三', phone: '13900005678' }, '姓名'],
    ];
    for (const [body, field] of cases) {
      const r = await ask(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.message).toContain(field);
    }
    expect(await ctx.db.select().from(passwordResetRequests)).toHaveLength(before);
  });

  it("reaches the person's unit only: its 找回密码申请 and 待办; not another unit, not HR above, not an admin without the permission", async () => {
    const rows = (await queue(unitAdmin)).body;
    expect(rows.total).toBe(1);
    expect(rows.items[0]).toMatchObject({ personnelId: teacher.personnelId, status: 'pending' });
    expect(rows.items[0].idNumberMasked).toMatch(/\*{4,}/);
    expect(JSON.stringify(rows)).not.toContain(teacher.idNumber);
    const todos = (await unitAdmin.get('/api/dashboard')).body;
    expect(JSON.stringify(todos)).toContain('找回密码申请');
    expect((await queue(otherUnitAdmin)).body.total).toBe(0);
    expect((await queue(hr)).body.total).toBe(0);
    expect((await queue(plain)).status).toBe(403);
    const id = rows.items[0].id;
    expect((await otherUnitAdmin.post(`/api/reviews/password-resets/${id}/reset`)).status).toBe(404);
    expect((await hr.post(`/api/reviews/password-resets/${id}/reset`)).status).toBe(404);
    expect((await plain.post(`/api/reviews/password-resets/${id}/reset`)).status).toBe(403);
    const rej = await otherUnitAdmin.post('/api/reviews/password-resets/decide', { ids: [id], decision: 'reject', reason: '非本单位' });
    expect(rej.status).toBe(404);
    expect((await ctx.db.select().from(passwordResetRequests).where(eq(passwordResetRequests.id, id)))[0]!.status).toBe('pending');
  });

  it('重置密码 answers it with a one-time password the person logs in with; two admins at once: one 409', async () => {
    const name = await nameOf(teacher.userId);
    const { ticket } = (await ask({ idNumber: teacher.idNumber, personName: name, phone: '13900005678' })).body; // replaces the open one
    const rows = (await queue(unitAdmin)).body;
    expect(rows.total).toBe(1);
    const id = rows.items[0].id;
    const second = await loggedIn(ctx, await newAdmin(ctx, schoolId, { permissions: ['personnel.view', 'personnel.manage'] }), 'employer');
    const [a, b] = await Promise.all([
      unitAdmin.post(`/api/reviews/password-resets/${id}/reset`),
      second.post(`/api/reviews/password-resets/${id}/reset`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const won = a.status === 200 ? a : b;
    expect(won.body.password).toMatch(/^Tmp#/);
    const login = await new Client(ctx).login('personnel', teacher.idNumber, won.body.password);
    expect(login.status).toBe(200);
    expect(login.body.mustChangePassword).toBe(true);
    expect(await stateOf(ticket)).toMatchObject({ status: 'done', statusName: '已重置' });
    expect((await queue(unitAdmin)).body.total).toBe(0);
    expect((await queue(unitAdmin, 'done')).body.items[0]).toMatchObject({ id, status: 'done' });
    expect((await unitAdmin.post(`/api/reviews/password-resets/${id}/reset`)).status).toBe(409);
  });

  it('驳回 needs a reason and is the only queue decision; the person reads the reason by the number', async () => {
    const name = await nameOf(hrStaff.userId);
    const { ticket } = (await ask({ idNumber: hrStaff.idNumber, personName: name, phone: '13900005678' })).body;
    const rows = (await queue(hr)).body; // directly under HR: HR answers
    expect(rows.total).toBe(1);
    const id = rows.items[0].id;
    expect((await hr.post('/api/reviews/password-resets/decide', { ids: [id], decision: 'approve' })).status).toBe(400);
    const noReason = await hr.post('/api/reviews/password-resets/decide', { ids: [id], decision: 'reject', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('驳回原因');
    const ok = await hr.post('/api/reviews/password-resets/decide', { ids: [id], decision: 'reject', reason: '请本人携带身份证到人社局办理' });
    expect(ok.body).toEqual({ done: 1, skipped: 0 });
    expect(await stateOf(ticket)).toMatchObject({ status: 'rejected', reason: '请本人携带身份证到人社局办理' });
    expect((await hr.post('/api/reviews/password-resets/decide', { ids: [id], decision: 'reject', reason: '再驳回' })).status).toBe(409);
  });

  it('an unanswered request lapses after PASSWORD_RESET_DAYS — a stored one and an unmatched number alike', async () => {
    const name = await nameOf(teacher.userId);
    const real = (await ask({ idNumber: teacher.idNumber, personName: name, phone: '13900005678' })).body.ticket;
    const decoy = (await ask({ idNumber: teacher.idNumber, personName: name, phone: '13911112222' })).body.ticket;
    const id = (await queue(unitAdmin)).body.items[0].id;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + PASSWORD_RESET_DAYS * 86_400_000 + 60_000 });
    expect(await stateOf(real)).toMatchObject({ status: 'expired', statusName: '已过期' });
    expect(await stateOf(decoy)).toMatchObject({ status: 'expired', statusName: '已过期' });
    vi.useRealTimers();
    // the stored one, as old: out of the queue, and 重置密码 by it refused (the admins' sessions would not last 7 days)
    const old = new Date(Date.now() - PASSWORD_RESET_DAYS * 86_400_000 - 60_000);
    await ctx.db.update(passwordResetRequests).set({ createdAt: old }).where(eq(passwordResetRequests.id, id));
    expect((await queue(unitAdmin)).body.total).toBe(0);
    expect((await unitAdmin.post(`/api/reviews/password-resets/${id}/reset`)).status).toBe(409);
    const [row] = await ctx.db
      .select()
      .from(passwordResetRequests)
      .where(and(eq(passwordResetRequests.id, id)));
    expect(row!.status).toBe('pending'); // nothing changed by the refused reset
  });

  it('is rate-limited per IP like the login', async () => {
    const other = await createTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
    try {
      const v = new Client(other);
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await v.post('/api/public/password-reset', { idNumber: teacher.idNumber, personName: '张三', phone: '13900005678' })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await other.close();
    }
  });
});
