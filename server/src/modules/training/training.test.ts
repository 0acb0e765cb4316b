import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { claims, hourPolicies, organizations } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson, nextIdNumber } from '../../../test/fixtures.js';

let ctx: TestCtx;
let base: Client, county: Client, sibling: Client, city: Client;
let baseId: number, empId: number;
const year = new Date().getFullYear();
const cls = (over: Record<string, unknown> = {}) => ({
  year,
  name: '中小学教师信息技术应用能力提升培训',
  subjectType: 'professional',
  learningForm: 'faceToFace',
  hours: 24,
  startDate: `${year}-03-01`,
  endDate: `${year}-03-03`,
  place: '武汉市江岸区',
  capacity: 100,
  targetSeries: ['ZXXJ'],
  ...over,
});

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  baseId = (await newOrg(ctx, 'base', ja.id, '江岸区继续教育中心')).id;
  empId = (await newOrg(ctx, 'employer', ja.id, '江岸区实验中学')).id;
  base = await loggedIn(ctx, await newAdmin(ctx, baseId, { isSuper: true }), 'base');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
  city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('培训班 → 成绩 → 学时审核 → 学时审验 → 个人学时', () => {
  it('runs the whole path with the right totals and status for the person', async () => {
    const c = await base.post('/api/classes', cls());
    expect(c.status).toBe(200);
    const early = await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: nextIdNumber(), score: '90', qualified: true });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('尚未通过审核');

    expect((await sibling.post('/api/reviews/classes/decide', { ids: [c.body.id], decision: 'approve' })).status).toBe(404);
    const q = await county.get('/api/reviews/classes?tab=pending');
    expect(q.body.items.map((i: { id: number }) => i.id)).toContain(c.body.id);
    expect((await county.post('/api/reviews/classes/decide', { ids: [c.body.id], decision: 'approve' })).status).toBe(200);
    expect((await county.post('/api/reviews/classes/decide', { ids: [c.body.id], decision: 'approve' })).status).toBe(409);

    const p1 = await newPerson(ctx, empId);
    const p2 = await newPerson(ctx, empId);
    const ok = await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: p1.idNumber, score: '92', qualified: true });
    expect(ok.body).toMatchObject({ flagged: false, status: 'pending' });
    const dup = await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: p1.idNumber, score: '92', qualified: true });
    expect(dup.status).toBe(409); // the same person twice in one class is refused (corrections.test.ts)
    expect(dup.body.message).toContain('该学员已登记');
    await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: p2.idNumber, score: '88', qualified: true });
    const failed = await base.post(`/api/classes/${c.body.id}/scores`, {
      idNumber: (await newPerson(ctx, empId)).idNumber,
      score: '40',
      qualified: false,
    });
    expect(failed.body.status).toBe('rejected');
    const stranger = await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: nextIdNumber(), score: '90', qualified: true });
    expect(stranger.status).toBe(400);
    expect(stranger.body.message).toContain('未在平台注册');
    const outOfScope = await newPerson(ctx, (await newOrg(ctx, 'employer', (await hrOrg(ctx, '420502')).id)).id);
    expect((await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: outOfScope.idNumber, score: '90', qualified: true })).status).toBe(400);
    expect((await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: '420102199003072914', qualified: true })).body.message).toContain(
      '校验位',
    );

    // 学时审核: the spec's filters and columns; flagged claims say why
    const queue = await county.get(`/api/reviews/claims?source=base&tab=pending&year=${year}&baseName=继续教育中心`);
    expect(queue.body.total).toBe(2);
    const row = queue.body.items[0];
    for (const k of [
      'seq',
      'declaringOrg',
      'className',
      'name',
      'idNumberMasked',
      'year',
      'orgName',
      'titleSeriesName',
      'score',
      'hours',
      'qualified',
      'statusName',
    ])
      expect(row).toHaveProperty(k);
    expect(row.idNumberMasked).toMatch(/\*{10}/);
    const flagged = await county.get('/api/reviews/claims?source=base&tab=pending&flagged=true');
    expect(flagged.body.total).toBe(0);
    expect((await sibling.get('/api/reviews/claims?source=base')).body.total).toBe(0);
    expect((await county.get('/api/dashboard')).body.todos.find((t: { key: string }) => t.key === 'claim-base').count).toBe(2);

    const ids = queue.body.items.map((i: { id: number }) => i.id);
    expect((await sibling.post('/api/reviews/claims/decide', { ids, decision: 'approve' })).status).toBe(404);
    const approved = await county.post('/api/reviews/claims/decide', { ids, decision: 'approve' });
    expect(approved.body).toEqual({ done: 2, skipped: 0 });
    // a deletion always says why (deleting approved hours: claim-review.test.ts)
    expect((await county.post('/api/reviews/claims/delete', { ids: [ok.body.claimId] })).status).toBe(400);
    const doneTab = await county.get('/api/reviews/claims?source=base&tab=done');
    expect(doneTab.body.items.map((i: { id: number }) => i.id)).not.toContain(failed.body.claimId); // nobody reviewed the unqualified score

    // 学时审验: counties may not; the city takes one claim back out
    expect((await county.get('/api/audits/claims')).status).toBe(403);
    const auditList = await city.get(`/api/audits/claims?name=${encodeURIComponent('人员')}`);
    expect(auditList.body.total).toBe(2);
    expect((await city.get('/api/audits/claims?sample=1')).body.items).toHaveLength(1);
    expect((await city.post('/api/audits/claims/revoke', { ids: [ok.body.claimId], reason: '' })).status).toBe(400);
    expect((await city.post('/api/audits/claims/revoke', { ids: [ok.body.claimId], reason: '签到记录不符' })).status).toBe(200);
    expect((await city.post('/api/audits/claims/revoke', { ids: [ok.body.claimId], reason: '再次' })).status).toBe(409);

    // the person sees the right totals and status; the declarer sees the revocation
    const pc = await loggedIn(ctx, p1, 'personnel');
    const mine = await pc.get(`/api/me/hours?year=${year}`);
    expect(mine.body).toMatchObject({ professionalHours: 0, totalHours: 0, completed: false, missing: { total: 90 } });
    expect(mine.body.claims.find((x: { id: number }) => x.id === ok.body.claimId)).toMatchObject({
      statusName: '审验不通过',
      revokeReason: '签到记录不符',
    });
    const p2c = await loggedIn(ctx, p2, 'personnel');
    expect((await p2c.get(`/api/me/hours?year=${year}`)).body).toMatchObject({
      professionalHours: 24,
      totalHours: 24,
      completed: false,
      missing: { professional: 36, public: 30 },
    });
    const scores = await base.get(`/api/classes/${c.body.id}/scores`);
    expect(scores.body.items.find((s: { claimId: number }) => s.claimId === ok.body.claimId)).toMatchObject({
      status: 'revoked',
      revokeReason: '签到记录不符',
    });
  });

  it('bad classes and closed years are refused; nothing written', async () => {
    const before = (await ctx.db.select().from(claims)).length;
    const bad = await base.post('/api/classes', cls({ hours: -3, endDate: `${year}-02-01`, subjectType: 'x' }));
    expect(bad.status).toBe(400);
    for (const l of ['学时', '科目类型']) expect(bad.body.message).toContain(l);
    expect((await base.post('/api/classes', cls({ endDate: `${year}-02-01` }))).body.message).toContain('结束日期不能早于开始日期');
    expect((await base.post('/api/classes', cls({ hours: 100000 }))).status).toBe(400);
    await ctx.db
      .update(hourPolicies)
      .set({ closingDate: `${year}-01-01` })
      .where(eq(hourPolicies.year, year));
    const c = await base.post('/api/classes', cls({ name: '已截止年度的班' }));
    await county.post('/api/reviews/classes/decide', { ids: [c.body.id], decision: 'approve' });
    const p = await newPerson(ctx, empId);
    const late = await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: p.idNumber, score: '90', qualified: true });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('截止');
    await ctx.db
      .update(hourPolicies)
      .set({ closingDate: `${year}-12-31` })
      .where(eq(hourPolicies.year, year));
    expect((await ctx.db.select().from(claims)).length).toBe(before);
  });

  it('a base edits or withdraws only its own pending or rejected classes', async () => {
    const c = await base.post('/api/classes', cls({ name: '待修改的班' }));
    const otherBase = await loggedIn(
      ctx,
      await newAdmin(ctx, (await newOrg(ctx, 'base', (await hrOrg(ctx, '420102')).id)).id, { isSuper: true }),
      'base',
    );
    expect((await otherBase.put(`/api/classes/${c.body.id}`, cls())).status).toBe(404);
    expect((await base.put(`/api/classes/${c.body.id}`, cls({ name: '已修改的班' }))).body.name).toBe('已修改的班');
    await county.post('/api/reviews/classes/decide', { ids: [c.body.id], decision: 'reject', reason: '学时偏多' });
    expect((await base.get('/api/classes')).body.items.find((i: { id: number }) => i.id === c.body.id)).toMatchObject({
      status: 'rejected',
      rejectReason: '学时偏多',
    });
    expect((await base.post(`/api/classes/${c.body.id}/withdraw`)).status).toBe(200);
    expect((await base.post(`/api/classes/${c.body.id}/withdraw`)).status).toBe(409);
  });
});

