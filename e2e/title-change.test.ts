/**
 * Journey (issue: change review): the demo 专业技术人员 (武汉市江岸区育才中学) changes their 专业技术职务; the employer
 * reviews it in 审核人员信息修改 (old vs new) and approves; the person sees the new title. The demo data already holds
 * one pending change of that person, so the employer decides that one first (a second one cannot be filed meanwhile).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  confirmPopover,
  DEMO_PASSWORD,
  pickOption,
  forcedChange,
  hasChromium,
  hasWebBuild,
  login,
  openMenu,
  settled,
  shot,
  startPlatform,
  type Platform,
} from './support.js';

/** The value shown next to a label in antd Descriptions. */
async function described(page: Page, label: string): Promise<string> {
  const row = page
    .locator('.ant-descriptions-item-label')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .first();
  return (await row.locator('xpath=following-sibling::*[1]').innerText()).trim();
}

describe.skipIf(!hasChromium || !hasWebBuild)('journey: a person changes their title and the employer approves it', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('decides the pending change, files a new one, approves it, and shows the new title', async () => {
    const employerAcc = p.account('用人单位管理员');
    const personAcc = p.account('专业技术人员');

    // the employer decides the demo's pending change (中级 → 副高级) after looking at old vs new
    const employer = await p.newPage();
    await employer.goto(p.baseUrl);
    await login(employer, '用人单位', employerAcc.account, DEMO_PASSWORD);
    await forcedChange(employer, DEMO_PASSWORD, 'School@2026new');
    await employer.getByRole('link', { name: /审核人员信息修改：1/ }).waitFor(); // the dashboard todo
    await openMenu(employer, ['账户管理', '变更审核管理', '审核人员信息修改'], /account\/changes\/title/);
    await employer.waitForURL(/account\/changes\/title/);
    const first = employer.locator('.ant-table-row').filter({ hasText: personAcc.name });
    await first.waitFor();
    await first.getByRole('button', { name: '查看' }).click();
    const drawer = employer.locator('.ant-drawer').filter({ hasText: '人员信息修改详情' });
    const levelRow = drawer.locator('.ant-table-row').filter({ hasText: '职称级别' });
    await levelRow.waitFor();
    expect(await levelRow.innerText()).toMatch(/中级[\s\S]*副高级[\s\S]*已修改/);
    expect(await levelRow.getAttribute('class')).toContain('change-row-changed');
    expect(await drawer.locator('.ant-table-row').filter({ hasText: '职称系列' }).innerText()).toContain('未变');
    await settled(employer);
    await shot(employer, 'title-change-01-review-drawer');
    // the durable outcome is the item leaving 待审核 (the success message is transient and can be missed under load)
    await confirmPopover(employer, drawer.getByRole('button', { name: /通\s*过/ }), /通\s*过/, first, { gone: true });

    // the person: the approved title, then a new change (副高级 → 正高级)
    const person = await p.newPage();
    await person.goto(p.baseUrl);
    await login(person, '专业技术人员', personAcc.account, DEMO_PASSWORD);
    await forcedChange(person, DEMO_PASSWORD, 'Teacher@2026new');
    await openMenu(person, ['个人信息'], /me\/profile/);
    await person.waitForURL(/me\/profile/);
    await person.getByText('修改记录', { exact: true }).waitFor();
    await person.locator('.ant-table-row').filter({ hasText: '已通过' }).waitFor();
    expect(await described(person, '职称级别')).toBe('副高级');
    expect(await described(person, '职称名称')).toBe('高级教师');

    await person.getByRole('button', { name: /修改专业技术职务/ }).click();
    const modal = person.locator('.ant-modal').filter({ hasText: '修改专业技术职务' });
    await pickOption(person, modal, '职称级别', '正高级');
    await modal.locator('.ant-form-item').filter({ hasText: '职称级别' }).getByTitle('正高级').waitFor();
    await modal.getByLabel('职称名称').fill('正高级教师');
    const date = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await modal.getByLabel('取得时间').fill(date);
    await modal.getByLabel('取得时间').press('Enter');
    await modal.getByRole('button', { name: /提交审核/ }).click();
    await person.getByText('修改申请审核中').waitFor();
    expect(await person.getByRole('button', { name: /修改专业技术职务/ }).isDisabled()).toBe(true);
    const pendingRow = person.locator('.ant-alert .ant-table-row').filter({ hasText: '职称级别' });
    expect(await pendingRow.innerText()).toMatch(/副高级[\s\S]*正高级/);
    expect(await described(person, '职称级别')).toBe('副高级'); // the old title stays in force until approved
    await person.evaluate(() => window.scrollTo(0, 0));
    await shot(person, 'title-change-02-pending');

    // the employer approves it from the queue
    await employer.reload();
    const second = employer.locator('.ant-table-row').filter({ hasText: personAcc.name }).filter({ hasText: '正高级' });
    await second.waitFor();
    await confirmPopover(employer, second.getByRole('button', { name: /通\s*过/ }), /通\s*过/, first, { gone: true });
    await employer.getByRole('tab', { name: '已审核' }).click();
    await employer.locator('.ant-table-row').filter({ hasText: '正高级' }).filter({ hasText: '已通过' }).waitFor();
    expect(await employer.locator('.ant-table-row').count()).toBe(2);
    await shot(employer, 'title-change-03-reviewed');

    // the person sees the new title and the history
    await person.reload();
    await person.getByText('修改记录', { exact: true }).waitFor();
    await person.locator('.ant-table-row').filter({ hasText: '已通过' }).nth(1).waitFor();
    expect(await described(person, '职称级别')).toBe('正高级');
    expect(await described(person, '职称名称')).toBe('正高级教师');
    expect(await described(person, '取得时间')).toBe(date);
    expect(await person.getByText('修改申请审核中').count()).toBe(0);
    await person.evaluate(() => window.scrollTo(0, 0));
    await shot(person, 'title-change-04-profile');
  }, 180_000);
});
