import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditLogs, certificates, certificateVerifications, claims, personnel, users } from '../../db/schema.js';
import { userValues } from '../../lib/people.js';
import { Client, createTestApp, type TestCtx } from '../../../test/harness.js';
import { hrOrg, loggedIn, newAdmin, newOrg, newPerson, nextIdNumber } from '../../../test/fixtures.js';
import { transitionClaims } from '../ledger/service.js';
import { CODE_ALPHABET, CODE_BITS, maskName, newCode, normalizeCode } from './code.js';
import { BATCH_CAP } from './search.js';
import { pdfPages } from './testing.js';

const YEAR = new Date().getFullYear();
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

let ctx: TestCtx;
let county: Client, city: Client, sibling: Client, noPerm: Client, anon: Client;
let schoolId: number, baseId: number, countyHrId: number;
let zhang: Awaited<ReturnType<typeof newPerson>>, li: Awaited<ReturnType<typeof newPerson>>;

async function rename(userId: number, name: string) {
  await ctx.db.update(users).set({ name }).where(eq(users.id, userId));
}

/** Approved hours through the ledger (pending → approved), as a review would do it. */
async function giveHours(personnelId: number, lines: { subject: 'public' | 'professional'; hours: number; title: string }[], year = YEAR) {
  const ids = (
    await ctx.db
      .insert(claims)
      .values(
        lines.map((l) => ({
          personnelId,
          year,
          source: 'base' as const,
          declaringOrgId: baseId,
          title: l.title,
          subjectType: l.subject,
          learningForm: 'faceToFace' as const,
          hours: l.hours,
          status: 'pending' as const,
        })),
      )
      .returning({ id: claims.id })
  ).map((r) => r.id);
  await ctx.db.transaction((tx) => transitionClaims(tx, { ids, to: 'approved', actorUserId: 1 }));
  return ids;
}

const print = (c: Client, personnelId: number, year = YEAR, includeClaims = false) =>
  c.post('/api/certificates/print', { personnelId, year, includeClaims });
const pdfOf = (r: { raw: { rawPayload: Buffer } }) => r.raw.rawPayload;
const live = (personnelId: number) =>
  ctx.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.personnelId, personnelId), isNull(certificates.revokedAt)));
const verifications = () => ctx.db.select().from(certificateVerifications);

beforeAll(async () => {
  ctx = await createTestApp();
  const ja = await hrOrg(ctx, '420102');
  countyHrId = ja.id;
  const authority = await newOrg(ctx, 'authority', ja.id, '江岸区教育局');
  schoolId = (await newOrg(ctx, 'employer', authority.id, '江岸区育才中学')).id;
  baseId = (await newOrg(ctx, 'base', (await hrOrg(ctx, '420100')).id, '城市职业学院继续教育基地')).id;
  county = await loggedIn(ctx, await newAdmin(ctx, ja.id, { isSuper: true }));
  city = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420100')).id, { isSuper: true }));
  sibling = await loggedIn(ctx, await newAdmin(ctx, (await hrOrg(ctx, '420103')).id, { isSuper: true }));
  noPerm = await loggedIn(ctx, await newAdmin(ctx, ja.id, { permissions: ['personnel.view'] }));
  anon = new Client(ctx);
  zhang = await newPerson(ctx, schoolId);
  await rename(zhang.userId, '张晓三');
  li = await newPerson(ctx, schoolId);
  await rename(li.userId, '李四');
  await giveHours(zhang.personnelId, [
    { subject: 'public', hours: 32, title: '专业技术人员职业道德与诚信建设' },
    { subject: 'professional', hours: 40, title: '中小学教师信息技术应用能力提升培训班' },
    { subject: 'professional', hours: 24.5, title: '新课程标准解读与教学设计' },
  ]);
  await giveHours(li.personnelId, [{ subject: 'professional', hours: 16, title: '学科教学研讨会' }]);
});
afterAll(async () => ctx?.close());

