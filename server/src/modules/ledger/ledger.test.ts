import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, inArray } from 'drizzle-orm';
import type { ClaimStatus } from '@hbzsgx/domain';
import { claims, hourPolicies, personnel, personYearTotals, recognitionRules } from '../../db/schema.js';
import { createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { counterDrift } from '../statistics/counters.js';
import { personYear, recomputeTotals, transitionClaims } from './service.js';

let ctx: TestCtx;
let people: number[] = [];
let orgId: number;
let otherOrgId: number;
beforeAll(async () => {
  ctx = await createTestApp();
  orgId = (await newOrg(ctx, 'employer', (await hrOrg(ctx, '420102')).id)).id;
  otherOrgId = (await newOrg(ctx, 'employer', (await hrOrg(ctx, '420502')).id, '另一区县单位', '420502')).id;
  people = [];
  for (let i = 0; i < 3; i++) people.push((await newPerson(ctx, orgId)).personnelId);
});
afterAll(async () => ctx?.close());

const YEARS = [2025, 2026];
const STATUSES: ClaimStatus[] = ['pendingEmployer', 'pending', 'approved', 'rejected', 'revoked', 'deleted', 'withdrawn'];

async function freshClaims(specs: { person: number; year: number; subject: 'public' | 'professional'; hours: number }[]) {
  await ctx.db.delete(claims);
  await ctx.db.delete(personYearTotals);
  return (
    await ctx.db
      .insert(claims)
      .values(
        specs.map((s) => ({
          personnelId: people[s.person]!,
          year: s.year,
          source: 'personal' as const,
          declaringOrgId: orgId,
          title: '测试',
          subjectType: s.subject,
          learningForm: 'faceToFace' as const,
          hours: s.hours,
          status: 'pending' as const,
        })),
      )
      .returning({ id: claims.id })
  ).map((r) => r.id);
}

/** A year's policy as the province would set it (created when missing, as PUT /api/hour-policies/:year does). */
async function setPolicy(year: number, p: { totalRequired: number; professionalMin: number; publicMin: number }) {
  await ctx.db
    .insert(hourPolicies)
    .values({ year, ...p, closingDate: `${year}-12-31` })
    .onConflictDoUpdate({ target: hourPolicies.year, set: p });
}

/** A year's policy deleted (its recognition rules first), as a script or a repair would. */
async function deletePolicy(year: number) {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(recognitionRules).where(eq(recognitionRules.year, year));
    await tx.delete(hourPolicies).where(eq(hourPolicies.year, year));
  });
}

