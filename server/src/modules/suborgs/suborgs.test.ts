import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg } from '../../../test/fixtures.js';

let ctx: TestCtx;
let province: Client, wuhan: Client, jiangan: Client, jianghan: Client;
let jianganId: number, jianghanId: number, yichangId: number;
let empId: number;
beforeAll(async () => {
  ctx = await createTestApp();
  const p = await hrOrg(ctx, '420000');
  const w = await hrOrg(ctx, '420100');
  const ja = await hrOrg(ctx, '420102');
  const jh = await hrOrg(ctx, '420103');
  jianganId = ja.id;
  jianghanId = jh.id;
  yichangId = (await hrOrg(ctx, '420500')).id;
  empId = (await newOrg(ctx, 'employer', ja.id, '江岸某医院')).id;
  province = await loggedIn(ctx, await newAdmin(ctx, p.id, { isSuper: true }));
  wuhan = await loggedIn(ctx, await newAdmin(ctx, w.id, { isSuper: true }));
  jiangan = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  jianghan = await loggedIn(ctx, await newAdmin(ctx, jh.id, { isSuper: true }));
});
afterAll(async () => ctx?.close());

describe('jurisdiction (下属机构)', () => {
  it('the real Hubei HR tree: province → 17 city-level → county-level, with GB/T 2260 codes', async () => {
    const root = await province.get('/api/suborgs/tree');
    expect(root.body.items[0].name).toBe('湖北省人力资源和社会保障厅');
    const cities = await province.get(`/api/suborgs/tree?parentId=${root.body.items[0].id}`);
    const hrCities = cities.body.items.filter((o: { type: string }) => o.type === 'hr');
    expect(hrCities).toHaveLength(17);
    const names = hrCities.map((o: { name: string }) => o.name);
    for (const n of ['武汉市', '恩施土家族苗族自治州', '仙桃市', '潜江市', '天门市', '神农架林区']) {
      expect(names.some((x: string) => x.startsWith(n))).toBe(true);
    }
    expect(hrCities.find((o: { name: string }) => o.name.startsWith('武汉市')).divisionCode).toBe('420100');
    expect(root.body.items[0].childCount).toBeGreaterThanOrEqual(17);
    expect(hrCities.find((o: { name: string }) => o.name.startsWith('武汉市')).childCount).toBe(13);
    expect(hrCities.find((o: { name: string }) => o.name.startsWith('仙桃市')).childCount).toBe(0);
    const wuhanKids = await province.get(`/api/suborgs/tree?parentId=${hrCities.find((o: { name: string }) => o.name.startsWith('武汉市')).id}`);
    expect(wuhanKids.body.items.filter((o: { type: string }) => o.type === 'hr').length).toBe(13);
  });

  it('the province sees all, a city its counties, a county only itself and its units', async () => {
    expect((await province.get(`/api/suborgs/${empId}`)).status).toBe(200);
    expect((await wuhan.get(`/api/suborgs/${empId}`)).status).toBe(200);
    expect((await jiangan.get(`/api/suborgs/${empId}`)).body.name).toBe('江岸某医院');
    expect((await wuhan.get(`/api/suborgs/${yichangId}`)).status).toBe(404);
    // a sibling county can never read another county's data
    expect((await jianghan.get(`/api/suborgs/${empId}`)).status).toBe(404);
    expect((await jianghan.get(`/api/suborgs/${jianganId}`)).status).toBe(404);
    expect((await jianghan.get(`/api/suborgs/tree?parentId=${jianganId}`)).status).toBe(404);
    const list = await jianghan.get('/api/suborgs?keyword=江岸');
    expect(list.body.total).toBe(0);
    expect((await jiangan.get('/api/suborgs?type=employer')).body.items.map((o: { id: number }) => o.id)).toEqual([empId]);
    const all = await province.get('/api/suborgs?type=hr&pageSize=200');
    expect(all.body.total).toBeGreaterThan(100);
  });

  it('a row says whether the organisation has a super admin (重置密码 is offered only then)', async () => {
    // under the city itself: the counties' own counts stay as later tests expect them
    const withSuper = await newOrg(ctx, 'employer', (await hrOrg(ctx, '420100')).id, '武汉有管理员单位', '420100');
    await newAdmin(ctx, withSuper.id, { isSuper: true });
    const rows = (await wuhan.get('/api/suborgs?type=employer&pageSize=100')).body.items as { id: number; hasSuper: boolean }[];
    expect(rows.find((r) => r.id === withSuper.id)?.hasSuper).toBe(true);
    expect(rows.find((r) => r.id === empId)?.hasSuper).toBe(false);
    expect((await jiangan.post(`/api/suborgs/${empId}/reset-password`, {})).status).toBe(404);
  });

  it('details mask the contact phone; bad ids answer 400', async () => {
    const d = await jiangan.get(`/api/suborgs/${empId}`);
    expect(d.body.contactPhone).toMatch(/\*{4}/);
    expect((await jiangan.get('/api/suborgs/abc')).status).toBe(400);
    expect((await jiangan.get('/api/suborgs?type=alien')).body.message).toContain('查询参数');
  });

  it('the dashboard summarises the jurisdiction and lists todos', async () => {
    const d = await jiangan.get('/api/dashboard');
    expect(d.body.summary.find((s: { label: string }) => s.label === '用人单位').value).toBe(1);
    const j = await jianghan.get('/api/dashboard');
    expect(j.body.summary.find((s: { label: string }) => s.label === '用人单位').value).toBe(0);
    await newAdmin(ctx, jianghanId);
    const t = (await jianghan.get('/api/dashboard')).body.todos.find((x: { key: string }) => x.key === 'admins-without-role');
    expect(t.count).toBe(1);
  });
});

