/**
 * Journey (电子证书): the demo teacher is given approved hours for this year through the ledger (before the browser
 * starts); the 江岸区 HR admin opens 查询统计 → 电子证书查询打印, finds her by name, sees her hours and 已完成, prints
 * her 学时证明 (a PDF download whose text holds her name, the year and the hours) and sees the certificate's code in
 * the row; a visitor who is not logged in opens /verify/<code> and sees 有效 with the name masked. Then 学时审验 takes
 * hours back: the page says 学时已变更; the teacher downloads her certificate in 电子证书 (a new code) and the old code
 * reads 已作废; a forged code is 未找到.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { claims } from '../server/src/db/schema.js';
import { transitionClaims } from '../server/src/modules/ledger/service.js';
import { pdfPages } from '../server/src/modules/certificates/testing.js';
import { approvedBaseClaims, enter, hasChromium, hasWebBuild, openMenu, settled, shot, SHOTS, startPlatform, type Platform } from './support.js';

const YEAR = new Date().getFullYear();
const BASE = '武汉城市职业学院继续教育基地';

/** Approved hours for the demo teacher, as the base's claims would be after 学时审核 (pending → approved in the ledger). */
async function giveTeacherHours(p: Platform, name: string) {
  await approvedBaseClaims(p, name, BASE, [
    { title: '专业技术人员职业道德与诚信建设', subjectType: 'public', hours: 32 },
    { title: '中小学教师信息技术应用能力提升培训班', subjectType: 'professional', hours: 40 },
    { title: '新课程标准解读与大单元教学设计', subjectType: 'professional', hours: 24 },
  ]);
}

