import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { captchas, sessions, users, auditLogs } from '../../db/schema.js';
import { sha256 } from '../../lib/tokens.js';
import { buildApp } from '../../app.js';
import { Client, createTestApp, testConfig, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, hrOrg, newAdmin, newPerson, loggedIn, PASSWORD } from '../../../test/fixtures.js';

let ctx: TestCtx;
let orgId: number;
beforeAll(async () => {
  ctx = await createTestApp();
  orgId = (await hrOrg(ctx, '420100')).id;
});
afterAll(async () => ctx?.close());

describe('login', () => {
  it('logs in, sets an httpOnly SameSite cookie, and /me shows org, permissions and menus', async () => {
    const a = await newAdmin(ctx, orgId, { isSuper: true, name: '李文华' });
    const c = new Client(ctx);
    const r = await c.login('hr', a.idNumber, a.password);
    expect(r.status).toBe(200);
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/sid=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.name).toBe('李文华');
    expect(me.body.org.name).toBe('武汉市人力资源和社会保障局');
    expect(me.body.isSuper).toBe(true);
    expect(me.body.permissions).toContain('suborg.view');
    expect(JSON.stringify(me.body.menus)).toContain('管理单位管理员');
    const [s] = await ctx.db.select().from(sessions).where(eq(sessions.userId, a.userId));
    expect(s!.id).toBe(sha256(c.cookie.slice(4))); // only the token's hash is stored
  });

  it('accepts a lower-case x and full-width digits in the account', async () => {
    const a = await newAdmin(ctx, orgId, { isSuper: false });
    const wide = a.idNumber.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).toLowerCase();
    expect((await new Client(ctx).login('hr', ` ${wide} `, a.password)).status).toBe(200);
  });

  it('answers the same message for an unknown account and a wrong password', async () => {
    const a = await newAdmin(ctx, orgId);
    const unknown = await new Client(ctx).login('hr', '11010519491231002X', 'Whatever1!');
    const wrong = await new Client(ctx).login('hr', a.idNumber, 'Wrong@pass1');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe('账号或密码错误');
    expect(wrong.body.message).toBe('账号或密码错误');
  });

  it('refuses the wrong user type', async () => {
    const a = await newAdmin(ctx, orgId);
    const r = await new Client(ctx).login('employer', a.idNumber, a.password);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('NO_SEAT');
  });

  it('locks after 5 failures for 15 minutes (even the right password), logs it, and unlocks after expiry', async () => {
    const a = await newAdmin(ctx, orgId);
    for (let i = 0; i < 4; i++) expect((await new Client(ctx).login('hr', a.idNumber, 'Wrong@pass1')).status).toBe(401);
    const fifth = await new Client(ctx).login('hr', a.idNumber, 'Wrong@pass1');
    expect(fifth.status).toBe(403);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    const right = await new Client(ctx).login('hr', a.idNumber, a.password);
    expect(right.status).toBe(403);
    expect(right.body.message).toMatch(/锁定.*1[45]分钟/);
    const [u] = await ctx.db.select().from(users).where(eq(users.id, a.userId));
    expect(u!.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const logged = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'account.locked'));
    expect(logged.some((l) => l.actorUserId === a.userId)).toBe(true);
    // the lock expires
    await ctx.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, a.userId));
    expect((await new Client(ctx).login('hr', a.idNumber, a.password)).status).toBe(200);
  });

  it('a successful login resets the failure count', async () => {
    const a = await newAdmin(ctx, orgId);
    for (let i = 0; i < 4; i++) await new Client(ctx).login('hr', a.idNumber, 'Wrong@pass1');
    expect((await new Client(ctx).login('hr', a.idNumber, a.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await new Client(ctx).login('hr', a.idNumber, 'Wrong@pass1')).status).toBe(401);
  });

  it('refuses a disabled account', async () => {
    const a = await newAdmin(ctx, orgId);
    await ctx.db.update(users).set({ status: 'disabled' }).where(eq(users.id, a.userId));
    const r = await new Client(ctx).login('hr', a.idNumber, a.password);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('ACCOUNT_DISABLED');
    expect(r.body.message).toContain('停用');
  });

  it('logs personnel in as 专业技术人员', async () => {
    const p = await newPerson(ctx, orgId);
    const c = await loggedIn(ctx, p, 'personnel');
    const me = await c.get('/api/auth/me');
    expect(me.body.kind).toBe('personnel');
    expect(me.body.permissions).toEqual([]);
    expect((await c.get('/api/admins')).status).toBe(403);
    const prof = await c.get('/api/me/profile');
    expect(prof.body.idNumberMasked).toMatch(/^4201\*{10}\w{4}$/);
  });

  it('bad input answers 400 naming the field in Chinese', async () => {
    const r = await new Client(ctx).post('/api/auth/login', { loginType: 'nobody', account: '', password: 'x' });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('用户类型');
    expect(r.body.message).toContain('账号');
  });
});