describe('the ledger', () => {
  it('property: after any sequence of approve/reject/revoke/delete/withdraw (and people moving, re-titled, suspended, policies changed or deleted), stored totals equal totals recomputed from claims and every statistics counter equals its recount', async () => {
    const claimSpec = fc.record({
      person: fc.integer({ min: 0, max: 2 }),
      year: fc.constantFrom(...YEARS),
      subject: fc.constantFrom('public' as const, 'professional' as const),
      hours: fc.integer({ min: 1, max: 400 }).map((n) => n / 10),
    });
    const transition = fc.record({
      kind: fc.constant('claims' as const),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
      to: fc.oneof(fc.constant('approved' as ClaimStatus), fc.constantFrom(...STATUSES)),
    });
    const person = fc.record({
      kind: fc.constant('person' as const),
      person: fc.integer({ min: 0, max: 2 }),
      other: fc.boolean(),
      status: fc.constantFrom('active', 'pending'),
      series: fc.constantFrom('ZXXJ', 'GCJS', null),
    });
    // a policy set (created again if it was deleted) or deleted (null) for a year
    const policy = fc.record({ kind: fc.constant('policy' as const), year: fc.constantFrom(...YEARS), total: fc.constantFrom(0, 5, 20, 90, null) });
    const op = fc.oneof({ arbitrary: transition, weight: 4 }, { arbitrary: person, weight: 1 }, { arbitrary: policy, weight: 1 });
    await fc.assert(
      fc.asyncProperty(fc.array(claimSpec, { minLength: 1, maxLength: 12 }), fc.array(op, { maxLength: 15 }), async (specs, ops) => {
        const ids = await freshClaims(specs);
        for (const o of ops) {
          if (o.kind === 'claims') {
            await ctx.db.transaction((tx) => transitionClaims(tx, { ids: o.picks.map((k) => ids[k % ids.length]!), to: o.to, actorUserId: 1 }));
          } else if (o.kind === 'person') {
            await ctx.db
              .update(personnel)
              .set({ orgId: o.other ? otherOrgId : orgId, status: o.status, titleSeries: o.series })
              .where(eq(personnel.id, people[o.person]!));
          } else if (o.total === null) {
            await deletePolicy(o.year);
          } else {
            await setPolicy(o.year, { totalRequired: o.total, professionalMin: Math.floor(o.total / 2), publicMin: 0 });
          }
        }
        for (const p of people)
          for (const y of YEARS) {
            const [stored] = await ctx.db
              .select()
              .from(personYearTotals)
              .where(and(eq(personYearTotals.personnelId, p), eq(personYearTotals.year, y)));
            const truth = await recomputeTotals(ctx.db, p, y);
            expect(stored?.publicHours ?? 0).toBeCloseTo(truth.publicHours, 5);
            expect(stored?.professionalHours ?? 0).toBeCloseTo(truth.professionalHours, 5);
          }
        expect(await counterDrift(ctx.db)).toEqual([]);
      }),
      { numRuns: 25 },
    );
    // leave the people as the other tests expect them
    await ctx.db.update(personnel).set({ orgId, status: 'active' }).where(inArray(personnel.id, people));
    for (const y of YEARS) await setPolicy(y, { totalRequired: 90, professionalMin: 60, publicMin: 30 });
  }, 120_000);

  it('moves only along the state machine, and reports what it moved', async () => {
    const [a, b] = await freshClaims([
      { person: 0, year: 2026, subject: 'professional', hours: 8 },
      { person: 0, year: 2026, subject: 'public', hours: 30 },
    ]);
    expect(await ctx.db.transaction((tx) => transitionClaims(tx, { ids: [a!, b!], to: 'approved', actorUserId: 1 }))).toEqual([
      { id: a, from: 'pending' },
      { id: b, from: 'pending' },
    ]);
    expect(await ctx.db.transaction((tx) => transitionClaims(tx, { ids: [a!], to: 'approved', actorUserId: 1 }))).toEqual([]);
    expect(await ctx.db.transaction((tx) => transitionClaims(tx, { ids: [a!], to: 'revoked', actorUserId: 1, reason: '证明材料不实' }))).toHaveLength(
      1,
    );
    const [row] = await ctx.db.select().from(claims).where(eq(claims.id, a!));
    expect(row).toMatchObject({ status: 'revoked', revokeReason: '证明材料不实' });
    const y = await personYear(ctx.db, people[0]!, 2026);
    expect(y).toMatchObject({ publicHours: 30, professionalHours: 0, completed: false, missing: { professional: 60 } });
  });

  it('overlapping concurrent batch approvals: each claim is approved exactly once and counted once', async () => {
    const ids = await freshClaims(Array.from({ length: 10 }, () => ({ person: 1, year: 2026, subject: 'professional' as const, hours: 6 })));
    const [r1, r2] = await Promise.all([
      ctx.db.transaction((tx) => transitionClaims(tx, { ids: ids.slice(0, 7), to: 'approved', actorUserId: 1 })),
      ctx.db.transaction((tx) => transitionClaims(tx, { ids: ids.slice(3), to: 'approved', actorUserId: 2 })),
    ]);
    expect(r1.length + r2.length).toBe(10);
    expect(new Set([...r1, ...r2].map((x) => x.id)).size).toBe(10);
    const y = await personYear(ctx.db, people[1]!, 2026);
    expect(y.professionalHours).toBe(60);
  });

  it('concurrent batch approvals over two organisations, a person moving between them and a policy change: no deadlock, every counter true', async () => {
    for (let round = 0; round < 12; round++) {
      const ids = await freshClaims(Array.from({ length: 8 }, (_, i) => ({ person: i % 2, year: 2026, subject: 'professional' as const, hours: 5 })));
      const [a, b] = [ids.filter((_, i) => i % 2 === 0), ids.filter((_, i) => i % 2 === 1)];
      const results = await Promise.allSettled([
        ctx.db.transaction((tx) => transitionClaims(tx, { ids: [...a.slice(0, 3), ...b.slice(0, 3)], to: 'approved', actorUserId: 1 })),
        ctx.db.transaction((tx) => transitionClaims(tx, { ids: [...b.slice(1), ...a.slice(1)], to: 'approved', actorUserId: 2 })),
        ctx.db
          .update(personnel)
          .set({ orgId: round % 2 ? orgId : otherOrgId })
          .where(eq(personnel.id, people[1]!)),
        // the province changes the year's requirement meanwhile (each person ends with 20 专业学时: complete under 20/10)
        ctx.db
          .update(hourPolicies)
          .set(round % 2 ? { totalRequired: 90, professionalMin: 60, publicMin: 30 } : { totalRequired: 20, professionalMin: 10, publicMin: 0 })
          .where(eq(hourPolicies.year, 2026)),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect((await ctx.db.select().from(claims).where(eq(claims.status, 'approved'))).length).toBe(8);
      expect(await counterDrift(ctx.db)).toEqual([]);
    }
    await ctx.db.update(personnel).set({ orgId }).where(eq(personnel.id, people[1]!));
    await ctx.db.update(hourPolicies).set({ totalRequired: 90, professionalMin: 60, publicMin: 30 }).where(eq(hourPolicies.year, 2026));
  });

  it("concurrent batch approvals while the year's policy is deleted, then created again: no deadlock, every counter true", async () => {
    for (let round = 0; round < 8; round++) {
      const ids = await freshClaims(Array.from({ length: 8 }, (_, i) => ({ person: i % 2, year: 2026, subject: 'professional' as const, hours: 5 })));
      const [a, b] = [ids.filter((_, i) => i % 2 === 0), ids.filter((_, i) => i % 2 === 1)];
      // each person ends with 20 专业学时: complete under 20/10, not without a policy
      const results = await Promise.allSettled([
        ctx.db.transaction((tx) => transitionClaims(tx, { ids: [...a.slice(0, 3), ...b.slice(0, 3)], to: 'approved', actorUserId: 1 })),
        ctx.db.transaction((tx) => transitionClaims(tx, { ids: [...b.slice(1), ...a.slice(1)], to: 'approved', actorUserId: 2 })),
        round % 2 ? setPolicy(2026, { totalRequired: 20, professionalMin: 10, publicMin: 0 }) : deletePolicy(2026),
      ]);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect((await ctx.db.select().from(claims).where(eq(claims.status, 'approved'))).length).toBe(8);
      expect(await counterDrift(ctx.db)).toEqual([]);
    }
    await setPolicy(2026, { totalRequired: 90, professionalMin: 60, publicMin: 30 });
  });
});

describe('学时政策 (per-year policy as data)', () => {
  it('the province edits a year; completion follows it; others may read but not edit', async () => {
    const prov = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420000')).id, { isSuper: true }));
    const body = {
      totalRequired: 72,
      professionalMin: 48,
      publicMin: 24,
      closingDate: '2027-01-15',
      rules: [{ learningForm: 'faceToFace', hoursPerUnit: 6, unit: '天', capPerYear: null, note: '' }],
    };
    expect((await prov.put('/api/hour-policies/2026', body)).status).toBe(200);
    const list = await prov.get('/api/hour-policies');
    const y2026 = list.body.items.find((p: { year: number }) => p.year === 2026);
    expect(y2026).toMatchObject({ totalRequired: 72, closingDate: '2027-01-15' });
    expect(y2026.rules).toHaveLength(1);
    const ids = await freshClaims([
      { person: 2, year: 2026, subject: 'professional', hours: 48 },
      { person: 2, year: 2026, subject: 'public', hours: 24 },
    ]);
    await ctx.db.transaction((tx) => transitionClaims(tx, { ids, to: 'approved', actorUserId: 1 }));
    expect((await personYear(ctx.db, people[2]!, 2026)).completed).toBe(true);

    const bad = await prov.put('/api/hour-policies/2026', { ...body, professionalMin: 60, publicMin: 30 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('总学时');
    expect((await prov.put('/api/hour-policies/2026', { ...body, totalRequired: -1 })).body.message).toContain('不能为负数');
    const city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
    expect((await city.put('/api/hour-policies/2026', body)).status).toBe(403);
    expect((await city.get('/api/hour-policies')).status).toBe(200);
  });
});
