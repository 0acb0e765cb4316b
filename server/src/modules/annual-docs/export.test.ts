import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let base: Client, county: Client, sibling: Client;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  base = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id, '江岸年度材料导出基地')).id, { isSuper: true }), 'base');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('年度培训计划/工作总结 › 导出', () => {
  it("exports the base's own documents by kind and the review queue by tab and year, in scope", async () => {
    await base.upload('/api/annual-docs', { kind: 'plan', year: 2026, description: '2026年度培训计划' }, { name: '计划.pdf', content: PDF });
    await base.upload('/api/annual-docs', { kind: 'summary', year: 2025, description: '2025年度工作总结' }, { name: '总结.pdf', content: PDF });
    const plans = await readXlsx(await base.get('/api/annual-docs/export?kind=plan'));
    expect(column(plans, '说明')).toEqual(['2026年度培训计划']);
    expect(column(plans, '文件')).toEqual(['计划.pdf']);
    expect(column(await readXlsx(await base.get('/api/annual-docs/export')), '类别').sort()).toEqual(['年度培训计划', '年度工作总结'].sort());

    const queue = await readXlsx(await county.get('/api/reviews/annual-docs/plan/export?tab=pending&year=2026'));
    expect(column(queue, '继续教育机构')).toEqual(['江岸年度材料导出基地']);
    expect(column(queue, '审核状态')).toEqual(['待审核']);
    expect(column(await readXlsx(await county.get('/api/reviews/annual-docs/plan/export?tab=pending&year=2025')), '说明')).toEqual([]);
    expect(column(await readXlsx(await county.get('/api/reviews/annual-docs/plan/export?tab=done')), '说明')).toEqual([]);
    expect(column(await readXlsx(await sibling.get('/api/reviews/annual-docs/plan/export?tab=pending')), '说明')).toEqual([]);
    expect((await base.get('/api/reviews/annual-docs/plan/export')).status).toBe(403);
    expect((await county.get('/api/annual-docs/export')).status).toBe(403);
  });
});
