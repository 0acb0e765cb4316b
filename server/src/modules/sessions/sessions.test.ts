import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { freshHrOrg, loggedIn, newAdmin } from '../../../test/fixtures.js';

let ctx: TestCtx;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('在线会话', () => {
  it("lists the organisation's admin sessions and ends one; the ended user is logged out", async () => {
    const org = await freshHrOrg(ctx);
    const sup = await loggedIn(ctx, await newAdmin(ctx, org.id, { isSuper: true }));
    const other = await newAdmin(ctx, org.id, { permissions: ['dept.view'], name: '被下线者' });
    const oc = await loggedIn(ctx, other);
    const list = await sup.get('/api/sessions');
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.find((s: { current: boolean }) => s.current)).toBeDefined();
    const target = list.body.items.find((s: { name: string }) => s.name === '被下线者');
    expect(JSON.stringify(list.body)).not.toContain(other.idNumber);
    expect((await sup.del(`/api/sessions/${target.id}`)).status).toBe(200);
    expect((await oc.get('/api/departments')).status).toBe(401);
  });

  it("another organisation's sessions are not visible and answer 404", async () => {
    const a = await loggedIn(ctx, await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true }));
    const b = await loggedIn(ctx, await newAdmin(ctx, (await freshHrOrg(ctx)).id, { isSuper: true }));
    const bs = (await b.get('/api/sessions')).body.items[0];
    expect((await a.get('/api/sessions')).body.items.map((s: { id: string }) => s.id)).not.toContain(bs.id);
    expect((await a.del(`/api/sessions/${bs.id}`)).status).toBe(404);
    expect((await b.get('/api/auth/me')).status).toBe(200);
    expect((await a.del('/api/sessions/not-hex')).status).toBe(400);
  });
});
