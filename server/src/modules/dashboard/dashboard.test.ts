import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Permission } from '@hbzsgx/domain';
import { organizations } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import type { Actor } from '../../plugins/access.js';
import { mayActOn, type TodoProvider } from './todos.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

type Todo = { key: string };
const keys = (body: { todos: Todo[] }) => body.todos.map((t) => t.key);

describe('待办事项', () => {
  it('lists only the queues the seat can act on: its permissions, its menu, the HR level the requests reach', async () => {
    const county = await freshHrOrg(ctx, 'county');
    const city = await freshHrOrg(ctx, 'city');
    const countyC = await loggedIn(ctx, await newAdmin(ctx, county.id, { isSuper: true }));
    const cityC = await loggedIn(ctx, await newAdmin(ctx, city.id, { isSuper: true }));
    // 人社部门注册审核: an HR department's registration is decided above it; no county has one below it
    expect(keys((await cityC.get('/api/dashboard')).body)).toContain('reg-hr');
    const countyTodos = keys((await countyC.get('/api/dashboard')).body);
    expect(countyTodos).not.toContain('reg-hr');
    expect(countyTodos).toContain('reg-employer');
    // admin.manage without admin.view: the 管理单位管理员 page is not in the seat's menu, so no card leads there
    const manager = await loggedIn(ctx, await newAdmin(ctx, county.id, { permissions: ['admin.manage', 'reg.review'] }));
    const mine = keys((await manager.get('/api/dashboard')).body);
    expect(mine).not.toContain('admins-without-role');
    expect(mine).toContain('reg-personnel');
  });

  it('a queue bound to an HR duty (HR_DUTIES) shows only where the duty applies', () => {
    const provider: TodoProvider = {
      key: 'x',
      title: '学时审验',
      path: '/hours/audit',
      permission: 'claim.audit',
      hrDuty: 'audit',
      count: async () => 0,
    };
    const actor = (hrLevel: 'province' | 'city' | 'county', permissions: Permission[] = ['claim.audit']) =>
      ({ org: { id: 1, type: 'hr', hrLevel, path: '/1/', name: '' }, permissions: new Set(permissions) }) as unknown as Actor;
    expect(mayActOn(provider, actor('city'))).toBe(true);
    expect(mayActOn(provider, actor('province'))).toBe(true);
    expect(mayActOn(provider, actor('county'))).toBe(false);
    expect(mayActOn(provider, actor('city', ['claim.review']))).toBe(false);
  });
});

describe('辖区概况', () => {
  it('counts active organisations only, as 继教综合统计 does', async () => {
    const county = await freshHrOrg(ctx, 'county');
    const c = await loggedIn(ctx, await newAdmin(ctx, county.id, { isSuper: true }));
    const active = await newOrg(ctx, 'employer', county.id, '概况在用单位', county.divisionCode);
    await newOrg(ctx, 'employer', county.id, '概况待审单位', county.divisionCode).then((o) =>
      ctx.db.update(organizations).set({ status: 'pending' }).where(eq(organizations.id, o.id)),
    );
    const disabled = await newOrg(ctx, 'base', county.id, '概况停用基地', county.divisionCode);
    await ctx.db.update(organizations).set({ status: 'disabled' }).where(eq(organizations.id, disabled.id));
    await newPerson(ctx, active.id);

    const d = (await c.get('/api/dashboard')).body as { summary: { label: string; value: number }[] };
    const v = (label: string) => d.summary.find((s) => s.label === label)?.value;
    expect(v('用人单位')).toBe(1);
    expect(v('继续教育基地')).toBe(0);
    const s = await c.get('/api/stats/overview?year=2026');
    expect(s.status).toBe(200);
    expect(v('用人单位')).toBe(s.body.orgs.employer);
    expect(v('继续教育基地')).toBe(s.body.orgs.base);
    expect(v('主管部门')).toBe(s.body.orgs.authority);
    expect(v('专业技术人员')).toBe(s.body.personnel);
  });
});
