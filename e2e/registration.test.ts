/**
 * Journey (issue: registration and its review): a training base registers from the home page (继续教育基地, superior
 * 江岸区人力资源和社会保障局), logs in at once and sees 待审核; the county HR approves it in 注册审核管理 >
 * 继续教育机构注册审核; the base clicks 进入平台 and has its menus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeCreditCode, makeIdNumber } from '../server/src/db/seed/codes.js';
import {
  confirmPopover,
  DEMO_PASSWORD,
  forcedChange,
  hasChromium,
  hasWebBuild,
  login,
  openMenu,
  shot,
  startPlatform,
  type Platform,
} from './support.js';

/** Picks an option of the (visible) dropdown of a searchable select, after typing a keyword. */
async function pick(page: Page, field: ReturnType<Page['getByLabel']>, keyword: string, option: string) {
  await field.click();
  await field.fill(keyword);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe.skipIf(!hasChromium || !hasWebBuild)('journey: a training base registers and the county HR approves it', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('registers from the home page, waits, is approved, and enters the platform', async () => {
    const base = await p.newPage();
    const county = p.account('县区人社局管理员（江岸区）');
    const name = '武汉江岸职业技能继续教育学校';
    const creditCode = makeCreditCode('52', '420102', 'e2e-registration-base');
    const adminId = makeIdNumber('420102', '19870305', 512);

    // home page → 单位注册 → 继续教育基地
    await base.goto(p.baseUrl);
    await base.getByText('管理人员登录').waitFor();
    await base.getByRole('button', { name: /单位注册/ }).click();
    await base.waitForURL(/\/register/);
    await base.getByRole('button', { name: '继续教育基地' }).click();

    const form = base.locator('form');
    await form.getByLabel('机构名称').fill(name);
    await form.getByLabel('统一社会信用代码').fill(creditCode);
    await pick(base, form.getByLabel('上级部门'), '江岸区', '江岸区人力资源和社会保障局');
    await form.getByLabel('所属地区').click();
    for (const level of ['湖北省', '武汉市', '江岸区']) await base.locator('.ant-cascader-menu-item').filter({ hasText: level }).first().click();
    await base.keyboard.press('Escape');
    await form.getByLabel('联系人').fill('孙丽娟');
    await form.getByLabel('联系电话').fill('027-82801234');
    await form.getByLabel('地址').fill('武汉市江岸区解放大道1000号');
    // the admin block, first with a 证件号 that is already registered (the county HR admin's)
    await form.getByLabel('证件号').fill(county.account);
    await form.getByLabel('真实姓名').fill('孙丽娟');
    await form.getByLabel('手机号').fill('13907151234');
    await form.getByLabel('电子邮箱').fill('sunlj@example.cn');
    await form.getByLabel('密码', { exact: true }).fill('Base@2026ok');
    await form.getByLabel('确认密码').fill('Base@2026ok');
    await shot(base, 'registration-01-form');
    await base.getByRole('button', { name: /提交注册/ }).click();
    await base.getByRole('alert').filter({ hasText: '该证件号已注册' }).waitFor();
    expect(await form.locator('.ant-form-item-explain-error').allInnerTexts()).toContain(
      '该证件号已注册，请直接登录；如忘记密码请联系所在单位管理员',
    );

    await form.getByLabel('证件号').fill(adminId);
    await base.getByRole('button', { name: /提交注册/ }).click();
    await base.getByText('注册已提交，可直接登录查看审核进度').waitFor();
    await shot(base, 'registration-02-submitted');

    // 去登录: the 用户类型 and 账号 are filled in; a registrant lands on 注册审核状态
    await base.getByRole('button', { name: /去登录/ }).click();
    await base.waitForURL(/\/login/);
    expect(await base.getByLabel('账号').inputValue()).toBe(adminId);
    expect(await base.locator('.ant-form-item').filter({ hasText: '用户类型' }).innerText()).toContain('继续教育基地');
    await base.getByLabel('密码', { exact: true }).fill('Base@2026ok');
    await base.getByRole('button', { name: /登\s*录/ }).click();
    await base.waitForURL(/\/registration/);
    await base.getByText('注册信息待审核').waitFor();
    expect(await base.locator('.ant-descriptions').innerText()).toContain('江岸区人力资源和社会保障局');
    // 所属地区 by name (the full path once loaded), never the bare division code
    await expect.poll(async () => /所属地区\s+([^\t\n]+)/.exec(await base.locator('.ant-descriptions').innerText())?.[1]).toContain('江岸区');
    expect(/所属地区\s+([^\t\n]+)/.exec(await base.locator('.ant-descriptions').innerText())?.[1]).not.toMatch(/\d{6}/);
    expect(await base.locator('.ant-layout-sider').innerText()).not.toContain('账户管理');
    await shot(base, 'registration-03-pending');

    // the county HR: forced password change, then 注册审核管理 > 继续教育机构注册审核
    const hr = await p.newPage();
    await hr.goto(p.baseUrl);
    await login(hr, '人社部门', county.account, DEMO_PASSWORD);
    await forcedChange(hr, DEMO_PASSWORD, 'County@2026new');
    await openMenu(hr, ['账户管理', '注册审核管理', '继续教育机构注册审核'], /account\/registrations\/base/);
    await hr.waitForURL(/account\/registrations\/base/);
    const row = hr.locator('.ant-table-row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toContain(creditCode);
    expect(await row.innerText()).toContain('待审核');
    await shot(hr, 'registration-04-review-queue');

    await row.getByRole('button', { name: '查看' }).click();
    const drawer = hr.locator('.ant-drawer').filter({ hasText: '机构注册详情' });
    await drawer.getByText('孙丽娟', { exact: true }).first().waitFor();
    expect(await drawer.innerText()).toContain('江岸区人力资源和社会保障局');
    await confirmPopover(hr, drawer.getByRole('button', { name: /通\s*过/ }), /通\s*过/, hr.getByText(`已通过“${name}”的注册`));
    await hr.getByRole('tab', { name: '已审核' }).click();
    await hr.locator('.ant-table-row').filter({ hasText: name }).filter({ hasText: '已通过' }).waitFor();
    await shot(hr, 'registration-05-reviewed');

    // the base: 刷新 → 已通过 → 进入平台, with the base's menus
    await base.getByRole('button', { name: /刷\s*新/ }).click();
    await base.getByText('注册审核已通过').waitFor();
    await base.getByRole('button', { name: /进入平台/ }).click();
    await base.waitForURL(/dashboard/);
    await openMenu(base, ['账户管理', '继续教育机构信息管理'], /account\/org-info/);
    await base.waitForURL(/account\/org-info/);
    await base.locator('.ant-descriptions').getByText(name).waitFor();
    const menus = await base.locator('.ant-layout-sider').innerText();
    for (const m of ['继续教育机构信息管理', '管理内设部门', '权限管理', '培训班管理', '学员成绩管理', '系统管理']) expect(menus).toContain(m);
    expect(menus).not.toContain('注册审核管理'); // a base reviews no one's registration (its learners belong to their units)
    expect(menus).not.toContain('注册审核状态');
    await shot(base, 'registration-06-base-menus');
  }, 180_000);
});
