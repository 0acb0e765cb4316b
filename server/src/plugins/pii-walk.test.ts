/**
 * 证件号/手机号 stay masked unless unmasked on purpose (SECURITY.md, 个人信息): every GET route the app registers,
 * every export among them, as each role, over a data set holding every kind of record — no response body (JSON,
 * the XML inside an xlsx, a PDF's text) carries an 18-character ID number or an 11-digit mobile, except the
 * identity routes listed in UNMASKING (behind pii.view, each view audited). Every route must answer a non-empty
 * 200 to at least one role, so that a leak would be seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { permissionsForType, type Permission } from '@hbzsgx/domain';
import {
  admins,
  annualDocs,
  announcementFiles,
  auditLogs,
  changeRequests,
  claims,
  hourPolicies,
  materialFiles,
  organizations,
  personnel,
  personYearTotals,
  trainingClasses,
  users,
} from '../db/schema.js';
import { seedDemo } from '../db/seed/demo.js';
import { insertAdmin, insertDepartments, insertOrg, insertUser } from '../db/seed/factory.js';
import { makeIdNumber } from '../db/seed/codes.js';
import { hashPassword } from '../lib/passwords.js';
import { diff } from '../modules/change-review/service.js';
import { importWorkerOf } from '../modules/personnel/routes.js';
import { exportWorkerOf } from '../modules/exports/routes.js';
import { HEADERS } from '../modules/personnel/import/columns.js';
import { pdfPages } from '../modules/certificates/testing.js';
import { Client, createTestApp, type Res, type TestCtx } from '../../test/harness.js';
import { loggedIn, newAdmin, newPerson, nextIdNumber, PASSWORD } from '../../test/fixtures.js';

/**
 * The routes meant to show full values: only to a holder of pii.view, each such answer audited as an unmasked view
 * (a 'pii.view' audit row) and sent with Cache-Control: no-store. To anyone else they are walked like every route.
 */
const UNMASKING: Record<string, string> = {
  'GET /api/admins/:id/identity': '管理员的完整证件号/手机号（管理单位管理员 › 查看）',
  'GET /api/personnel/:id/identity': '专技人员的完整证件号/手机号（专技人员信息查询 › 查看完整）',
  'GET /api/reviews/registrations/:kind/:id/identity': '注册审核：完整联系电话与注册人证件号/手机号（注册详情 › 查看完整）',
  'GET /api/personnel/imports/:id/failures.xlsx': '批量导入的失败数据：导入者自己的数据，修改后重新导入（无 pii.view 者下载脱敏版）',
};
/**
 * An organisation's own record, shown to its own admins: its 联系电话 as they entered it (the 基本信息 edit form is
 * prefilled with it; the registrant's status page shows what was submitted). Only the role's own organisation's
 * numbers (current, or in its own change waiting for review) may appear there; anything else is a leak.
 */
const OWN_RECORD: Record<string, string> = {
  'GET /api/org/info': '本单位基本信息（修改单位信息的表单以此预填）',
  'GET /api/registration/me': '本单位/本人提交的注册信息（注册状态页）',
};
/** Routes that may answer nothing to every role here, and why. */
const EMPTY_OK: Record<string, string> = {};

/** An 18-character GB 11643 number (17 digits + digit/X) or an 11-digit mobile, not inside a longer number. */
const ID_RE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_RE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** The text of every XML part of an xlsx (a zip) by name, read from its central directory with node:zlib. */
function xlsxParts(buf: Buffer): Map<string, string> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd, 'not a zip').toBeGreaterThanOrEqual(0);
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < entries; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30),
      commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    const raw = method === 0 ? data : zlib.inflateRawSync(data);
    if (name.endsWith('.xml') || name.endsWith('.rels')) out.set(name, raw.toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  expect(out.has('xl/worksheets/sheet1.xml'), [...out.keys()].join(', ')).toBe(true);
  return out;
}
const sheetRows = (text: string) => (text.match(/<row\b/g) ?? []).length;

