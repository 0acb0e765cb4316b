import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let fromC: Client, toC: Client, thirdC: Client;
let fromId: number, toId: number;
beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  fromId = (await newOrg(ctx, 'employer', ja.id, '江岸区调出导出医院')).id;
  toId = (await newOrg(ctx, 'employer', ja.id, '江岸区调入导出医院')).id;
  fromC = await loggedIn(ctx, await newAdmin(ctx, fromId, { isSuper: true }), 'employer');
  toC = await loggedIn(ctx, await newAdmin(ctx, toId, { isSuper: true }), 'employer');
  thirdC = await loggedIn(ctx, await newAdmin(ctx, (await newOrg(ctx, 'employer', ja.id)).id, { isSuper: true }), 'employer');
});
afterAll(async () => ctx?.close());

describe('人员调转 › 导出', () => {
  it("exports each side's transfers with the list filters, masked; a third party sees none", async () => {
    const a = await newPerson(ctx, fromId);
    const b = await newPerson(ctx, fromId);
    const t1 = await fromC.post('/api/transfers', { personnelId: a.personnelId, toOrgId: toId, reason: '工作需要', transferDate: '2026-11-20' });
    await fromC.post('/api/transfers', { personnelId: b.personnelId, toOrgId: toId, reason: '个人申请', transferDate: '2026-11-21' });
    await toC.post(`/api/transfers/${t1.body.id}/refuse`, { reason: '编制已满' });

    const out = await readXlsx(await fromC.get('/api/transfers/export?direction=out'));
    expect(column(out, '调转原因').sort()).toEqual(['个人申请', '工作需要']);
    expect(column(out, '证件号').every((v) => /\*{10}/.test(v))).toBe(true);
    expect(JSON.stringify(out)).not.toContain(a.idNumber);
    expect(column(await readXlsx(await fromC.get('/api/transfers/export?direction=out&status=refused')), '调转原因')).toEqual(['工作需要']);
    expect(column(await readXlsx(await toC.get('/api/transfers/export?direction=in&status=pending')), '调转原因')).toEqual(['个人申请']);
    expect(column(await readXlsx(await toC.get('/api/transfers/export?direction=out')), '调转原因')).toEqual([]);
    expect(column(await readXlsx(await thirdC.get('/api/transfers/export')), '调转原因')).toEqual([]);
    expect((await fromC.get('/api/transfers/export?pageSize=20')).status).toBe(400);
  });
});
