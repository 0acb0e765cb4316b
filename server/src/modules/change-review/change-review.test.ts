import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organizations, personnel } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const title = { titleSeries: 'ZXXJ', titleLevel: 'viceSenior', titleName: '高级教师', titleDate: '2025-12-01' };

describe('审核人员信息修改', () => {
  it('a person changes their title; it waits; the employer sees old vs new and approves; the new title shows', async () => {
    const ja = await hrOrg(ctx, '420102');
    const emp = await newOrg(ctx, 'employer', ja.id, '江岸区变更小学');
    const ec = await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true }), 'employer');
    const p = await newPerson(ctx, emp.id);
    const pc = await loggedIn(ctx, p, 'personnel');
    const r = await pc.post('/api/me/title-change', title);
    expect(r.status).toBe(200);
    expect((await pc.post('/api/me/title-change', title)).status).toBe(409);
    expect((await pc.get('/api/me/profile')).body.titleLevel).toBe('中级');
    const q = await ec.get('/api/reviews/changes/title');
    const item = q.body.items[0];
    expect(item.personName).toMatch(/^人员\d+$/);
    expect(item.idNumberMasked).toMatch(/\*{10}/);
    expect(item.changes.find((f: { field: string }) => f.field === 'titleLevel')).toMatchObject({ before: '中级', after: '副高级', changed: true });
    expect((await ec.get('/api/dashboard')).body.todos.find((t: { key: string }) => t.key === 'change-title').count).toBe(1);
    expect((await ec.post('/api/reviews/changes/title/decide', { ids: [item.id], decision: 'approve' })).status).toBe(200);
    expect((await ec.post('/api/reviews/changes/title/decide', { ids: [item.id], decision: 'approve' })).status).toBe(409);
    const prof = (await pc.get('/api/me/profile')).body;
    expect(prof.titleLevel).toBe('副高级');
    const mine = await pc.get('/api/me/title-change');
    expect(mine.body.items[0].status).toBe('approved');
  });

  it('a rejection keeps the old title and the person sees the reason; another county cannot see it', async () => {
    const ja = await hrOrg(ctx, '420102');
    const jh = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
    const emp = await newOrg(ctx, 'employer', ja.id);
    const ec = await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true }), 'employer');
    const p = await newPerson(ctx, emp.id);
    const pc = await loggedIn(ctx, p, 'personnel');
    const r = await pc.post('/api/me/title-change', title);
    expect((await jh.post('/api/reviews/changes/title/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(404);
    expect((await ec.post('/api/reviews/changes/title/decide', { ids: [r.body.id], decision: 'reject', reason: '缺少聘任文件' })).status).toBe(200);
    const [row] = await ctx.db.select().from(personnel).where(eq(personnel.id, p.personnelId));
    expect(row!.titleLevel).toBe('intermediate');
    expect((await pc.get('/api/me/title-change')).body.items[0]).toMatchObject({ status: 'rejected', rejectReason: '缺少聘任文件' });
    expect((await pc.post('/api/me/title-change', { ...title, titleSeries: 'GDJS', titleLevel: 'junior' })).status).toBe(400);
  });
});

describe('更换上级部门', () => {
  let jiangan: Client, jianghan: Client, jaId: number, jhId: number;
  beforeAll(async () => {
    jaId = (await hrOrg(ctx, '420104')).id; // 硚口区
    jhId = (await hrOrg(ctx, '420105')).id; // 汉阳区
    jiangan = await loggedIn(ctx, await newAdmin(ctx, jaId, { isSuper: true }));
    jianghan = await loggedIn(ctx, await newAdmin(ctx, jhId, { isSuper: true }));
  });

  it('takes effect only after both superiors approve; the subtree and its people move with it', async () => {
    const auth = await newOrg(ctx, 'authority', jaId, '硚口区某主管部门');
    const unit = await newOrg(ctx, 'employer', auth.id, '主管部门下属单位');
    await newPerson(ctx, unit.id);
    const ac = await loggedIn(ctx, await newAdmin(ctx, auth.id, { isSuper: true }), 'authority');
    const r = await ac.post('/api/org/reparent', { newParentId: jhId, reason: '机构改革划转' });
    expect(r.status).toBe(200);
    expect((await ac.post('/api/org/reparent', { newParentId: jhId, reason: '再次' })).status).toBe(409);

    const sees = async (c: Client, id: number) => (await c.get(`/api/suborgs/${id}`)).status;
    const peopleOf = async (c: Client) =>
      (await c.get('/api/dashboard')).body.summary.find((s: { label: string }) => s.label === '专业技术人员').value;
    const jaPeople = await peopleOf(jiangan);
    expect(jaPeople).toBe(1);
    expect(await peopleOf(jianghan)).toBe(0);

    // first approval (the new superior): nothing changes yet
    const q2 = await jianghan.get('/api/reviews/changes/reparent');
    expect(q2.body.items).toHaveLength(1);
    expect((await jianghan.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    expect(await sees(jiangan, unit.id)).toBe(200);
    expect(await sees(jianghan, unit.id)).toBe(404);
    expect((await jianghan.get('/api/reviews/changes/reparent')).body.items).toHaveLength(0);
    expect((await jianghan.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(409);

    // second approval (the former superior): the whole subtree moves at once
    expect((await jiangan.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    expect(await sees(jiangan, unit.id)).toBe(404);
    expect(await sees(jiangan, auth.id)).toBe(404);
    expect(await sees(jianghan, unit.id)).toBe(200);
    expect(await peopleOf(jiangan)).toBe(0);
    expect(await peopleOf(jianghan)).toBe(1);
    const [moved] = await ctx.db.select().from(organizations).where(eq(organizations.id, unit.id));
    const [jh] = await ctx.db.select().from(organizations).where(eq(organizations.id, jhId));
    expect(moved!.path).toBe(`${jh!.path}${auth.id}/${unit.id}/`);
  });

  it('either superior can reject; nothing moves', async () => {
    const emp = await newOrg(ctx, 'employer', jaId, '申请更换但被拒');
    const ec = await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true }), 'employer');
    const r = await ec.post('/api/org/reparent', { newParentId: jhId, reason: '搬迁' });
    expect((await jiangan.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'reject', reason: '不同意' })).status).toBe(200);
    expect((await jianghan.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(409);
    const [o] = await ctx.db.select().from(organizations).where(eq(organizations.id, emp.id));
    expect(o!.parentId).toBe(jaId);
    expect((await ec.get('/api/org/changes')).body.items[0]).toMatchObject({ status: 'rejected', rejectReason: '不同意' });
  });

  it('refuses a superior of the wrong type, itself or its own subordinate, and third parties', async () => {
    const auth = await newOrg(ctx, 'authority', jaId);
    const sub = await newOrg(ctx, 'employer', auth.id);
    const ac = await loggedIn(ctx, await newAdmin(ctx, auth.id, { isSuper: true }), 'authority');
    expect((await ac.post('/api/org/reparent', { newParentId: sub.id, reason: 'x' })).status).toBe(400);
    expect((await ac.post('/api/org/reparent', { newParentId: jaId, reason: 'x' })).status).toBe(400);
    expect((await ac.post('/api/org/reparent', { newParentId: jhId, reason: '' })).body.message).toContain('原因');
    const r = await ac.post('/api/org/reparent', { newParentId: jhId, reason: '调整' });
    const third = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420106')).id, { isSuper: true }));
    expect((await third.post('/api/reviews/changes/reparent/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(404);
  });
});
