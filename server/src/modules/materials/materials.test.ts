import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { auditLogs, files, materialFiles, materials } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let base: Client, otherBase: Client, siblingBase: Client, county: Client, city: Client, sibling: Client, employer: Client, countyViewer: Client;
let baseOrgName: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const year = new Date().getFullYear();

beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102'); // 江岸区 (county) under 武汉市
  const qk = await hrOrg(ctx, '420103'); // 江汉区: a sibling county
  const baseOrg = await newOrg(ctx, 'base', ja.id, '江岸继续教育基地');
  baseOrgName = baseOrg.name;
  base = await loggedIn(ctx, await newAdmin(ctx, baseOrg.id, { isSuper: true }), 'base');
  otherBase = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'base', ja.id, '江岸另一基地')).id, { isSuper: true }), 'base');
  siblingBase = await loggedIn(
    ctx,
    await newAdmin(ctx, (await newOrg(ctx, 'base', qk.id, '江汉继续教育基地', '420103')).id, { isSuper: true }),
    'base',
  );
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  countyViewer = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['materials.view'] }));
  city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, qk.id, { isSuper: true }));
  employer = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'employer', ja.id)).id, { isSuper: true }), 'employer');
});
afterAll(async () => ctx?.close());

async function draft(c: Client, name = '年度工作材料') {
  const r = await c.post('/api/materials', { year, name, description: '本年度继续教育工作材料' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as number;
}
const upload = (c: Client, id: number, category: string, name: string, content: Buffer) =>
  c.upload(`/api/materials/${id}/files`, { category }, { name, content });
const counts = async () => ({
  materials: (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(materials))[0]!.n,
  links: (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(materialFiles))[0]!.n,
  files: (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(files))[0]!.n,
});

describe('年度工作材料报送', () => {
  it('creates a draft, uploads two files, submits; the superiors list, open and download it', async () => {
    const id = await draft(base, `${year}年度继续教育工作总结`);
    const guide = await upload(base, id, 'guide', `${year}年学习指南.pdf`, PDF);
    expect(guide.status, JSON.stringify(guide.body)).toBe(200);
    const pic = await upload(base, id, 'summary', '培训现场.png', PNG);
    expect(pic.status).toBe(200);

    const mine = await base.get(`/api/materials?year=${year}&status=draft`);
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0].files.map((f: { categoryName: string; name: string }) => `${f.categoryName}:${f.name}`)).toEqual([
      `学习指南:${year}年学习指南.pdf`,
      '工作总结:培训现场.png',
    ]);
    // a draft is the submitter's business only
    expect((await county.get('/api/materials/jurisdiction')).body.items.map((m: { id: number }) => m.id)).not.toContain(id);
    expect((await county.get(`/api/materials/jurisdiction/${id}`)).status).toBe(404);

    expect((await base.post(`/api/materials/${id}/submit`)).status).toBe(200);
    const submitted = (await base.get(`/api/materials/${id}`)).body;
    expect(submitted).toMatchObject({ status: 'submitted', viewedAt: null });
    expect(submitted.submittedAt).toBeTruthy();

    // the county HR (direct superior) sees it, filtered by year, name, region and 待查看
    const list = await county.get(`/api/materials/jurisdiction?year=${year}&orgName=江岸继续&divisionCode=420100&status=unviewed`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id, orgName: baseOrgName, status: 'submitted' });
    expect((await county.get(`/api/materials/jurisdiction?year=${year - 1}`)).body.items.map((m: { id: number }) => m.id)).not.toContain(id);
    expect((await county.get('/api/materials/jurisdiction?divisionCode=420500')).body.total).toBe(0);
    // so does the city above it (a viewer with materials.view only, too)
    expect((await city.get('/api/materials/jurisdiction')).body.items.map((m: { id: number }) => m.id)).toContain(id);
    expect((await countyViewer.get('/api/materials/jurisdiction')).body.items.map((m: { id: number }) => m.id)).toContain(id);

    const opened = await county.get(`/api/materials/jurisdiction/${id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.viewedAt).toBeTruthy();
    expect(opened.body.files).toHaveLength(2);
    expect((await county.get('/api/materials/jurisdiction?status=viewed')).body.items.map((m: { id: number }) => m.id)).toContain(id);
    expect((await base.get(`/api/materials/${id}`)).body.viewedAt).toBeTruthy();
    const views = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'material.view'), eq(auditLogs.targetId, String(id))));
    expect(views).toHaveLength(1);

    const dl = await county.get(`/api/materials/jurisdiction/${id}/files/${guide.body.fileId}`);
    expect(dl.status).toBe(200);
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment/);
    expect(String(dl.headers['content-disposition'])).toContain(encodeURIComponent(`${year}年学习指南.pdf`));
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.raw.rawPayload.equals(PDF)).toBe(true);
    const own = await base.get(`/api/materials/${id}/files/${pic.body.fileId}`);
    expect(own.headers['content-type']).toBe('image/png');
    expect(own.raw.rawPayload.equals(PNG)).toBe(true);

    // the audit trail of the workflow
    const actions = (
      await ctx.db
        .select({ a: auditLogs.action })
        .from(auditLogs)
        .where(eq(auditLogs.targetId, String(id)))
    ).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(['material.create', 'material.file.add', 'material.submit', 'material.view']));
  });

  it('exports the own list and the jurisdiction list with the same filters', async () => {
    const a = await draft(base, '导出用草稿');
    await upload(base, a, 'notice', '工作通知.pdf', PDF);
    const own = await readXlsx(await base.get('/api/materials/export?status=draft'));
    expect(own[0]).toEqual(expect.arrayContaining(['报送年度', '材料名称', '文件清单', '状态']));
    expect(column(own, '材料名称')).toEqual(['导出用草稿']);
    expect(column(own, '文件清单')[0]).toBe('【工作通知】工作通知.pdf');
    expect(column(own, '状态')).toEqual(['草稿']);

    const jur = await readXlsx(await county.get(`/api/materials/jurisdiction/export?year=${year}`));
    expect(column(jur, '单位名称')).toContain(baseOrgName);
    expect(column(jur, '材料名称')).not.toContain('导出用草稿'); // drafts stay private
    expect((await readXlsx(await county.get('/api/materials/jurisdiction/export?orgName=不存在的单位'))).length).toBe(1);
    // the sibling county's export holds nothing of ours
    const sib = await readXlsx(await sibling.get('/api/materials/jurisdiction/export'));
    expect(column(sib, '单位名称')).not.toContain(baseOrgName);
    const logs = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'export'));
    expect(logs.map((l) => l.targetType)).toEqual(expect.arrayContaining(['materials', 'materials_jurisdiction']));
  });

  it('withdraws (submitting organisation only), edits and removes files only while a draft', async () => {
    const id = await draft(base, '撤回测试');
    const f1 = await upload(base, id, 'guide', '指南.pdf', PDF);
    const f2 = await upload(base, id, 'other', '附件.png', PNG);
    expect((await base.post(`/api/materials/${id}/submit`)).status).toBe(200);
    await county.get(`/api/materials/jurisdiction/${id}`); // viewed by the superior: still withdrawable (documented rule)

    const edit = await base.put(`/api/materials/${id}`, { year, name: '改名', description: '' });
    expect(edit.status).toBe(409);
    expect(edit.body.message).toContain('请先撤回');
    expect((await upload(base, id, 'guide', 'x.pdf', PDF)).status).toBe(409);
    expect((await base.del(`/api/materials/${id}/files/${f1.body.fileId}`)).status).toBe(409);
    expect((await base.post(`/api/materials/${id}/submit`)).status).toBe(409);

    expect((await otherBase.post(`/api/materials/${id}/withdraw`)).status).toBe(404);
    expect((await county.post(`/api/materials/${id}/withdraw`)).status).toBe(404);
    expect((await base.post(`/api/materials/${id}/withdraw`)).status).toBe(200);
    expect((await base.post(`/api/materials/${id}/withdraw`)).status).toBe(409);
    const back = (await base.get(`/api/materials/${id}`)).body;
    expect(back).toMatchObject({ status: 'draft', submittedAt: null, viewedAt: null });
    expect((await county.get(`/api/materials/jurisdiction/${id}`)).status).toBe(404);

    expect((await base.put(`/api/materials/${id}`, { year, name: '改名后', description: '补充说明' })).status).toBe(200);
    const filesBefore = (await counts()).files;
    expect((await base.del(`/api/materials/${id}/files/${f1.body.fileId}`)).status).toBe(200);
    expect((await base.del(`/api/materials/${id}/files/${f1.body.fileId}`)).status).toBe(404);
    const [link] = await ctx.db
      .select()
      .from(materialFiles)
      .where(and(eq(materialFiles.materialId, id), eq(materialFiles.fileId, f1.body.fileId)));
    expect(link!.removedAt).toBeTruthy(); // the link is marked, the file row stays
    expect((await counts()).files).toBe(filesBefore);
    expect((await base.get(`/api/materials/${id}/files/${f1.body.fileId}`)).status).toBe(404);
    expect((await base.get(`/api/materials/${id}`)).body).toMatchObject({ title: '改名后', files: [{ fileId: f2.body.fileId }] });
    expect((await base.post(`/api/materials/${id}/submit`)).status).toBe(200);
  });

  it('refuses to submit without files, and of two concurrent submits exactly one wins', async () => {
    const empty = await draft(base, '空材料');
    const r = await base.post(`/api/materials/${empty}/submit`);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('至少上传一个');
    const f = await upload(base, empty, 'guide', 'a.pdf', PDF);
    await base.del(`/api/materials/${empty}/files/${f.body.fileId}`);
    expect((await base.post(`/api/materials/${empty}/submit`)).status).toBe(409);

    const id = await draft(base, '并发提交');
    await upload(base, id, 'guide', 'a.pdf', PDF);
    const both = await Promise.all([base.post(`/api/materials/${id}/submit`), base.post(`/api/materials/${id}/submit`)]);
    expect(both.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(
      (
        await ctx.db
          .select()
          .from(auditLogs)
          .where(and(eq(auditLogs.action, 'material.submit'), eq(auditLogs.targetId, String(id))))
      ).length,
    ).toBe(1);
  });

  it('keeps every organisation to its own materials and every HR department to its jurisdiction', async () => {
    const id = await draft(base, '越权测试');
    const f = await upload(base, id, 'guide', 'a.pdf', PDF);
    await base.post(`/api/materials/${id}/submit`);
    // another base, even under the same HR department: 404 on every own-material route, nothing in its list
    for (const [m, u] of [
      ['GET', `/api/materials/${id}`],
      ['PUT', `/api/materials/${id}`],
      ['GET', `/api/materials/${id}/files/${f.body.fileId}`],
      ['DELETE', `/api/materials/${id}/files/${f.body.fileId}`],
      ['POST', `/api/materials/${id}/submit`],
      ['POST', `/api/materials/${id}/withdraw`],
    ] as const) {
      const res = await otherBase.req(m, u, m === 'PUT' ? { year, name: 'x', description: '' } : m === 'POST' ? {} : undefined);
      expect(res.status, `${m} ${u}`).toBe(404);
    }
    expect((await otherBase.upload(`/api/materials/${id}/files`, { category: 'guide' }, { name: 'a.pdf', content: PDF })).status).toBe(404);
    expect((await otherBase.get('/api/materials')).body.items.map((m: { id: number }) => m.id)).not.toContain(id);
    // a base has no 辖区 view; an employer has no materials at all
    expect((await otherBase.get('/api/materials/jurisdiction')).status).toBe(403);
    expect((await siblingBase.get(`/api/materials/jurisdiction/${id}`)).status).toBe(403);
    expect((await employer.get('/api/materials')).status).toBe(403);
    expect((await employer.post('/api/materials', { year, name: 'x' })).status).toBe(403);
    // the sibling county HR: not in its list, 404 on opening and downloading
    expect((await sibling.get('/api/materials/jurisdiction')).body.items.map((m: { id: number }) => m.id)).not.toContain(id);
    expect((await sibling.get(`/api/materials/jurisdiction/${id}`)).status).toBe(404);
    expect((await sibling.get(`/api/materials/jurisdiction/${id}/files/${f.body.fileId}`)).status).toBe(404);
    // a file id that belongs to another material is not reachable through this one
    const other = await draft(otherBase, '另一基地材料');
    const g = await upload(otherBase, other, 'guide', 'b.pdf', PDF);
    await otherBase.post(`/api/materials/${other}/submit`);
    expect((await county.get(`/api/materials/jurisdiction/${id}/files/${g.body.fileId}`)).status).toBe(404);
    expect((await base.get(`/api/materials/${id}/files/${g.body.fileId}`)).status).toBe(404);
  });

  it('an HR department reports its own materials too, seen by the HR above and not by itself as 辖区', async () => {
    const id = await draft(county, '江岸区人社局年度工作材料');
    await upload(county, id, 'notice', '通知.pdf', PDF);
    expect((await county.post(`/api/materials/${id}/submit`)).status).toBe(200);
    expect((await county.get('/api/materials/jurisdiction')).body.items.map((m: { id: number }) => m.id)).not.toContain(id);
    expect((await city.get('/api/materials/jurisdiction')).body.items.map((m: { id: number }) => m.id)).toContain(id);
    expect((await sibling.get(`/api/materials/jurisdiction/${id}`)).status).toBe(404);
  });

  it('answers bad input with 400 in Chinese naming the field, and writes nothing', async () => {
    const id = await draft(base, '输入校验');
    const before = await counts();
    const audits = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLogs))[0]!.n;

    const old = await base.post('/api/materials', { year: 1999, name: '旧材料' });
    expect(old.status).toBe(400);
    expect(old.body.message).toContain('年度');
    const future = await base.post('/api/materials', { year: year + 2, name: '未来材料' });
    expect(future.status).toBe(400);
    expect(future.body.message).toContain('不能晚于明年');
    const noName = await base.post('/api/materials', { year, name: '   ' });
    expect(noName.status).toBe(400);
    expect(noName.body.message).toContain('名称：请填写材料名称');
    expect((await base.put(`/api/materials/${id}`, { year: 'abc', name: 'x' })).status).toBe(400);

    const exe = Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(300)]);
    const disguised = await upload(base, id, 'guide', '学习指南.pdf', exe);
    expect(disguised.status).toBe(400);
    expect(disguised.body.message).toContain('按文件内容识别');
    const html = await upload(base, id, 'guide', '通知.docx', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.status).toBe(400);
    const noCategory = await upload(base, id, 'bogus', 'a.pdf', PDF);
    expect(noCategory.status).toBe(400);
    expect(noCategory.body.message).toContain('材料类别');
    const noFile = await base.upload(`/api/materials/${id}/files`, { category: 'guide' });
    expect(noFile.status).toBe(400);
    expect(noFile.body.message).toContain('请选择要上传的文件');
    const big = await upload(base, id, 'guide', 'big.pdf', Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]));
    expect(big.status).toBe(400);
    expect(big.body.message).toContain('不能超过20MB');
    expect((await base.get('/api/materials?status=bogus')).body.message).toMatch(/查询参数状态：/);
    expect((await county.get('/api/materials/jurisdiction?divisionCode=42')).status).toBe(400);
    expect((await base.get('/api/materials/abc')).status).toBe(400);

    expect(await counts()).toEqual(before);
    expect((await ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditLogs))[0]!.n).toBe(audits);

    // a real xlsx and docx-like content pass the content check
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('统计').addRow(['培训人次', 120]);
    const ok = await upload(base, id, 'other', '..\\培训统计<1>.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.status).toBe(200);
    expect(ok.body.name).toBe('培训统计1.xlsx');
  });
});
