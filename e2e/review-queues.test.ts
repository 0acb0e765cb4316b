/**
 * Journey (issue 9: one review-queue mechanism): the county HR admin of 江岸区 walks every review queue of the menu —
 * each is the same page (待审核/已审核 tabs, 导出, a table with its total or its empty text); then, on the
 * dashboard's 待办 card, opens 专技人员注册审核, selects both pending registrations, 批量驳回 with a reason (the
 * shared batch bar and reason modal), finds them 已驳回 in 已审核, approves the pending employer in
 * 下属单位注册审核 row by row, and sees both 待办 cards drop to 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

/** Every review queue in a county HR admin's menu: menu path and URL. */
const QUEUES: [string[], RegExp][] = [
  [['账户管理', '注册审核管理', '专技人员注册审核'], /\/account\/registrations\/personnel$/],
  [['账户管理', '注册审核管理', '下属单位注册审核'], /\/account\/registrations\/employer$/],
  [['账户管理', '注册审核管理', '主管部门注册审核'], /\/account\/registrations\/authority$/],
  [['账户管理', '注册审核管理', '继续教育机构注册审核'], /\/account\/registrations\/base$/],
  [['账户管理', '注册审核管理', '人社部门注册审核'], /\/account\/registrations\/hr$/],
  [['账户管理', '变更审核管理', '审核人员信息修改'], /\/account\/changes\/title$/],
  [['账户管理', '变更审核管理', '机构信息修改审核'], /\/account\/changes\/org-info$/],
  [['账户管理', '变更审核管理', '更换上级部门审核'], /\/account\/changes\/reparent$/],
  [['账户管理', '培训计划管理', '审核继教机构年度培训计划'], /\/training\/annual-review\/plan$/],
  [['账户管理', '培训计划管理', '审核培训计划申报'], /\/training\/class-review$/],
  [['账户管理', '培训计划管理', '审核继教机构年度工作总结'], /\/training\/annual-review\/summary$/],
  [['学时审核', '继续教育机构学时审核'], /\/hours\/review\/base$/],
  [['学时审核', '单位培训计划审核'], /\/hours\/unit-plans$/],
  [['学时审核', '单位培训学时审核'], /\/hours\/review\/employer$/],
  [['学时审核', '个人申报学时审核'], /\/hours\/review\/personal$/],
];

/** The shared queue page, settled: both tabs, 导出, and the table showing its total or its empty text. */
async function expectQueuePage(page: Page) {
  const main = page.locator('.ant-layout-content');
  await expect.poll(() => main.locator('.ant-tabs-tab').allInnerTexts()).toEqual(['待审核', '已审核']);
  await main.getByRole('button', { name: /导\s*出/ }).waitFor();
  const table = main.locator('.ant-table-wrapper');
  await table.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  const total = table.locator('.ant-pagination-total-text');
  const empty = table.locator('.ant-table-placeholder');
  // read both at once, without waiting on either: the previous queue's table may still be on screen for a render
  await expect
    .poll(async () => (await total.allInnerTexts())[0] ?? (await empty.allInnerTexts())[0] ?? '', { timeout: 15_000 })
    .toMatch(/^(共 \d+ 条|暂无待审核的.*)$/);
}

/** The dashboard's 待办 card of a queue, by its accessible name "标题：N". */
const todoCard = (page: Page, title: string) => page.getByRole('link', { name: new RegExp(`^${title}：\\d+$`) });

describe.skipIf(!hasChromium || !hasWebBuild)('journey: every review queue is one page; batch 驳回 and row 通过 clear the 待办', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('walks the queues, rejects two registrations in one batch, approves one row, and the 待办 cards drop', async () => {
    const page = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'County@2026new');

    for (const [path, url] of QUEUES) {
      await openMenu(page, path, url);
      await expectQueuePage(page);
    }
    await shot(page, 'review-queues-01-personal-claims');

    // the dashboard: two teachers' registrations and one employer's wait
    await page.goto(`${p.baseUrl}/dashboard`);
    await expect.poll(() => todoCard(page, '专技人员注册审核').getAttribute('aria-label')).toBe('专技人员注册审核：2');
    await expect.poll(() => todoCard(page, '下属单位注册审核').getAttribute('aria-label')).toBe('下属单位注册审核：1');
    await todoCard(page, '专技人员注册审核').click();
    await page.waitForURL(/\/account\/registrations\/personnel$/);

    // select both pending rows: the batch bar counts them
    const main = page.locator('.ant-layout-content');
    const rows = main.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    const names = (await rows.locator('td:nth-child(2)').allInnerTexts()).sort();
    expect(names).toEqual(['彭浩然', '邓佳琪'].sort());
    await main.locator('.ant-table-thead .ant-checkbox-input').check();
    const bar = main.locator('.ant-alert').filter({ hasText: '已选择' });
    await expect.poll(() => bar.innerText()).toContain('已选择 2 条注册');
    await bar.getByRole('button', { name: /批量驳回/ }).click();

    // the reason modal: a reason is required
    const modal = page.getByRole('dialog').filter({ hasText: '批量驳回（2 条）' });
    await modal.getByText('将驳回选中的 2 条注册，申请人可修改后重新提交。').waitFor();
    await modal.getByRole('button', { name: /确认驳回/ }).click();
    await modal.getByText('请填写驳回原因').waitFor();
    await modal.getByLabel('驳回原因').fill('请上传教师资格证书后重新提交');
    await settled(page);
    await shot(page, 'review-queues-02-batch-reject');
    await modal.getByRole('button', { name: /确认驳回/ }).click();
    await page.getByText('已驳回 2 条注册').waitFor();
    await main.locator('.ant-table-placeholder').filter({ hasText: '暂无待审核的注册' }).waitFor();

    // 已审核: both, 已驳回, with the reason
    await main.locator('.ant-tabs-tab').filter({ hasText: '已审核' }).click();
    const done = main.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '请上传教师资格证书后重新提交' });
    await expect.poll(() => done.count()).toBe(2);
    expect(await done.filter({ hasText: '已驳回' }).count()).toBe(2);
    await shot(page, 'review-queues-03-done');

    // 下属单位注册审核: one row, 通过 after the confirmation
    await openMenu(page, ['账户管理', '注册审核管理', '下属单位注册审核'], /\/account\/registrations\/employer$/);
    const row = main.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '武汉江岸新建设计院有限公司' });
    await row.getByRole('button', { name: /^通\s*过$/ }).click();
    const confirm = page.locator('.ant-popconfirm:visible');
    await confirm.getByText('确定通过“武汉江岸新建设计院有限公司”的注册吗？').waitFor();
    await confirm.getByRole('button', { name: /通\s*过/ }).click();
    await page.getByText('已通过“武汉江岸新建设计院有限公司”的注册').waitFor();
    await row.waitFor({ state: 'detached' });

    // the dashboard's 待办 cards show nothing left in either queue
    await page.goto(`${p.baseUrl}/dashboard`);
    await expect.poll(() => todoCard(page, '专技人员注册审核').getAttribute('aria-label')).toBe('专技人员注册审核：0');
    await expect.poll(() => todoCard(page, '下属单位注册审核').getAttribute('aria-label')).toBe('下属单位注册审核：0');
    await shot(page, 'review-queues-04-dashboard');
  }, 180_000);
});
