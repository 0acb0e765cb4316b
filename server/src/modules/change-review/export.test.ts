import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let county: Client, sibling: Client, employer: Client, person: Client;
let who: Awaited<ReturnType<typeof newPerson>>;
beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  const emp = await newOrg(ctx, 'employer', ja.id, '江岸区变更导出中学');
  who = await newPerson(ctx, emp.id);
  person = await loggedIn(ctx, who, 'personnel');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
  employer = await loggedIn(ctx, await newAdmin(ctx, emp.id, { isSuper: true }), 'employer');
});
afterAll(async () => ctx?.close());

describe('变更审核管理 › 导出', () => {
  it("exports the title-change queue old → new, masked, within the reviewer's scope", async () => {
    const r = await person.post('/api/me/title-change', {
      titleSeries: 'ZXXJ',
      titleLevel: 'viceSenior',
      titleName: '高级教师',
      titleDate: '2025-12-01',
    });
    expect(r.status).toBe(200);
    const rows = await readXlsx(await employer.get('/api/reviews/changes/title/export?tab=pending'));
    expect(column(rows, '所在单位')).toEqual(['江岸区变更导出中学']);
    expect(column(rows, '证件号')[0]).toMatch(/\*{10}/);
    expect(JSON.stringify(rows)).not.toContain(who.idNumber);
    expect(column(rows, '变更内容')[0]).toContain('职称级别：中级 → 副高级');
    expect(column(await readXlsx(await county.get('/api/reviews/changes/title/export?tab=pending&keyword=变更导出')), '所在单位')).toEqual([
      '江岸区变更导出中学',
    ]);
    expect(column(await readXlsx(await county.get('/api/reviews/changes/title/export?tab=pending&keyword=没有这个单位')), '所在单位')).toEqual([]);
    expect(column(await readXlsx(await sibling.get('/api/reviews/changes/title/export?tab=pending')), '所在单位')).toEqual([]);
    expect(column(await readXlsx(await employer.get('/api/reviews/changes/title/export?tab=done')), '所在单位')).toEqual([]);
    expect((await employer.get('/api/reviews/changes/title/export?page=1')).status).toBe(400);
  });
});
