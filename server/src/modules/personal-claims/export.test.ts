import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claims } from '../../db/schema.js';
import type { ClaimStatus } from '@hbzsgx/domain';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let emp: Client, other: Client;
let p: Awaited<ReturnType<typeof newPerson>>;
const year = new Date().getFullYear();

beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  const empId = (await newOrg(ctx, 'employer', ja.id, '江岸个人申报导出中学')).id;
  const otherId = (await newOrg(ctx, 'employer', ja.id, '江岸另一中学')).id;
  emp = await loggedIn(ctx, await newAdmin(ctx, empId, { isSuper: true }), 'employer');
  other = await loggedIn(ctx, await newAdmin(ctx, otherId, { isSuper: true }), 'employer');
  p = await newPerson(ctx, empId);
  const q = await newPerson(ctx, otherId);
  const claim = (personnelId: number, declaringOrgId: number, title: string, status: ClaimStatus) => ({
    personnelId,
    declaringOrgId,
    year,
    source: 'personal' as const,
    title,
    subjectType: 'professional' as const,
    learningForm: 'conference' as const,
    hours: 8,
    basis: '学术会议 1次 × 8学时/次 = 8学时',
    status,
  });
  await ctx.db
    .insert(claims)
    .values([
      claim(p.personnelId, empId, '全国教育学术年会', 'pendingEmployer'),
      claim(p.personnelId, empId, '省级骨干教师研修', 'pending'),
      claim(q.personnelId, otherId, '另一单位的申报', 'pendingEmployer'),
    ]);
});
afterAll(async () => ctx?.close());

describe('本单位人员学时申报 › 导出', () => {
  it("exports the unit's own staff by tab and name, masked", async () => {
    const rows = await readXlsx(await emp.get('/api/reviews/personal-claims/export?tab=pending'));
    expect(column(rows, '学习内容')).toEqual(['全国教育学术年会']);
    expect(column(rows, '状态')).toEqual(['待单位审核']);
    expect(column(rows, '认定依据')).toEqual(['学术会议 1次 × 8学时/次 = 8学时']);
    expect(column(rows, '证件号')[0]).toMatch(/\*{10}/);
    expect(JSON.stringify(rows)).not.toContain(p.idNumber);
    expect(column(await readXlsx(await emp.get('/api/reviews/personal-claims/export?tab=done')), '学习内容')).toEqual(['省级骨干教师研修']);
    expect(column(await readXlsx(await emp.get('/api/reviews/personal-claims/export?tab=pending&name=不存在')), '学习内容')).toEqual([]);
    expect(column(await readXlsx(await other.get('/api/reviews/personal-claims/export?tab=pending')), '学习内容')).toEqual(['另一单位的申报']);
    expect((await emp.get('/api/reviews/personal-claims/export?tab=x')).status).toBe(400);
  });
});