describe('单位培训计划 and 单位培训学时 (employers)', () => {
  it('an employer declares a unit plan, HR approves it in 单位培训计划审核, the employer declares hours for its own staff only', async () => {
    const emp = await loggedIn(ctx, await newAdmin(ctx, empId, { isSuper: true }), 'employer');
    const plan = await emp.post('/api/classes', cls({ name: '单位岗位技能培训', subjectType: 'public', hours: 8, endDate: `${year}-03-01` }));
    expect(plan.status).toBe(200);
    expect((await county.get('/api/reviews/classes?orgType=base&tab=pending')).body.items.map((i: { id: number }) => i.id)).not.toContain(
      plan.body.id,
    );
    expect((await county.get('/api/reviews/classes?orgType=employer&tab=pending')).body.items.map((i: { id: number }) => i.id)).toContain(
      plan.body.id,
    );
    // the manual's filters: 培训年度, 培训班名称, 学习科目, 所在单位 (its list, its export)
    const unitPlans = async (f: string) =>
      (await county.get(`/api/reviews/classes?orgType=employer&tab=pending&${f}`)).body.items.map((i: { id: number }) => i.id);
    const [empRow] = await ctx.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, empId));
    expect(await unitPlans('subjectType=public')).toContain(plan.body.id);
    expect(await unitPlans('subjectType=professional')).not.toContain(plan.body.id);
    expect(await unitPlans(`orgName=${encodeURIComponent(empRow!.name.slice(2, 6))}`)).toContain(plan.body.id);
    expect(await unitPlans(`orgName=${encodeURIComponent('没有这个单位')}`)).not.toContain(plan.body.id);
    expect(await unitPlans(`year=${year}&keyword=${encodeURIComponent('岗位技能')}`)).toContain(plan.body.id);
    const badSubject = await county.get('/api/reviews/classes?orgType=employer&subjectType=x');
    expect(badSubject.status).toBe(400);
    expect(badSubject.body.message).toContain('学习科目');
    await county.post('/api/reviews/classes/decide', { ids: [plan.body.id], decision: 'approve' });
    const staff = await newPerson(ctx, empId);
    const r = await emp.post(`/api/classes/${plan.body.id}/scores`, { idNumber: staff.idNumber, qualified: true });
    expect(r.status).toBe(200);
    const outsider = await newPerson(ctx, baseId);
    expect((await emp.post(`/api/classes/${plan.body.id}/scores`, { idNumber: outsider.idNumber, qualified: true })).body.message).toContain(
      '不是本单位',
    );
    const q = await county.get('/api/reviews/claims?source=employer');
    expect(q.body.items.map((i: { id: number }) => i.id)).toEqual([r.body.claimId]);
    expect((await county.post('/api/reviews/claims/decide', { ids: [r.body.claimId], decision: 'approve' })).status).toBe(200);
    const pc = await loggedIn(ctx, staff, 'personnel');
    expect((await pc.get(`/api/me/hours?year=${year}`)).body.publicHours).toBe(8);
  });
});

