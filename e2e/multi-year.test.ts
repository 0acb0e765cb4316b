/**
 * Journey (多年度学时证明): the demo teacher, with approved hours this year, opens 电子证书 → 多年度学时证明, keeps the
 * default range (since the platform's first year, her title being older), downloads one PDF with a row per year and
 * the red 电子证书专用章, follows the code in the dialog to the public 证书验证 page and sees the same rows. The
 * 江岸区 HR admin then prints the same range for her from 电子证书查询打印 → 多年度: the same code (unchanged, reused).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPages } from '../server/src/modules/certificates/testing.js';
import { approvedBaseClaims, enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

const YEAR = new Date().getFullYear();
const BASE = '武汉城市职业学院继续教育基地';
const CODE = /验证码：([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/;

describe.skipIf(!hasChromium || !hasWebBuild)('journey: 多年度学时证明 downloaded and verified', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('the teacher downloads a proof of several years, verifies it, and HR prints the same one', async () => {
    const teacher = p.account('专业技术人员');
    await approvedBaseClaims(p, teacher.name, BASE, [
      { title: '专业技术人员职业道德与诚信建设', subjectType: 'public', hours: 32 },
      { title: '中小学教师信息技术应用能力提升培训班', subjectType: 'professional', hours: 64 },
    ]);

    const me = await enter(p, '专业技术人员', '专业技术人员', 'Teacher@2026new');
    await openMenu(me, ['电子证书'], /\/me\/certificates$/);
    await me.getByRole('button', { name: /多年度学时证明/ }).click();
    const modal = me.locator('.ant-modal').filter({ hasText: '多年度学时证明（本人）' });
    const range = modal.locator('.ant-picker-range');
    await range.waitFor();
    // the default range ends this year and starts at the platform's first year with a requirement
    const [from, to] = await range.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(to).toBe(String(YEAR));
    const fromYear = Number(from);
    expect(fromYear).toBeLessThan(YEAR);
    await modal.getByText(new RegExp(`默认自 ?${fromYear} ?年度起|默认自现职称取得年度（${fromYear}年）起`)).waitFor();
    await settled(me);
    await shot(me, 'multi-year-01-modal');

    const [download] = await Promise.all([me.waitForEvent('download'), modal.getByRole('button', { name: /下载证明/ }).click()]);
    expect(download.suggestedFilename()).toBe(`多年度学时证明_${teacher.name}_${fromYear}-${YEAR}.pdf`);
    const text = (await pdfPages(fs.readFileSync(await download.path())))[0]!.replace(/\s+/g, '');
    expect(text).toContain(`（${fromYear}—${YEAR}年度·多年度）`);
    expect(text).toContain(teacher.name);
    expect(text).toMatch(new RegExp(`${YEAR}\\d+(\\.\\d)?\\d+(\\.\\d)?\\d+(\\.\\d)?90/60/30已完成`));
    expect(text).toContain('电子证书专用章');
    const code = CODE.exec(text)?.[1];
    expect(code).toBeTruthy();
    await modal.getByText('证明已下载').waitFor();
    await modal.getByText(code!).waitFor();
    await settled(me);
    await shot(me, 'multi-year-02-downloaded');

    // the dialog's link opens the public verification page with the same rows
    await modal.getByRole('link', { name: '证书验证' }).click();
    await me.waitForURL(`${p.baseUrl}/verify/${code}`);
    await me.getByText('证书内容（多年度学时证明）').waitFor();
    await me.getByLabel('证书状态').filter({ hasText: '有效' }).waitFor();
    const rows = me.locator('.verify-claims .ant-table-row');
    await expect.poll(() => rows.count()).toBe(YEAR - fromYear + 1);
    await rows
      .filter({ hasText: `${YEAR}年度` })
      .filter({ hasText: '已完成' })
      .waitFor();
    expect(await me.locator('body').innerText()).not.toContain(teacher.name);
    await settled(me);
    await shot(me, 'multi-year-03-verify');

    // ---- HR prints the same range for her: unchanged, so the same proof and code
    const hr = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'County@2026new');
    await openMenu(hr, ['查询统计', '电子证书查询打印'], /\/certificates$/);
    await hr.getByRole('textbox', { name: '姓名' }).fill(teacher.name);
    await hr.getByRole('button', { name: /查\s*询/ }).click();
    const row = hr.locator('.ant-table-row').filter({ hasText: teacher.name });
    await row.waitFor();
    await row.getByRole('button', { name: /多年度/ }).click();
    const hrModal = hr.locator('.ant-modal').filter({ hasText: `多年度学时证明（${teacher.name}）` });
    await hrModal.locator('.ant-picker-range').waitFor();
    const [again] = await Promise.all([hr.waitForEvent('download'), hrModal.getByRole('button', { name: /下载证明/ }).click()]);
    const againText = (await pdfPages(fs.readFileSync(await again.path())))[0]!.replace(/\s+/g, '');
    expect(CODE.exec(againText)?.[1]).toBe(code);
    await hrModal.getByText(code!).waitFor();
  }, 180_000);
});
