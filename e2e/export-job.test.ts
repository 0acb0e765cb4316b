/**
 * Journey (issue 10 item 3: exports of any size): the 江岸区 HR admin opens 专技人员信息查询 and clicks 导出 on a list
 * longer than the synchronous limit (EXPORT_SYNC_LIMIT, small here): the server queues a background export, the
 * progress window shows it running and then 导出完成 with its 下载 button, which downloads an xlsx holding every row
 * of the list (masked); then the same list as CSV (UTF-8 with BOM) from the button's menu; 我的导出 (user menu) lists
 * both jobs as 已完成 and downloads one again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { enter, hasChromium, hasWebBuild, openMenu, settled, shot, SHOTS, startPlatform, type Platform } from './support.js';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: a big export runs in the background and is downloaded when done', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ EXPORT_SYNC_LIMIT: '20' });
  }, 120_000);
  afterAll(async () => p?.close());

  it('exports 专技人员信息 over the limit as a job, shows its progress, and downloads xlsx and csv', async () => {
    const page = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'County@2026exp');
    await openMenu(page, ['查询统计', '专技人员信息查询'], /\/personnel$/);
    await page.getByRole('heading', { name: '专技人员信息查询' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    const total = Number(/共 (\d+) 条/.exec(await page.locator('.ant-pagination-total-text').innerText())![1]);
    expect(total).toBeGreaterThan(20); // over the limit: this export cannot come at once

    // ---- 导出 (xlsx): queued, the window follows it to the end
    await page.getByRole('button', { name: /导\s*出/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '后台导出' });
    await modal.getByText('符合条件的记录较多，已转为后台导出').waitFor();
    await modal.locator('.ant-progress').first().waitFor();
    await modal.getByText('导出完成').waitFor({ timeout: 60_000 });
    expect(await modal.innerText()).toContain(`共 ${total} 条`);
    await settled(page);
    await shot(page, 'export-01-done');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), modal.getByRole('button', { name: /下\s*载/ }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^专技人员信息.*\.xlsx$/);
    const file = path.join(SHOTS, 'export-job.xlsx');
    await xlsx.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(total + 1); // the header and every row of the list
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const idCol = header.indexOf('证件号') + 1;
    expect(idCol).toBeGreaterThan(0);
    expect(String(ws.getRow(2).getCell(idCol).value)).toMatch(/^\d{4}\*{10}[\dX]{4}$/); // masked
    await modal
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /^关\s*闭$/ })
      .click();
    await modal.waitFor({ state: 'hidden' });

    // ---- the same list as CSV, from the button's menu
    await page.getByRole('button', { name: '选择文件格式' }).click();
    await page.getByRole('menuitem', { name: '导出为 CSV（UTF-8）' }).click();
    await modal.getByText('导出完成').waitFor({ timeout: 60_000 });
    const [csv] = await Promise.all([page.waitForEvent('download'), modal.getByRole('button', { name: /下\s*载/ }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^专技人员信息.*\.csv$/);
    const csvFile = path.join(SHOTS, 'export-job.csv');
    await csv.saveAs(csvFile);
    const bytes = fs.readFileSync(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').trimEnd().split('\r\n')).toHaveLength(total + 1);

    // ---- 我的导出 lists both, done, and downloads again
    await modal.getByRole('link', { name: '查看我的导出' }).click();
    await page.waitForURL(/\/me\/exports$/, { waitUntil: 'commit' });
    await page.getByRole('heading', { name: '我的导出' }).waitFor();
    const rows = page.locator('.ant-table-row');
    await rows.nth(1).waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('CSV');
    expect(await rows.nth(1).innerText()).toContain('XLSX');
    for (let i = 0; i < 2; i++) expect(await rows.nth(i).innerText()).toContain('已完成');
    await settled(page);
    await shot(page, 'export-02-my-exports');
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      rows
        .nth(1)
        .getByRole('button', { name: /下\s*载/ })
        .click(),
    ]);
    expect(again.suggestedFilename()).toMatch(/\.xlsx$/);
    fs.rmSync(file, { force: true });
    fs.rmSync(csvFile, { force: true });
  }, 180_000);
});
