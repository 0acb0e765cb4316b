/**
 * Journey (issue 12, 忘记密码): the demo 专业技术人员 opens 忘记密码？ in the login box, gives 证件号 + 姓名 + 注册手机号 and
 * gets a 申请编号 whose state reads 待处理; the school's unit admin finds 找回密码申请 in 待办事项, opens it and 重置密码
 * (confirmed; the one-time password shown once); the person's state page now reads 已重置, and she logs in with the
 * temporary password and must change it. A second request with a wrong 手机号 gets the same answer and never reaches
 * the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enter, forcedChange, hasChromium, hasWebBuild, login, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: 忘记密码 answered by the unit admin', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('requests a reset, the unit admin resets it, the person logs in with the temporary password', async () => {
    const person = p.account('专业技术人员');
    const visitor = await p.newPage();
    await visitor.goto(p.baseUrl);
    await visitor.getByRole('link', { name: '忘记密码？' }).click();
    await visitor.waitForURL(/\/forgot-password$/);
    const form = visitor.locator('form#forgotPassword');
    // a wrong 手机号 first: the same answer, nothing for the unit
    await form.getByLabel('证件号').fill(person.account);
    await form.getByLabel('姓名').fill(person.name);
    await form.getByLabel('注册手机号').fill('13971239999');
    await form.getByRole('button', { name: '提交申请' }).click();
    await visitor.getByText('申请已提交', { exact: true }).waitFor();
    const decoy = (await visitor.getByLabel('申请编号').first().innerText()).trim();
    expect(decoy).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    // now right
    await visitor.goto(`${p.baseUrl}/forgot-password`);
    await form.getByLabel('证件号').fill(person.account);
    await form.getByLabel('姓名').fill(person.name);
    await form.getByLabel('注册手机号').fill('1397123000');
    await form.getByRole('button', { name: '提交申请' }).click();
    await form.getByText('请输入11位手机号').waitFor();
    await form.getByLabel('注册手机号').fill('13971230001');
    await settled(visitor);
    await shot(visitor, 'forgot-01-form');
    await form.getByRole('button', { name: '提交申请' }).click();
    await visitor.getByText('申请已提交', { exact: true }).waitFor();
    const ticket = (await visitor.getByLabel('申请编号').first().innerText()).trim();
    expect(ticket).not.toBe(decoy);
    await settled(visitor);
    await shot(visitor, 'forgot-02-sent');
    await visitor.getByRole('button', { name: '查询处理进度' }).click();
    await visitor.getByLabel('处理状态').filter({ hasText: '待处理' }).waitFor();
    await settled(visitor);
    await shot(visitor, 'forgot-03-pending');

    // the school's admin: 待办事项 → 找回密码申请 → 重置密码
    const admin = await enter(p, '用人单位管理员', '用人单位', 'School@2026adm');
    const todo = admin.locator('.ant-card').filter({ hasText: '找回密码申请' }).first();
    await todo.waitFor();
    await openMenu(admin, ['本单位人员', '找回密码申请'], /\/password-resets$/);
    const rows = admin.locator('.ant-table-row');
    await rows.first().waitFor();
    await expect.poll(() => rows.count()).toBe(1); // the mismatched request never reached the unit
    const row = rows.filter({ hasText: person.name });
    await row
      .getByText(/\*{4,}/)
      .first()
      .waitFor(); // 证件号 masked
    await settled(admin);
    await shot(admin, 'forgot-04-queue');
    await row.getByRole('button', { name: '重置密码' }).click();
    await admin
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /重\s*置/ })
      .click();
    const otp = admin.locator('.ant-modal').filter({ hasText: '密码已重置' });
    await otp.waitFor();
    const temp = /Tmp#[A-Za-z0-9]{8}/.exec(await otp.innerText())?.[0];
    expect(temp).toBeTruthy();
    await settled(admin);
    await shot(admin, 'forgot-05-one-time-password');
    await otp.getByRole('button', { name: '我已记下，关闭' }).click();
    await admin.getByText('暂无待处理的找回密码申请').waitFor();

    // the person: 已重置, then in with the temporary password (and must change it)
    await visitor.reload();
    await visitor.getByLabel('处理状态').filter({ hasText: '已重置' }).waitFor();
    await settled(visitor);
    await shot(visitor, 'forgot-06-done');
    await visitor.getByRole('button', { name: '去登录' }).click();
    await visitor.getByText('管理人员登录').waitFor();
    await login(visitor, '专业技术人员', person.account, temp!);
    await forcedChange(visitor, temp!, 'Teacher@2026rst');
    // the unmatched number reads 待处理 like any request nobody has answered yet
    await visitor.goto(`${p.baseUrl}/forgot-password/${decoy}`);
    await visitor.getByLabel('处理状态').filter({ hasText: '待处理' }).waitFor();
  }, 180_000);
});
