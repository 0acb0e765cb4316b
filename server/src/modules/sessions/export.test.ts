import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('在线会话 › 导出', () => {
  it("exports the organisation's live sessions, masked, and none of another organisation", async () => {
    const org = await freshHrOrg(ctx);
    const supUser = await newAdmin(ctx, org.id, { isSuper: true, name: '导出会话甲' });
    const sup = await loggedIn(ctx, supUser);
    await loggedIn(ctx, await newAdmin(ctx, org.id, { permissions: ['dept.view'], name: '导出会话乙' }));
    await loggedIn(ctx, await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true, name: '别的单位丙' }));
    const rows = await readXlsx(await sup.get('/api/sessions/export'));
    expect(column(rows, '姓名').sort()).toEqual(['导出会话乙', '导出会话甲']);
    expect(column(rows, '证件号').every((v) => /\*{10}/.test(v))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(supUser.idNumber);
    expect(column(rows, '当前会话').filter(Boolean)).toEqual(['是']);
    const viewer = await loggedIn(ctx, await newAdmin(ctx, org.id, { permissions: ['dept.view'] }));
    expect((await viewer.get('/api/sessions/export')).status).toBe(403);
  });
});
