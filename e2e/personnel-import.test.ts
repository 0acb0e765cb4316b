/**
 * Journey (issue 5: 专技人员信息查询 and 批量导入): the 江岸区 HR admin opens 查询统计 → 专技人员信息查询, opens 批量导入,
 * downloads the template, uploads a file made here with ExcelJS (three good rows; a bad checksum, a duplicate inside
 * the file, a person already in the platform and a unit of another city), watches the job finish, sees the failed
 * rows with their reasons, downloads 失败数据 (an xlsx with 失败原因), then finds an imported teacher in the list and
 * opens her detail with the hour history.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { organizations } from '../server/src/db/schema.js';
import { makeIdNumber } from '../server/src/db/seed/codes.js';
import { enter, hasChromium, hasWebBuild, openMenu, settled, shot, SHOTS, startPlatform, type Platform } from './support.js';

const HEADERS = [
  '姓名*',
  '证件类型',
  '证件号*',
  '性别',
  '出生日期',
  '手机号',
  '所在单位统一社会信用代码*',
  '内设部门',
  '职称系列*',
  '职称级别*',
  '职称名称',
  '取得职称时间',
  '学历',
];

async function readSheet(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

describe.skipIf(!hasChromium || !hasWebBuild)('journey: 批量导入 personnel and find them in 专技人员信息查询', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('imports a file with good and bad rows, downloads the failures, and opens an imported person', async () => {
    const [school] = await p.db.select().from(organizations).where(eq(organizations.name, '武汉市江岸区育才中学'));
    const [yichang] = await p.db.select().from(organizations).where(eq(organizations.name, '宜昌三峡水利建设有限公司'));
    const teacher = p.account('专业技术人员');
    const good = [makeIdNumber('420102', '19920318', 701), makeIdNumber('420102', '19890705', 702), makeIdNumber('420102', '19950921', 703)];
    const valid = makeIdNumber('420102', '19900101', 704);
    const badChecksum = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专技人员');
    ws.addRow(HEADERS);
    ws.addRow([
      '林晓雯',
      '居民身份证',
      good[0],
      '',
      '',
      '13871230011',
      school!.creditCode,
      '业务科',
      '中小学教师',
      '中级',
      '一级教师',
      '2019-09-01',
      '大学本科',
    ]);
    ws.addRow([
      '周子轩',
      '',
      good[1],
      '',
      '1989/7/5',
      '',
      school!.creditCode,
      '',
      '中小学教师',
      '助理级',
      '二级教师',
      new Date(Date.UTC(2016, 8, 1)),
      '硕士研究生',
    ]);
    ws.addRow(['吴校验', '', badChecksum, '', '', '', school!.creditCode, '', '中小学教师', '中级', '', '', '']);
    ws.addRow(['林晓雯', '', good[0], '', '', '', school!.creditCode, '', '中小学教师', '中级', '', '', '']);
    ws.addRow(['张雨萱', '', teacher.account, '', '', '', school!.creditCode, '', '中小学教师', '中级', '', '', '']);
    ws.addRow(['郑外市', '', makeIdNumber('420502', '19870412', 705), '', '', '', yichang!.creditCode, '', '工程技术人员', '中级', '', '', '']);
    ws.addRow(['何思远', '', good[2], '', '', '', school!.creditCode, '', '中小学教师', '员级', '三级教师', '2021.09.01', '大学本科']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());

    // ---- the county HR admin opens 查询统计 → 专技人员信息查询
    const page = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'County@2026new');
    await openMenu(page, ['查询统计', '专技人员信息查询'], /\/personnel$/);
    await page.getByRole('heading', { name: '专技人员信息查询' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-pagination-total-text').innerText()).toMatch(/共 \d+ 条/);
    const firstRow = await page.locator('.ant-table-row').first().innerText();
    expect(firstRow).toMatch(/\d{4}\*{10}[\dX]{4}/); // masked 证件号
    await settled(page);
    await shot(page, 'personnel-01-list');

    // ---- 批量导入: the template, then the file
    await page.getByRole('button', { name: /批量导入/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '批量导入专技人员' });
    await modal.getByText('请使用模板填写后上传').waitFor();
    const [tpl] = await Promise.all([page.waitForEvent('download'), modal.getByRole('button', { name: /下载模板/ }).click()]);
    expect(tpl.suggestedFilename()).toBe('专技人员批量导入模板.xlsx');
    const tplFile = path.join(SHOTS, 'personnel-template.xlsx');
    await tpl.saveAs(tplFile);
    expect((await readSheet(tplFile))[0]!.slice(0, HEADERS.length)).toEqual(HEADERS);

    await modal.locator('input[type=file]').setInputFiles({
      name: '江岸区专技人员.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    await modal.getByText('江岸区专技人员.xlsx').waitFor();
    await settled(page);
    await shot(page, 'personnel-02-import-file');
    await modal.getByRole('button', { name: /开始导入/ }).click();

    // ---- the job finishes: 3 imported, 4 failed, each with its reason
    await modal
      .getByText('导入成功 3 条，失败 4 条（共 7 行）')
      .waitFor({ timeout: 30_000 })
      .catch(async (e) => {
        await shot(page, 'failure-personnel-import-result');
        throw e;
      });
    const failed = modal.locator('.ant-table-row');
    await failed.first().waitFor();
    await expect.poll(() => failed.count()).toBe(4);
    const reasons = await modal.locator('.ant-table-tbody').innerText();
    for (const text of ['校验位错误', '与第2行重复', '已在平台注册', '不存在或不在本辖区']) expect(reasons).toContain(text);
    expect(reasons).not.toContain(teacher.account); // masked on screen
    await settled(page);
    await shot(page, 'personnel-03-import-result');

    // ---- 下载失败数据: the template's columns, 失败原因, the row number
    const [dl] = await Promise.all([page.waitForEvent('download'), modal.getByRole('button', { name: /下载失败数据/ }).click()]);
    expect(dl.suggestedFilename()).toMatch(/^专技人员导入失败数据_\d+\.xlsx$/);
    const failFile = path.join(SHOTS, 'personnel-failures.xlsx');
    await dl.saveAs(failFile);
    const rows = await readSheet(failFile);
    expect(rows[0]).toEqual([...HEADERS, '失败原因', '原行号']);
    expect(rows.slice(1).map((r) => r[14])).toEqual(['4', '5', '6', '7']);
    expect(rows[1]![13]).toContain('校验位错误');
    fs.rmSync(tplFile, { force: true });
    fs.rmSync(failFile, { force: true });

    // ---- 导入记录 lists the job
    await modal.getByRole('tab', { name: '导入记录' }).click();
    const jobRow = modal.locator('.ant-table-row').filter({ hasText: '江岸区专技人员.xlsx' });
    await jobRow.waitFor();
    expect(await jobRow.innerText()).toContain('已完成');
    await settled(page);
    await shot(page, 'personnel-04-import-jobs');
    await modal
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /^关\s*闭$|^完\s*成$/ })
      .click();
    await modal.waitFor({ state: 'hidden' });

    // ---- the imported teacher is in the list; her detail opens
    await page.locator('#personnelFilters_personName').fill('林晓雯');
    // the unfiltered list may already show her (newest first): wait for the filtered answer, not just her row
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.locator('.ant-pagination-total-text', { hasText: /^共 1 条$/ }).waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: '林晓雯' });
    await row.waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(1);
    expect(await row.innerText()).toContain('武汉市江岸区育才中学');
    expect(await row.innerText()).toContain('未完成');
    await row.locator('a', { hasText: '林晓雯' }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '专技人员详情' });
    await drawer.getByText('历年学时').waitFor();
    const text = await drawer.innerText();
    for (const s of ['林晓雯', '业务科', '中小学教师', '中级', '一级教师', '2019-09-01', '大学本科', '未设置密码']) expect(text).toContain(s);
    expect(text).not.toContain(good[0]);
    await settled(page);
    await shot(page, 'personnel-05-detail');

    // ---- a person with hours: the history by year with the claims and their status
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await page
      .getByRole('button', { name: /重\s*置/ })
      .first()
      .click();
    const withHours = page.locator('.ant-table-row').filter({ hasText: '已完成' }).first();
    await withHours.waitFor();
    await withHours.locator('a').first().click();
    const hoursDrawer = page.locator('.ant-drawer').filter({ hasText: '历年学时' });
    await hoursDrawer.locator('.ant-drawer-body .ant-table-row').first().waitFor();
    expect(await hoursDrawer.innerText()).toContain('已通过');
    await settled(page);
    await shot(page, 'personnel-06-detail-hours');
  }, 180_000);
});
