import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { admins, auditLogs, users } from '../../db/schema.js';
import { Client, createTestApp, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin, newOrg, newPerson, nextIdNumber, PASSWORD } from '../../../test/fixtures.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function setup() {
  const org = await freshHrOrg(ctx);
  const sup = await newAdmin(ctx, org.id, { isSuper: true, name: '超管' });
  const c = await loggedIn(ctx, sup);
  return { org, sup, c, dept: sup.departmentId };
}

const register = (dept: number, over: Record<string, unknown> = {}) => ({
  mode: 'register',
  idType: 'resident',
  idNumber: nextIdNumber(),
  password: 'Init@2026ab',
  confirmPassword: 'Init@2026ab',
  realName: '孙新',
  phone: '13912345678',
  email: 'sunxin@example.cn',
  landline: '',
  departmentId: dept,
  roleIds: [],
  ...over,
});

describe('新增管理员', () => {
  it('a. 选择成为管理员: a registered person of this organisation', async () => {
    const { org, c, dept } = await setup();
    const p = await newPerson(ctx, org.id, dept);
    const cand = await c.get(`/api/admins/candidates?departmentId=${dept}`);
    expect(cand.body.items.map((x: { userId: number }) => x.userId)).toContain(p.userId);
    const r = await c.post('/api/admins', { mode: 'select', userId: p.userId, departmentId: dept, roleIds: [] });
    expect(r.status).toBe(200);
    expect((await c.post('/api/admins', { mode: 'select', userId: p.userId, departmentId: dept, roleIds: [] })).status).toBe(409);
    // someone of another organisation cannot be picked
    const elsewhere = await newPerson(ctx, (await freshHrOrg(ctx)).id);
    expect((await c.post('/api/admins', { mode: 'select', userId: elsewhere.userId, departmentId: dept, roleIds: [] })).status).toBe(404);
  });

  it('b. 注册成为管理员: a new person, forced to change the password at first login', async () => {
    const { c, dept } = await setup();
    const body = register(dept);
    const r = await c.post('/api/admins', body);
    expect(r.status).toBe(200);
    const n = new Client(ctx);
    expect((await n.login('hr', body.idNumber as string, 'Init@2026ab')).body.mustChangePassword).toBe(true);
    const [u] = await ctx.db.select().from(users).where(eq(users.id, r.body.userId));
    expect(u).toMatchObject({ name: '孙新', gender: expect.any(String), phoneMasked: '139****5678' });
    const log = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'admin.create'));
    expect(JSON.stringify(log)).not.toContain(body.idNumber as string);
  });

  it('b. refuses a duplicate 证件号, a bad checksum, mismatched or weak passwords — writing nothing', async () => {
    const { c, dept, sup } = await setup();
    const count = async () => (await ctx.db.select().from(users)).length;
    const before = await count();
    const dup = await c.post('/api/admins', register(dept, { idNumber: sup.idNumber }));
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('已在系统中注册');
    const bad = await c.post('/api/admins', register(dept, { idNumber: '420102199003072914' }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('证件号');
    expect(bad.body.message).toContain('校验位');
    const mismatch = await c.post('/api/admins', register(dept, { confirmPassword: 'Other@2026' }));
    expect(mismatch.body.message).toContain('确认密码');
    const weak = await c.post('/api/admins', register(dept, { password: 'abcdefgh', confirmPassword: 'abcdefgh' }));
    expect(weak.body.message).toContain('密码');
    const fields = await c.post('/api/admins', register(dept, { phone: '123', email: 'nope', realName: '' }));
    for (const l of ['手机号', '电子邮箱', '真实姓名']) expect(fields.body.message).toContain(l);
    expect((await c.post('/api/admins', { mode: 'whatever' })).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('c. 添加成为管理员: an existing person, proven by their own password', async () => {
    const { c, dept } = await setup();
    const other = await newPerson(ctx, (await freshHrOrg(ctx)).id);
    const wrong = await c.post('/api/admins', {
      mode: 'existing',
      idType: 'resident',
      idNumber: other.idNumber,
      password: 'Wrong@2026',
      departmentId: dept,
      roleIds: [],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('不正确');
    const [u] = await ctx.db.select().from(users).where(eq(users.id, other.userId));
    expect(u!.failedAttempts).toBe(1); // counts toward the lockout
    const unknown = await c.post('/api/admins', {
      mode: 'existing',
      idType: 'resident',
      idNumber: nextIdNumber(),
      password: PASSWORD,
      departmentId: dept,
      roleIds: [],
    });
    expect(unknown.body.message).toBe(wrong.body.message);
    const ok = await c.post('/api/admins', {
      mode: 'existing',
      idType: 'resident',
      idNumber: other.idNumber,
      password: PASSWORD,
      departmentId: dept,
      roleIds: [],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.userId).toBe(other.userId);
    expect((await new Client(ctx).login('hr', other.idNumber, PASSWORD)).status).toBe(200);
  });

  it('bases have only ways b and c', async () => {
    const { org } = await setup();
    const base = await newOrg(ctx, 'base', org.id, '测试继续教育基地');
    const b = await newAdmin(ctx, base.id, { isSuper: true });
    const bc = await loggedIn(ctx, b, 'base');
    const p = await newPerson(ctx, base.id, b.departmentId);
    const r = await bc.post('/api/admins', { mode: 'select', userId: p.userId, departmentId: b.departmentId, roleIds: [] });
    expect(r.status).toBe(400);
    expect((await bc.post('/api/admins', register(b.departmentId))).status).toBe(200);
  });

  it('refuses a department or role of another organisation', async () => {
    const { c, dept } = await setup();
    const x = await setup();
    const role = await x.c.post('/api/roles', { name: '他人角色', permissions: ['dept.view'] });
    expect((await c.post('/api/admins', register(x.dept))).status).toBe(404);
    expect((await c.post('/api/admins', register(dept, { roleIds: [role.body.id] }))).status).toBe(404);
  });
});

describe('roles of admins and privilege limits', () => {
  it('assigns roles; the change applies on the next request', async () => {
    const { org, c } = await setup();
    const role = await c.post('/api/roles', { name: '部门维护', permissions: ['dept.view', 'dept.manage'] });
    const plain = await newAdmin(ctx, org.id, { permissions: [] });
    const pc = await loggedIn(ctx, plain);
    expect((await pc.get('/api/departments')).status).toBe(403);
    expect((await c.put(`/api/admins/${plain.adminId}/roles`, { roleIds: [role.body.id] })).status).toBe(200);
    expect((await pc.get('/api/departments')).status).toBe(200);
    await c.put(`/api/admins/${plain.adminId}/roles`, { roleIds: [] });
    expect((await pc.get('/api/departments')).status).toBe(403);
  });

  it('an admin manager cannot grant permissions they do not hold, nor change their own roles', async () => {
    const { org, c } = await setup();
    const strong = await c.post('/api/roles', { name: '角色管理员', permissions: ['role.manage', 'admin.view'] });
    const mgrRole = await c.post('/api/roles', { name: '管理员维护', permissions: ['admin.view', 'admin.manage'] });
    const mgr = await newAdmin(ctx, org.id);
    await c.put(`/api/admins/${mgr.adminId}/roles`, { roleIds: [mgrRole.body.id] });
    const mc = await loggedIn(ctx, mgr);
    const target = await newAdmin(ctx, org.id);
    const r = await mc.put(`/api/admins/${target.adminId}/roles`, { roleIds: [strong.body.id] });
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('角色管理');
    expect((await mc.put(`/api/admins/${mgr.adminId}/roles`, { roleIds: [mgrRole.body.id, strong.body.id] })).status).toBe(403);
  });
});

describe('设为超级管理员', () => {
  it('hands the seat over in one step; the former super admin loses it at once', async () => {
    const { org, sup, c } = await setup();
    const next = await newAdmin(ctx, org.id);
    const nc = await loggedIn(ctx, next);
    expect((await nc.get('/api/roles/catalogue')).status).toBe(403);
    expect((await c.post(`/api/admins/${next.adminId}/make-super`)).status).toBe(200);
    const me = await c.get('/api/auth/me');
    expect(me.body.isSuper).toBe(false);
    expect((await c.get('/api/roles/catalogue')).status).toBe(403);
    expect((await nc.get('/api/auth/me')).body.isSuper).toBe(true);
    expect((await nc.get('/api/roles/catalogue')).status).toBe(200);
    const supers = await ctx.db
      .select()
      .from(admins)
      .where(and(eq(admins.orgId, org.id), eq(admins.isSuper, true), isNull(admins.removedAt)));
    expect(supers.map((s) => s.userId)).toEqual([next.userId]);
    expect((await c.post(`/api/admins/${sup.adminId}/make-super`)).status).toBe(403);
  });

  it('only the super admin can hand over; concurrent hand-overs: exactly one wins', async () => {
    const { org, c } = await setup();
    const a = await newAdmin(ctx, org.id, { permissions: ['admin.view', 'admin.manage'] });
    const b = await newAdmin(ctx, org.id);
    const ac = await loggedIn(ctx, a);
    expect((await ac.post(`/api/admins/${b.adminId}/make-super`)).status).toBe(403);
    const [r1, r2] = await Promise.all([c.post(`/api/admins/${a.adminId}/make-super`), c.post(`/api/admins/${b.adminId}/make-super`)]);
    // The loser answers 409 when both transactions overlap, or 403 when the winner committed before the
    // loser's session was read (it is then no longer the super admin). Never two winners, never a 5xx.
    const statuses = [r1.status, r2.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const loser = r1.status === 200 ? r2 : r1;
    expect(loser.body.message).toMatch(/[\u4e00-\u9fa5]/);
    const supers = await ctx.db
      .select()
      .from(admins)
      .where(and(eq(admins.orgId, org.id), eq(admins.isSuper, true), isNull(admins.removedAt)));
    expect(supers).toHaveLength(1);
  });
});

describe('删除管理员', () => {
  it('removes the seat and its sessions but never the person', async () => {
    const { org, sup, c } = await setup();
    const x = await newAdmin(ctx, org.id, { permissions: ['dept.view'] });
    const xc = await loggedIn(ctx, x);
    expect((await c.del(`/api/admins/${sup.adminId}`)).status).toBe(409);
    expect((await c.del(`/api/admins/${x.adminId}`)).status).toBe(200);
    expect((await xc.get('/api/departments')).status).toBe(401);
    expect(await ctx.db.select().from(users).where(eq(users.id, x.userId))).toHaveLength(1);
    expect((await c.del(`/api/admins/${x.adminId}`)).status).toBe(404);
    const list = await c.get('/api/admins');
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(x.adminId);
  });
});

describe('list, export and personal data', () => {
  it('lists with masked 证件号/手机号, server-side paging and filters', async () => {
    const { org, c, sup } = await setup();
    for (let i = 0; i < 3; i++) await newAdmin(ctx, org.id, { name: `列表${i}` });
    const p1 = await c.get('/api/admins?page=1&pageSize=2');
    expect(p1.body.total).toBe(4);
    expect(p1.body.items).toHaveLength(2);
    expect(p1.body.items[0].isSuper).toBe(true);
    expect(p1.body.items[0].idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(p1.body)).not.toContain(sup.idNumber);
    expect((await c.get('/api/admins?keyword=列表1')).body.total).toBe(1);
    expect((await c.get('/api/admins?pageSize=1000')).status).toBe(400);
  });

  it('exports xlsx with the same filters, masked', async () => {
    const { org, c, sup } = await setup();
    await newAdmin(ctx, org.id, { name: '导出甲' });
    await newAdmin(ctx, org.id, { name: '其他乙' });
    const r = await c.get('/api/admins/export?keyword=导出');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-disposition'])).toContain('attachment');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.raw.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('姓名');
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe('导出甲');
    expect(String(ws.getRow(2).getCell(3).value)).toMatch(/\*{10}/);
    expect(JSON.stringify(ws.getSheetValues())).not.toContain(sup.idNumber);
    const logs = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'export'));
    expect(logs.length).toBeGreaterThan(0);
  });

  it('full 证件号 needs pii.view and is audited', async () => {
    const { org, c } = await setup();
    const t = await newAdmin(ctx, org.id);
    const r = await c.get(`/api/admins/${t.adminId}/identity`);
    expect(r.body.idNumber).toBe(t.idNumber);
    expect(r.body.phone).toBe('13800001234');
    const [log] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'pii.view'), eq(auditLogs.targetId, String(t.userId))));
    expect(log).toBeDefined();
    const viewer = await loggedIn(ctx, await newAdmin(ctx, org.id, { permissions: ['admin.view'] }));
    expect((await viewer.get(`/api/admins/${t.adminId}/identity`)).status).toBe(403);
  });

  it("another organisation's admins answer 404 on every id route", async () => {
    const mine = await setup();
    const theirs = await setup();
    const t = await newAdmin(ctx, theirs.org.id);
    for (const [m, u] of [
      ['PUT', `/api/admins/${t.adminId}/roles`],
      ['POST', `/api/admins/${t.adminId}/make-super`],
      ['DELETE', `/api/admins/${t.adminId}`],
      ['GET', `/api/admins/${t.adminId}/identity`],
    ] as const) {
      const r = await mine.c.req(m, u, m === 'PUT' ? { roleIds: [] } : m === 'POST' ? {} : undefined);
      expect(r.status, `${m} ${u}`).toBe(404);
    }
    const [still] = await ctx.db.select().from(admins).where(eq(admins.id, t.adminId));
    expect(still!.removedAt).toBeNull();
  });
});