describe('captcha', () => {
  let cap: TestCtx['app'];
  beforeAll(async () => {
    cap = await buildApp({ config: testConfig({ CAPTCHA: 'on' }), database: ctx.database, pii: ctx.pii }, { logger: false });
  });
  afterAll(async () => cap?.close());
  const post = (payload: object) =>
    cap.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { host: 'localhost', origin: 'http://localhost' } });

  it('issues an SVG image challenge', async () => {
    const r = await cap.inject({ method: 'GET', url: '/api/auth/captcha' });
    const b = r.json();
    expect(b.enabled).toBe(true);
    expect(b.image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(b.image.split(',')[1], 'base64').toString()).toContain('<svg');
  });

  it('refuses a missing, wrong or reused captcha; accepts the right one once', async () => {
    const a = await newAdmin(ctx, orgId);
    expect((await post({ loginType: 'hr', account: a.idNumber, password: a.password })).json().message).toBe('请输入验证码');
    await ctx.db.insert(captchas).values({ id: 'c1', answerHash: sha256('ab3d'), expiresAt: new Date(Date.now() + 60_000) });
    const wrong = await post({ loginType: 'hr', account: a.idNumber, password: a.password, captchaId: 'c1', captcha: 'zzzz' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe('验证码错误');
    // the failed attempt consumed the challenge
    const reused = await post({ loginType: 'hr', account: a.idNumber, password: a.password, captchaId: 'c1', captcha: 'ab3d' });
    expect(reused.json().message).toContain('已失效');
    await ctx.db.insert(captchas).values({ id: 'c2', answerHash: sha256('ab3d'), expiresAt: new Date(Date.now() + 60_000) });
    const ok = await post({ loginType: 'hr', account: a.idNumber, password: a.password, captchaId: 'c2', captcha: 'AB3D' });
    expect(ok.statusCode).toBe(200);
    await ctx.db.insert(captchas).values({ id: 'c3', answerHash: sha256('ab3d'), expiresAt: new Date(Date.now() - 1000) });
    expect((await post({ loginType: 'hr', account: a.idNumber, password: a.password, captchaId: 'c3', captcha: 'ab3d' })).json().message).toContain(
      '已失效',
    );
  });
});

