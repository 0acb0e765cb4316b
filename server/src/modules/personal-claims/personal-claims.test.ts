import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { claims, hourPolicies } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';

let ctx: TestCtx;
let emp: Client, county: Client, other: Client, person: Client;
const year = new Date().getFullYear();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
const decl = (over: Record<string, string | number> = {}) => ({
  year,
  title: '全国教育学术年会',
  subjectType: 'professional',
  learningForm: 'conference',
  units: 1,
  ...over,
});

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const ja = await hrOrg(ctx, '420102');
  const empId = (await newOrg(ctx, 'employer', ja.id, '江岸区第一中学')).id;
  emp = await loggedIn(ctx, await newAdmin(ctx, empId, { isSuper: true }), 'employer');
  other = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'employer', ja.id)).id, { isSuper: true }), 'employer');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  person = await loggedIn(ctx, await newPerson(ctx, empId), 'personnel');
});
afterAll(async () => ctx?.close());

describe('个人申报学时', () => {
  it('declares with evidence; hours follow the rule; the unit reviews first, then HR; the cap applies', async () => {
    const r = await person.upload('/api/me/claims', decl(), { name: '参会证明.png', content: PNG });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ hours: 8, status: 'pendingEmployer' });
    expect(r.body.basis).toContain('学术会议 1次 × 8学时/次 = 8学时');
    expect((await county.get('/api/reviews/claims?source=personal')).body.total).toBe(0); // not HR's yet
    expect((await other.get('/api/reviews/personal-claims')).body.total).toBe(0);
    expect((await other.post('/api/reviews/personal-claims/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(404);
    const mineQ = await emp.get('/api/reviews/personal-claims');
    expect(mineQ.body.items[0]).toMatchObject({ id: r.body.id, hours: 8, statusName: '待单位审核' });
    const ev = await emp.get(`/api/claims/${r.body.id}/evidence`);
    expect(ev.status).toBe(200);
    expect(ev.headers['content-type']).toBe('image/png');
    expect((await other.get(`/api/claims/${r.body.id}/evidence`)).status).toBe(404);
    expect((await emp.post('/api/reviews/personal-claims/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    expect((await emp.post('/api/reviews/personal-claims/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(409);
    const hrQ = await county.get('/api/reviews/claims?source=personal');
    expect(hrQ.body.items.map((i: { id: number }) => i.id)).toEqual([r.body.id]);
    expect((await county.post('/api/reviews/claims/decide', { ids: [r.body.id], decision: 'approve' })).status).toBe(200);
    expect((await person.get(`/api/me/hours?year=${year}`)).body.professionalHours).toBe(8);

    // the yearly cap (24 for conferences): 2 more conferences fit, the next is cut, then refused
    expect((await person.upload('/api/me/claims', decl({ units: 2 }), { name: 'a.png', content: PNG })).body.hours).toBe(16);
    expect((await person.upload('/api/me/claims', decl(), { name: 'b.png', content: PNG })).status).toBe(409);
  });

  it('refuses a disguised file, bad fields, a closed year; admins cannot use it', async () => {
    const before = (await ctx.db.select().from(claims)).length;
    expect(
      (await person.upload('/api/me/claims', decl({ learningForm: 'furtherStudy' }), { name: 'x.png', content: Buffer.from('not an image') })).status,
    ).toBe(400);
    const bad = await person.upload('/api/me/claims', decl({ units: -1, subjectType: 'x' }), { name: 'x.png', content: PNG });
    expect(bad.body.message).toContain('数量');
    await ctx.db
      .update(hourPolicies)
      .set({ closingDate: `${year}-01-01` })
      .where(eq(hourPolicies.year, year));
    const late = await person.upload('/api/me/claims', decl({ learningForm: 'furtherStudy' }), { name: 'x.png', content: PNG });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('截止');
    await ctx.db
      .update(hourPolicies)
      .set({ closingDate: `${year}-12-31` })
      .where(eq(hourPolicies.year, year));
    expect((await emp.upload('/api/me/claims', decl(), { name: 'x.png', content: PNG })).status).toBe(400);
    expect((await ctx.db.select().from(claims)).length).toBe(before);
  });
});
