/**
 * Journey (issue 11, 用人单位): the employer demo admin sees 本单位概况 on the 工作台 and clicks this year's 未完成
 * figure into 本单位人员 filtered to 未完成; filters by 内设部门 and back, exports the list (the file has the same rows
 * and the 尚差学时 column), opens a person (profile and hour history), then reads 本单位完成情况 by 内设部门, whose 合计
 * equals the dashboard's figures. And the 主管部门 admin's 所属单位人员 lists its units' people only.
 * Screenshots at 1440×900: test-output/e2e/workplace-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { and, eq, sql } from 'drizzle-orm';
import { organizations, personnel } from '../server/src/db/schema.js';
import { enter, hasChromium, hasWebBuild, openMenu, pickOption, settled, shot, startPlatform, type Platform } from './support.js';

async function rows(download: Download): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}

/** The paginator's 共 N 条 (the list's total). */
async function totalOf(page: Page): Promise<number> {
  const t = await page.locator('.ant-pagination-total-text').first().innerText();
  return Number(/共\s*([\d,]+)/.exec(t)![1]!.replace(/,/g, ''));
}

describe.skipIf(!hasChromium || !hasWebBuild)('journey: an employer chases its staff who have not completed the year', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('本单位概况 → 未完成 → 本单位人员 (filter, export, a person) → 本单位完成情况', async () => {
    const year = new Date().getFullYear();
    const [school] = await p.db.select().from(organizations).where(eq(organizations.name, '武汉市江岸区育才中学'));
    const [{ n: staff }] = (await p.db
      .select({ n: sql<number>`count(*)::int` })
      .from(personnel)
      .where(and(eq(personnel.orgId, school!.id), eq(personnel.status, 'active')))) as [{ n: number }];
    expect(staff).toBeGreaterThan(5);

    const page = await enter(p, '用人单位管理员', '用人单位', 'Staff@2026new');
    // ---- 工作台: 本单位概况
    const summary = page.locator('.ant-card').filter({ hasText: '本单位概况' });
    await summary.getByText('本单位专业技术人员').waitFor();
    const figure = async (label: string) =>
      Number((await summary.locator('.summary-item').filter({ hasText: label }).locator('.ant-statistic-content').innerText()).replace(/,/g, ''));
    expect(await figure('本单位专业技术人员')).toBe(staff);
    const undone = await figure(`${year}年度未完成`);
    const done = await figure(`${year}年度已完成`);
    expect(undone + done).toBe(staff);
    expect(undone).toBeGreaterThan(0);
    await settled(page);
    await shot(page, 'workplace-1-dashboard');

    // ---- the 未完成 figure opens 本单位人员 filtered to 未完成
    await summary
      .locator('.summary-item')
      .filter({ hasText: `${year}年度未完成` })
      .click();
    await page.waitForURL(/\/personnel\?year=\d+&completed=no/, { waitUntil: 'commit' });
    await page.getByRole('heading', { name: '本单位人员' }).waitFor();
    const table = page.locator('.ant-table').first();
    await table.locator('.ant-table-row').first().waitFor();
    await expect.poll(() => totalOf(page), { timeout: 30_000 }).toBe(undone);
    const tags = await table
      .locator('.ant-table-row')
      .getByText(/^(已完成|未完成)$/)
      .allInnerTexts();
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(tags)).toEqual(new Set(['未完成']));
    // the gap is there for each, and no 区域 / 所在单位 filter for an employer
    expect(await table.locator('.ant-table-row').first().innerText()).toMatch(/公需学时|专业学时|学时/);
    const filters = page.locator('form#personnelFilters');
    expect(await filters.getByText('区域', { exact: true }).count()).toBe(0);
    expect(await filters.getByText('所在单位', { exact: true }).count()).toBe(0);
    await filters.getByText('内设部门', { exact: true }).waitFor();
    await settled(page);
    await shot(page, 'workplace-2-staff-undone');

    // ---- 内设部门 narrows it, 重置 widens it again
    await pickOption(page, filters, '内设部门', '办公室');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => totalOf(page).catch(() => 0), { timeout: 30_000 }).toBeLessThanOrEqual(undone);
    await page.getByRole('button', { name: /重\s*置$/ }).click();
    await expect.poll(() => totalOf(page), { timeout: 30_000 }).toBe(staff);
    await pickOption(page, filters, '完成情况', '未完成');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => totalOf(page), { timeout: 30_000 }).toBe(undone);

    // ---- 导出: the same rows, masked, with the gap
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /导\s*出/ })
        .first()
        .click(),
    ]);
    const sheet = await rows(download);
    const header = sheet.findIndex((r) => r.includes('姓名'));
    expect(sheet[header]).toContain('尚差学时');
    const body = sheet.slice(header + 1).filter((r) => r[0]);
    expect(body.length).toBe(undone);
    expect(body.every((r) => r[sheet[header]!.indexOf('完成情况')] === '未完成')).toBe(true);
    expect(body.every((r) => /还差/.test(r[sheet[header]!.indexOf('尚差学时')]!))).toBe(true);
    expect(JSON.stringify(sheet)).not.toMatch(/\d{17}[\dX]/);

    // ---- a person: profile and hour history
    const first = table.locator('.ant-table-row').first();
    const name = (await first.locator('td').first().innerText()).trim();
    await first.getByRole('button', { name: /查\s*看/ }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: `专技人员详情 · ${name}` });
    await drawer.getByText(`${year}年度`).first().waitFor();
    await settled(page);
    await shot(page, 'workplace-3-person');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // ---- 本单位完成情况: by 内设部门, its 合计 is the dashboard's
    await openMenu(page, ['本单位人员', '本单位完成情况'], /stats\/workplace/);
    const stats = page.locator('.stats-table');
    await stats.locator('.stats-total-row').waitFor();
    const cells = await stats.locator('.stats-total-row td').allInnerTexts();
    expect(cells.slice(2, 5).map(Number)).toEqual([staff, done, undone]);
    expect(await stats.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.locator('.stats-card canvas').first().waitFor();
    await page.waitForTimeout(800); // the chart's entry animation
    await shot(page, 'workplace-4-completion');
    // a department's 未完成人员 opens the list filtered to it
    const withUndone = stats
      .locator('.ant-table-row')
      .filter({ has: page.getByRole('button', { name: /未完成人员/ }) })
      .first();
    await withUndone.getByRole('button', { name: /未完成人员/ }).click();
    await page.waitForURL(/\/personnel\?.*completed=no/, { waitUntil: 'commit' });
    await page.locator('.ant-table-row').first().waitFor();
  }, 180_000);

  it('a 主管部门 sees 所属单位人员: its units’ people, and 所属单位完成情况 by unit', async () => {
    const [edu] = await p.db.select().from(organizations).where(eq(organizations.name, '武汉市江岸区教育局'));
    const [{ n: staff }] = (await p.db
      .select({ n: sql<number>`count(*)::int` })
      .from(personnel)
      .innerJoin(organizations, eq(organizations.id, personnel.orgId))
      .where(and(sql`${organizations.path} LIKE ${edu!.path + '%'}`, eq(personnel.status, 'active')))) as [{ n: number }];
    const page = await enter(p, '主管部门管理员', '主管部门', 'Unit@2026new');
    await openMenu(page, ['所属单位人员', '所属单位人员'], /\/personnel/);
    await page.getByRole('heading', { name: '所属单位人员' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await expect.poll(() => totalOf(page), { timeout: 30_000 }).toBe(staff);
    const units = await page.locator('.ant-table-row td:nth-child(4)').allInnerTexts();
    expect(units.every((u) => /育才中学|实验小学|教育局/.test(u))).toBe(true);
    await settled(page);
    await shot(page, 'workplace-5-authority-staff');
    await openMenu(page, ['所属单位人员', '所属单位完成情况'], /stats\/workplace/);
    const stats = page.locator('.stats-table');
    await stats.locator('.stats-total-row').waitFor();
    expect(Number((await stats.locator('.stats-total-row td').allInnerTexts())[2])).toBe(staff);
    await page.waitForTimeout(800);
    await shot(page, 'workplace-6-authority-completion');
  }, 180_000);

  it('HR 单位培训计划审核 shows exactly the manual’s filters and columns', async () => {
    const hr = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'Plans@2026new');
    await openMenu(hr, ['学时审核', '单位培训计划审核'], /hours\/unit-plans/);
    const form = hr.locator('form#classReviewFilters-employer');
    for (const label of ['培训年度', '培训班名称', '学习科目', '所在单位']) await form.getByText(label, { exact: true }).waitFor();
    const heads = (await hr.locator('.ant-table-thead th').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    expect(heads).toEqual(['序号', '年度', '培训班名称', '所在单位', '学习科目', '申报时间', '操作']);
    await pickOption(hr, form, '学习科目', '专业科目');
    await hr.getByRole('button', { name: /查\s*询/ }).click();
    await settled(hr);
    await shot(hr, 'workplace-7-unit-plan-review');
  }, 180_000);
});