let ctx: TestCtx;
const roles: Record<string, Client> = {};
const ids: Record<string, number[]> = {};
let certCode = '';
let resetTicket = '';
let creditCodes = new Set<string>();
/** Per role: does it hold pii.view, and its own organisation's contact numbers (OWN_RECORD). */
const own: Record<string, { pii: boolean; phones: Set<string> }> = {};
const piiViews = async () =>
  (
    await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLogs)
      .where(eq(auditLogs.action, 'pii.view'))
  )[0]!.n;
const year = new Date().getFullYear();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function xlsxOf(sheet: string, rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const ok = (r: Res, what: string) => expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
const orgNamed = async (name: string) => (await ctx.db.select().from(organizations).where(eq(organizations.name, name)))[0]!;
const hrOf = async (division: string) =>
  (
    await ctx.db
      .select()
      .from(organizations)
      .where(and(eq(organizations.type, 'hr'), eq(organizations.divisionCode, division)))
  )[0]!;

beforeAll(async () => {
  ctx = await createTestApp();
  await importWorkerOf(ctx.app).stop(); // the test runs the import jobs itself
  await ctx.db
    .update(hourPolicies)
    .set({ closingDate: `${year}-12-31` })
    .where(eq(hourPolicies.year, year));
  const accounts = await seedDemo(ctx.db, ctx.pii, { password: PASSWORD, personnelCount: 60 });
  await ctx.db.update(users).set({ mustChangePassword: false });
  const login = (role: string, loginType?: string) => {
    const a = accounts.find((x) => x.role.startsWith(role))!;
    return loggedIn(ctx, { idNumber: a.account, password: PASSWORD }, (loginType ?? a.loginType) as 'hr');
  };
  roles.province = await login('省人社厅管理员');
  roles.auditor = await login('审计管理员');
  roles.city = await login('市州人社局管理员（武汉市）');
  roles.county = await login('县区人社局管理员（江岸区）');
  roles.authority = await login('主管部门管理员');
  roles.employer = await login('用人单位管理员');
  roles.base = await login('继续教育基地管理员');
  roles.person = await login('专业技术人员');
  const province = await hrOf('420000'),
    wuhan = await hrOf('420100'),
    jiangan = await hrOf('420102');
  // an HR admin holding everything but pii.view (and the audit duty)
  const noPii = permissionsForType('hr').filter((p: Permission) => p !== 'pii.view' && p !== 'audit.view');
  roles.noPii = await loggedIn(ctx, await newAdmin(ctx, province.id, { permissions: noPii }));
  roles.countyNoPii = await loggedIn(ctx, await newAdmin(ctx, jiangan.id, { permissions: noPii }));

  const school = await orgNamed('武汉市江岸区育才中学');
  const primary = await orgNamed('武汉市江岸区实验小学');
  const eduJa = await orgNamed('武汉市江岸区教育局');
  const cityBase = await orgNamed('武汉城市职业学院继续教育基地');
  const design = await orgNamed('武汉长江勘察设计有限公司');
  // a base admin and an employer admin with their unit's working permissions but not pii.view
  roles.baseNoPii = await loggedIn(
    ctx,
    await newAdmin(ctx, cityBase.id, { permissions: permissionsForType('base').filter((p) => p !== 'pii.view' && p !== 'audit.view') }),
    'base',
  );
  roles.employerNoPii = await loggedIn(
    ctx,
    await newAdmin(ctx, school.id, { permissions: permissionsForType('employer').filter((p) => p !== 'pii.view' && p !== 'audit.view') }),
    'employer',
  );

  // a second person who has hours and a password (the demo teacher has none): 我的学时, 我的证书
  const [done] = await ctx.db
    .select({ pid: personYearTotals.personnelId, userId: personnel.userId, orgId: personnel.orgId })
    .from(personYearTotals)
    .innerJoin(personnel, eq(personnel.id, personYearTotals.personnelId))
    .where(and(eq(personYearTotals.year, year - 1), sql`${personYearTotals.publicHours} >= 30 and ${personYearTotals.professionalHours} >= 60`))
    .limit(1);
  const [doneUser] = await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD), mustChangePassword: false })
    .where(eq(users.id, done!.userId))
    .returning();
  const doneId = ctx.pii.decrypt(doneUser!.idNumberEnc);
  roles.person2 = await loggedIn(ctx, { idNumber: doneId, password: PASSWORD }, 'personnel');
  ok(await roles.person2.post('/api/me/certificates/print', { year: year - 1 }), 'me print');
  const cert = await roles.province.post('/api/certificates/print', { personnelId: done!.pid, year: year - 1, includeClaims: true });
  ok(cert, 'print');
  certCode = String(cert.headers['x-certificate-code']);

  // registrations of every kind: one pending and one decided each
  const registrant = async (orgId: number, phone: string) => {
    const [d] = await insertDepartments(ctx.db, orgId, ['办公室']);
    const u = await insertUser(ctx.db, ctx.pii, { idNumber: nextIdNumber(), name: '注册人', phone, email: 'reg@example.cn', passwordHash: null });
    await insertAdmin(ctx.db, { orgId, userId: u.id, isSuper: true, departmentId: d!.id });
  };
  const regs: Record<string, number[]> = { employer: [], authority: [], base: [], hr: [] };
  for (const [type, parent, division, hrLevel] of [
    ['employer', jiangan, '420102'],
    ['employer', jiangan, '420102'],
    ['authority', jiangan, '420102'],
    ['authority', jiangan, '420102'],
    ['base', wuhan, '420100'],
    ['base', wuhan, '420100'],
    ['hr', wuhan, '420102', 'county'],
    ['hr', wuhan, '420102', 'county'],
  ] as const) {
    const o = await insertOrg(ctx.db, {
      type,
      parentId: parent.id,
      divisionCode: division,
      hrLevel,
      name: `待审核${type}${regs[type]!.length}`,
      status: 'pending',
    });
    await registrant(o.id, '13655556666');
    regs[type]!.push(o.id);
  }
  const pendingPeople = (await ctx.db.select({ id: personnel.id }).from(personnel).where(eq(personnel.status, 'pending'))).map((r) => r.id);
  ok(await roles.county.post('/api/reviews/registrations/employer/decide', { ids: [regs.employer![0]], decision: 'approve' }), 'reg employer');
  ok(
    await roles.county.post('/api/reviews/registrations/authority/decide', { ids: [regs.authority![0]], decision: 'reject', reason: '材料不全' }),
    'reg authority',
  );
  ok(await roles.city.post('/api/reviews/registrations/base/decide', { ids: [regs.base![0]], decision: 'approve' }), 'reg base');
  ok(await roles.city.post('/api/reviews/registrations/hr/decide', { ids: [regs.hr![0]], decision: 'approve' }), 'reg hr');
  ok(await roles.employer.post('/api/reviews/registrations/personnel/decide', { ids: [pendingPeople[0]], decision: 'approve' }), 'reg person');
  ids.registration = [...Object.values(regs).flat(), ...pendingPeople];

  // org info changes (one approved, one waiting), a reparent request, a title change (the demo's), transfers
  ok(
    await roles.authority.put('/api/org/info', { name: eduJa.name, contactName: '刘老师', contactPhone: '13912340001', address: eduJa.address }),
    'org info',
  );
  const pendingInfo = await roles.county.get('/api/reviews/changes/org-info');
  ok(
    await roles.county.post('/api/reviews/changes/org-info/decide', {
      ids: pendingInfo.body.items.map((i: { id: number }) => i.id),
      decision: 'approve',
    }),
    'approve info',
  );
  ok(
    await roles.employer.put('/api/org/info', { name: school.name, contactName: '王老师', contactPhone: '13912340002', address: school.address }),
    'org info 2',
  );
  const designAdmin = await loggedIn(ctx, await newAdmin(ctx, design.id, { isSuper: true }), 'employer');
  ok(await designAdmin.post('/api/org/reparent', { newParentId: eduJa.id, reason: '隶属关系调整' }), 'reparent');
  const staff = (
    await ctx.db
      .select({ id: personnel.id })
      .from(personnel)
      .where(and(eq(personnel.orgId, school.id), eq(personnel.status, 'active')))
  ).map((r) => r.id);
  ok(
    await roles.employer.post('/api/transfers', { personnelId: staff[1], toOrgId: primary.id, reason: '工作需要', transferDate: `${year}-03-01` }),
    'transfer',
  );
  const t2 = await roles.employer.post('/api/transfers', {
    personnelId: staff[2],
    toOrgId: primary.id,
    reason: '个人申请',
    transferDate: `${year}-03-02`,
  });
  ok(t2, 'transfer 2');
  const primaryAdmin = await loggedIn(ctx, await newAdmin(ctx, primary.id, { isSuper: true }), 'employer');
  ok(await primaryAdmin.post(`/api/transfers/${t2.body.id}/confirm`, {}), 'confirm');
  ids.transferPeople = staff.slice(0, 4);

  // a personal claim with evidence (the demo teacher), a pending class, an employer's own training, score import
  const claim = await roles.person.upload(
    '/api/me/claims',
    {
      year,
      title: '全国教育学术年会',
      subjectType: 'professional',
      learningForm: 'conference',
      units: 1,
      activityStart: `${year}-01-02`,
      activityEnd: `${year}-01-03`,
    },
    { name: '参会证明.png', content: PNG },
  );
  ok(claim, 'claim');
  ids.claim = [claim.body.id, ...(await ctx.db.select({ id: claims.id }).from(claims).limit(3)).map((r) => r.id)];
  const cls = await roles.base.post('/api/classes', {
    year,
    name: '待审核培训班',
    subjectType: 'professional',
    learningForm: 'faceToFace',
    hours: 16,
    startDate: `${year}-04-01`,
    endDate: `${year}-04-02`,
    place: '武汉',
    capacity: 50,
  });
  ok(cls, 'class');
  const unitPlan = await roles.employer.post('/api/classes', {
    year,
    name: '本单位校本培训',
    subjectType: 'professional',
    learningForm: 'faceToFace',
    hours: 8,
    startDate: `${year}-05-01`,
    endDate: `${year}-05-01`,
    place: '本校',
    capacity: 80,
  });
  ok(unitPlan, 'employer class');
  // a second unit plan, approved, with a staff member's hours waiting (单位培训学时审核's plan rows)
  const staffedPlan = await roles.employer.post('/api/classes', {
    year,
    name: '本单位师德专题培训',
    subjectType: 'public',
    learningForm: 'faceToFace',
    hours: 8,
    startDate: `${year}-05-02`,
    endDate: `${year}-05-02`,
    place: '本校',
    capacity: 80,
  });
  ok(staffedPlan, 'employer class 2');
  ok(await roles.county.post('/api/reviews/classes/decide', { ids: [staffedPlan.body.id], decision: 'approve' }), 'approve unit plan');
  const [learner] = await ctx.db
    .select({ enc: users.idNumberEnc })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .where(and(eq(personnel.id, staff.at(-1)!), eq(personnel.orgId, school.id)));
  ok(
    await roles.employer.post(`/api/classes/${staffedPlan.body.id}/scores`, { idNumber: ctx.pii.decrypt(learner!.enc), qualified: true }),
    'unit plan staff',
  );
  const [approvedClass] = await ctx.db
    .select({ id: trainingClasses.id })
    .from(trainingClasses)
    .where(and(eq(trainingClasses.baseOrgId, cityBase.id), eq(trainingClasses.status, 'approved'), eq(trainingClasses.year, year)))
    .limit(1);
  ids.class = [approvedClass!.id, cls.body.id];
  // 培训报名: the demo's nearly full class holds enrolments (its 报名名单 and export walked with rows); the teacher enrols
  const [nearlyFull] = await ctx.db
    .select({ id: trainingClasses.id })
    .from(trainingClasses)
    .where(and(eq(trainingClasses.baseOrgId, cityBase.id), eq(trainingClasses.capacity, 3)));
  ids.class.push(nearlyFull!.id);
  const open = (await roles.person.get('/api/me/classes')).body.items.find((c: { state: string }) => c.state === 'open');
  ok(await roles.person.post(`/api/me/classes/${open.id}/enrol`), 'enrol');
  const scores = await roles.base.upload(
    `/api/classes/${approvedClass!.id}/scores/import`,
    {},
    {
      name: '成绩.xlsx',
      content: await xlsxOf('学员成绩', [
        ['证件类型', '证件号', '姓名', '成绩', '是否合格'],
        ['居民身份证', doneId, '张冠李戴', '90', '是'],
        ['居民身份证', nextIdNumber(), '查无此人', '80', '是'],
      ]),
    },
  );
  ok(scores, 'score import');
  ids.scoreImport = [scores.body.failedFileId];

  // a personnel import with failed rows
  const job = await roles.province.upload(
    '/api/personnel/import',
    {},
    {
      name: '人员.xlsx',
      content: await xlsxOf('专技人员', [
        HEADERS,
        [
          '王导入',
          '居民身份证',
          makeIdNumber('420102', '19880516', 811),
          '',
          '',
          '13800001111',
          school.creditCode,
          '',
          '中小学教师',
          '中级',
          '',
          '',
          '',
        ],
        [
          '李失败',
          '居民身份证',
          makeIdNumber('420102', '19850305', 812),
          '',
          '',
          '13900002222',
          '91420102MA00000000',
          '',
          '中小学教师',
          '中级',
          '',
          '',
          '',
        ],
        [
          '赵失败',
          '居民身份证',
          makeIdNumber('420102', '19860306', 813),
          '',
          '',
          '13700003333',
          school.creditCode,
          '不存在的部门',
          '中小学教师',
          '中级',
          '',
          '',
          '',
        ],
      ]),
    },
  );
  expect(job.status, JSON.stringify(job.body)).toBe(202);
  await importWorkerOf(ctx.app).runUntilIdle();
  ids.personnelImport = [job.body.id];

  // background exports (lib/export.ts): the province's 专技人员 list as an xlsx and a csv job, run by the export worker
  await exportWorkerOf(ctx.app).stop();
  ctx.app.deps.config.EXPORT_SYNC_LIMIT = 1;
  const exportJobs = [await roles.province.get('/api/personnel/export'), await roles.province.get('/api/personnel/export?format=csv')];
  ctx.app.deps.config.EXPORT_SYNC_LIMIT = 10_000;
  for (const j of exportJobs) expect(j.status, JSON.stringify(j.body)).toBe(202);
  await exportWorkerOf(ctx.app).runUntilIdle();
  ids.exportJob = exportJobs.map((j) => j.body.job.id as number);

  // annual documents and annual materials
  ok(await roles.base.upload('/api/annual-docs', { kind: 'plan', year, description: '年度培训计划' }, { name: '计划.pdf', content: PDF }), 'plan');
  ok(
    await roles.base.upload('/api/annual-docs', { kind: 'summary', year: year - 1, description: '年度工作总结' }, { name: '总结.pdf', content: PDF }),
    'summary',
  );
  const m = await roles.base.post('/api/materials', { year, name: '年度工作材料', description: '本年度继续教育工作材料' });
  ok(m, 'material');
  ok(await roles.base.upload(`/api/materials/${m.body.id}/files`, { category: 'summary' }, { name: '总结.pdf', content: PDF }), 'material file');
  ok(await roles.base.post(`/api/materials/${m.body.id}/submit`), 'submit');
  const m2 = await roles.county.post('/api/materials', { year, name: '区年度材料', description: '江岸区材料' });
  ok(
    await roles.county.upload(`/api/materials/${m2.body.id}/files`, { category: 'summary' }, { name: '区总结.pdf', content: PDF }),
    'material file 2',
  );
  ids.material = [m.body.id, m2.body.id];
  ids.materialFile = (await ctx.db.select({ id: materialFiles.fileId }).from(materialFiles)).map((r) => r.id);
  ids.annualDoc = (await ctx.db.select({ id: annualDocs.id }).from(annualDocs)).map((r) => r.id);

  // 通知公告: one published notice with an attachment (the public list, detail and download, the admin pages)
  const notice = await roles.province.post('/api/announcement-admin', {
    noticeKind: 'notice',
    headline: '关于开展继续教育的通知',
    content: '各有关单位：\n请认真组织落实。',
  });
  ok(notice, 'announcement');
  const noticeFile = await roles.province.upload(`/api/announcement-admin/${notice.body.id}/files`, {}, { name: '附件1.pdf', content: PDF });
  ok(noticeFile, 'announcement file');
  ok(await roles.province.post(`/api/announcement-admin/${notice.body.id}/publish`), 'publish');
  ids.announcement = [notice.body.id];
  ids.announcementFile = (await ctx.db.select({ id: announcementFiles.fileId }).from(announcementFiles)).map((r) => r.id);

  // 忘记密码: one matched request of a person of the 用人单位 whose admin walks as roles.employer
  const employerOrg = ((await roles.employer.get('/api/auth/me')).body as { org: { id: number } }).org.id;
  const forgetful = await newPerson(ctx, employerOrg);
  const [fu] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, forgetful.userId));
  const reset = await new Client(ctx).post('/api/public/password-reset', {
    idNumber: forgetful.idNumber,
    personName: fu!.name,
    phone: '13900005678',
  });
  ok(reset, 'password reset');
  resetTicket = reset.body.ticket;

  ids.org = (
    await ctx.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(inArray(organizations.id, [school.id, eduJa.id, jiangan.id, wuhan.id, cityBase.id, design.id]))
  ).map((r) => r.id);
  ids.admin = (
    await ctx.db
      .select({ id: admins.id })
      .from(admins)
      .where(and(inArray(admins.orgId, [province.id, wuhan.id, jiangan.id, school.id, eduJa.id, cityBase.id]), isNull(admins.removedAt)))
  ).map((r) => r.id);
  ids.personnel = [...staff.slice(0, 3), done!.pid];
  creditCodes = new Set((await ctx.db.select({ c: organizations.creditCode }).from(organizations)).map((r) => r.c));
  for (const [role, c] of Object.entries(roles)) {
    const me = (await c.get('/api/auth/me')).body as { org: { id: number }; permissions: string[] };
    const [o] = await ctx.db.select({ phone: organizations.contactPhone }).from(organizations).where(eq(organizations.id, me.org.id));
    const changes = await ctx.db
      .select({ after: changeRequests.after })
      .from(changeRequests)
      .where(and(eq(changeRequests.orgId, me.org.id), eq(changeRequests.kind, 'org_info'), eq(changeRequests.status, 'pending')));
    own[role] = { pii: me.permissions.includes('pii.view'), phones: new Set([o!.phone, ...changes.map((x) => String(x.after.contactPhone))]) };
  }
}, 240_000);
afterAll(async () => ctx?.close());