describe.skipIf(!hasChromium || !hasWebBuild)('journey: 电子证书 printed by HR and verified by a visitor', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform();
  }, 120_000);
  afterAll(async () => p?.close());

  it('finds the teacher, prints her certificate, and the public page verifies it without login', async () => {
    const teacher = p.account('专业技术人员');
    await giveTeacherHours(p, teacher.name);

    // ---- the county HR logs in and opens 查询统计 → 电子证书查询打印
    const hr = await enter(p, '县区人社局管理员（江岸区）', '人社部门', 'County@2026new');
    await openMenu(hr, ['查询统计', '电子证书查询打印'], /\/certificates$/);
    await hr.getByText('电子证书查询打印').first().waitFor();
    await hr.getByRole('textbox', { name: '姓名' }).fill(teacher.name);
    await hr.getByRole('button', { name: /查\s*询/ }).click();
    const row = hr.locator('.ant-table-row').filter({ hasText: teacher.name });
    await row.filter({ hasText: '96' }).waitFor();
    await row.filter({ hasText: '已完成' }).waitFor();
    await row.getByText('未出具').waitFor();
    await hr.getByText('共 1 条').waitFor();

    // ---- 打印: a PDF download with her name, the year and the hours in Chinese
    const [download] = await Promise.all([hr.waitForEvent('download'), row.getByRole('button', { name: /打\s*印/ }).click()]);
    expect(download.suggestedFilename()).toBe(`学时证明_${teacher.name}_${YEAR}.pdf`);
    const file = path.join(SHOTS, 'certificate.pdf');
    await download.saveAs(file);
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPages(pdf))[0]!.replace(/\s+/g, '');
    expect(text).toContain(teacher.name);
    expect(text).toContain(`${YEAR}年度`);
    expect(text).toMatch(/公需科目32不少于30达到/);
    expect(text).toMatch(/专业科目64不少于60达到/);
    expect(text).toMatch(/合计96不少于90达到/);
    expect(text).toContain('年度学时完成情况：已完成');
    const code = /验证码：([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/.exec(text)?.[1];
    expect(code).toBeTruthy();
    expect(text).toContain(`${p.baseUrl}/verify/${code}`);

    // the row now shows the live certificate with its code
    await hr.getByText(`验证码 ${code}`).waitFor();
    await row.filter({ hasText: code! }).filter({ hasText: '有效' }).waitFor();
    await settled(hr);
    await shot(hr, 'certificate-01-hr-list');

    // ---- 批量打印: the school's active personnel, one page each, in one PDF
    await hr.getByRole('button', { name: /批量打印/ }).click();
    const batch = hr.locator('.ant-modal').filter({ hasText: '批量打印学时证明' });
    await batch.getByLabel('单位').click();
    await batch.getByLabel('单位').fill('育才');
    await hr.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '武汉市江岸区育才中学' }).first().click();
    const announced = batch.getByText(/将为“武汉市江岸区育才中学”的 \d+ 名在职专业技术人员各出具一页学时证明/);
    await announced.waitFor();
    const people = Number(/的 (\d+) 名/.exec(await announced.innerText())![1]);
    await settled(hr);
    await shot(hr, 'certificate-02-batch-modal');
    const [batchFile] = await Promise.all([hr.waitForEvent('download'), batch.getByRole('button', { name: /生成PDF/ }).click()]);
    expect(batchFile.suggestedFilename()).toBe(`学时证明_武汉市江岸区育才中学_${YEAR}.pdf`);
    const pages = await pdfPages(fs.readFileSync(await batchFile.path()));
    expect(pages).toHaveLength(people);
    expect(pages.filter((t) => t.includes(code!))).toHaveLength(1); // the teacher's unchanged certificate, reused
    await hr.getByText(`已生成 ${people} 份学时证明`).waitFor();

    // ---- a visitor (fresh browser context, no session) verifies the code
    // on the home page's 电子证书验证 box: a mistyped code is refused in place, the code typed as a person copies it
    // (lower case, spaces for dashes) opens the verification page
    const visitor = await p.newPage();
    await visitor.goto(`${p.baseUrl}/`);
    const box = visitor.locator('.portal-verify-card');
    await box.getByLabel('验证码').fill('1234-5678');
    await box.getByRole('button', { name: /^验\s?证$/ }).click();
    await box.getByText('验证码应为20位字母或数字').waitFor();
    await settled(visitor);
    await shot(visitor, 'certificate-03a-home-verify-box');
    await box.getByLabel('验证码').fill(code!.toLowerCase().replace(/-/g, ' '));
    await box.getByRole('button', { name: /^验\s?证$/ }).click();
    await visitor.waitForURL(`${p.baseUrl}/verify/${code}`);
    await visitor.getByText('继续教育学时证明验证').waitFor();
    await visitor.getByLabel('证书状态').filter({ hasText: '有效' }).waitFor();
    const masked = `${teacher.name[0]}*${teacher.name[teacher.name.length - 1]}`;
    await visitor.locator('.ant-descriptions').getByText(masked, { exact: true }).waitFor();
    expect(await visitor.locator('body').innerText()).not.toContain(teacher.name);
    await visitor.locator('.ant-descriptions').getByText('96', { exact: false }).first().waitFor();
    await settled(visitor);
    await shot(visitor, 'certificate-03-verify-valid');

    // ---- 学时审验 takes 24 professional hours back: the same page now says 学时已变更
    await p.db.transaction(async (tx) => {
      const [c] = await tx.select({ id: claims.id }).from(claims).where(eq(claims.title, '新课程标准解读与大单元教学设计'));
      await transitionClaims(tx, { ids: [c!.id], to: 'revoked', actorUserId: 1, reason: '培训记录与实际不符' });
    });
    await visitor.reload();
    await visitor.getByLabel('证书状态').filter({ hasText: '学时已变更' }).waitFor();
    await visitor.getByText('公需科目 32 学时、专业科目 40 学时、合计 72 学时').waitFor();
    await settled(visitor);
    await shot(visitor, 'certificate-04-verify-changed');

    // ---- the teacher sees it in 电子证书 and downloads a new certificate; the old code then reads 已作废
    const me = await enter(p, '专业技术人员', '专业技术人员', 'Teacher@2026new');
    await openMenu(me, ['电子证书'], /\/me\/certificates$/);
    const yearRow = me.locator('.ant-table-row').filter({ hasText: `${YEAR}年度` });
    await yearRow.filter({ hasText: '学时已变更' }).filter({ hasText: code! }).waitFor();
    await yearRow.filter({ hasText: '未完成' }).waitFor();
    await settled(me);
    await shot(me, 'certificate-05-my-certificates');
    const [mine] = await Promise.all([me.waitForEvent('download'), yearRow.getByRole('button', { name: /下载学时证明/ }).click()]);
    const minePdf = fs.readFileSync(await mine.path());
    const mineText = (await pdfPages(minePdf))[0]!.replace(/\s+/g, '');
    expect(mineText).toContain('年度学时完成情况：未完成');
    const newCode = /验证码：([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/.exec(mineText)?.[1];
    expect(newCode).toBeTruthy();
    expect(newCode).not.toBe(code);
    await yearRow.filter({ hasText: newCode! }).filter({ hasText: '有效' }).waitFor();
    await visitor.reload();
    await visitor.getByLabel('证书状态').filter({ hasText: '已作废' }).waitFor();
    await settled(visitor);
    await shot(visitor, 'certificate-06-verify-revoked');

    // a forged code: 未找到
    await visitor.goto(`${p.baseUrl}/verify/${code!.slice(0, -1)}${code!.endsWith('A') ? 'B' : 'A'}`);
    await visitor.getByText('未找到该证书').waitFor();
    await settled(visitor);
    await shot(visitor, 'certificate-07-verify-not-found');
  }, 180_000);
});