describe('verification codes', () => {
  it('are ≥ 80 random bits in a readable alphabet, grouped, and tolerate how people type them', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(80);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    const codes = new Set(Array.from({ length: 2000 }, newCode));
    expect(codes.size).toBe(2000);
    for (const c of [...codes].slice(0, 50)) expect(c).toMatch(CODE);
    const c = newCode();
    expect(normalizeCode(c.toLowerCase().replace(/-/g, ' '))).toBe(c);
    expect(normalizeCode('0000-1111-2222-3333-4444'.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe('0000-1111-2222-3333-4444');
    expect(normalizeCode('ABCD')).toBeNull();
    expect(normalizeCode('UUUU-UUUU-UUUU-UUUU-UUUU')).toBeNull();
    expect(maskName('张晓三')).toBe('张*三');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳晓娜')).toBe('欧**娜');
  });
});

describe('电子证书: printing', () => {
  it("prints a person's year as a PDF whose text (embedded font with ToUnicode) holds name, year, hours and completion", async () => {
    const r = await print(county, zhang.personnelId);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(String(r.headers['content-disposition'])).toMatch(/^attachment/);
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent(`学时证明_张晓三_${YEAR}.pdf`));
    expect(pdfOf(r).subarray(0, 5).toString()).toBe('%PDF-');
    const code = String(r.headers['x-certificate-code']);
    expect(code).toMatch(CODE);

    const [text] = await pdfPages(pdfOf(r));
    const flat = text!.replace(/\s+/g, '');
    expect(flat).toContain('湖北省专业技术人员继续教育学时证明');
    expect(flat).toContain('张晓三');
    expect(flat).toContain(`${YEAR}年度`);
    expect(flat).toMatch(/公需科目32不少于30达到/);
    expect(flat).toMatch(/专业科目64\.5不少于60达到/);
    expect(flat).toMatch(/合计96\.5不少于90达到/);
    expect(flat).toContain('年度学时完成情况：已完成');
    expect(flat).toContain('江岸区育才中学');
    expect(flat).toContain('中小学教师');
    // the issuer is the nearest HR department above the unit (school → 教育局 → 江岸区人社局), and the 证件号 is masked
    expect(flat).toContain('发证单位：江岸区人力资源和社会保障局');
    expect(flat).toContain(`验证码：${code}`);
    expect(flat).toContain(`http://localhost/verify/${code}`);
    expect(flat).not.toContain(zhang.idNumber);
    expect(flat).toContain(`${zhang.idNumber.slice(0, 4)}**********${zhang.idNumber.slice(-4)}`);
    expect(flat).not.toContain('学时明细');

    const rows = await live(zhang.personnelId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ code, year: YEAR, issuerOrgId: countyHrId });
    expect(rows[0]!.snapshot).toMatchObject({ name: '张晓三', publicHours: 32, professionalHours: 64.5, totalHours: 96.5, completed: true });
    const [audit] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'certificate.issue'), eq(auditLogs.targetId, String(rows[0]!.id))));
    expect(audit).toBeTruthy();
  });

  it('lists the approved claims on request', async () => {
    const r = await print(county, zhang.personnelId, YEAR, true);
    const [text] = await pdfPages(pdfOf(r));
    expect(text).toContain('学时明细');
    expect(text).toContain('中小学教师信息技术应用能力提升培训班');
    expect(text).toContain('城市职业学院继续教育基地');
  });

  it('a reprint with unchanged hours reuses the certificate (same code); the city HR above prints the same one', async () => {
    const first = String((await print(county, zhang.personnelId)).headers['x-certificate-code']);
    const again = await print(county, zhang.personnelId);
    expect(again.headers['x-certificate-code']).toBe(first);
    const byCity = await print(city, zhang.personnelId);
    expect(byCity.status).toBe(200);
    expect(byCity.headers['x-certificate-code']).toBe(first);
    expect(await live(zhang.personnelId)).toHaveLength(1);
    expect(await ctx.db.select().from(certificates).where(eq(certificates.personnelId, zhang.personnelId))).toHaveLength(1);
    const reprints = await ctx.db.select().from(auditLogs).where(eq(auditLogs.action, 'certificate.reprint'));
    expect(reprints.length).toBeGreaterThanOrEqual(3);
  });

  it('concurrent first prints of a person-year end with one certificate and one code', async () => {
    const p = await newPerson(ctx, schoolId);
    await giveHours(p.personnelId, [{ subject: 'public', hours: 8, title: '公需课' }]);
    const rs = await Promise.all([print(county, p.personnelId), print(city, p.personnelId), print(county, p.personnelId)]);
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(rs.map((r) => r.headers['x-certificate-code'])).size).toBe(1);
    expect(await live(p.personnelId)).toHaveLength(1);
  });
});