describe('重点审核 by the year’s 每天最多学时', () => {
  it('flags a learner’s claim when the class gives more per day than the year now allows (the policy, not a constant)', async () => {
    // declared under the year's 8 学时/天: 8 学时 on one day
    const c = await base.post('/api/classes', cls({ name: '每日学时上限测试培训', hours: 8, endDate: `${year}-03-01` }));
    expect(c.status).toBe(200);
    expect((await county.post('/api/reviews/classes/decide', { ids: [c.body.id], decision: 'approve' })).status).toBe(200);
    const first = await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: (await newPerson(ctx, empId)).idNumber, qualified: true });
    expect(first.body).toMatchObject({ flagged: false });
    // the province lowers the year's 每天最多学时 to 6: the next learner's 8 学时 in one day is 重点审核, saying why
    const [before] = await ctx.db.select({ v: hourPolicies.maxHoursPerDay }).from(hourPolicies).where(eq(hourPolicies.year, year));
    await ctx.db.update(hourPolicies).set({ maxHoursPerDay: 6 }).where(eq(hourPolicies.year, year));
    try {
      const second = await base.post(`/api/classes/${c.body.id}/scores`, { idNumber: (await newPerson(ctx, empId)).idNumber, qualified: true });
      expect(second.body).toMatchObject({ flagged: true });
      const [row] = await ctx.db.select({ reasons: claims.flagReasons }).from(claims).where(eq(claims.id, second.body.claimId));
      expect(row!.reasons).toEqual(['日均学时（8）超过每日上限6学时']);
    } finally {
      await ctx.db.update(hourPolicies).set({ maxHoursPerDay: before!.v }).where(eq(hourPolicies.year, year));
    }
  });
});
