import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLogs } from '../../db/schema.js';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg } from '../../../test/fixtures.js';
import { column, readXlsx } from '../../../test/xlsx.js';

let ctx: TestCtx;
let county: Client, city: Client, base: Client;
beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  const jh = await hrOrg(ctx, '420103');
  await newOrg(ctx, 'employer', ja.id, '江岸导出测试中学');
  await newOrg(ctx, 'employer', ja.id, '江岸导出测试医院');
  const b = await newOrg(ctx, 'base', ja.id, '江岸导出测试基地');
  await newOrg(ctx, 'employer', jh.id, '江汉导出测试中学', '420103');
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
  base = await loggedIn(ctx, await newAdmin(ctx, b.id, { isSuper: true }), 'base');
});
afterAll(async () => ctx?.close());

describe('下属机构管理 › 导出', () => {
  it("exports the jurisdiction with the list's filters; other jurisdictions stay out", async () => {
    const rows = await readXlsx(await county.get('/api/suborgs/export?type=employer&keyword=导出测试'));
    expect(rows[0]).toEqual(['机构名称', '统一社会信用代码', '机构类型', '所属地区', '状态', '注册时间']);
    expect(column(rows, '机构名称').sort()).toEqual(['江岸导出测试中学', '江岸导出测试医院']);
    expect(column(rows, '机构类型')).toEqual(['用人单位', '用人单位']);
    expect(column(rows, '状态')).toEqual(['正常', '正常']);
    // the list answers the same rows
    const list = await county.get('/api/suborgs?type=employer&keyword=导出测试');
    expect(list.body.total).toBe(2);

    const cityRows = await readXlsx(await city.get('/api/suborgs/export?keyword=导出测试'));
    expect(column(cityRows, '机构名称')).toEqual(expect.arrayContaining(['江岸导出测试中学', '江汉导出测试中学', '江岸导出测试基地']));
    expect(column(await readXlsx(await county.get('/api/suborgs/export?keyword=江汉')), '机构名称')).toEqual([]);
    const [log] = await ctx.db.select().from(auditLogs).where(eq(auditLogs.targetType, 'suborgs'));
    expect(log).toMatchObject({ action: 'export' });
  });

  it('refuses paging parameters, bad filters and organisations without the permission', async () => {
    const paged = await county.get('/api/suborgs/export?page=2');
    expect(paged.status).toBe(400);
    expect(paged.body.message).toContain('不接受分页参数');
    expect((await county.get('/api/suborgs/export?type=alien')).status).toBe(400);
    expect((await base.get('/api/suborgs/export')).status).toBe(403);
  });
});
