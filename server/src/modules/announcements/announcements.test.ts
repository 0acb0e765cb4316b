import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { announcementFiles, announcements, auditLogs, files } from '../../db/schema.js';
import { Client, createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let province: Client, wuhan: Client, yichang: Client, county: Client, employer: Client, person: Client, otherEmployer: Client, otherPerson: Client;
let visitor: Client;
let wuhanName: string, provinceName: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  ctx = await createTestApp();
  const prov = await hrOrg(ctx, '420000');
  const wh = await hrOrg(ctx, '420100'); // 武汉市
  const yc = await hrOrg(ctx, '420500'); // 宜昌市
  const ja = await hrOrg(ctx, '420102'); // 江岸区, under 武汉市
  provinceName = prov.name;
  wuhanName = wh.name;
  province = await loggedIn(ctx, await newAdmin(ctx, prov.id, { isSuper: true }));
  wuhan = await loggedIn(ctx, await newAdmin(ctx, wh.id, { isSuper: true }));
  yichang = await loggedIn(ctx, await newAdmin(ctx, yc.id, { isSuper: true }));
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  const unit = await newOrg(ctx, 'employer', ja.id, '江岸区第一中学');
  employer = await loggedIn(ctx, await newAdmin(ctx, unit.id, { isSuper: true }), 'employer');
  person = await loggedIn(ctx, await newPerson(ctx, unit.id), 'personnel');
  const ycUnit = await newOrg(ctx, 'employer', yc.id, '宜昌市第一中学', '420502');
  otherEmployer = await loggedIn(ctx, await newAdmin(ctx, ycUnit.id, { isSuper: true }), 'employer');
  otherPerson = await loggedIn(ctx, await newPerson(ctx, ycUnit.id), 'personnel');
  visitor = new Client(ctx);
});
afterAll(async () => ctx?.close());

