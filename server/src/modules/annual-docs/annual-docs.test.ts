import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import crypto from 'node:crypto';
import { annualDocs, files } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg } from '../../../test/fixtures.js';

let ctx: TestCtx;
let base: Client, county: Client, sibling: Client, otherBase: Client;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  base = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id, '江岸培训基地')).id, { isSuper: true }), 'base');
  otherBase = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id, '另一基地')).id, { isSuper: true }), 'base');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('年度培训计划 / 年度工作总结', () => {
  it('uploads with a description, HR reviews, the file downloads with its original name and checksum', async () => {
    const up = await base.upload(
      '/api/annual-docs',
      { kind: 'plan', year: 2026, description: '2026年度培训计划' },
      { name: '2026年度培训计划.pdf', content: PDF },
    );
    expect(up.status).toBe(200);
    expect(up.body.sha256).toBe(crypto.createHash('sha256').update(PDF).digest('hex'));
    const again = await base.upload('/api/annual-docs', { kind: 'plan', year: 2026, description: '重复' }, { name: 'a.pdf', content: PDF });
    expect(again.status).toBe(409);
    // the kind's name already says 年度: “2026年度培训计划”, never “2026年度的年度培训计划”
    expect(again.body.message).toBe('2026年度培训计划已提交（待审核或已通过），不能重复提交');

    const q = await county.get('/api/reviews/annual-docs/plan?tab=pending');
    expect(q.body.items.map((i: { id: number }) => i.id)).toContain(up.body.id);
    expect((await sibling.get('/api/reviews/annual-docs/plan')).body.total).toBe(0);
    const dl = await county.get(`/api/annual-docs/${up.body.id}/file`);
    expect(dl.status).toBe(200);
    expect(String(dl.headers['content-disposition'])).toContain(encodeURIComponent('2026年度培训计划.pdf'));
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment/);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.raw.rawPayload.equals(PDF)).toBe(true);
    expect((await sibling.get(`/api/annual-docs/${up.body.id}/file`)).status).toBe(404);
    expect((await otherBase.get(`/api/annual-docs/${up.body.id}/file`)).status).toBe(404);

    expect((await sibling.post('/api/reviews/annual-docs/plan/decide', { ids: [up.body.id], decision: 'approve' })).status).toBe(404);
    expect(
      (await county.post('/api/reviews/annual-docs/plan/decide', { ids: [up.body.id], decision: 'reject', reason: '缺少课程安排' })).status,
    ).toBe(200);
    expect((await base.get('/api/annual-docs?kind=plan')).body.items[0]).toMatchObject({ status: 'rejected', rejectReason: '缺少课程安排' });
    // after a rejection a new version can be submitted; the old record and file stay
    expect(
      (await base.upload('/api/annual-docs', { kind: 'plan', year: 2026, description: '修订版' }, { name: '修订版.pdf', content: PDF })).status,
    ).toBe(200);
    expect((await ctx.db.select().from(files)).length).toBe(2);
  });

  it('checks the type by content, the size, the name and the fields; writes nothing when refused', async () => {
    const before = (await ctx.db.select().from(annualDocs)).length;
    const exe = Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(200)]);
    const disguised = await base.upload('/api/annual-docs', { kind: 'summary', year: 2026, description: '总结' }, { name: '总结.pdf', content: exe });
    expect(disguised.status).toBe(400);
    expect(disguised.body.message).toContain('按文件内容识别');
    const html = await base.upload(
      '/api/annual-docs',
      { kind: 'summary', year: 2026, description: '总结' },
      { name: 'x.docx', content: Buffer.from('<html><script>alert(1)</script></html>') },
    );
    expect(html.status).toBe(400);
    const big = await base.upload(
      '/api/annual-docs',
      { kind: 'summary', year: 2026, description: '总结' },
      { name: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]) },
    );
    expect(big.status).toBe(400);
    expect(big.body.message).toContain('不能超过10MB');
    const noFields = await base.upload('/api/annual-docs', { kind: 'nope', year: 'x' }, { name: 'a.pdf', content: PDF });
    expect(noFields.status).toBe(400);
    expect(noFields.body.message).toContain('说明');
    expect((await base.upload('/api/annual-docs', { kind: 'summary', year: 2026, description: 'x' })).body.message).toContain('请选择要上传的文件');
    expect((await ctx.db.select().from(annualDocs)).length).toBe(before);

    // a real xlsx (a zip with xl/) is accepted, and a path in the name is stripped
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('总结').addRow(['2026年度工作总结']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await base.upload(
      '/api/annual-docs',
      { kind: 'summary', year: 2026, description: '总结' },
      { name: '..\\..\\etc\\工作总结<1>.xlsx', content: xlsx },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.fileName).toBe('工作总结1.xlsx');
  });

  it('only bases upload', async () => {
    expect((await county.upload('/api/annual-docs', { kind: 'plan', year: 2026, description: 'x' }, { name: 'a.pdf', content: PDF })).status).toBe(
      403,
    );
  });
});
