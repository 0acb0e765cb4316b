/**
 * Browser journeys: the real app (built web + API) on a random local port over a clone of the test image,
 * demo data seeded with a known password, driven by playwright-core in Debian's Chromium.
 * Without Chromium the journeys report as skipped (never as passed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../server/src/app.js';
import { createPii } from '../server/src/lib/pii.js';
import { seedDemo, type DemoAccount } from '../server/src/db/seed/demo.js';
import { openTestDatabase, testConfig, TEST_KEY } from '../server/test/harness.js';
import { and, eq } from 'drizzle-orm';
import { claims, organizations, personnel, users } from '../server/src/db/schema.js';
import { transitionClaims } from '../server/src/modules/ledger/service.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const hasWebBuild = fs.existsSync(path.resolve(import.meta.dirname, '../web/dist/index.html'));
export const SHOTS = path.resolve(import.meta.dirname, '../test-output/e2e');
export const DEMO_PASSWORD = 'Demo@2026init';

/** `env`: configuration for this journey's server (e.g. a small EXPORT_SYNC_LIMIT). */
export async function startPlatform(env: Record<string, string> = {}) {
  const database = await openTestDatabase();
  const pii = createPii(TEST_KEY);
  const accounts = await seedDemo(database.db, pii, { password: DEMO_PASSWORD, personnelCount: 200 });
  const app = await buildApp({ config: testConfig(env), database, pii }, { logger: { level: 'error' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    baseUrl: `http://localhost:${port}`,
    accounts,
    browser,
    db: database.db,
    account(role: string): DemoAccount {
      const a = accounts.find((x) => x.role.startsWith(role));
      if (!a) throw new Error(`no demo account ${role}`);
      return a;
    },
    async newPage(): Promise<Page> {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      // antd motion off (web/src/app/theme.ts): nothing is clicked mid-animation
      await ctx.addInitScript(() => {
        (globalThis as { __HBZSGX_NO_MOTION__?: boolean }).__HBZSGX_NO_MOTION__ = true;
      });
      return ctx.newPage();
    },
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}
export type Platform = Awaited<ReturnType<typeof startPlatform>>;

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Runs `steps`; when one fails, test-output/e2e/failure-<name>.png shows where the page stood, and the error goes on. */
async function shotOnFailure(page: Page, name: string, steps: () => Promise<void>) {
  try {
    await steps();
  } catch (e) {
    await shot(page, `failure-${name}`).catch(() => undefined);
    throw e;
  }
}

/**
 * Opens the submenus on `path` that are not open yet (clicking an open one would close it; the side menu opens the
 * current page's groups on its first render and never closes one by itself), then clicks the page item and waits
 * for its URL.
 */
export async function openMenu(page: Page, path: string[], url: RegExp) {
  const sider = page.locator('.ant-layout-sider');
  await shotOnFailure(page, `openMenu-${path.join('-')}`, async () => {
    for (const title of path.slice(0, -1)) {
      const sub = sider.locator('.ant-menu-submenu-title').filter({ hasText: title }).first();
      if ((await sub.getAttribute('aria-expanded')) === 'true') continue;
      await sub.click();
      await sider.locator('.ant-menu-submenu-title[aria-expanded="true"]').filter({ hasText: title }).first().waitFor();
    }
    // React Router renders a lazy page in a transition: the URL changes first and the previous page stays on screen
    // until the new one's chunk has loaded. Wait for the previous page's heading to go (or change) so that the
    // caller's locators never find the old page's rows.
    const heading = page.locator('.page-head h4').first();
    const before = (await heading.count()) ? await heading.elementHandle() : null;
    const beforeText = before ? await before.textContent() : null;
    // the whole title: 本单位人员 must not pick 本单位人员学时申报
    const leaf = path[path.length - 1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await sider
      .locator('.ant-menu-item')
      .filter({ hasText: new RegExp(`^\\s*${leaf}\\s*$`) })
      .first()
      .click();
    await page.waitForURL(url, { waitUntil: 'commit' });
    if (before) await page.waitForFunction(([el, text]) => !el.isConnected || el.textContent !== text, [before, beforeText] as const);
  });
}

/** Picks an option of the antd Select labelled `label` inside `scope`, and waits until the field shows the choice. */
export async function pickOption(page: Page, scope: Locator, label: string, option: string) {
  await shotOnFailure(page, `pickOption-${label}`, async () => {
    await scope.getByLabel(label).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option, .ant-select-dropdown:visible .ant-select-tree-node-content-wrapper')
      .filter({ hasText: option })
      .first()
      .click();
    await scope
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel(label) })
      .locator('.ant-select-content, .ant-select-selection-item')
      .filter({ hasText: option })
      .first()
      .waitFor();
  });
}

/** Logs in from the home page's 管理人员登录 box (the test server runs with the captcha off). */
export async function login(page: Page, loginTypeLabel: string, account: string, password: string) {
  await pickOption(page, page.locator('body'), '用户类型', loginTypeLabel);
  await page.getByLabel('账号').fill(account);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** The forced password change of a first login, ending on the dashboard. */
export async function forcedChange(page: Page, oldPw: string, newPw: string) {
  await page.waitForURL(/change-password/, { waitUntil: 'commit' });
  await page.getByLabel('原密码').fill(oldPw);
  await page.getByLabel('新密码', { exact: true }).fill(newPw);
  await page.getByLabel('确认新密码').fill(newPw);
  await page.getByRole('button', { name: '修改密码并进入平台' }).click();
  await page.waitForURL(/dashboard/, { waitUntil: 'commit' });
}

/** Waits until no (finite) animation runs, so that screenshots show settled modals, drawers and messages. */
export async function settled(page: Page) {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    undefined,
    { timeout: 5000 },
  );
}

/** A demo account's first visit: home page, 管理人员登录, the forced password change; returns the page on the dashboard. */
export async function enter(p: Platform, role: string, loginType: string, newPassword: string): Promise<Page> {
  const acc = p.account(role);
  const page = await p.newPage();
  await page.goto(p.baseUrl);
  await page.getByText('管理人员登录').waitFor();
  await login(page, loginType, acc.account, DEMO_PASSWORD);
  await forcedChange(page, DEMO_PASSWORD, newPassword);
  return page;
}

/**
 * 退出登录 from the top-right user menu, confirmed, back on the home page. The menu opens on hover as well as on click
 * (web/src/app/layout/UserMenu.tsx): a click toggles it, so a click that lands after the hover has opened it closes it
 * again; hovering opens it whatever the timing.
 */
export async function logout(page: Page, userName: string) {
  await page.locator('.ant-layout-header').getByText(userName).hover();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^退\s*出$/ })
    .click();
  await page.getByText('管理人员登录').waitFor();
}