const KINDS: Record<string, string[]> = {
  '/api/reviews/registrations/': ['personnel', 'employer', 'authority', 'base', 'hr'],
  '/api/reviews/changes/': ['title', 'org-info', 'reparent'],
  '/api/reviews/annual-docs/': ['plan', 'summary'],
};
/** Which created rows an `:id` stands for, by route. */
function idsFor(url: string): number[] {
  const table: [RegExp, string][] = [
    [/^\/api\/admins\//, 'admin'],
    [/^\/api\/personnel\/imports\//, 'personnelImport'],
    [/^\/api\/personnel\//, 'personnel'],
    [/^\/api\/certificates\/people\//, 'personnel'],
    [/^\/api\/reviews\/registrations\//, 'registration'],
    [/^\/api\/transfers\/people\//, 'transferPeople'],
    [/^\/api\/suborgs\//, 'org'],
    [/^\/api\/register\/orgs\//, 'org'],
    [/^\/api\/materials\//, 'material'],
    [/^\/api\/classes\//, 'class'],
    [/^\/api\/imports\//, 'scoreImport'],
    [/^\/api\/claims\//, 'claim'],
    [/^\/api\/annual-docs\//, 'annualDoc'],
    [/^\/api\/exports\//, 'exportJob'],
    [/^\/api\/(public\/)?announcements?(-admin)?\//, 'announcement'],
  ];
  const hit = table.find(([re]) => re.test(url));
  if (!hit) throw new Error(`no ids for ${url}: add the route to idsFor()`);
  return ids[hit[1]]!;
}
/** Query strings per route: the tabs, sources, directions and years the lists have. */
function queriesFor(url: string): string[] {
  if (/\/:id(\/|$)/.test(url)) return [''];
  if (/^\/api\/reviews\/(registrations|changes|annual-docs|classes|claim-classes|personal-claims)\b/.test(url)) return ['?tab=pending', '?tab=done'];
  if (/^\/api\/reviews\/claims\b/.test(url))
    return ['base', 'employer', 'personal'].flatMap((s) => [`?tab=pending&source=${s}`, `?tab=done&source=${s}`]);
  if (/^\/api\/audits\/claims\b/.test(url)) return ['', `?year=${year - 1}`];
  if (/^\/api\/transfers(\/export)?$/.test(url)) return ['?direction=out', '?direction=in'];
  if (/^\/api\/me\/hours\b/.test(url)) return [`?year=${year}`, `?year=${year - 1}`];
  if (/^\/api\/stats\/titles/.test(url)) return [''];
  if (/^\/api\/(stats|certificates\/people)/.test(url)) return [`?year=${year - 1}`];
  if (url === '/api/materials/jurisdiction') return ['', '?status=unviewed'];
  return [''];
}
function concreteUrls(url: string): string[] {
  let urls = [url];
  const kindPrefix = Object.keys(KINDS).find((p) => url.startsWith(p) && url.includes(':kind'));
  if (kindPrefix) urls = KINDS[kindPrefix]!.map((k) => url.replace(':kind', k));
  if (url.includes(':code')) urls = urls.map((u) => u.replace(':code', certCode));
  if (url.includes(':ticket')) urls = urls.map((u) => u.replace(':ticket', resetTicket));
  if (url.includes(':fileId')) {
    const files = /announcement/.test(url) ? ids.announcementFile! : ids.materialFile!;
    urls = urls.flatMap((u) => files.map((f) => u.replace(':fileId', String(f))));
  }
  if (url.includes(':id')) urls = urls.flatMap((u) => idsFor(url).map((id) => u.replace(':id', String(id))));
  return urls.flatMap((u) => queriesFor(url).map((q) => u + q));
}

/** The searchable text of a response and whether it holds any rows. */
async function textOf(res: Res): Promise<{ text: string; rows: boolean }> {
  const type = String(res.headers['content-type'] ?? '');
  const buf = res.raw.rawPayload;
  if (type.includes('spreadsheetml')) {
    const parts = xlsxParts(buf);
    return { text: [...parts.values()].join('\n'), rows: sheetRows(parts.get('xl/worksheets/sheet1.xml')!) > 1 };
  }
  if (type.includes('pdf') && buf.subarray(0, 5).toString() === '%PDF-' && buf.length > 200)
    return { text: (await pdfPages(buf)).join('\n'), rows: true };
  if (type.includes('json')) {
    const b = res.body;
    const rows = Array.isArray(b)
      ? b.length > 0
      : b && typeof b === 'object'
        ? Array.isArray(b.items)
          ? b.items.length > 0
          : Object.keys(b).length > 0
        : false;
    return { text: res.raw.body, rows };
  }
  return { text: buf.toString('latin1'), rows: buf.length > 0 };
}

describe('personal data in every GET response', () => {
  it('holds no unmasked 证件号 or 手机号 outside the identity routes, for any role', async () => {
    const leaks: string[] = [];
    const uncached: string[] = [];
    const unaudited: string[] = [];
    const seen = new Map<string, boolean>();
    const routes = ctx.app.routeAccess.filter((r) => r.method === 'GET');
    expect(routes.length).toBeGreaterThan(60);
    const clients = { ...roles, anonymous: new Client(ctx) };
    let requests = 0;
    for (const r of routes) {
      const key = `GET ${r.url}`;
      seen.set(key, seen.get(key) ?? false);
      for (const url of concreteUrls(r.url)) {
        for (const [role, c] of Object.entries(clients)) {
          const unmasking = key in UNMASKING && !!own[role]?.pii;
          const viewsBefore = unmasking ? await piiViews() : 0;
          const res = await c.get(url);
          requests++;
          expect(res.status, `${role} ${url}: ${typeof res.body === 'object' ? JSON.stringify(res.body) : ''}`).toBeLessThan(500);
          const { text, rows } = await textOf(res);
          if (res.status === 200 && rows) seen.set(key, true);
          const cache = String(res.headers['cache-control'] ?? '');
          if (/^attachment/.test(String(res.headers['content-disposition'] ?? '')) && !cache.includes('no-store')) uncached.push(`${role} ${url}`);
          if (unmasking && res.status === 200) {
            if (!cache.includes('no-store')) uncached.push(`${role} ${url}`);
            if ((await piiViews()) !== viewsBefore + 1) unaudited.push(`${role} ${url}`);
            continue;
          }
          let found = [...(text.match(ID_RE) ?? []).filter((v) => !creditCodes.has(v.toUpperCase())), ...(text.match(MOBILE_RE) ?? [])];
          if (key in OWN_RECORD) found = found.filter((v) => !own[role]?.phones.has(v));
          if (found.length) leaks.push(`${role} ${url} (${res.status}): ${[...new Set(found)].slice(0, 3).join(', ')}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(unaudited, 'unmasked views without a pii.view audit row').toEqual([]);
    expect(uncached, 'downloads and unmasked views without Cache-Control: no-store').toEqual([]);
    expect(
      [...seen].filter(([k, v]) => !v && !(k in EMPTY_OK)).map(([k]) => k),
      'routes that answered no role with rows',
    ).toEqual([]);
    // the routes listed are real routes
    for (const k of [...Object.keys(UNMASKING), ...Object.keys(OWN_RECORD), ...Object.keys(EMPTY_OK)]) expect(seen.has(k), k).toBe(true);
    expect(requests).toBeGreaterThan(500);
  }, 600_000);
});

describe('机构信息修改: old vs new', () => {
  it('masks the contact phone on both sides, but judges what changed on the real numbers', () => {
    const [phone] = diff({ contactPhone: '13871234567' }, { contactPhone: '13879994567' });
    expect(phone).toEqual({ field: 'contactPhone', label: '联系电话', before: '138****4567', after: '138****4567', changed: true });
    expect(diff({ contactPhone: '027-87654321' }, { contactPhone: '027-87654321' })[0]).toMatchObject({ before: '027*****4321', changed: false });
  });
});
