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

export async function startPlatform() {
  const database = await openTestDatabase();
  const pii = createPii(TEST_KEY);
  const accounts = await seedDemo(database.db, pii, { password: DEMO_PASSWORD, personnelCount: 200 });
  const app = await buildApp({ config: testConfig(), database, pii }, { logger: { level: 'error' } });
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

/**
 * Opens submenus that are not open yet (clicking an open one would close it), then clicks the page item and waits
 * for its URL. Under load a click can land while antd still animates the submenu; such a click is retried.
 */
export async function openMenu(page: Page, path: string[], url: RegExp) {
  const sider = page.locator('.ant-layout-sider');
  const item = sider
    .locator('.ant-menu-item')
    .filter({ hasText: path[path.length - 1]! })
    .first();
  for (let attempt = 0; ; attempt++) {
    try {
      // re-checked on every attempt: a submenu click lost to an animation leaves the submenu closed
      for (const title of path.slice(0, -1)) {
        const sub = sider.locator('.ant-menu-submenu-title').filter({ hasText: title }).first();
        if ((await sub.getAttribute('aria-expanded', { timeout: 8_000 })) !== 'true') await sub.click({ timeout: 8_000 });
      }
      await item.waitFor({ state: 'visible', timeout: 8_000 });
      await item.click({ timeout: 8_000 });
      await page.waitForURL(url, { waitUntil: 'commit', timeout: 8_000 });
      return;
    } catch (e) {
      if (attempt >= 2) {
        await shot(page, `failure-openMenu-${path.join('-')}`);
        throw e;
      }
    }
  }
}

/** Picks an option of the antd Select labelled `label` inside `scope`, retrying until the choice shows. */
export async function pickOption(page: Page, scope: ReturnType<Page['locator']>, label: string, option: string) {
  const field = scope.getByLabel(label);
  const shown = scope
    .locator('.ant-form-item')
    .filter({ has: page.getByLabel(label) })
    .locator('.ant-select-content, .ant-select-selection-item');
  for (let attempt = 0; ; attempt++) {
    try {
      await field.click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option, .ant-select-dropdown:visible .ant-select-tree-node-content-wrapper')
        .filter({ hasText: option })
        .first()
        .click({ timeout: 8_000 });
      await shown.filter({ hasText: option }).first().waitFor({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt >= 2) {
        await shot(page, `failure-pickOption-${label}`);
        throw e;
      }
      await page.keyboard.press('Escape');
    }
  }
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
 * Clicks `target` until `shown` appears. Under load a click can land while antd still animates or React re-renders
 * the row, and is lost; the journey then waits for what the click should have opened instead of failing.
 */
export async function clickUntil(target: Locator, shown: Locator, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    await target.click({ timeout: 8_000 }).catch((e: unknown) => {
      if (attempt >= attempts) throw e;
    });
    try {
      await shown.waitFor({ timeout: 8_000 });
      return;
    } catch (e) {
      if (attempt >= attempts) throw e;
    }
  }
}

/**
 * 退出登录 from the top-right dropdown, confirmed, back on the home page. Each step is repeated if its click was lost
 * under load (the dropdown did not open, the confirmation did not appear, or its button missed the animating modal).
 */
export async function logout(page: Page, userName: string, attempts = 3) {
  const home = page.getByText('管理人员登录');
  const item = page.getByRole('menuitem', { name: '退出登录' });
  const confirm = page.getByRole('dialog').getByRole('button', { name: /^退\s*出$/ });
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await confirm.isVisible())) {
        if (!(await item.isVisible())) await page.locator('.ant-layout-header').getByText(userName).click({ timeout: 8_000 });
        await item.click({ timeout: 8_000 });
      }
      await confirm.click({ timeout: 8_000 });
      await home.waitFor({ timeout: 10_000 });
      return;
    } catch (e) {
      if (await home.isVisible()) return;
      if (attempt >= attempts) throw e;
    }
  }
}

/**
 * Opens a Popconfirm with `opener`, clicks its `confirm` button, and waits for `done` (what the confirmed action
 * shows — or, with `{ gone: true }`, what it removes, e.g. the reviewed item leaving 待审核). A click lost under
 * load — the popover did not open, or its button moved while it animated in — is repeated; an action that did go
 * through is never repeated.
 */
export async function confirmPopover(page: Page, opener: Locator, confirm: RegExp, done: Locator, opts: { gone?: boolean; attempts?: number } = {}) {
  const pop = page.locator('.ant-popconfirm:visible');
  const attempts = opts.attempts ?? 3;
  const finished = async () => (opts.gone ? (await done.count()) === 0 : done.isVisible());
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await pop.isVisible())) await opener.click({ timeout: 8_000 });
      await pop.getByRole('button', { name: confirm }).click({ timeout: 8_000 });
      await done.first().waitFor({ state: opts.gone ? 'detached' : 'visible', timeout: 10_000 });
      return;
    } catch (e) {
      if (await finished()) return;
      if (attempt >= attempts) throw e;
    }
  }
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
