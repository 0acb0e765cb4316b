import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('管理内设部门 › 导出', () => {
  it('exports the own departments as a flattened tree, nothing of another organisation', async () => {
    const org = await freshHrOrg(ctx);
    const c = await loggedIn(ctx, await newAdmin(ctx, org.id, { isSuper: true }));
    const office = (await c.post('/api/departments', { name: '导出办公室' })).body.id as number;
    await c.post('/api/departments', { name: '档案组', parentId: office });
    const other = await loggedIn(ctx, await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true }));
    await other.post('/api/departments', { name: '别人的部门' });

    const depts = column(await readXlsx(await c.get('/api/departments/export')), '部门');
    expect(depts).toEqual(expect.arrayContaining(['导出办公室', '导出办公室 / 档案组']));
    expect(depts.indexOf('导出办公室 / 档案组')).toBe(depts.indexOf('导出办公室') + 1);
    expect(depts).not.toContain('别人的部门');
    const viewer = await loggedIn(ctx, await newAdmin(ctx, org.id, { permissions: ['org.info.view'] }));
    expect((await viewer.get('/api/departments/export')).status).toBe(403);
  });
});
