/**
 * Journey (issue 5: 年度工作材料报送): the demo base opens 年度工作材料报送 → 新增, chooses this year, names the
 * material, uploads a 学习指南 (PDF) and a 工作总结 (PNG) into their categories and 提交s it; the city HR above it
 * (武汉市) logs in, finds it under 辖区报送情况 (filtered by 单位名称), opens it — it turns 已查看 — and downloads
 * the PDF with its original name; the base then sees 已提交 · 上级已查看.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enter, hasChromium, hasWebBuild, openMenu, pickOption, settled, shot, startPlatform, type Platform } from './support.js';

const BASE = '武汉城市职业学院继续教育基地';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe.skipIf(!hasChromium || !hasWebBuild)('journey: 年度工作材料报送 from a base to its superior HR', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('creates, uploads two files by category, submits; the city HR sees it under 辖区报送情况 and downloads a file', async () => {
    const year = new Date().getFullYear();
    const title = `${year}年度继续教育工作材料`;

    // ---- the base: 新增 → year and name → the drawer to upload files
    const base = await enter(p, '继续教育基地管理员', '继续教育基地', 'Base@2026mat');
    await openMenu(base, ['年度工作材料报送'], /\/materials/);
    await base.getByText('暂无年度工作材料').waitFor();
    await base.getByRole('button', { name: /新\s*增/ }).click();
    const modal = base.locator('.ant-modal').filter({ hasText: '新增年度工作材料' });
    await pickOption(base, modal, '报送年度', `${year}年度`);
    await modal.getByLabel('材料名称').fill(title);
    await modal.getByLabel('说明').fill('本年度培训计划执行情况、学习指南及工作总结');
    await settled(base);
    await shot(base, 'materials-01-new');
    await modal.getByRole('button', { name: /保存并上传文件/ }).click();
    await base.getByText('已保存为草稿，请上传材料文件').waitFor();

    const drawer = base.locator('.ant-drawer').filter({ hasText: '年度工作材料详情' });
    await drawer.getByText(title).waitFor();
    await drawer
      .locator('[data-category="guide"] input[type=file]')
      .setInputFiles({ name: `${year}年学习指南.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await drawer.locator('[data-category="guide"]').getByText(`${year}年学习指南.pdf`).waitFor();
    await drawer
      .locator('[data-category="summary"] input[type=file]')
      .setInputFiles({ name: '培训现场照片.png', mimeType: 'image/png', buffer: PNG });
    await drawer.locator('[data-category="summary"]').getByText('培训现场照片.png').waitFor();
    // uploaded, not just in flight (an upload in progress shows the file's name too): both are in the material, so
    // 提交 asks about 2 files
    await drawer.locator('[data-category="guide"]').getByText('1 个文件').waitFor();
    await drawer.locator('[data-category="summary"]').getByText('1 个文件').waitFor();
    await settled(base);
    await shot(base, 'materials-02-files');

    await drawer.getByRole('button', { name: /提\s*交/ }).click();
    const confirm = base.locator('.ant-popconfirm:visible');
    await confirm.getByText('2 个文件').waitFor();
    await confirm.getByRole('button', { name: /提\s*交/ }).click();
    await drawer.getByText('已提交，等待上级人社部门查看').waitFor();
    await drawer.locator('.ant-drawer-close').click();
    const row = base.locator('.ant-table-row').filter({ hasText: title });
    await row.filter({ hasText: '已提交' }).waitFor();
    expect(await row.innerText()).toContain('学习指南 1');
    await base.getByText('共 1 条').waitFor();
    await settled(base);
    await shot(base, 'materials-03-submitted');

    // ---- the city HR: 辖区报送情况, filtered by 单位名称, opens it and downloads the PDF
    const hr = await enter(p, '市州人社局管理员（武汉市）', '人社部门', 'City@2026mat');
    await openMenu(hr, ['年度工作材料报送'], /\/materials/);
    await hr.getByRole('tab', { name: '辖区报送情况' }).click();
    const pane = hr.getByRole('tabpanel', { name: '辖区报送情况' });
    await pane.getByLabel('单位名称').fill('城市职业学院');
    await pane.getByRole('button', { name: /查\s*询/ }).click();
    const theirs = pane.locator('.ant-table-row').filter({ hasText: BASE });
    await theirs.filter({ hasText: '待查看' }).waitFor();
    expect(await theirs.innerText()).toContain(title);
    await settled(hr);
    await shot(hr, 'materials-04-jurisdiction');

    await theirs.getByRole('button', { name: '查看' }).click();
    const detail = hr.locator('.ant-drawer').filter({ hasText: '报送材料详情' });
    await detail.getByText(BASE).waitFor();
    await detail.getByText('已查看').waitFor();
    const [download] = await Promise.all([
      hr.waitForEvent('download'),
      detail
        .locator('[data-category="guide"]')
        .getByRole('button', { name: /下\s*载/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${year}年学习指南.pdf`);
    expect(fs.readFileSync(await download.path()).equals(PDF)).toBe(true);
    await settled(hr);
    await shot(hr, 'materials-05-detail');
    await detail.locator('.ant-drawer-close').click();
    await theirs.filter({ hasText: '已查看' }).waitFor();

    // ---- the base sees that its superior has looked at it
    await base.reload();
    await row.filter({ hasText: '上级已查看' }).waitFor();
  }, 240_000);
});