/**
 * Opens a Popconfirm with `opener`, clicks its `confirm` button, and waits for `done`: what the confirmed action
 * shows, or, with `{ gone: true }`, what it removes (e.g. the reviewed item leaving 待审核).
 */
export async function confirmPopover(page: Page, opener: Locator, confirm: RegExp, done: Locator, opts: { gone?: boolean } = {}) {
  await opener.click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: confirm }).click();
  await done.first().waitFor({ state: opts.gone ? 'detached' : 'visible' });
}

/**
 * Approved claims of this year for a demo person, declared by a demo base (as its claims would be after 学时审核):
 * inserted pending, then approved through the ledger, so totals and counters are what the platform keeps.
 */
export async function approvedBaseClaims(
  p: Platform,
  personName: string,
  baseName: string,
  items: { title: string; subjectType: 'public' | 'professional'; hours: number; score?: string; qualified?: boolean }[],
): Promise<number[]> {
  const [person] = await p.db
    .select({ id: personnel.id, userId: users.id })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .where(eq(users.name, personName));
  const [base] = await p.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.name, baseName), eq(organizations.type, 'base')));
  const ids = (
    await p.db
      .insert(claims)
      .values(
        items.map((c) => ({
          ...c,
          personnelId: person!.id,
          year: new Date().getFullYear(),
          source: 'base' as const,
          declaringOrgId: base!.id,
          learningForm: 'faceToFace' as const,
          status: 'pending' as const,
        })),
      )
      .returning({ id: claims.id })
  ).map((r) => r.id);
  await p.db.transaction((tx) => transitionClaims(tx, { ids, to: 'approved', actorUserId: person!.userId }));
  return ids;
}
