/**
 * Journey (issue 12: 通知公告 / 政策文件): the 武汉市 HR opens 通知公告管理 → 新建, writes a notice with line breaks,
 * attaches a PDF, saves the draft and 发布es it; a visitor's home page lists it under 通知公告 with its publisher, the
 * detail page shows the body and the attachment (downloaded); the 江岸区 (county under 武汉市) HR's 工作台 shows it,
 * the 宜昌市 HR's does not (only the province's); the 武汉市 HR 撤回s it and it is gone from the home page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmPopover, enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const WUHAN = '武汉市人力资源和社会保障局';
/** The one-line cards show the short form (the full name is the tooltip). */
const WUHAN_SHORT = '武汉市人社局';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: 通知公告 from a city HR to the home page and the dashboards in its scope', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('creates a notice with an attachment, publishes it; the home page and the county’s dashboard show it, another city’s does not; withdrawn, it is gone', async () => {
    const year = new Date().getFullYear();
    const title = `关于开展${year}年度继续教育学时专项检查的通知`;

    // ---- the 武汉市 HR: 通知公告管理 → 新建 → text and a PDF → saved as a draft → 发布
    const city = await enter(p, '市州人社局管理员（武汉市）', '人社部门', 'City@2026ann');
    await openMenu(city, ['通知公告管理'], /\/announcements\/manage/);
    // the demo's own draft is there, the province's are not (each publisher manages its own)
    await city.locator('.ant-table-row').filter({ hasText: '草稿' }).first().waitFor();
    expect(await city.locator('.ant-table-tbody').innerText()).not.toContain('学时认定办法');
    await city.getByRole('button', { name: /新\s*建/ }).click();
    const modal = city.locator('.ant-modal').filter({ hasText: '新建通知公告' });
    await modal.getByLabel('标题').fill(title);
    await modal.getByLabel('正文').fill('各区人力资源局：\n\n现定于11月开展学时专项检查，请做好准备。\n\n武汉市人力资源和社会保障局');
    await modal.locator('input[type=file]').setInputFiles({ name: '检查安排.pdf', mimeType: 'application/pdf', buffer: PDF });
    await modal.getByText('检查安排.pdf').waitFor();
    await settled(city);
    await shot(city, 'announcements-01-new');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await city.getByText('已保存为草稿').waitFor();
    const row = city.locator('.ant-table-row').filter({ hasText: title });
    await row.filter({ hasText: '草稿' }).waitFor();
    expect(await row.innerText()).toContain('1 个');
    await confirmPopover(city, row.getByRole('button', { name: /发\s*布/ }), /发\s*布/, row.filter({ hasText: '已发布' }));
    await settled(city);
    await shot(city, 'announcements-02-published');

    // ---- a visitor: the home page lists it under 通知公告 with its publisher; the detail page, the attachment
    const visitor = await p.newPage();
    await visitor.goto(p.baseUrl);
    const card = visitor.locator('.portal-notice-card');
    const item = card.locator('.notice-item').filter({ hasText: title });
    await item.waitFor();
    expect(await item.innerText()).toContain(WUHAN_SHORT);
    expect(await item.locator('.notice-publisher').getAttribute('title')).toBe(WUHAN);
    // the province's pinned notice stays on top
    expect(await card.locator('.notice-item').first().innerText()).toContain('置顶');
    await settled(visitor);
    await shot(visitor, 'announcements-03-home');
    await card.getByRole('tab', { name: '政策文件' }).click();
    await card.locator('.notice-item').filter({ hasText: '学时认定办法' }).waitFor();
    expect(await card.innerText()).not.toContain(title);
    await card.getByRole('tab', { name: '通知公告' }).click();
    await item.getByRole('link').click();
    await visitor.waitForURL(/\/notices\/\d+/);
    await visitor.locator('.notice-article-title').filter({ hasText: title }).waitFor();
    expect(await visitor.locator('.notice-article-body').innerText()).toContain('现定于11月开展学时专项检查');
    const dl = visitor.waitForEvent('download');
    await visitor.getByRole('link', { name: '检查安排.pdf' }).click();
    expect((await dl).suggestedFilename()).toBe('检查安排.pdf');
    await settled(visitor);
    await shot(visitor, 'announcements-04-detail');

    // ---- the 江岸区 HR (a county under 武汉市): its 工作台 shows it; the 宜昌市 HR's shows the province's only
    const county = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'County@2026ann');
    const mine = county.locator('.dashboard-notices');
    await mine.locator('.notice-item').filter({ hasText: title }).waitFor();
    // and a county HR has no 通知公告管理
    expect(await county.locator('.ant-layout-sider').innerText()).not.toContain('通知公告管理');
    await settled(county);
    await shot(county, 'announcements-05-county-dashboard');
    await mine.getByRole('link', { name: title }).click();
    await county.locator('.notice-article-title').filter({ hasText: title }).waitFor();

    const other = await enter(p, '市州人社局管理员（宜昌市）', '人社部门', 'Other@2026ann');
    const theirs = other.locator('.dashboard-notices');
    await theirs.locator('.notice-item').filter({ hasText: '湖北省人社厅' }).first().waitFor();
    expect(await theirs.innerText()).not.toContain(title);
    expect(await theirs.innerText()).not.toContain(WUHAN_SHORT);
    await settled(other);
    await shot(other, 'announcements-06-other-city-dashboard');

    // ---- 撤回: gone from the home page
    await confirmPopover(city, row.getByRole('button', { name: /撤\s*回/ }), /撤\s*回/, row.filter({ hasText: '已撤回' }));
    await visitor.goto(p.baseUrl);
    await card.locator('.notice-item').first().waitFor();
    expect(await card.innerText()).not.toContain(title);
    await settled(visitor);
    await shot(visitor, 'announcements-07-home-after-withdraw');
  }, 300_000);
});
