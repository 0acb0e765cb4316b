/**
 * 多年度学时证明: the person (or HR for a person in its jurisdiction) picks a range of years; one PDF with a row per
 * year; the same public 证书验证 shows the same rows; reused while unchanged, superseded when a year's hours move;
 * out of scope 404, without the permission 403, bad ranges 400 naming the field with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { beijingYear, MULTI_YEAR_MAX_SPAN } from '@hbzsgx/domain';
import { auditLogs, certificateVerifications, claims, hourPolicies, multiYearCertificates, personnel, users } from '../../db/schema.js';
import { Client, createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson } from '../../../test/fixtures.js';
import { transitionClaims } from '../ledger/service.js';
import { CorruptCertificateError } from './content.js';
import { multiYearContentSchema, readMultiYear } from './multi-year.js';
import { pdfPages } from './testing.js';

const Y = beijingYear();
const FIRST = Y - 3; // the platform's first year with a requirement here; Y - 2 has none

let ctx: TestCtx;
let county: Client, sibling: Client, noPerm: Client, anon: Client, me: Client, employer: Client;
let baseId: number, schoolId: number;
let wang: Awaited<ReturnType<typeof newPerson>>;

async function giveHours(personnelId: number, year: number, subject: 'public' | 'professional', hours: number) {
  const [c] = await ctx.db
    .insert(claims)
    .values({
      personnelId,
      year,
      source: 'base',
      declaringOrgId: baseId,
      title: `${year}年度培训`,
      subjectType: subject,
      learningForm: 'faceToFace',
      hours,
      status: 'pending',
    })
    .returning({ id: claims.id });
  await ctx.db.transaction((tx) => transitionClaims(tx, { ids: [c!.id], to: 'approved', actorUserId: 1 }));
}
const mine = (fromYear: number, toYear: number) => me.post('/api/me/certificates/multi-year', { fromYear, toYear });
const forPerson = (c: Client, personnelId: number, fromYear: number, toYear: number) =>
  c.post('/api/certificates/multi-year', { personnelId, fromYear, toYear });
const codeOf = (r: { headers: Record<string, unknown> }) => String(r.headers['x-certificate-code']);
const rowCount = async () => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(multiYearCertificates))[0]!.n;

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.db.insert(hourPolicies).values({ year: FIRST, totalRequired: 72, professionalMin: 48, publicMin: 24, closingDate: `${FIRST}-12-31` });
  const ja = await hrOrg(ctx, '420102');
  schoolId = (await newOrg(ctx, 'employer', ja.id, '江岸区实验小学')).id;
  baseId = (await newOrg(ctx, 'base', ja.id, '江岸区继续教育基地')).id;
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
  noPerm = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['personnel.view'] }));
  employer = await loggedIn(ctx, await newAdmin(ctx, schoolId, { isSuper: true }), 'employer');
  anon = new Client(ctx);
  wang = await newPerson(ctx, schoolId);
  await ctx.db.update(users).set({ name: '王小明' }).where(eq(users.id, wang.userId));
  await ctx.db
    .update(personnel)
    .set({ titleDate: `${Y - 2}-06-01` })
    .where(eq(personnel.id, wang.personnelId));
  me = await loggedIn(ctx, wang, 'personnel');
  await giveHours(wang.personnelId, FIRST, 'public', 24);
  await giveHours(wang.personnelId, FIRST, 'professional', 50);
  await giveHours(wang.personnelId, Y - 2, 'professional', 12);
  await giveHours(wang.personnelId, Y - 1, 'public', 30);
  await giveHours(wang.personnelId, Y - 1, 'professional', 20);
});
afterAll(async () => ctx?.close());

describe('多年度学时证明', () => {
  it('offers the years the platform holds, from the year of the current title by default', async () => {
    const r = await me.get('/api/me/certificates/multi-year');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      minYear: FIRST,
      maxYear: Y,
      maxSpan: MULTI_YEAR_MAX_SPAN,
      defaultFrom: Y - 2,
      defaultTo: Y,
      titleDate: `${Y - 2}-06-01`,
    });
  });

  it('prints one PDF with a row per year, and the public verification shows the same rows', async () => {
    const r = await mine(FIRST, Y);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent(`多年度学时证明_王小明_${FIRST}-${Y}.pdf`));
    const code = codeOf(r);
    const flat = (await pdfPages(r.raw.rawPayload))[0]!.replace(/\s+/g, '');
    expect(flat).toContain(`（${FIRST}—${Y}年度·多年度）`);
    expect(flat).toContain('王小明');
    expect(flat).toContain(`${FIRST}245074` + '72/48/24已完成');
    expect(flat).toContain(`${Y - 2}01212未设置未设置要求`);
    expect(flat).toContain(`${Y - 1}302050` + '90/60/30未完成');
    expect(flat).toContain(`${Y}000` + '90/60/30未完成');
    expect(flat).toContain('合计5482136');
    expect(flat).toContain('其中：1个年度已完成，2个年度未完成，1个年度未设置学时要求。');
    expect(flat).toContain('发证单位：江岸区人力资源和社会保障局');
    expect(flat).toContain('电子证书专用章');
    expect(flat).toContain(`验证码：${code}`);
    expect(flat).not.toContain(wang.idNumber);

    const v = await anon.get(`/api/public/certificates/${code}`);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({
      kind: 'multiYear',
      code,
      validity: 'valid',
      name: '王*明',
      fromYear: FIRST,
      toYear: Y,
      orgName: '江岸区实验小学',
    });
    expect(v.body.years).toEqual([
      {
        year: FIRST,
        publicHours: 24,
        professionalHours: 50,
        totalHours: 74,
        completed: true,
        completionName: '已完成',
        policy: { totalRequired: 72, publicMin: 24, professionalMin: 48 },
        current: null,
      },
      {
        year: Y - 2,
        publicHours: 0,
        professionalHours: 12,
        totalHours: 12,
        completed: null,
        completionName: '未设置要求',
        policy: null,
        current: null,
      },
      {
        year: Y - 1,
        publicHours: 30,
        professionalHours: 20,
        totalHours: 50,
        completed: false,
        completionName: '未完成',
        policy: { totalRequired: 90, publicMin: 30, professionalMin: 60 },
        current: null,
      },
      {
        year: Y,
        publicHours: 0,
        professionalHours: 0,
        totalHours: 0,
        completed: false,
        completionName: '未完成',
        policy: { totalRequired: 90, publicMin: 30, professionalMin: 60 },
        current: null,
      },
    ]);
    const [row] = await ctx.db.select().from(multiYearCertificates).where(eq(multiYearCertificates.code, code));
    const [log] = await ctx.db.select().from(certificateVerifications).where(eq(certificateVerifications.code, code));
    expect(log).toMatchObject({ certificateId: null, multiYearCertificateId: row!.id, result: 'valid' });
    const [audit] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'certificate.multi-year.issue'), eq(auditLogs.targetId, String(row!.id))));
    expect(audit?.targetType).toBe('multi_year_certificate');
  });

  it('a reprint reuses the proof; HR prints the same one; after a year moves the old code says 学时已变更, then 已作废', async () => {
    const first = codeOf(await mine(FIRST, Y));
    expect(codeOf(await mine(FIRST, Y))).toBe(first);
    const byHr = await forPerson(county, wang.personnelId, FIRST, Y);
    expect(byHr.status).toBe(200);
    expect(codeOf(byHr)).toBe(first);

    await giveHours(wang.personnelId, Y - 1, 'professional', 40);
    const changed = await anon.get(`/api/public/certificates/${first}`);
    expect(changed.body.validity).toBe('changed');
    expect(changed.body.years.map((y: { current: unknown }) => y.current)).toEqual([
      null,
      null,
      { publicHours: 30, professionalHours: 60, totalHours: 90 },
      null,
    ]);

    const again = await mine(FIRST, Y);
    const second = codeOf(again);
    expect(second).not.toBe(first);
    expect((await anon.get(`/api/public/certificates/${first}`)).body.validity).toBe('revoked');
    const fresh = await anon.get(`/api/public/certificates/${second}`);
    expect(fresh.body).toMatchObject({ validity: 'valid' });
    expect(fresh.body.years[2]).toMatchObject({ professionalHours: 60, totalHours: 90, completed: true });
    const live = await ctx.db
      .select()
      .from(multiYearCertificates)
      .where(and(eq(multiYearCertificates.personnelId, wang.personnelId), isNull(multiYearCertificates.revokedAt)));
    expect(live.map((l) => l.code)).toEqual([second]);
  });

  it('two prints of a new range at once end with one proof and one code', async () => {
    const rs = await Promise.all([mine(Y - 1, Y), forPerson(county, wang.personnelId, Y - 1, Y), mine(Y - 1, Y)]);
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(rs.map(codeOf)).size).toBe(1);
  });

  it('HR of another county gets 404, a seat without 电子证书 403, a visitor 401, the employer 403', async () => {
    expect((await sibling.get(`/api/certificates/people/${wang.personnelId}/multi-year`)).status).toBe(404);
    expect((await forPerson(sibling, wang.personnelId, Y - 1, Y)).status).toBe(404);
    expect((await forPerson(noPerm, wang.personnelId, Y - 1, Y)).status).toBe(403);
    expect((await forPerson(employer, wang.personnelId, Y - 1, Y)).status).toBe(403);
    expect((await forPerson(me, wang.personnelId, Y - 1, Y)).status).toBe(403);
    expect((await anon.post('/api/me/certificates/multi-year', { fromYear: Y - 1, toYear: Y })).status).toBe(401);
    expect((await county.post('/api/me/certificates/multi-year', { fromYear: Y - 1, toYear: Y })).status).toBe(403);
    const ok = await county.get(`/api/certificates/people/${wang.personnelId}/multi-year`);
    expect(ok.status).toBe(200);
    expect(ok.body.defaultFrom).toBe(Y - 2);
  });

  it('refuses bad ranges with a 400 naming the field, and writes nothing', async () => {
    const before = await rowCount();
    const cases: [object, string, string][] = [
      [{ fromYear: Y, toYear: Y - 1 }, 'toYear', '截止年度：不能早于起始年度'],
      [{ fromYear: Y - MULTI_YEAR_MAX_SPAN, toYear: Y }, 'toYear', `最多包含${MULTI_YEAR_MAX_SPAN}个年度`],
      [{ fromYear: Y, toYear: Y + 1 }, 'toYear', `截止年度：不能晚于今年（${Y}年度）`],
      [{ fromYear: FIRST - 1, toYear: Y }, 'fromYear', `起始年度：平台的学时记录自${FIRST}年度起`],
      [{ fromYear: 'abc', toYear: Y }, 'fromYear', '起始年度'],
      [{ fromYear: 1900, toYear: Y }, 'fromYear', '起始年度'],
      [{ toYear: Y }, 'fromYear', '起始年度'],
    ];
    for (const [body, field, message] of cases) {
      const r = await me.post('/api/me/certificates/multi-year', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.message).toContain(message);
      expect(r.body.fields?.[0]?.field).toBe(field);
    }
    expect((await county.post('/api/certificates/multi-year', { personnelId: 2 ** 31, fromYear: Y - 1, toYear: Y })).status).toBe(400);
    expect((await county.get('/api/certificates/people/99999999999/multi-year')).status).toBe(400);
    expect((await county.post('/api/certificates/multi-year', { personnelId: wang.personnelId, fromYear: Y, toYear: Y - 3 })).status).toBe(400);
    expect(await rowCount()).toBe(before);
  });
});

describe('多年度学时证明: the stored snapshot', () => {
  const good = {
    name: '王小明',
    idNumberMasked: '4201**********123X',
    orgName: '江岸区实验小学',
    titleSeries: '中小学教师',
    titleLevel: '中级',
    issuerName: '江岸区人力资源和社会保障局',
    fromYear: 2024,
    toYear: 2025,
    years: [
      {
        year: 2024,
        publicHours: 30,
        professionalHours: 60,
        totalHours: 90,
        completed: true,
        policy: { totalRequired: 90, publicMin: 30, professionalMin: 60 },
      },
      { year: 2025, publicHours: 10, professionalHours: 0, totalHours: 10, completed: null, policy: null },
    ],
  };
  it('is read only when it covers its range year by year and each row adds up and is judged right', () => {
    expect(multiYearContentSchema.safeParse(good).success).toBe(true);
    const refused = (s: unknown, range = { fromYear: 2024, toYear: 2025 }) => {
      try {
        readMultiYear({ id: 1, ...range, snapshot: s });
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(CorruptCertificateError);
        return (e as CorruptCertificateError).details as { issues: { path: string }[] };
      }
    };
    expect(refused(good)).toBeNull();
    expect(refused({ ...good, years: [good.years[0]] })!.issues[0]!.path).toBe('years');
    expect(refused({ ...good, years: [good.years[1], good.years[0]] })).not.toBeNull();
    expect(refused({ ...good, years: [{ ...good.years[0], totalHours: 91 }, good.years[1]] })!.issues[0]!.path).toBe('years.0.totalHours');
    expect(refused({ ...good, years: [{ ...good.years[0], completed: false }, good.years[1]] })!.issues[0]!.path).toBe('years.0.completed');
    expect(refused({ ...good, years: [good.years[0], { ...good.years[1], completed: false }] })).not.toBeNull();
    expect(refused(good, { fromYear: 2023, toYear: 2025 })!.issues[0]!.path).toBe('fromYear');
    expect(refused({ ...good, extra: 1 })).not.toBeNull();
  });
});
