/**
 * 继续教育基地 corrections (issue 11): 学员成绩 修改/撤销 before HR decides, one registration per person and class (single
 * and Excel), the score pages' class search, 培训班 修改/重新提交/删除 after 撤回 or 驳回, the per-day hours rule read from
 * the year's policy, and the base's 工作台.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { auditLogs, claims, hourPolicies, personYearTotals, trainingClasses } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';

let ctx: TestCtx;
let base: Client, otherBase: Client, county: Client, province: Client;
let baseId: number, otherBaseId: number, empId: number;
const year = new Date().getFullYear();
let seq = 0;
const cls = (over: Record<string, unknown> = {}) => ({
  year,
  name: `更正测试培训班${++seq}`,
  subjectType: 'professional',
  learningForm: 'faceToFace',
  hours: 16,
  startDate: `${year}-05-10`,
  endDate: `${year}-05-11`,
  place: '武汉市江岸区',
  capacity: 2,
  targetSeries: [],
  ...over,
});

async function approvedClass(who: Client = base, over: Record<string, unknown> = {}) {
  const c = await who.post('/api/classes', cls(over));
  expect(c.status).toBe(200);
  expect((await county.post('/api/reviews/classes/decide', { ids: [c.body.id], decision: 'approve' })).status).toBe(200);
  return c.body.id as number;
}
const claimRow = async (id: number) => (await ctx.db.select().from(claims).where(eq(claims.id, id)))[0]!;
const auditCount = async () => (await ctx.db.select({ id: auditLogs.id }).from(auditLogs)).length;
const claimCount = async () => (await ctx.db.select({ id: claims.id }).from(claims)).length;

async function xlsx(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('学员成绩');
  ws.addRow(['证件类型', '证件号', '姓名', '成绩', '是否合格']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31`, maxHoursPerDay: 8 })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  baseId = (await newOrg(ctx, 'base', ja.id, '江岸区更正测试基地')).id;
  otherBaseId = (await newOrg(ctx, 'base', ja.id, '江岸区另一基地')).id;
  empId = (await newOrg(ctx, 'employer', ja.id, '江岸区更正测试中学')).id;
  base = await loggedIn(ctx, await newAdmin(ctx, baseId, { isSuper: true }), 'base');
  otherBase = await loggedIn(ctx, await newAdmin(ctx, otherBaseId, { isSuper: true }), 'base');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  province = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420000')).id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('学员成绩 修改 and 撤销 while HR has not decided', () => {
  it('修改 replaces the pending claim with the new 成绩/是否合格 (audited), 撤销 takes it out; totals untouched', async () => {
    const classId = await approvedClass();
    const p = await newPerson(ctx, empId);
    const reg = await base.post(`/api/classes/${classId}/scores`, { idNumber: p.idNumber, score: '59', qualified: true });
    expect(reg.body.status).toBe('pending');
    let list = (await base.get(`/api/classes/${classId}/scores`)).body.items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ claimId: reg.body.claimId, correctable: true });

    // qualified → unqualified: the recorded score, no hours claimed
    const before = await auditCount();
    const down = await base.put(`/api/classes/${classId}/scores/${reg.body.claimId}`, { score: '40', qualified: false });
    expect(down.status).toBe(200);
    expect(down.body).toMatchObject({ status: 'rejected', name: expect.stringContaining('人员') });
    expect((await claimRow(reg.body.claimId)).status).toBe('deleted');
    expect(await auditCount()).toBe(before + 1);
    const [audit] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'score.correct'), eq(auditLogs.targetId, String(down.body.claimId))));
    expect(audit!.detail).toMatchObject({
      replaces: reg.body.claimId,
      before: { score: '59', qualified: true },
      after: { score: '40', qualified: false },
    });

    // the unqualified score is still the base's own record: it may be corrected back to qualified
    list = (await base.get(`/api/classes/${classId}/scores`)).body.items;
    expect(list.map((r: { claimId: number }) => r.claimId)).toEqual([down.body.claimId]);
    expect(list[0]).toMatchObject({ score: '40', qualified: false, status: 'rejected', correctable: true });
    const up = await base.put(`/api/classes/${classId}/scores/${down.body.claimId}`, { score: '88', qualified: true });
    expect(up.body).toMatchObject({ status: 'pending' });
    const queue = await county.get(`/api/reviews/claims?source=base&tab=pending&year=${year}`);
    expect(queue.body.items.filter((i: { id: number }) => [reg.body.claimId, down.body.claimId].includes(i.id))).toEqual([]);
    expect(queue.body.items.find((i: { id: number }) => i.id === up.body.claimId)).toMatchObject({ score: '88' });

    // 撤销: the learner leaves the class and may be registered again
    const gone = await base.del(`/api/classes/${classId}/scores/${up.body.claimId}`);
    expect(gone.status).toBe(200);
    expect((await claimRow(up.body.claimId)).status).toBe('deleted');
    expect((await base.get(`/api/classes/${classId}/scores`)).body.items).toEqual([]);
    expect((await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'score.revoke'))).map((a) => a.targetId)).toContain(
      String(up.body.claimId),
    );
    expect((await base.post(`/api/classes/${classId}/scores`, { idNumber: p.idNumber, score: '90', qualified: true })).status).toBe(200);
    // nothing of this reached the ledger: no approved claim, no hours
    const totals = await ctx.db.select().from(personYearTotals).where(eq(personYearTotals.personnelId, p.personnelId));
    expect(totals.reduce((n, t) => n + t.publicHours + t.professionalHours, 0)).toBe(0);
  });

  it('after HR decided only HR changes it: 409 with the reason, nothing written', async () => {
    const classId = await approvedClass();
    const [a, b] = [await newPerson(ctx, empId), await newPerson(ctx, empId)];
    const ra = await base.post(`/api/classes/${classId}/scores`, { idNumber: a.idNumber, score: '90', qualified: true });
    const rb = await base.post(`/api/classes/${classId}/scores`, { idNumber: b.idNumber, score: '91', qualified: true });
    expect((await county.post('/api/reviews/claims/decide', { ids: [ra.body.claimId], decision: 'approve' })).status).toBe(200);
    expect((await county.post('/api/reviews/claims/decide', { ids: [rb.body.claimId], decision: 'reject', reason: '签到不全' })).status).toBe(200);
    const list = (await base.get(`/api/classes/${classId}/scores`)).body.items;
    expect(list.map((r: { correctable: boolean }) => r.correctable)).toEqual([false, false]);
    const [claimsBefore, auditBefore] = [await claimCount(), await auditCount()];
    for (const id of [ra.body.claimId, rb.body.claimId]) {
      const put = await base.put(`/api/classes/${classId}/scores/${id}`, { score: '60', qualified: true });
      expect(put.status).toBe(409);
      expect(put.body.message).toBe('该学时已由人社部门审核，只能由人社部门修改');
      const del = await base.del(`/api/classes/${classId}/scores/${id}`);
      expect(del.status).toBe(409);
      expect(del.body.message).toContain('只能由人社部门修改');
    }
    expect((await claimRow(ra.body.claimId)).status).toBe('approved');
    expect((await claimRow(rb.body.claimId)).status).toBe('rejected');
    expect([await claimCount(), await auditCount()]).toEqual([claimsBefore, auditBefore]);
  });

  it('two concurrent edits of one learner: exactly one wins, the other is told to refresh', async () => {
    const classId = await approvedClass();
    const p = await newPerson(ctx, empId);
    const r = await base.post(`/api/classes/${classId}/scores`, { idNumber: p.idNumber, score: '70', qualified: true });
    const url = `/api/classes/${classId}/scores/${r.body.claimId}`;
    const answers = await Promise.all([base.put(url, { score: '80', qualified: true }), base.put(url, { score: '85', qualified: true })]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(answers.find((x) => x.status === 409)!.body.message).toContain('刷新');
    const live = (await base.get(`/api/classes/${classId}/scores`)).body.items;
    expect(live).toHaveLength(1);
    expect(['80', '85']).toContain(live[0].score);
    // an edit and a 撤销 at once: one of them
    const both = await Promise.all([
      base.put(`/api/classes/${classId}/scores/${live[0].claimId}`, { score: '1', qualified: true }),
      base.del(`/api/classes/${classId}/scores/${live[0].claimId}`),
    ]);
    expect(both.map((x) => x.status).sort()).toEqual([200, 409]);
  });

  it("another base's learner or class is 404; bad input 400 naming the field, nothing written", async () => {
    const classId = await approvedClass();
    const p = await newPerson(ctx, empId);
    const r = await base.post(`/api/classes/${classId}/scores`, { idNumber: p.idNumber, score: '70', qualified: true });
    const theirs = await approvedClass(otherBase);
    const [claimsBefore, auditBefore] = [await claimCount(), await auditCount()];
    const url = `/api/classes/${classId}/scores/${r.body.claimId}`;
    expect((await otherBase.put(url, { score: '1', qualified: true })).status).toBe(404);
    expect((await otherBase.del(url)).status).toBe(404);
    // its own class id with our learner: still 404 (the learner is not in that class)
    expect((await otherBase.put(`/api/classes/${theirs}/scores/${r.body.claimId}`, { score: '1', qualified: true })).status).toBe(404);
    expect((await base.del(`/api/classes/${theirs}/scores/${r.body.claimId}`)).status).toBe(404);
    expect((await otherBase.get(`/api/classes/scorable?id=${classId}`)).body).toMatchObject({ total: 0, items: [] });

    const noQualified = await base.put(url, { score: '1' });
    expect(noQualified.status).toBe(400);
    expect(noQualified.body.message).toContain('是否合格');
    const long = await base.put(url, { score: 'x'.repeat(21), qualified: true });
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('成绩');
    expect((await base.put(`/api/classes/${classId}/scores/abc`, { score: '1', qualified: true })).body.message).toContain('学员成绩');
    expect([await claimCount(), await auditCount()]).toEqual([claimsBefore, auditBefore]);
    expect((await claimRow(r.body.claimId)).score).toBe('70');
  });
});

describe('one registration per person and class', () => {
  it('登记 refuses a learner already registered (409 该学员已登记); Excel导入 names the earlier row or the registration', async () => {
    const classId = await approvedClass();
    const [a, b, c] = [await newPerson(ctx, empId), await newPerson(ctx, empId), await newPerson(ctx, empId)];
    expect((await base.post(`/api/classes/${classId}/scores`, { idNumber: a.idNumber, score: '90', qualified: true })).status).toBe(200);
    const before = await claimCount();
    const dup = await base.post(`/api/classes/${classId}/scores`, { idNumber: a.idNumber, score: '95', qualified: true });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('该学员已登记');
    // an unqualified record counts too: the base corrects it instead of registering again
    expect((await base.post(`/api/classes/${classId}/scores`, { idNumber: b.idNumber, score: '30', qualified: false })).status).toBe(200);
    expect((await base.post(`/api/classes/${classId}/scores`, { idNumber: b.idNumber, score: '80', qualified: true })).status).toBe(409);
    expect(await claimCount()).toBe(before + 1);

    // rows 2–5: c, c again (→ 与第2行重复), a (already registered), c in lower case spacing variant of the same number
    const file = await xlsx([
      ['居民身份证', c.idNumber, '', '88', '是'],
      ['居民身份证', c.idNumber, '', '89', '是'],
      ['居民身份证', a.idNumber, '', '70', '是'],
      ['居民身份证', ` ${c.idNumber.toLowerCase()} `, '', '90', '是'],
    ]);
    const imp = await base.upload(`/api/classes/${classId}/scores/import`, {}, { name: '成绩.xlsx', content: file });
    expect(imp.status).toBe(200);
    expect(imp.body).toMatchObject({ total: 4, imported: 1 });
    expect(imp.body.failed.map((f: { row: number; reason: string }) => [f.row, f.reason])).toEqual([
      [3, expect.stringContaining('与第2行重复')],
      [4, expect.stringContaining('该学员已登记')],
      [5, expect.stringContaining('与第2行重复')],
    ]);
    expect(imp.body.failedFileId).toEqual(expect.any(Number));
    const learners = (await base.get(`/api/classes/${classId}/scores`)).body.items;
    expect(learners).toHaveLength(3); // a, b, c once each
  });
});

describe('学员成绩 class picker: server-side search', () => {
  it('searches only this base’s approved classes by name, a page at a time, or the one selected', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await approvedClass(base, { name: `检索用班级${String(i).padStart(2, '0')}` }));
    const pending = await base.post('/api/classes', cls({ name: '检索用班级待审核' }));
    const theirs = await approvedClass(otherBase, { name: '检索用班级他基地' });
    const p1 = await base.get(`/api/classes/scorable?keyword=${encodeURIComponent('检索用班级')}&page=1&pageSize=5`);
    expect(p1.status).toBe(200);
    expect(p1.body.total).toBe(12);
    expect(p1.body.items).toHaveLength(5);
    const p3 = await base.get(`/api/classes/scorable?keyword=${encodeURIComponent('检索用班级')}&page=3&pageSize=5`);
    expect(p3.body.items).toHaveLength(2);
    const all = [...p1.body.items, ...p3.body.items].map((c: { id: number }) => c.id);
    expect(all).not.toContain(pending.body.id);
    expect(all).not.toContain(theirs);
    expect((await base.get(`/api/classes/scorable?keyword=${encodeURIComponent('班级07')}`)).body.items.map((c: { id: number }) => c.id)).toEqual([
      ids[7],
    ]);
    expect((await base.get(`/api/classes/scorable?id=${ids[3]}`)).body.items.map((c: { name: string }) => c.name)).toEqual(['检索用班级03']);
    expect((await base.get(`/api/classes/scorable?id=${pending.body.id}`)).body.total).toBe(0);
    expect((await base.get('/api/classes/scorable?pageSize=1000')).status).toBe(400);
  });
});

describe('培训班 修改, 重新提交, 删除', () => {
  it('a withdrawn or rejected class is edited and resubmitted (待审核 again, back in HR’s queue)', async () => {
    const c = await base.post('/api/classes', cls({ name: '撤回后重新提交的班' }));
    expect((await base.post(`/api/classes/${c.body.id}/withdraw`)).status).toBe(200);
    const again = await base.put(`/api/classes/${c.body.id}`, cls({ name: '撤回后重新提交的班（修改）' }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'pending', name: '撤回后重新提交的班（修改）' });
    const queue = await county.get('/api/reviews/classes?tab=pending&orgType=base');
    expect(queue.body.items.map((i: { id: number }) => i.id)).toContain(c.body.id);

    await county.post('/api/reviews/classes/decide', { ids: [c.body.id], decision: 'reject', reason: '地点不明' });
    const resubmitted = await base.put(`/api/classes/${c.body.id}`, cls({ name: '驳回后重新提交的班', place: '武汉市江岸区解放大道1号' }));
    expect(resubmitted.body).toMatchObject({ status: 'pending', rejectReason: null });
    expect((await otherBase.put(`/api/classes/${c.body.id}`, cls())).status).toBe(404);
    await county.post('/api/reviews/classes/decide', { ids: [c.body.id], decision: 'approve' });
    const approvedEdit = await base.put(`/api/classes/${c.body.id}`, cls());
    expect(approvedEdit.status).toBe(409);
  });

  it('删除: a withdrawn or rejected class without learners; 409 otherwise; another base 404', async () => {
    const w = await base.post('/api/classes', cls({ name: '撤回后删除的班' }));
    await base.post(`/api/classes/${w.body.id}/withdraw`);
    expect((await otherBase.del(`/api/classes/${w.body.id}`)).status).toBe(404);
    const pending = await base.post('/api/classes', cls({ name: '待审核不能删除的班' }));
    const refused = await base.del(`/api/classes/${pending.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('已撤回或被驳回');
    expect((await base.del(`/api/classes/${w.body.id}`)).status).toBe(200);
    expect(await ctx.db.select().from(trainingClasses).where(eq(trainingClasses.id, w.body.id))).toEqual([]);
    expect((await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'class.delete'))).map((a) => a.targetId)).toContain(String(w.body.id));
    expect((await base.del(`/api/classes/${w.body.id}`)).status).toBe(404);

    // a class that once had a learner (even one taken back) is kept, whatever its state became
    const classId = await approvedClass(base, { name: '有过学员的班' });
    const p = await newPerson(ctx, empId);
    const r = await base.post(`/api/classes/${classId}/scores`, { idNumber: p.idNumber, qualified: true });
    await base.del(`/api/classes/${classId}/scores/${r.body.claimId}`);
    await ctx.db.update(trainingClasses).set({ status: 'withdrawn' }).where(eq(trainingClasses.id, classId));
    const kept = await base.del(`/api/classes/${classId}`);
    expect(kept.status).toBe(409);
    expect(kept.body.message).toContain('已登记过学员');
    expect(await ctx.db.select().from(trainingClasses).where(eq(trainingClasses.id, classId))).toHaveLength(1);
  });
});

describe('学时 per day from the year’s policy', () => {
  it('16 学时 in one day is refused under 8/day with the reason; the rule follows the policy value', async () => {
    const before = (await ctx.db.select().from(trainingClasses)).length;
    const oneDay = cls({ name: '一天十六学时', hours: 16, startDate: `${year}-06-01`, endDate: `${year}-06-01` });
    const refused = await base.post('/api/classes', oneDay);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('学时：培训学时16超过每天上限8学时×1天（最多8学时）');
    expect(refused.body.fields).toEqual([expect.objectContaining({ field: 'hours', label: '学时' })]);
    expect((await base.post('/api/classes', { ...oneDay, hours: 999 })).body.message).toContain('学时');
    expect((await ctx.db.select().from(trainingClasses)).length).toBe(before);
    // the same hours over two days fit
    expect((await base.post('/api/classes', { ...oneDay, endDate: `${year}-06-02` })).status).toBe(200);

    // the province raises the year's maximum to 16: the same class is accepted; an edit is judged the same way
    const current = (await province.get('/api/hour-policies')).body.items.find((p: { year: number }) => p.year === year);
    expect(current.maxHoursPerDay).toBe(8);
    const { totalRequired, professionalMin, publicMin, closingDate, rules } = current;
    const policy = {
      totalRequired,
      professionalMin,
      publicMin,
      closingDate,
      rules: rules.map(({ id: _i, year: _y, ...r }: Record<string, unknown>) => r),
    };
    const bad = await province.put(`/api/hour-policies/${year}`, { ...policy, maxHoursPerDay: 30 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('每天最多学时');
    const saved = await province.put(`/api/hour-policies/${year}`, { ...policy, maxHoursPerDay: 16 });
    expect(saved.status).toBe(200);
    expect(saved.body.maxHoursPerDay).toBe(16);
    const ok = await base.post('/api/classes', oneDay);
    expect(ok.status).toBe(200);
    expect((await base.put(`/api/classes/${ok.body.id}`, { ...oneDay, hours: 17 })).body.message).toContain('每天上限16学时×1天');
    // a save that does not send the value keeps it
    expect((await province.put(`/api/hour-policies/${year}`, policy)).body.maxHoursPerDay).toBe(16);
    await province.put(`/api/hour-policies/${year}`, { ...policy, maxHoursPerDay: 8 });
    expect((await base.post('/api/classes', oneDay)).status).toBe(400);
    expect((await base.put(`/api/classes/${ok.body.id}`, oneDay)).status).toBe(400);
  });
});

describe('计划人数 and the base’s 工作台', () => {
  it('more learners than planned is visible to the base and to HR; the 工作台 shows classes and learners by state', async () => {
    const fresh = await newOrg(ctx, 'base', (await hrOrg(ctx, '420102')).id, '江岸区工作台测试基地');
    const b = await loggedIn(ctx, await newAdmin(ctx, fresh.id, { isSuper: true }), 'base');
    const classId = await approvedClass(b, { name: '超员的班', capacity: 1 });
    await b.post('/api/classes', cls({ name: '审核中的班' }));
    const people = [await newPerson(ctx, empId), await newPerson(ctx, empId), await newPerson(ctx, empId), await newPerson(ctx, empId)];
    const regs = [];
    for (const [i, p] of people.entries())
      regs.push((await b.post(`/api/classes/${classId}/scores`, { idNumber: p.idNumber, score: String(60 + i), qualified: i !== 3 })).body);
    await county.post('/api/reviews/claims/decide', { ids: [regs[0].claimId], decision: 'approve' });
    await county.post('/api/reviews/claims/decide', { ids: [regs[1].claimId], decision: 'reject', reason: '缺勤' });

    const own = (await b.get(`/api/classes/scorable?id=${classId}`)).body.items[0];
    expect(own).toMatchObject({ capacity: 1, learners: 4 });
    const hr = (await county.get('/api/reviews/classes?tab=done&orgType=base')).body.items.find((i: { id: number }) => i.id === classId);
    expect(hr).toMatchObject({ capacity: 1, learners: 4 });

    const d = await b.get('/api/dashboard');
    expect(d.body.summary).toEqual([
      { label: '审核中的培训班', value: 1, path: '/training/classes?status=pending' },
      { label: '学员学时待审核', value: 1, path: '/training/classes?learnerStatus=pending' },
      { label: '学员学时已通过', value: 1, path: '/training/classes?learnerStatus=approved' },
      { label: '学员学时已驳回', value: 1, path: '/training/classes?learnerStatus=rejected' },
    ]);
    expect(d.body.summary.map((s: { label: string }) => s.label).join()).not.toContain('专业技术人员');
    expect(d.body.todos.map((t: { key: string }) => t.key)).not.toContain('reg-personnel');
    // each card's link lists exactly the classes it counts
    for (const s of ['pending', 'approved', 'rejected'])
      expect((await b.get(`/api/classes?learnerStatus=${s}`)).body.items.map((c: { id: number }) => c.id)).toEqual([classId]);
    await b.del(`/api/classes/${classId}/scores/${regs[2].claimId}`);
    expect((await b.get('/api/classes?learnerStatus=pending')).body.total).toBe(0);
    expect((await b.get('/api/classes?learnerStatus=bogus')).body.message).toContain('学员申报状态');
  });

  it('a base’s role editor offers only what a base does', async () => {
    const r = await base.get('/api/roles/catalogue');
    expect(r.status).toBe(200);
    const codes = JSON.stringify(r.body);
    for (const p of ['class.manage', 'score.manage', 'annual.manage', 'materials.manage']) expect(codes).toContain(p);
    for (const p of ['reg.review', 'change.review', 'claim.unitReview', 'transfer.manage']) expect(codes).not.toContain(p);
    const me = await base.get('/api/auth/me');
    expect(JSON.stringify(me.body.menus ?? me.body)).not.toContain('专技人员注册审核');
  });
});
