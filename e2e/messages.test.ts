/**
 * Journey (issue 12, 站内消息): two of the demo 专业技术人员's (张雨萱) hours wait for HR, registered by the demo base
 * (inserted pending, as 学员成绩 leaves them). The city HR (武汉市, the base's reviewer) opens 继续教育机构学时审核,
 * approves one (通过, confirmed) and rejects the other with a reason. The teacher logs in: the header's bell shows 2;
 * its popover lists both decisions, the rejection with its reason; clicking the approval marks it read and opens
 * 我的学时 (the bell shows 1). 查看全部消息 opens 我的消息: the 未读 tab holds the rejection; 全部已读 empties it and
 * the bell. The HR seat was told nothing (its own decisions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { beijingYear } from '@hbzsgx/domain';
import { claims, organizations, personnel, users } from '../server/src/db/schema.js';
import { confirmPopover, enter, hasChromium, hasWebBuild, openMenu, settled, shot, startPlatform, type Platform } from './support.js';

const BASE = '武汉城市职业学院继续教育基地';
const APPROVED = '消息旅程：课堂教学能力提升研修';
const REJECTED = '消息旅程：教学反思与课例研究';
const REASON = '签到记录缺失，请补充培训签到表';

describe.skipIf(!hasChromium || !hasWebBuild)('journey: a decision reaches the person as a message (bell, popover, 我的消息)', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('HR approves one claim and rejects another; the teacher reads both from the bell and 我的消息', async () => {
    const teacher = p.account('专业技术人员');
    const [person] = await p.db
      .select({ id: personnel.id })
      .from(personnel)
      .innerJoin(users, eq(users.id, personnel.userId))
      .where(eq(users.name, teacher.name));
    const [base] = await p.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.name, BASE), eq(organizations.type, 'base')));
    await p.db.insert(claims).values(
      [APPROVED, REJECTED].map((title) => ({
        title,
        personnelId: person!.id,
        year: beijingYear(),
        source: 'base' as const,
        declaringOrgId: base!.id,
        subjectType: 'professional' as const,
        learningForm: 'faceToFace' as const,
        hours: 12,
        status: 'pending' as const,
      })),
    );

    // ---- the city HR decides both
    const hr = await enter(p, '市州人社局管理员（武汉市）', '人社部门', 'City@2026msg');
    await openMenu(hr, ['学时审核', '继续教育机构学时审核'], /hours\/review\/base/);
    const row = (title: string) => hr.locator('.ant-table-row').filter({ hasText: title });
    await row(APPROVED).waitFor();
    await confirmPopover(hr, row(APPROVED).getByRole('button', { name: /^通\s*过$/ }), /^通\s*过$/, row(APPROVED), { gone: true });
    await row(REJECTED)
      .getByRole('button', { name: /^驳\s*回$/ })
      .click();
    const reasonModal = hr.locator('.ant-modal').filter({ hasText: '驳回原因' });
    await reasonModal.getByLabel('驳回原因').fill(REASON);
    await reasonModal.getByRole('button', { name: /确认驳回/ }).click();
    await row(REJECTED).waitFor({ state: 'detached' });
    await expect.poll(() => hr.getByRole('button', { name: /^消息/ }).getAttribute('aria-label')).toBe('消息'); // nothing for the deciding seat

    // ---- the teacher: the bell, its popover, the approval opens 我的学时
    const me = await enter(p, '专业技术人员', '专业技术人员', 'Teacher@2026msg');
    const bell = me.getByRole('button', { name: /^消息/ });
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 20_000 }).toBe('消息（2 条未读）');
    await bell.click();
    const pop = me.locator('.ant-popover:visible');
    await pop.getByText(`学时申报已通过：${APPROVED}`).waitFor();
    expect(await pop.innerText()).toContain(`学时申报被驳回：${REJECTED}`);
    expect(await pop.innerText()).toContain(`原因：${REASON}`);
    await settled(me);
    await shot(me, 'messages-01-bell');
    await pop.getByText(`学时申报已通过：${APPROVED}`).click();
    await me.waitForURL(/me\/hours/);
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 20_000 }).toBe('消息（1 条未读）');

    // ---- 我的消息: 未读 holds the rejection; 全部已读
    await bell.click();
    await me.locator('.ant-popover:visible').getByRole('button', { name: '查看全部消息' }).click();
    await me.waitForURL(/me\/messages/);
    await me.locator('.ant-table-row').filter({ hasText: APPROVED }).waitFor();
    expect(await me.locator('.ant-table-row').filter({ hasText: REJECTED }).innerText()).toContain(`原因：${REASON}`);
    await me.getByRole('tab', { name: '未读（1）' }).click();
    await me.locator('.ant-table-row').filter({ hasText: APPROVED }).waitFor({ state: 'detached' });
    // (the old rows leave while the tab's page loads: wait for its row, not for the table to empty)
    await me.locator('.ant-table-row').filter({ hasText: REJECTED }).waitFor();
    await expect.poll(() => me.locator('.ant-table-row').count()).toBe(1);
    await settled(me);
    await shot(me, 'messages-02-list');
    await me.getByRole('button', { name: '全部已读' }).click();
    await me.getByText('已将 1 条消息标为已读').waitFor();
    await me.locator('.ant-table-placeholder').getByText('没有未读消息').waitFor();
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 20_000 }).toBe('消息');
  });
});
