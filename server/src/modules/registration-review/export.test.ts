import { beijingMinute } from '@hbzsgx/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { organizations, personnel } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let county: Client, sibling: Client, employer: Client;
let mine: Awaited<ReturnType<typeof newPerson>>;
beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  const jh = await hrOrg(ctx, '420103');
  const emp = await newOrg(ctx, 'employer', ja.id, '江岸区注册导出中学');
  const other = await newOrg(ctx, 'employer', jh.id, '江汉区注册导出中学', '420103');
  mine = await newPerson(ctx, emp.id);
  const theirs = await newPerson(ctx, other.id);
  await ctx.db.update(personnel).set({ status: 'pending' }).where(eq(personnel.id, mine.personnelId));
  await ctx.db.update(personnel).set({ status: 'pending' }).where(eq(personnel.id, theirs.personnelId));
  const pendingEmp = await newOrg(ctx, 'employer', ja.id, '江岸区待审核设计院');
  await ctx.db.update(organizations).set({ status: 'pending' }).where(eq(organizations.id, pendingEmp.id));
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, jh.id, { isSuper: true }));
  employer = await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true }), 'employer');
});
afterAll(async () => ctx?.close());

describe('注册审核管理 › 导出', () => {
  it("exports a personnel queue with masked 证件号/手机号 and the list's tab and keyword", async () => {
    const res = await county.get('/api/reviews/registrations/personnel/export?tab=pending&keyword=注册导出');
    const rows = await readXlsx(res);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('专技人员注册审核（待审核）'));
    expect(column(rows, '所在单位')).toEqual(['江岸区注册导出中学']);
    expect(column(rows, '证件号')[0]).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(column(rows, '手机号')[0]).toBe('139****5678');
    expect(JSON.stringify(rows)).not.toContain(mine.idNumber);
    expect(column(rows, '状态')).toEqual(['待审核']);
    // the employer reviews its own registrants too; the sibling county never sees ours
    expect(column(await readXlsx(await employer.get('/api/reviews/registrations/personnel/export?tab=pending')), '所在单位')).toEqual([
      '江岸区注册导出中学',
    ]);
    expect(column(await readXlsx(await sibling.get('/api/reviews/registrations/personnel/export?tab=pending')), '所在单位')).toEqual([
      '江汉区注册导出中学',
    ]);
    expect((await readXlsx(await county.get('/api/reviews/registrations/personnel/export?tab=done'))).length).toBe(1);
  });

  it('exports an organisation queue with the contact phone masked', async () => {
    const rows = await readXlsx(await county.get('/api/reviews/registrations/employer/export?tab=pending'));
    expect(column(rows, '机构名称')).toEqual(['江岸区待审核设计院']);
    expect(column(rows, '联系电话')).toEqual(['138****4567']);
    expect(column(await readXlsx(await sibling.get('/api/reviews/registrations/employer/export?tab=pending')), '机构名称')).toEqual([]);
    expect((await county.get('/api/reviews/registrations/alien/export')).status).toBe(400);
    expect((await county.get('/api/reviews/registrations/employer/export?tab=x')).status).toBe(400);
  });

  it('已审核 names the reviewer (审核人) and the time (审核时间, Beijing) in the list and the export', async () => {
    const ja = await hrOrg(ctx, '420102');
    const reviewer = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['reg.review'], name: '周建国' }));
    const pending = (await reviewer.get('/api/reviews/registrations/employer?tab=pending')).body.items as { id: number; name: string }[];
    const target = pending.find((r) => r.name === '江岸区待审核设计院')!;
    expect((await reviewer.post('/api/reviews/registrations/employer/decide', { ids: [target.id], decision: 'approve' })).status).toBe(200);
    const done = (await county.get('/api/reviews/registrations/employer?tab=done')).body.items as {
      id: number;
      reviewedByName?: string | null;
      reviewedAt: string | null;
      reviewedBy?: unknown;
    }[];
    const row = done.find((r) => r.id === target.id)!;
    expect(row.reviewedByName).toBe('周建国');
    expect(row.reviewedAt).toBeTruthy();
    expect(row).not.toHaveProperty('reviewedBy'); // the account id is not sent
    const rows = await readXlsx(await county.get('/api/reviews/registrations/employer/export?tab=done'));
    expect(column(rows, '审核人')).toEqual(['周建国']);
    const beijing = beijingMinute(new Date(row.reviewedAt!));
    expect(String(column(rows, '审核时间')[0])).toContain(beijing);
    // the pending tab's export has no such columns
    expect((await readXlsx(await county.get('/api/reviews/registrations/employer/export?tab=pending')))[0]).not.toContain('审核人');
  });
});
