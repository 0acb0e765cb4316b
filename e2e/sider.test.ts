/**
 * The menu's last entry stays reachable with every group open on a short screen: the menu scrolls inside the sider
 * and ends above the 收起 trigger (before, the sider itself scrolled and its last 48 px lay under the fixed trigger,
 * so 系统管理's entries could not be clicked — found by the tour, issue 11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enter, hasChromium, hasWebBuild, settled, shot, startPlatform, type Platform } from './support.js';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: the province HR menu with every group open', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('scrolls to 在线会话 above the collapse trigger and opens it', async () => {
    const page = await enter(p, '省人社厅管理员', '人社部门', 'Prov@2026side');
    await page.setViewportSize({ width: 1440, height: 700 });
    const sider = page.locator('.ant-layout-sider');
    for (const t of ['账户管理', '学时审核', '查询统计', '系统管理']) {
      const title = sider.locator('.ant-menu-submenu-title').filter({ hasText: t }).first();
      if ((await title.getAttribute('aria-expanded')) !== 'true') await title.click();
      await page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await title.elementHandle());
    }
    await settled(page);
    // the menu's last entry, by name (a re-render between the lookup and the click must not swap it for another)
    await expect.poll(async () => (await sider.locator('.ant-menu-item').last().textContent())?.trim(), { timeout: 10_000 }).toBe('在线会话');
    const last = sider.locator('.ant-menu-item').filter({ hasText: /^\s*在线会话\s*$/ });
    await last.scrollIntoViewIfNeeded();
    await settled(page);
    const item = (await last.boundingBox())!;
    const trigger = (await sider.locator('.ant-layout-sider-trigger').boundingBox())!;
    expect(item.y + item.height).toBeLessThanOrEqual(trigger.y + 1);
    await shot(page, 'sider-01-all-open');
    await last.click();
    await page.waitForURL(/\/system\/sessions$/, { waitUntil: 'commit' });
  }, 120_000);
});