describe('下属机构管理 actions', () => {
  it('disables and enables an organisation in scope; its admins are logged out and cannot log in', async () => {
    const org = await newOrg(ctx, 'employer', jianganId, '将被停用的单位');
    const adm = await newAdmin(ctx, org.id, { isSuper: true });
    const ac = await loggedIn(ctx, adm, 'employer');
    expect((await jianghan.post(`/api/suborgs/${org.id}/disable`)).status).toBe(404);
    expect((await jiangan.post(`/api/suborgs/${org.id}/disable`)).status).toBe(200);
    expect((await ac.get('/api/auth/me')).status).toBe(401);
    const again = await new (await import('../../../test/harness.js')).Client(ctx).login('employer', adm.idNumber, adm.password);
    expect(again.body.code).toBe('ORG_DISABLED');
    expect((await jiangan.post(`/api/suborgs/${org.id}/disable`)).status).toBe(409);
    expect((await wuhan.post(`/api/suborgs/${org.id}/enable`)).status).toBe(200);
    expect((await loggedIn(ctx, adm, 'employer')).cookie).toBeTruthy();
    expect((await jiangan.post(`/api/suborgs/${jianganId}/disable`)).status).toBe(409);
  });

  it("resets the super admin's password: shown once, forces a change", async () => {
    const org = await newOrg(ctx, 'employer', jianganId, '重置密码的单位');
    const adm = await newAdmin(ctx, org.id, { isSuper: true, name: '被重置者' });
    expect((await jianghan.post(`/api/suborgs/${org.id}/reset-password`)).status).toBe(404);
    const r = await jiangan.post(`/api/suborgs/${org.id}/reset-password`);
    expect(r.body.name).toBe('被重置者');
    const c = await loggedIn(ctx, { idNumber: adm.idNumber, password: r.body.password }, 'employer');
    expect((await c.get('/api/auth/me')).body.mustChangePassword).toBe(true);
    expect((await c.get('/api/departments')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('without suborg.manage the actions are refused', async () => {
    const viewer = await loggedIn(ctx, await newAdmin(ctx, jianganId, { permissions: ['suborg.view'] }));
    expect((await viewer.post(`/api/suborgs/${empId}/disable`)).status).toBe(403);
  });
});
