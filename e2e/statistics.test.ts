/**
 * Journey (查询统计): the 武汉市 HR demo admin opens 继教完成情况查询 and sees the chart and the table by county,
 * whose 应完成人数 add up to the city's active personnel; drills into 江岸区 (a county: its units are shown) and back
 * up by the breadcrumb; exports the shown table as xlsx; then opens 继教综合统计查询 and 职称系列分布查询 (and exports it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { and, eq, like, sql } from 'drizzle-orm';
import { organizations, personnel } from '../server/src/db/schema.js';
import { enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

async function rows(download: Download): Promise<unknown[][]> {
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

/**
 * Charts animate on canvas (not seen by settled()): wait until they have been drawn and their pixels stopped changing
 * (two samples 300 ms apart alike: the animation is over). Back at the top first, since a full-page screenshot of a
 * scrolled page draws the fixed header and menu mid-page.
 */
async function chartsDrawn(page: Page, n: number) {
  await page
    .locator('.stats-chart canvas')
    .nth(n - 1)
    .waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await settled(page);
  await page.waitForFunction(
    () => {
      const sig = [...document.querySelectorAll<HTMLCanvasElement>('.stats-chart canvas')].map((c) => c.toDataURL()).join('|');
      const w = window as unknown as { __chartsSig?: string };
      const still = w.__chartsSig === sig;
      w.__chartsSig = sig;
      return still;
    },
    undefined,
    { polling: 300, timeout: 15_000 },
  );
}

describe.skipIf(!hasChromium || !hasWebBuild)('journey: a city HR reads the statistics of its jurisdiction', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('completion by county with drill-down and export, the overview, and the title-series distribution', async () => {
    const year = new Date().getFullYear();
    const [wuhan] = await p.db
      .select()
      .from(organizations)
      .where(and(eq(organizations.type, 'hr'), eq(organizations.divisionCode, '420100')));
    const [{ n: wuhanPeople }] = (await p.db
      .select({ n: sql<number>`count(*)::int` })
      .from(personnel)
      .innerJoin(organizations, eq(organizations.id, personnel.orgId))
      .where(and(eq(personnel.status, 'active'), like(organizations.path, `${wuhan!.path}%`)))) as [{ n: number }];
    expect(wuhanPeople).toBeGreaterThan(50);

    const hr = await enter(p, '市州人社局管理员（武汉市）', '人社部门', 'Stats@2026new');

    // ---- 继教完成情况查询: the city's counties
    await openMenu(hr, ['查询统计', '继教完成情况查询'], /stats\/completion/);
    await hr.getByText('武汉市 · 各区域完成情况（点击柱形可下钻）').waitFor();
    await chartsDrawn(hr, 2);
    const table = hr.locator('.stats-table');
    const jiangan = table.locator('.ant-table-row').filter({ hasText: '江岸区' });
    await jiangan.waitFor();
    expect(await table.locator('.ant-table-row').count()).toBe(13); // 武汉's 13 districts
    const total = table.locator('.stats-total-row');
    const totalCells = await total.locator('td').allInnerTexts();
    expect(Number(totalCells[2])).toBe(wuhanPeople); // 应完成人数 = the city's active personnel
    expect(Number(totalCells[3])).toBeGreaterThan(0);
    expect(Number(totalCells[3])).toBeLessThan(wuhanPeople); // some complete, some not
    expect(await hr.locator('.stats-tile').first().innerText()).toContain(String(wuhanPeople).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    await shot(hr, 'stats-01-completion-city');

    // ---- drill into 江岸区: a county, so its units are listed; the breadcrumb shows the path
    await jiangan.locator('a').filter({ hasText: '江岸区' }).first().click();
    await hr.waitForURL(/tab=employer/, { waitUntil: 'commit' });
    const drill = hr.locator('.stats-drill');
    await drill.getByText('江岸区').waitFor();
    expect(await drill.innerText()).toMatch(/武汉市\s*\/\s*江岸区/);
    const school = table.locator('.ant-table-row').filter({ hasText: '武汉市江岸区育才中学' });
    await school.waitFor();
    await hr.getByRole('tab', { name: '按用人单位', selected: true }).waitFor();
    await chartsDrawn(hr, 2);
    await shot(hr, 'stats-02-completion-county-units');

    // ---- 导出: the units of 江岸区 as shown
    const [download] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('button', { name: /导\s*出/ }).click()]);
    expect(download.suggestedFilename()).toBe(`继教完成情况_江岸区_按用人单位_${year}.xlsx`);
    const sheet = await rows(download);
    expect(sheet[0]).toEqual(['单位名称', '单位类型', '应完成人数', '已完成人数', '未完成人数', '完成率(%)']);
    expect(sheet.map((r) => r[0])).toContain('武汉市江岸区育才中学');
    expect(sheet.at(-1)![0]).toBe('合计');

    // ---- back up by the breadcrumb, by 职称系列
    await drill.getByText('武汉市').click();
    await drill.locator('strong').filter({ hasText: '武汉市' }).waitFor();
    await hr.getByRole('tab', { name: '按职称系列' }).click();
    await table.locator('.ant-table-row').filter({ hasText: '中小学教师' }).waitFor();

    // ---- 继教综合统计查询
    await openMenu(hr, ['查询统计', '继教综合统计查询'], /stats\/overview/);
    await hr.getByText('认定学时构成（按学习形式）').waitFor(); // the overview itself, not the page it replaces
    const tiles = hr.locator('.stats-tile');
    await tiles.first().waitFor();
    expect(await tiles.first().innerText()).toContain(String(wuhanPeople).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    expect(await tiles.nth(2).innerText()).toContain('培训班');
    await hr.locator('.stats-table .ant-table-row').filter({ hasText: '江岸区' }).waitFor();
    await chartsDrawn(hr, 2);
    await shot(hr, 'stats-03-overview');

    // ---- 职称系列分布查询, and 导出数据
    await openMenu(hr, ['查询统计', '职称系列分布查询'], /stats\/titles/);
    await hr.getByText('武汉市 · 职称系列分布表').waitFor();
    await hr.locator('.stats-table .ant-table-row').filter({ hasText: '中小学教师' }).waitFor();
    await chartsDrawn(hr, 2);
    await shot(hr, 'stats-04-titles');
    const [titles] = await Promise.all([hr.waitForEvent('download'), hr.getByRole('button', { name: /导出数据/ }).click()]);
    const t = await rows(titles);
    expect(t[0]).toEqual(['职称系列', '正高级', '副高级', '中级', '助理级', '员级', '合计', '占比']);
    expect(t.at(-1)).toEqual([
      '合计',
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      wuhanPeople,
      '100%',
    ]);
  }, 240_000);
});