describe('rate limiting', () => {
  it('limits captcha and login requests per IP with a Chinese 429', async () => {
    const limited = await buildApp(
      { config: testConfig({ RATE_LIMIT_LOGIN_PER_MINUTE: '3' }), database: ctx.database, pii: ctx.pii },
      { logger: false },
    );
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await limited.inject({ method: 'GET', url: '/api/auth/captcha' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const r = await limited.inject({ method: 'GET', url: '/api/auth/captcha' });
      expect(r.json().message).toContain('请求过于频繁');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await limited.close();
    }
  });
});

describe('forced password change and password policy', () => {
  it('blocks everything but the change until the password is changed', async () => {
    const a = await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true, mustChangePassword: true });
    const c = await loggedIn(ctx, a);
    const me = await c.get('/api/auth/me');
    expect(me.body.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/admins');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.post('/api/auth/password', { oldPassword: a.password, newPassword: 'short1A' })).body.message).toContain('不能少于8位');
    expect((await c.post('/api/auth/password', { oldPassword: a.password, newPassword: 'alllowercase1' })).body.message).toContain('至少3类');
    expect((await c.post('/api/auth/password', { oldPassword: a.password, newPassword: a.idNumber })).body.message).toContain('证件号');
    expect((await c.post('/api/auth/password', { oldPassword: a.password, newPassword: a.password })).body.message).toContain('不能与原密码相同');
    const badOld = await c.post('/api/auth/password', { oldPassword: 'Nope@12345', newPassword: 'New@pass2026' });
    expect(badOld.status).toBe(400);
    expect(badOld.body.message).toContain('原密码不正确');
    expect(badOld.body.fields).toEqual([{ field: 'oldPassword', label: '原密码', message: '原密码不正确' }]);
    const ok = await c.post('/api/auth/password', { oldPassword: a.password, newPassword: 'New@pass2026' });
    expect(ok.status).toBe(200);
    expect((await c.get('/api/admins')).status).toBe(200);
    // the new password works, the old does not
    expect((await new Client(ctx).login('hr', a.idNumber, 'New@pass2026')).status).toBe(200);
    expect((await new Client(ctx).login('hr', a.idNumber, a.password)).status).toBe(401);
  });

  it("a password change ends the person's other sessions but keeps this one", async () => {
    const a = await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true });
    const c1 = await loggedIn(ctx, a);
    const c2 = await loggedIn(ctx, a);
    expect((await c1.post('/api/auth/password', { oldPassword: a.password, newPassword: 'Other@pass2026' })).status).toBe(200);
    expect((await c1.get('/api/auth/me')).status).toBe(200);
    expect((await c2.get('/api/auth/me')).status).toBe(401);
  });

  it('passwords are stored as scrypt hashes', async () => {
    const a = await newAdmin(ctx, orgId);
    const [u] = await ctx.db.select().from(users).where(eq(users.id, a.userId));
    expect(u!.passwordHash).toMatch(/^scrypt\$/);
    expect(u!.passwordHash).not.toContain(PASSWORD);
    expect(u!.idNumberEnc).not.toContain(a.idNumber);
  });
});

describe('sessions', () => {
  it('logout ends the server-side session; the old cookie no longer works', async () => {
    const a = await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true });
    const c = await loggedIn(ctx, a);
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    const again = new Client(ctx);
    again.cookie = cookie;
    expect((await again.get('/api/auth/me')).status).toBe(401);
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, a.userId))).toHaveLength(0);
  });

  it('an idle session expires on the server', async () => {
    const a = await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true });
    const c = await loggedIn(ctx, a);
    expect((await c.get('/api/auth/me')).status).toBe(200); // its actor is cached now
    // 31 minutes without a request (SESSION_IDLE_MINUTES 30), here and in the database
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31 * 60_000 });
    try {
      const r = await c.get('/api/auth/me');
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('SESSION_EXPIRED');
    } finally {
      vi.useRealTimers();
    }
    expect(await ctx.db.select().from(sessions).where(eq(sessions.userId, a.userId))).toHaveLength(0);
  });

  it('each login gets a new session id', async () => {
    const a = await newAdmin(ctx, orgId);
    const c = await loggedIn(ctx, a);
    const first = c.cookie;
    await c.login('hr', a.idNumber, a.password);
    expect(c.cookie).not.toBe(first);
    const [{ n }] = (await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(sessions)
      .where(eq(sessions.userId, a.userId))) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('refuses state-changing requests from another origin (CSRF)', async () => {
    const a = await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true });
    const c = await loggedIn(ctx, a);
    const r = await c.req('POST', '/api/departments', { name: '恶意部门' }, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('CSRF');
    const none = await ctx.app.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { name: 'x' },
      headers: { host: 'localhost', cookie: c.cookie },
    });
    expect(none.statusCode).toBe(403);
  });

  it('requires a session for protected routes', async () => {
    expect((await new Client(ctx).get('/api/admins')).status).toBe(401);
    expect((await new Client(ctx).get('/api/auth/me')).body.message).toBe('请先登录');
  });
});

describe('menus by level', () => {
  it('学时审验 is for city level and up, 学时政策设置 for the province only', async () => {
    const menuOf = async (division: string) => {
      const c = await loggedIn(
        ctx,
        await newAdmin(ctx, (await hrOrg(ctx, division)).id, { permissions: ['claim.review', 'claim.audit', 'policy.manage'] }),
      );
      return JSON.stringify((await c.get('/api/auth/me')).body.menus);
    };
    const county = await menuOf('420104');
    expect(county).toContain('学时审核');
    expect(county).not.toContain('学时审验');
    const city = await menuOf('420500');
    expect(city).toContain('学时审验');
    expect(city).not.toContain('学时政策设置');
    expect(await menuOf('420000')).toContain('学时政策设置');
  });
});
