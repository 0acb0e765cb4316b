import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { beijingDate } from '@hbzsgx/domain';
import { eq } from 'drizzle-orm';
import { auditTargetLabel } from '@hbzsgx/domain';
import { auditLogs, claims, trainingClasses, users } from '../../db/schema.js';
import { writeAudit } from '../../lib/audit.js';
import { queryRows } from '../../db/client.js';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('审计日志', () => {
  it('records who, which organisation, what, result and IP; scoped to the jurisdiction', async () => {
    const city = await hrOrg(ctx, '420500'); // 宜昌市
    const county = await hrOrg(ctx, '420502'); // 西陵区 (under 宜昌)
    const sibling = await hrOrg(ctx, '420503'); // 伍家岗区 (under 宜昌)
    // the auditors read (三员分立: an auditor role holds audit.view only); the super admins act
    const cityC = await loggedIn(ctx, await newAdmin(ctx, city.id, { permissions: ['audit.view'], name: '市审计员' }));
    const countyC = await loggedIn(ctx, await newAdmin(ctx, county.id, { permissions: ['audit.view'], name: '西陵审计员' }));
    const countyAdmin = await loggedIn(ctx, await newAdmin(ctx, county.id, { isSuper: true, name: '西陵管理员' }));
    const sibC = await loggedIn(ctx, await newAdmin(ctx, sibling.id, { isSuper: true, name: '伍家岗管理员' }));
    await countyAdmin.post('/api/departments', { name: '西陵科室' });
    await sibC.post('/api/departments', { name: '伍家岗科室' });

    const cityView = await cityC.get('/api/audit-logs?action=department.create');
    const names = cityView.body.items.map((i: { actorName: string }) => i.actorName);
    expect(names).toEqual(expect.arrayContaining(['西陵管理员', '伍家岗管理员']));
    const row = cityView.body.items.find((i: { actorName: string }) => i.actorName === '西陵管理员');
    expect(row).toMatchObject({ action: 'department.create', result: 'success', actorOrgId: county.id, targetType: 'department' });
    expect(row.ip).toBeTruthy();

    const countyView = await countyC.get('/api/audit-logs?action=department.create');
    expect(countyView.body.items.map((i: { actorName: string }) => i.actorName)).toEqual(['西陵管理员']);
    expect((await countyC.get('/api/audit-logs?keyword=伍家岗')).body.total).toBe(0);

    const emp = await newOrg(ctx, 'employer', county.id, '西陵某单位', '420502');
    await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true, name: '单位管理员' }), 'employer');
    const empC = await loggedIn(ctx, await newAdmin(ctx, emp.id, { permissions: ['audit.view'], name: '单位审计员' }), 'employer');
    const own = await empC.get('/api/audit-logs');
    expect(own.body.total).toBeGreaterThan(0);
    expect(own.body.items.every((i: { actorOrgId: number }) => i.actorOrgId === emp.id)).toBe(true);
    expect((await cityC.get('/api/audit-logs?keyword=单位管理员')).body.total).toBeGreaterThan(0);
  });

  it("every audit row's jurisdiction keys say what its actor_org_path says (the HR departments on it, as a prefix)", async () => {
    const county = await hrOrg(ctx, '420502');
    const emp = await newOrg(ctx, 'employer', county.id, '西陵键单位', '420502');
    await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true, name: '键单位管理员' }), 'employer');
    const keyed = await queryRows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_logs WHERE actor_county_hr_id = ${county.id}`);
    expect(keyed[0]!.n).toBeGreaterThan(0);
    // the truth by path prefix, independent of hr_region_of_path(): a row under a city's/county's path carries its
    // id, and a row carries no key whose organisation's path is not a prefix of its own
    const drift = await queryRows<{ id: number }>(
      ctx.db,
      sql`SELECT a.id FROM audit_logs a JOIN organizations o ON o.type = 'hr' AND o.hr_level IN ('city', 'county')
           WHERE starts_with(a.actor_org_path, o.path)
             AND (CASE o.hr_level WHEN 'city' THEN a.actor_city_hr_id ELSE a.actor_county_hr_id END) IS DISTINCT FROM o.id
          UNION
          SELECT a.id FROM audit_logs a LEFT JOIN organizations c ON c.id = a.actor_city_hr_id LEFT JOIN organizations k ON k.id = a.actor_county_hr_id
           WHERE (a.actor_city_hr_id IS NOT NULL AND NOT coalesce(starts_with(a.actor_org_path, c.path), false))
              OR (a.actor_county_hr_id IS NOT NULL AND NOT coalesce(starts_with(a.actor_org_path, k.path), false))`,
    );
    expect(drift).toEqual([]);
  });

  it('filters by result and date; rejects bad dates with a Chinese message', async () => {
    const org = await hrOrg(ctx, '420600');
    const c = await loggedIn(ctx, await newAdmin(ctx, org.id, { permissions: ['audit.view'] }));
    const today = beijingDate(); // the Beijing date
    expect((await c.get(`/api/audit-logs?from=${today}&to=${today}&action=auth.login`)).body.total).toBeGreaterThan(0);
    expect((await c.get('/api/audit-logs?from=2000-01-01&to=2000-01-02')).body.total).toBe(0);
    const bad = await c.get('/api/audit-logs?from=not-a-date');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('开始时间');
    const exp = await c.get('/api/audit-logs/export?action=auth.login');
    expect(exp.status).toBe(200);
    expect(String(exp.headers['content-type'])).toContain('spreadsheetml');
    // 对象 reads as users read it: the export of the export names what was exported; a department by its kind
    const exports = await readXlsx(await c.get('/api/audit-logs/export?action=export'));
    expect(column(exports, '对象')).toContain('导出：审计日志');
    const admin = await loggedIn(ctx, await newAdmin(ctx, org.id, { isSuper: true }));
    await admin.post('/api/departments', { name: '审计对象科' });
    const depts = await readXlsx(await c.get('/api/audit-logs/export?action=department.create'));
    expect(column(depts, '对象')).toContain('内设部门 审计对象科');
    expect(column(depts, '对象').some((v) => /#\d/.test(String(v)))).toBe(false);
  });

  it('names 操作人 and 对象 (学时申报, 培训班, 机构, 专技人员, a deleted 内设部门), looked up for the page in one query', async () => {
    const city = await hrOrg(ctx, '420700'); // 鄂州市
    const auditor = await loggedIn(ctx, await newAdmin(ctx, city.id, { permissions: ['audit.view'] }));
    const actor = await newAdmin(ctx, city.id, { isSuper: true, name: '周建国' });
    const emp = await newOrg(ctx, 'employer', city.id, '鄂州对象单位', '420700');
    const base = await newOrg(ctx, 'base', city.id, '鄂州对象基地', '420700');
    const person = await newPerson(ctx, emp.id);
    await ctx.db.update(users).set({ name: '张三' }).where(eq(users.id, person.userId));
    const [claim] = await ctx.db
      .insert(claims)
      .values({
        personnelId: person.personnelId,
        year: 2026,
        source: 'personal',
        declaringOrgId: emp.id,
        title: '学术会议',
        subjectType: 'professional',
        learningForm: 'online',
        hours: 8,
        status: 'pendingEmployer',
      })
      .returning();
    const [cls] = await ctx.db
      .insert(trainingClasses)
      .values({
        baseOrgId: base.id,
        year: 2026,
        name: '对象高级研修班',
        subjectType: 'public',
        learningForm: 'online',
        hours: 12,
        startDate: '2026-03-01',
        endDate: '2026-03-02',
        place: '鄂州',
        capacity: 30,
        createdBy: actor.userId,
      })
      .returning();
    const src = { actor: { userId: actor.userId, name: '周建国', org: { id: city.id, path: city.path } }, ip: '127.0.0.1' };
    await writeAudit(ctx.db, src, { action: 'claim.declare', targetType: 'claim', targetId: claim!.id });
    await writeAudit(ctx.db, src, { action: 'class.decide', targetType: 'training_class', targetId: cls!.id });
    await writeAudit(ctx.db, src, { action: 'org.update', targetType: 'organization', targetId: emp.id });
    await writeAudit(ctx.db, src, { action: 'personnel.update', targetType: 'personnel', targetId: person.personnelId });
    await writeAudit(ctx.db, src, {
      action: 'department.delete',
      targetType: 'department',
      targetId: 999_999,
      detail: { before: { name: '已撤销科' } },
    });
    // a row written without a name (an actor known by id only) reads the account's name
    await writeAudit(ctx.db, { actor: null, ip: null }, { action: 'auth.logout', userId: actor.userId, orgId: city.id, orgPath: city.path });

    const page = await auditor.get('/api/audit-logs?keyword=周建国&pageSize=20');
    expect(page.status).toBe(200);
    const labels = page.body.items.map((r: { action: string; targetType: string | null; targetId: string | null; targetName: string | null }) =>
      auditTargetLabel(r),
    );
    expect(labels).toEqual(
      expect.arrayContaining(['学时申报 张三·2026年·学术会议', '培训班 对象高级研修班', '机构 鄂州对象单位', '专技人员 张三', '内设部门 已撤销科']),
    );
    expect(labels.some((l: string) => /#\d/.test(l))).toBe(false);
    const all = await auditor.get('/api/audit-logs?action=auth.logout');
    expect(all.body.items.find((r: { actorUserId: number }) => r.actorUserId === actor.userId)?.actorName).toBe('周建国');
    const exp = await readXlsx(await auditor.get('/api/audit-logs/export?keyword=周建国'));
    expect(column(exp, '对象')).toContain('培训班 对象高级研修班');
  });

  it('audit rows cannot be updated or deleted, even with direct SQL', async () => {
    await expect(ctx.db.update(auditLogs).set({ action: 'tampered' })).rejects.toThrow();
    await expect(ctx.db.delete(auditLogs)).rejects.toThrow();
    const [n] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLogs)
      .where(sql`action = 'tampered'`);
    expect(n!.n).toBe(0);
  });
});
