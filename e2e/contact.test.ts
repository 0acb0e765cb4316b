/**
 * Journey (issue 12, 个人信息 › 修改联系方式): the demo 专业技术人员 opens 个人信息 and 修改联系方式; a 10-digit number is
 * refused in the form, a wrong current password by the server (the modal stays open with the reason); with the right
 * password the new number shows masked (138****4567) and the e-mail as entered, and the database holds it encrypted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../server/src/db/schema.js';
import { enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: a person changes their 手机号 and 电子邮箱', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('refuses a bad number and a wrong password, then saves and shows the number masked', async () => {
    const acc = p.account('专业技术人员');
    const page = await enter(p, '专业技术人员', '专业技术人员', 'Teacher@2026tel');
    await openMenu(page, ['个人信息'], /me\/profile/);
    await page.getByRole('button', { name: '修改联系方式' }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '修改联系方式' });
    await modal.getByLabel('手机号').fill('1387123456');
    await modal.getByLabel('电子邮箱').fill('zhangyx@example.cn');
    await modal.getByLabel('当前密码').fill('Wrong@2026pw');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.getByText('请输入11位手机号码').waitFor();
    await modal.getByLabel('手机号').fill('13871234567');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal
      .locator('.ant-alert')
      .getByText(/密码不正确/)
      .waitFor();
    await settled(page);
    await shot(page, 'contact-01-wrong-password');
    await modal.getByLabel('当前密码').fill('Teacher@2026tel');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('联系方式已修改').waitFor();
    await modal.waitFor({ state: 'hidden' });
    const card = page.locator('.ant-card').filter({ hasText: '基本信息' });
    await card.getByText('138****4567').waitFor();
    await card.getByText('zhangyx@example.cn').waitFor();
    await shot(page, 'contact-02-saved');
    const [u] = await p.db.select().from(users).where(eq(users.name, acc.name));
    expect(u!.phoneMasked).toBe('138****4567');
    expect(u!.phoneEnc).not.toContain('13871234567');
  });
});