describe('证书验证 (public)', () => {
  it('shows the real content with the name masked, and logs every attempt with the IP', async () => {
    const code = String((await print(county, zhang.personnelId)).headers['x-certificate-code']);
    const before = (await verifications()).length;
    const r = await anon.get(`/api/public/certificates/${code}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      code,
      validity: 'valid',
      validityName: '有效',
      name: '张*三',
      year: YEAR,
      publicHours: 32,
      professionalHours: 64.5,
      totalHours: 96.5,
      completed: true,
      completionName: '已完成',
      issuerName: '江岸区人力资源和社会保障局',
      current: null,
    });
    expect(r.body.idNumberMasked).toBe(`${zhang.idNumber.slice(0, 4)}**********${zhang.idNumber.slice(-4)}`);
    expect(JSON.stringify(r.body)).not.toContain('张晓三');
    expect(JSON.stringify(r.body)).not.toContain(zhang.idNumber);
    // as typed from paper: lower case, spaces instead of hyphens
    expect((await anon.get(`/api/public/certificates/${encodeURIComponent(code.toLowerCase().replace(/-/g, ' '))}`)).status).toBe(200);
    const logs = (await verifications()).slice(before);
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ code, result: 'valid', ip: '127.0.0.1' });
    expect(logs[0]!.certificateId).not.toBeNull();
  });

  it('a tampered snapshot is refused on read: the public check answers 500 with no internals', async () => {
    const code = String((await print(county, zhang.personnelId)).headers['x-certificate-code']);
    const [cert] = await ctx.db.select().from(certificates).where(eq(certificates.code, code));
    try {
      await ctx.db
        .update(certificates)
        .set({ snapshot: { ...cert!.snapshot, publicHours: 320 } })
        .where(eq(certificates.id, cert!.id));
      const r = await anon.get(`/api/public/certificates/${code}`);
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ code: 'CERTIFICATE_CORRUPT', message: '证书数据校验失败，请联系管理员' });
      expect(JSON.stringify(r.body)).not.toContain('320');
    } finally {
      await ctx.db.update(certificates).set({ snapshot: cert!.snapshot }).where(eq(certificates.id, cert!.id));
    }
    expect((await anon.get(`/api/public/certificates/${code}`)).status).toBe(200);
  });

  it('refuses forged codes (random, one character altered, malformed) with the same 404, and logs them', async () => {
    const code = String((await print(county, zhang.personnelId)).headers['x-certificate-code']);
    const at = code.length - 1;
    const altered = code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A');
    const before = (await verifications()).length;
    const answers = [];
    for (const forged of [newCode(), altered, 'abc', '<script>', 'x'.repeat(90)]) {
      const r = await anon.get(`/api/public/certificates/${encodeURIComponent(forged)}`);
      expect(r.status, forged).toBe(404);
      answers.push(r.body);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].message).toBe('未找到该证书，请核对验证码是否正确');
    const logs = (await verifications()).slice(before);
    expect(logs.map((l) => l.result)).toEqual(['not_found', 'not_found', 'malformed', 'malformed', 'malformed']);
    expect(logs[1]!.code).toBe(altered);
    expect(logs[4]!.code.length).toBe(64);
    expect(logs.every((l) => l.certificateId === null && l.ip)).toBe(true);
  });

  it('says 学时已变更 once 学时审验 revokes hours; a reprint issues a new code and the old one reads 已作废', async () => {
    const p = await newPerson(ctx, schoolId);
    await rename(p.userId, '王小明');
    const [pub, pro] = await giveHours(p.personnelId, [
      { subject: 'public', hours: 30, title: '公需科目网络学习' },
      { subject: 'professional', hours: 60, title: '专业科目面授培训' },
    ]);
    const oldCode = String((await print(county, p.personnelId)).headers['x-certificate-code']);
    expect((await anon.get(`/api/public/certificates/${oldCode}`)).body).toMatchObject({ validity: 'valid', completed: true });

    await ctx.db.transaction((tx) => transitionClaims(tx, { ids: [pro!], to: 'revoked', actorUserId: 1, reason: '证明材料不实' }));
    const changed = await anon.get(`/api/public/certificates/${oldCode}`);
    expect(changed.body).toMatchObject({
      validity: 'changed',
      validityName: '学时已变更',
      professionalHours: 60,
      totalHours: 90,
      current: { publicHours: 30, professionalHours: 0, totalHours: 30 },
    });
    const list = await county.get(`/api/certificates/people?year=${YEAR}&name=王小明`);
    expect(list.body.items[0]).toMatchObject({
      totalHours: 30,
      completed: false,
      certificate: { code: oldCode, validity: 'changed', validityName: '学时已变更' },
    });

    const reprint = await print(county, p.personnelId);
    const newCodeIssued = String(reprint.headers['x-certificate-code']);
    expect(newCodeIssued).not.toBe(oldCode);
    const [text] = await pdfPages(pdfOf(reprint));
    expect(text!.replace(/\s+/g, '')).toContain('年度学时完成情况：未完成');
    expect((await anon.get(`/api/public/certificates/${oldCode}`)).body).toMatchObject({ validity: 'revoked', validityName: '已作废' });
    expect((await anon.get(`/api/public/certificates/${newCodeIssued}`)).body).toMatchObject({
      validity: 'valid',
      totalHours: 30,
      completionName: '未完成',
    });
    expect(await live(p.personnelId)).toHaveLength(1);
    const [old] = await ctx.db.select().from(certificates).where(eq(certificates.code, oldCode));
    expect(old!.revokedAt).not.toBeNull();
    const [issued] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'certificate.issue'), sql`${auditLogs.detail}->>'supersedes' = ${String(old!.id)}`));
    expect(issued).toBeTruthy();
    void pub;
  });

  it('is rate-limited per IP, and the QR/verification address follows PUBLIC_URL', async () => {
    const other = await createTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '3', PUBLIC_URL: 'https://jxjy.example.cn/' });
    try {
      const ja = await hrOrg(other, '420102');
      const hr = await loggedIn(other, await newAdmin(other, ja.id, { isSuper: true }));
      const emp = await newOrg(other, 'employer', ja.id);
      const p = await newPerson(other, emp.id);
      const r = await hr.post('/api/certificates/print', { personnelId: p.personnelId, year: YEAR });
      const code = String(r.headers['x-certificate-code']);
      expect((await pdfPages(r.raw.rawPayload))[0]).toContain(`https://jxjy.example.cn/verify/${code}`);
      const visitor = new Client(other);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await visitor.get(`/api/public/certificates/${code}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await other.close();
    }
  });
});

describe('who may print whom', () => {
  it("another county's HR gets 404 for the person, the list and the unit; no certificate is written", async () => {
    const before = (await ctx.db.select().from(certificates)).length;
    expect((await print(sibling, li.personnelId)).status).toBe(404);
    expect((await sibling.post('/api/certificates/print-batch', { orgId: schoolId, year: YEAR })).status).toBe(404);
    expect((await sibling.get(`/api/certificates/people?year=${YEAR}&name=李四`)).body.total).toBe(0);
    expect((await sibling.get('/api/certificates/units?keyword=育才')).body.items).toEqual([]);
    expect((await print(county, 999_999)).status).toBe(404);
    expect((await ctx.db.select().from(certificates)).length).toBe(before);
  });

  it('without cert.print: 403; personnel print only themselves; admins have no own certificate', async () => {
    expect((await print(noPerm, li.personnelId)).status).toBe(403);
    expect((await noPerm.get(`/api/certificates/people?year=${YEAR}`)).status).toBe(403);
    const me = await loggedIn(ctx, li, 'personnel');
    expect((await print(me, zhang.personnelId)).status).toBe(403);
    expect((await me.post('/api/certificates/print-batch', { orgId: schoolId, year: YEAR })).status).toBe(403);
    expect((await county.get('/api/me/certificates')).status).toBe(403);
    expect((await county.post('/api/me/certificates/print', { year: YEAR })).status).toBe(403);
  });

  it('a person lists their years and downloads their own certificate (the same one HR prints)', async () => {
    const me = await loggedIn(ctx, li, 'personnel');
    const years = await me.get('/api/me/certificates');
    expect(years.status).toBe(200);
    const cur = years.body.items.find((y: { year: number }) => y.year === YEAR);
    expect(cur).toMatchObject({
      publicHours: 0,
      professionalHours: 16,
      totalHours: 16,
      completed: false,
      completionName: '未完成',
      certificate: null,
    });
    const r = await me.post('/api/me/certificates/print', { year: YEAR, includeClaims: true });
    expect(r.status).toBe(200);
    const code = String(r.headers['x-certificate-code']);
    const text = (await pdfPages(pdfOf(r)))[0]!.replace(/\s+/g, '');
    expect(text).toContain('李四');
    expect(text).toContain('学科教学研讨会');
    expect(text).not.toContain('张晓三');
    expect((await me.get('/api/me/certificates')).body.items.find((y: { year: number }) => y.year === YEAR).certificate).toMatchObject({
      code,
      validity: 'valid',
    });
    expect((await print(county, li.personnelId)).headers['x-certificate-code']).toBe(code);
    const [issue] = await ctx.db.select().from(certificates).where(eq(certificates.code, code));
    expect(issue!.issuedBy).toBe(li.userId);
  });
});

describe('bad input', () => {
  it('answers 400 in Chinese naming the field, and writes nothing', async () => {
    const before = (await ctx.db.select().from(certificates)).length;
    const badYear = await county.post('/api/certificates/print', { personnelId: zhang.personnelId, year: 'abc' });
    expect(badYear.status).toBe(400);
    expect(badYear.body.message).toContain('年度');
    const noPerson = await county.post('/api/certificates/print', { year: YEAR });
    expect(noPerson.status).toBe(400);
    expect(noPerson.body.message).toContain('人员');
    const noPolicy = await county.post('/api/certificates/print', { personnelId: zhang.personnelId, year: 2001 });
    expect(noPolicy.status).toBe(400);
    expect(noPolicy.body.message).toContain('2001年度尚未设置学时要求');
    const badPart = await county.post('/api/certificates/print-batch', { orgId: schoolId, year: YEAR, part: 0 });
    expect(badPart.status).toBe(400);
    expect(badPart.body.message).toContain('批次');
    const badQuery = await county.get('/api/certificates/people?year=20x6');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.message).toContain('查询参数年度');
    const noYear = await county.get('/api/certificates/people');
    expect(noYear.status).toBe(400);
    expect((await ctx.db.select().from(certificates)).length).toBe(before);
  });
});

describe('查询 and 批量打印', () => {
  it('searches the jurisdiction by name, exact 证件号 (blind index) and unit, with hours, completion, paging and export', async () => {
    const byName = await county.get(`/api/certificates/people?year=${YEAR}&name=晓三`);
    expect(byName.status).toBe(200);
    expect(byName.body.total).toBe(1);
    expect(byName.body.items[0]).toMatchObject({
      name: '张晓三',
      orgName: '江岸区育才中学',
      titleSeriesName: '中小学教师',
      publicHours: 32,
      professionalHours: 64.5,
      totalHours: 96.5,
      completed: true,
      completionName: '已完成',
      certificate: { validity: 'valid' },
    });
    expect(byName.body.items[0].idNumberMasked).not.toBe(zhang.idNumber);
    const byId = await county.get(`/api/certificates/people?year=${YEAR}&idNumber=${zhang.idNumber.toLowerCase()}`);
    expect(byId.body.items.map((i: { name: string }) => i.name)).toEqual(['张晓三']);
    expect((await county.get(`/api/certificates/people?year=${YEAR}&idNumber=${zhang.idNumber.slice(0, 10)}`)).body.total).toBe(0);
    const unit = await county.get(`/api/certificates/people?year=${YEAR}&orgId=${schoolId}&sort=totalHours&order=desc&pageSize=2`);
    expect(unit.body.total).toBeGreaterThanOrEqual(4);
    expect(unit.body.items).toHaveLength(2);
    expect(unit.body.items[0].totalHours).toBeGreaterThanOrEqual(unit.body.items[1].totalHours);
    expect((await city.get(`/api/certificates/people?year=${YEAR}&orgName=育才`)).body.total).toBe(unit.body.total);
    const units = await county.get('/api/certificates/units?keyword=育才');
    expect(units.body.cap).toBe(BATCH_CAP);
    expect(units.body.items).toEqual([expect.objectContaining({ id: schoolId, name: '江岸区育才中学', people: unit.body.total })]);

    const x = await county.get(`/api/certificates/people/export?year=${YEAR}&orgId=${schoolId}`);
    expect(x.status).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    const [exp] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'export'), eq(auditLogs.targetType, 'certificates.people')));
    expect(exp).toBeTruthy();
  });

  it('prints all active personnel of a unit as ONE PDF, one page each, reusing unchanged certificates', async () => {
    const pending = await newPerson(ctx, schoolId);
    await ctx.db.update(personnel).set({ status: 'pending' }).where(eq(personnel.id, pending.personnelId));
    const active = (await county.get(`/api/certificates/people?year=${YEAR}&orgId=${schoolId}`)).body.total as number;
    const zhangCode = (await live(zhang.personnelId))[0]!.code;
    const r = await county.post('/api/certificates/print-batch', { orgId: schoolId, year: YEAR });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['x-certificate-count']).toBe(String(active));
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent(`学时证明_江岸区育才中学_${YEAR}.pdf`));
    const pages = await pdfPages(pdfOf(r));
    expect(pages).toHaveLength(active);
    expect(pages.filter((t) => t.includes('张晓三'))).toHaveLength(1);
    expect(pages.find((t) => t.includes('张晓三'))).toContain(zhangCode);
    expect(pages.some((t) => t.includes('李四'))).toBe(true);
    expect(await live(pending.personnelId)).toHaveLength(0);
    const [audit] = await ctx.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'certificate.batch'), eq(auditLogs.targetId, String(schoolId))));
    expect(audit!.detail).toMatchObject({ year: YEAR, people: active });
  });

  it(`beyond ${BATCH_CAP} people asks for parts with a clear message, and prints a chosen part`, async () => {
    const big = await newOrg(ctx, 'employer', countyHrId, '江岸区大型企业');
    const rows = Array.from({ length: BATCH_CAP + 1 }, (_, i) =>
      userValues(ctx.pii, { idNumber: nextIdNumber(), name: `员工${i}`, passwordHash: null }),
    );
    const us = await ctx.db.insert(users).values(rows).returning({ id: users.id });
    await ctx.db.insert(personnel).values(us.map((u) => ({ userId: u.id, orgId: big.id, titleSeries: 'GCJS', titleLevel: 'assistant' })));
    const refused = await county.post('/api/certificates/print-batch', { orgId: big.id, year: YEAR });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain(`共有 ${BATCH_CAP + 1} 名专业技术人员，超过单次批量打印上限 ${BATCH_CAP} 人，请分 2 批打印`);
    expect((await county.post('/api/certificates/print-batch', { orgId: big.id, year: YEAR, part: 3 })).status).toBe(400);
    const second = await county.post('/api/certificates/print-batch', { orgId: big.id, year: YEAR, part: 2 });
    expect(second.status).toBe(200);
    expect(await pdfPages(pdfOf(second))).toHaveLength(1);
    expect(String(second.headers['content-disposition'])).toContain(encodeURIComponent('第2批'));
    const empty = await newOrg(ctx, 'employer', countyHrId, '空单位');
    expect((await county.post('/api/certificates/print-batch', { orgId: empty.id, year: YEAR })).body.message).toContain('没有在职的专业技术人员');
  }, 60_000);
});
