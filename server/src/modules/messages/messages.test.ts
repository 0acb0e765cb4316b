/**
 * 站内消息: a decision on somebody's item writes their message in the decision's transaction (none when it rolls
 * back), to the right seat only — the person's own, or each admin of the organisation — and the seat reads, counts
 * and marks them; another seat's message is 404; bad input is 400 in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { beijingYear } from '@hbzsgx/domain';
import { hourPolicies, messages } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { writeAudit } from '../../lib/audit.js';
import { rulesFor } from '../../lib/messages.js';

let ctx: TestCtx;
let base: Client, base2: Client, county: Client, employer: Client, target: Client;
let baseId: number, empId: number, targetId: number, classId: number;
const year = beijingYear();

const messagesOf = async (c: Client, query = '') => (await c.get(`/api/messages${query}`)).body;

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  baseId = (await newOrg(ctx, 'base', ja.id, '消息测试基地')).id;
  base = await loggedIn(ctx, await newAdmin(ctx, baseId, { isSuper: true }), 'base');
  base2 = await loggedIn(ctx, await newAdmin(ctx, baseId), 'base');
  empId = (await newOrg(ctx, 'employer', ja.id, '消息测试中学')).id;
  employer = await loggedIn(ctx, await newAdmin(ctx, empId, { isSuper: true }), 'employer');
  targetId = (await newOrg(ctx, 'employer', ja.id, '消息测试调入医院')).id;
  target = await loggedIn(ctx, await newAdmin(ctx, targetId, { isSuper: true }), 'employer');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  classId = (
    await base.post('/api/classes', {
      year,
      name: '消息测试培训班',
      subjectType: 'professional',
      learningForm: 'faceToFace',
      hours: 24,
      startDate: `${year}-03-01`,
      endDate: `${year}-03-03`,
      place: '江岸',
      capacity: 100,
      targetSeries: [],
    })
  ).body.id;
  expect((await county.post('/api/reviews/classes/decide', { ids: [classId], decision: 'approve' })).status).toBe(200);
});
afterAll(async () => ctx?.close());

async function learner() {
  const p = await newPerson(ctx, empId);
  const r = await base.post(`/api/classes/${classId}/scores`, { idNumber: p.idNumber, score: '90', qualified: true });
  expect(r.status).toBe(200);
  return { ...p, claimId: r.body.claimId as number, client: await loggedIn(ctx, p, 'personnel') };
}

describe('站内消息', () => {
  it("the class's approval tells each admin of the base, each in their own seat", async () => {
    for (const c of [base, base2]) {
      const m = await messagesOf(c);
      expect(m.items.map((i: { title: string }) => i.title)).toEqual(['培训班审核已通过：消息测试培训班']);
      expect(m.items[0]).toMatchObject({ kind: 'class', kindName: '培训计划', link: '/training/classes', readAt: null, body: null });
      expect(m.unread).toBe(1);
    }
    expect((await messagesOf(county)).total).toBe(0);
    expect((await messagesOf(employer)).total).toBe(0);
  });

  it('a claim approved and one rejected tell the person, with the reason; the bell counts, 标为已读 and 全部已读', async () => {
    const a = await learner();
    const b = await learner();
    expect((await messagesOf(a.client)).total).toBe(0); // a base registering a score decides nothing yet
    expect((await county.post('/api/reviews/claims/decide', { ids: [a.claimId], decision: 'approve' })).status).toBe(200);
    expect((await county.post('/api/reviews/claims/decide', { ids: [a.claimId], decision: 'approve' })).status).toBe(409);

    const got = await messagesOf(a.client);
    expect(got.total).toBe(1); // the refused second approval wrote nothing
    expect(got.items[0]).toMatchObject({ kind: 'claim', title: '学时申报已通过：消息测试培训班', link: '/me/hours', readAt: null });
    expect((await a.client.get('/api/messages/unread-count')).body).toEqual({ count: 1, capped: false });
    // nobody else's seat sees it or may mark it
    expect((await messagesOf(b.client)).total).toBe(0);
    for (const other of [b.client, employer, county]) expect((await other.post(`/api/messages/${got.items[0].id}/read`, {})).status).toBe(404);

    expect((await county.post('/api/reviews/claims/decide', { ids: [b.claimId], decision: 'reject', reason: '签到记录缺失' })).status).toBe(200);
    const rej = await messagesOf(b.client);
    expect(rej.items[0]).toMatchObject({ title: '学时申报被驳回：消息测试培训班', body: '原因：签到记录缺失' });

    expect((await a.client.post(`/api/messages/${got.items[0].id}/read`, {})).status).toBe(200);
    expect((await a.client.get('/api/messages/unread-count')).body.count).toBe(0);
    expect((await messagesOf(a.client, '?read=unread')).total).toBe(0);
    expect((await messagesOf(a.client, '?read=read')).items[0].readAt).toEqual(expect.any(String));
    expect((await b.client.post('/api/messages/read-all', {})).body).toEqual({ done: 1 });
    expect((await b.client.post('/api/messages/read-all', {})).body).toEqual({ done: 0 });
    expect((await messagesOf(b.client, '?kind=class')).total).toBe(0);
    expect((await messagesOf(b.client, '?kind=claim')).total).toBe(1);
  });

  it('no message when the decision rolls back', async () => {
    const p = await learner();
    const before = await ctx.db
      .select()
      .from(messages)
      .where(and(eq(messages.targetType, 'claim'), eq(messages.targetId, String(p.claimId))));
    await expect(
      ctx.db.transaction(async (tx) => {
        await writeAudit(tx, { actor: null }, { action: 'claim.approve', targetType: 'claim', targetId: p.claimId });
        const inside = await tx
          .select()
          .from(messages)
          .where(eq(messages.targetId, String(p.claimId)));
        expect(inside).toHaveLength(before.length + 1); // written inside the decision's transaction …
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const after = await ctx.db
      .select()
      .from(messages)
      .where(eq(messages.targetId, String(p.claimId)));
    expect(after).toHaveLength(before.length); // … and gone with it
    expect(rulesFor({ action: 'claim.approve', targetType: 'claim', result: 'denied' })).toEqual([]);
    expect(rulesFor({ action: 'auth.login', targetType: 'user' })).toEqual([]);
  });

  it('a confirmed 调转 tells the person and the sending unit; a refused one gives the reason', async () => {
    const p = await newPerson(ctx, empId);
    const person = await loggedIn(ctx, p, 'personnel');
    const t = await employer.post('/api/transfers', {
      personnelId: p.personnelId,
      toOrgId: targetId,
      reason: '工作调动',
      transferDate: `${year}-11-20`,
    });
    expect(t.status).toBe(200);
    expect((await target.post(`/api/transfers/${t.body.id}/refuse`, { reason: '岗位已满' })).status).toBe(200);
    expect((await messagesOf(person)).items[0]).toMatchObject({
      kind: 'transfer',
      title: '人员调转未被接收：消息测试调入医院',
      body: '原因：岗位已满',
    });
    const t2 = await employer.post('/api/transfers', {
      personnelId: p.personnelId,
      toOrgId: targetId,
      reason: '工作调动',
      transferDate: `${year}-11-21`,
    });
    expect((await target.post(`/api/transfers/${t2.body.id}/confirm`, { departmentId: null })).status).toBe(200);
    expect((await messagesOf(person)).items[0].title).toBe('人员调转已完成：您已调入消息测试调入医院');
    const sent = (await messagesOf(employer, '?kind=transfer')).items.map((i: { title: string }) => i.title);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^调出人员已被接收：\S+（消息测试调入医院）$/);
    expect(sent[1]).toMatch(/^调出申请被拒绝：\S+（消息测试调入医院）$/);
    expect((await messagesOf(target)).total).toBe(0); // the deciding side is not told its own decision
  });

  it('refuses bad input with a Chinese message naming the field', async () => {
    const r1 = await employer.get('/api/messages?read=maybe');
    expect(r1.status).toBe(400);
    expect(r1.body.message).toContain('阅读状态');
    const r2 = await employer.get('/api/messages?kind=%00');
    expect(r2.status).toBe(400);
    expect(r2.body.message).toContain('消息类型');
    expect((await employer.get('/api/messages?pageSize=500')).status).toBe(400);
    expect((await employer.post('/api/messages/99999999999/read', {})).status).toBe(400);
    expect((await employer.post('/api/messages/abc/read', {})).status).toBe(400);
  });
});
