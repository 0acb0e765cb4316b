/**
 * The jurisdiction keys (db/repeatable/regions.sql) stay true, property style: after any sequence of 更换上级部门
 * (moveOrganization, the change review's own step: a unit, an authority with its units, a county moved to another
 * city), 调转 (a person's organisation changes), registration (new organisations and people, then approved) and new
 * claims, every organisation's, person's and claim's stored keys equal the ones its path gives (regionDrift).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, inArray } from 'drizzle-orm';
import { claims, organizations, personnel } from './schema.js';
import { regionDrift } from './regions.js';
import { createTestApp, type TestCtx } from '../../test/harness.js';
import { hrOrg, newOrg, newPerson } from '../../test/fixtures.js';
import { moveOrganization } from '../modules/change-review/service.js';

let ctx: TestCtx;
const hr: number[] = []; // two cities' counties and the cities themselves
const units: number[] = [];
const people: number[] = [];
beforeAll(async () => {
  ctx = await createTestApp();
  for (const code of ['420102', '420106', '420502', '420100', '420500']) hr.push((await hrOrg(ctx, code)).id);
  for (let i = 0; i < 4; i++) units.push((await newOrg(ctx, i === 0 ? 'authority' : 'employer', hr[i % 3]!)).id);
  for (let i = 0; i < 4; i++) people.push((await newPerson(ctx, units[i]!)).personnelId);
});
afterAll(async () => ctx?.close());

async function addClaim(personnelId: number, declaringOrgId: number) {
  await ctx.db.insert(claims).values({
    personnelId,
    year: 2026,
    source: 'employer',
    declaringOrgId,
    title: '测试',
    subjectType: 'professional',
    learningForm: 'faceToFace',
    hours: 8,
    status: 'pending',
  });
}

describe('jurisdiction keys', () => {
  it('property: after any 更换上级部门, 调转, registration approval and new claims, every stored key equals its path', async () => {
    const move = fc.record({ kind: fc.constant('move' as const), unit: fc.nat(), to: fc.nat(), underAuthority: fc.boolean() });
    const moveCounty = fc.record({ kind: fc.constant('moveCounty' as const), county: fc.nat(2), city: fc.nat(1) });
    const transfer = fc.record({ kind: fc.constant('transfer' as const), person: fc.nat(), to: fc.nat() });
    const register = fc.record({ kind: fc.constant('register' as const), parent: fc.nat(), approve: fc.boolean() });
    const claim = fc.record({ kind: fc.constant('claim' as const), person: fc.nat(), org: fc.nat() });
    const op = fc.oneof(move, moveCounty, transfer, register, claim);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'move') {
            const unit = units[o.unit % units.length]!;
            const authority = units[0]!;
            const to = o.underAuthority && unit !== authority ? authority : hr[o.to % 3]!;
            const [t] = await ctx.db.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, to));
            if (t!.path.includes(`/${unit}/`)) continue; // never under itself (the change review refuses it too)
            await ctx.db.transaction((tx) => moveOrganization(tx, unit, to, new Date()));
          } else if (o.kind === 'moveCounty') {
            await ctx.db.transaction((tx) => moveOrganization(tx, hr[o.county]!, hr[3 + o.city]!, new Date()));
          } else if (o.kind === 'transfer') {
            await ctx.db
              .update(personnel)
              .set({ orgId: units[o.to % units.length]! })
              .where(eq(personnel.id, people[o.person % people.length]!));
          } else if (o.kind === 'register') {
            const u = await newOrg(ctx, 'employer', o.parent % 2 ? units[o.parent % units.length]! : hr[o.parent % hr.length]!);
            await ctx.db.update(organizations).set({ status: 'pending' }).where(eq(organizations.id, u.id));
            units.push(u.id);
            const p = await newPerson(ctx, u.id);
            await ctx.db.update(personnel).set({ status: 'pending' }).where(eq(personnel.id, p.personnelId));
            people.push(p.personnelId);
            if (o.approve) {
              await ctx.db.update(organizations).set({ status: 'active' }).where(eq(organizations.id, u.id));
              await ctx.db
                .update(personnel)
                .set({ status: 'active' })
                .where(and(eq(personnel.id, p.personnelId), inArray(personnel.status, ['pending'])));
            }
          } else {
            await addClaim(people[o.person % people.length]!, units[o.org % units.length]!);
          }
        }
        expect(await regionDrift(ctx.db)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  }, 180_000);

  it('a value written by hand is overwritten by the rule', async () => {
    await ctx.db.update(personnel).set({ cityHrId: 999999, countyHrId: null }).where(eq(personnel.id, people[0]!));
    await ctx.db.update(claims).set({ countyHrId: 999999 });
    expect(await regionDrift(ctx.db)).toEqual([]);
  });

  it('regionDrift sees a key that is wrong (the check can fail)', async () => {
    await ctx.db.execute('ALTER TABLE personnel DISABLE TRIGGER personnel_set_hr_region');
    try {
      await ctx.db.update(personnel).set({ cityHrId: 999999 }).where(eq(personnel.id, people[0]!));
      // the person's row is wrong (and their claims' person keys, copied from it by its push trigger)
      const drift = await regionDrift(ctx.db);
      expect(drift.map((d) => [d.table, d.id])).toContainEqual(['personnel', people[0]!]);
      expect(drift.every((d) => d.table === 'personnel' || d.table === 'claims')).toBe(true);
    } finally {
      await ctx.db.execute('ALTER TABLE personnel ENABLE TRIGGER personnel_set_hr_region');
      await ctx.db.update(personnel).set({ orgId: units[0]! }).where(eq(personnel.id, people[0]!));
    }
    expect(await regionDrift(ctx.db)).toEqual([]);
  });
});