async function draft(c: Client, title: string, kind: 'notice' | 'policy' = 'notice', pinned = false) {
  const r = await c.post('/api/announcement-admin', {
    noticeKind: kind,
    headline: title,
    content: `${title}\n\n各有关单位：\n\t请认真组织落实。`,
    pinned,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as number;
}
async function published(c: Client, title: string, kind: 'notice' | 'policy' = 'notice', pinned = false) {
  const id = await draft(c, title, kind, pinned);
  const r = await c.post(`/api/announcement-admin/${id}/publish`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return id;
}
const ids = (r: { body: { items: { id: number }[] } }) => r.body.items.map((i) => i.id);
const counts = async () => ({
  announcements: (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(announcements))[0]!.n,
  links: (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(announcementFiles))[0]!.n,
  files: (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(files))[0]!.n,
});

describe('通知公告', () => {
  it('a city HR writes a notice with an attachment and publishes it: the home page lists it with its publisher, body and download', async () => {
    const id = await draft(wuhan, '关于开展2026年度专业技术人员继续教育的通知');
    const up = await wuhan.upload(`/api/announcement-admin/${id}/files`, {}, { name: '附件1：培训安排.pdf', content: PDF });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    const mine = await wuhan.get('/api/announcement-admin?status=draft&noticeKind=notice&headline=继续教育');
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({ id, status: 'draft', fileCount: 1, publishedAt: null });
    // a draft is nobody else's business
    expect(ids(await visitor.get('/api/public/announcements'))).not.toContain(id);
    expect((await visitor.get(`/api/public/announcements/${id}`)).status).toBe(404);
    expect((await visitor.get(`/api/public/announcements/${id}/files/${up.body.fileId}`)).status).toBe(404);
    expect((await county.get(`/api/announcements/${id}`)).status).toBe(404);

    expect((await wuhan.post(`/api/announcement-admin/${id}/publish`)).status).toBe(200);
    const home = await visitor.get('/api/public/announcements?noticeKind=notice');
    expect(home.status).toBe(200);
    expect(home.body.items.find((i: { id: number }) => i.id === id)).toMatchObject({
      title: '关于开展2026年度专业技术人员继续教育的通知',
      publisherName: wuhanName,
      scope: 'city',
      kind: 'notice',
    });
    expect(ids(await visitor.get('/api/public/announcements?noticeKind=policy'))).not.toContain(id);
    const detail = await visitor.get(`/api/public/announcements/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.body).toBe('关于开展2026年度专业技术人员继续教育的通知\n\n各有关单位：\n\t请认真组织落实。');
    expect(detail.body.files).toEqual([expect.objectContaining({ fileId: up.body.fileId, name: '附件1：培训安排.pdf', kind: 'pdf' })]);
    const dl = await visitor.get(`/api/public/announcements/${id}/files/${up.body.fileId}`);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment/);
    expect(dl.raw.rawPayload.equals(PDF)).toBe(true);

    const actions = (
      await ctx.db
        .select({ a: auditLogs.action })
        .from(auditLogs)
        .where(and(eq(auditLogs.targetType, 'announcement'), eq(auditLogs.targetId, String(id))))
    ).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(['announcement.create', 'announcement.file.add', 'announcement.publish']));
  });

  it('readers see the province’s and their own city’s: a county HR, an employer and a person by their unit’s city, never another city’s', async () => {
    const prov = await published(province, '湖北省关于专业技术人员继续教育学时认定的政策解读', 'policy');
    const wh = await published(wuhan, '武汉市2026年度公需科目培训安排');
    const yc = await published(yichang, '宜昌市2026年度公需科目培训安排');
    for (const c of [county, employer, person, wuhan]) {
      const list = ids(await c.get('/api/announcements?pageSize=50'));
      expect(list).toEqual(expect.arrayContaining([prov, wh]));
      expect(list).not.toContain(yc);
      expect((await c.get(`/api/announcements/${wh}`)).status).toBe(200);
      expect((await c.get(`/api/announcements/${yc}`)).status).toBe(404);
    }
    for (const c of [yichang, otherEmployer, otherPerson]) {
      const list = ids(await c.get('/api/announcements?pageSize=50'));
      expect(list).toEqual(expect.arrayContaining([prov, yc]));
      expect(list).not.toContain(wh);
      expect((await c.get(`/api/announcements/${wh}`)).status).toBe(404);
    }
    // the province HR reads the province-wide ones (a city's is for that city)
    const p = ids(await province.get('/api/announcements?pageSize=50'));
    expect(p).toContain(prov);
    expect(p).not.toContain(wh);
    // the home page shows all of them, each labelled with its publisher; kind filter
    const home = await visitor.get('/api/public/announcements?pageSize=50');
    expect(ids(home)).toEqual(expect.arrayContaining([prov, wh, yc]));
    expect(home.body.items.find((i: { id: number }) => i.id === prov)).toMatchObject({ publisherName: provinceName, scope: 'province' });
    const policies = await visitor.get('/api/public/announcements?noticeKind=policy&pageSize=50');
    expect(ids(policies)).toContain(prov);
    expect(ids(policies)).not.toContain(wh);
    // without a session the reader route is 401
    expect((await visitor.get('/api/announcements')).status).toBe(401);
  });

  it('pinned first, then newest first; 10 per page by default with the total', async () => {
    for (let i = 0; i < 11; i++) await published(yichang, `宜昌市第${i + 1}号通知`);
    const pinned = await published(yichang, '宜昌市置顶通知', 'notice', true);
    const page1 = await visitor.get('/api/public/announcements');
    expect(page1.body.items).toHaveLength(10);
    expect(page1.body.total).toBeGreaterThan(10);
    expect(page1.body.items[0].id).toBe(pinned);
    const unpinned = page1.body.items.filter((i: { pinned: boolean }) => !i.pinned);
    const times = unpinned.map((i: { publishedAt: string }) => Date.parse(i.publishedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const page2 = await visitor.get('/api/public/announcements?page=2');
    expect(ids(page2).some((x: number) => ids(page1).includes(x))).toBe(false);
  });

  it('withdraw: gone from the home page, the dashboards and the public download; republish brings it back', async () => {
    const id = await draft(wuhan, '将被撤回的通知');
    const up = await wuhan.upload(`/api/announcement-admin/${id}/files`, {}, { name: '撤回附件.pdf', content: PDF });
    expect((await wuhan.post(`/api/announcement-admin/${id}/publish`)).status).toBe(200);
    expect((await visitor.get(`/api/public/announcements/${id}/files/${up.body.fileId}`)).status).toBe(200);
    expect((await wuhan.post(`/api/announcement-admin/${id}/withdraw`)).status).toBe(200);
    expect(ids(await visitor.get('/api/public/announcements?pageSize=50'))).not.toContain(id);
    expect((await visitor.get(`/api/public/announcements/${id}`)).status).toBe(404);
    expect((await visitor.get(`/api/public/announcements/${id}/files/${up.body.fileId}`)).status).toBe(404);
    expect(ids(await county.get('/api/announcements?pageSize=50'))).not.toContain(id);
    expect((await county.get(`/api/announcements/${id}`)).status).toBe(404);
    // the publisher still has it (and its file), 已撤回
    expect((await wuhan.get(`/api/announcement-admin/${id}`)).body).toMatchObject({ status: 'withdrawn' });
    expect((await wuhan.get(`/api/announcement-admin/${id}/files/${up.body.fileId}`)).status).toBe(200);
    expect((await wuhan.post(`/api/announcement-admin/${id}/withdraw`)).status).toBe(409);
    // a withdrawn one was public: not deleted, but may be corrected and published again
    expect((await wuhan.del(`/api/announcement-admin/${id}`)).status).toBe(409);
    expect(
      (await wuhan.put(`/api/announcement-admin/${id}`, { noticeKind: 'notice', headline: '更正后的通知', content: '更正', pinned: false })).status,
    ).toBe(200);
    expect((await wuhan.post(`/api/announcement-admin/${id}/publish`)).status).toBe(200);
    expect((await visitor.get(`/api/public/announcements/${id}`)).body.title).toBe('更正后的通知');
  });

  it('a published one is neither edited nor given files until withdrawn; only a draft is deleted', async () => {
    const id = await published(wuhan, '已发布的通知');
    const before = await counts();
    expect((await wuhan.put(`/api/announcement-admin/${id}`, { noticeKind: 'notice', headline: '改', content: '改', pinned: false })).status).toBe(
      409,
    );
    expect((await wuhan.upload(`/api/announcement-admin/${id}/files`, {}, { name: 'x.pdf', content: PDF })).status).toBe(409);
    expect((await wuhan.del(`/api/announcement-admin/${id}`)).status).toBe(409);
    expect(await counts()).toEqual(before);
    const d = await draft(wuhan, '要删除的草稿');
    await wuhan.upload(`/api/announcement-admin/${d}/files`, {}, { name: 'y.pdf', content: PDF });
    expect((await wuhan.del(`/api/announcement-admin/${d}`)).status).toBe(200);
    expect((await wuhan.get(`/api/announcement-admin/${d}`)).status).toBe(404);
    expect(
      await ctx.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'announcement.delete'), eq(auditLogs.targetId, String(d)))),
    ).toHaveLength(1);
  });

  it('two publishers at once: exactly one wins, the other gets 409', async () => {
    const id = await draft(wuhan, '并发发布的通知');
    const other = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { permissions: ['announcement.manage'] }));
    const results = (
      await Promise.all([wuhan.post(`/api/announcement-admin/${id}/publish`), other.post(`/api/announcement-admin/${id}/publish`)])
    ).map((r) => r.status);
    expect(results.sort()).toEqual([200, 409]);
    expect(
      await ctx.db
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.action, 'announcement.publish'), eq(auditLogs.targetId, String(id)))),
    ).toHaveLength(1);
  });

  it('a county HR does not manage announcements (403, nothing written); employers have no such permission', async () => {
    const before = await counts();
    expect(
      (await county.post('/api/announcement-admin', { noticeKind: 'notice', headline: '县区通知', content: '正文', pinned: false })).status,
    ).toBe(403);
    expect((await county.get('/api/announcement-admin')).status).toBe(403);
    expect((await county.get('/api/announcement-admin/export')).status).toBe(403);
    expect((await employer.get('/api/announcement-admin')).status).toBe(403);
    expect(await counts()).toEqual(before);
    // nor is it in the county's menu
    const menus = JSON.stringify((await county.get('/api/auth/me')).body.menus);
    expect(menus).not.toContain('/announcements/manage');
    expect(JSON.stringify((await wuhan.get('/api/auth/me')).body.menus)).toContain('/announcements/manage');
  });

  it('each publisher manages its own only: a city cannot touch the province’s, nor the province a city’s, nor one city another’s (404)', async () => {
    const prov = await draft(province, '省厅草稿');
    const up = await province.upload(`/api/announcement-admin/${prov}/files`, {}, { name: '省厅附件.pdf', content: PDF });
    const wh = await draft(wuhan, '武汉草稿');
    const before = await counts();
    const body = { noticeKind: 'notice', headline: '篡改', content: '篡改', pinned: false };
    for (const [c, id] of [
      [wuhan, prov],
      [yichang, wh],
      [province, wh],
    ] as const) {
      expect((await c.get(`/api/announcement-admin/${id}`)).status).toBe(404);
      expect((await c.put(`/api/announcement-admin/${id}`, body)).status).toBe(404);
      expect((await c.post(`/api/announcement-admin/${id}/publish`)).status).toBe(404);
      expect((await c.post(`/api/announcement-admin/${id}/withdraw`)).status).toBe(404);
      expect((await c.del(`/api/announcement-admin/${id}`)).status).toBe(404);
      expect((await c.upload(`/api/announcement-admin/${id}/files`, {}, { name: 'z.pdf', content: PDF })).status).toBe(404);
      expect(ids(await c.get('/api/announcement-admin?pageSize=200'))).not.toContain(id);
    }
    expect((await wuhan.get(`/api/announcement-admin/${prov}/files/${up.body.fileId}`)).status).toBe(404);
    expect((await wuhan.del(`/api/announcement-admin/${prov}/files/${up.body.fileId}`)).status).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await province.get(`/api/announcement-admin/${prov}`)).body.title).toBe('省厅草稿');
  });

  it('bad input is 400 in Chinese naming the field, nothing written', async () => {
    const id = await draft(wuhan, '校验用草稿');
    const before = await counts();
    const ok = { noticeKind: 'notice', headline: '标题', content: '正文', pinned: false };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...ok, headline: '' }, '标题'],
      [{ ...ok, headline: 'x'.repeat(101) }, '标题'],
      [{ ...ok, content: '' }, '正文'],
      [{ ...ok, content: '正文\u0001' }, '正文'],
      [{ ...ok, content: 'x'.repeat(20001) }, '正文'],
      [{ ...ok, noticeKind: 'memo' }, '类别'],
      [{ ...ok, pinned: 'yes' }, '置顶'],
    ];
    for (const [b, field] of bad) {
      const r = await wuhan.post('/api/announcement-admin', b);
      expect(r.status, JSON.stringify(b).slice(0, 80)).toBe(400);
      expect(r.body.message).toContain(field);
      expect((await wuhan.put(`/api/announcement-admin/${id}`, b)).status).toBe(400);
    }
    expect((await wuhan.post('/api/announcement-admin/2147483648/publish')).status).toBe(400);
    expect((await visitor.get('/api/public/announcements?noticeKind=memo')).status).toBe(400);
    expect((await visitor.get('/api/public/announcements?pageSize=51')).status).toBe(400);
    expect((await visitor.get('/api/public/announcements/abc')).status).toBe(400);
    // an attachment that is not one of the allowed types (sniffed from its bytes, not its name)
    expect(
      (await wuhan.upload(`/api/announcement-admin/${id}/files`, {}, { name: '伪装.pdf', content: Buffer.from('MZ\x90\x00not a pdf') })).status,
    ).toBe(400);
    expect(await counts()).toEqual(before);
    expect((await wuhan.get(`/api/announcement-admin/${id}`)).body.title).toBe('校验用草稿');
  });

  it('the public download serves an attachment of a published announcement only — never another announcement’s or any other file', async () => {
    const a = await published(wuhan, '有附件的通知');
    const b = await draft(wuhan, '草稿的附件');
    const fb = await wuhan.upload(`/api/announcement-admin/${b}/files`, {}, { name: '草稿附件.pdf', content: PDF });
    // b's file through a's id: not a's attachment
    expect((await visitor.get(`/api/public/announcements/${a}/files/${fb.body.fileId}`)).status).toBe(404);
    // some other uploaded file (not an attachment at all)
    const [other] = await ctx.db.select({ id: files.id }).from(files).where(eq(files.originalName, '省厅附件.pdf'));
    if (other) expect((await visitor.get(`/api/public/announcements/${a}/files/${other.id}`)).status).toBe(404);
    // a removed attachment is no longer served
    const c = await draft(wuhan, '删附件的通知');
    const fc = await wuhan.upload(`/api/announcement-admin/${c}/files`, {}, { name: '将删除.pdf', content: PDF });
    expect((await wuhan.del(`/api/announcement-admin/${c}/files/${fc.body.fileId}`)).status).toBe(200);
    await wuhan.post(`/api/announcement-admin/${c}/publish`);
    expect((await visitor.get(`/api/public/announcements/${c}/files/${fc.body.fileId}`)).status).toBe(404);
    expect((await visitor.get(`/api/public/announcements/${c}`)).body.files).toEqual([]);
  });

  it('exports the own list with the same filters', async () => {
    const rows = await readXlsx(await wuhan.get('/api/announcement-admin/export?status=withdrawn'));
    expect(column(rows, '状态').every((s) => s === '已撤回')).toBe(true);
    const all = await readXlsx(await wuhan.get('/api/announcement-admin/export'));
    const list = await wuhan.get('/api/announcement-admin?pageSize=200');
    expect(all.length - 1).toBe(list.body.total);
    expect(column(all, '标题')).not.toContain('省厅草稿');
  });
});
