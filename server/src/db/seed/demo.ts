/**
 * Demo data for a fresh installation: sample authorities, employers and bases in real Hubei divisions,
 * their departments and admins, a few thousand personnel, and one demo account per role and level.
 */
import { and, count, eq } from 'drizzle-orm';
import { TITLE_SERIES, type TitleLevel } from '@hbzsgx/domain';
import { analyze, type Db } from '../client.js';
import { adminRoles, admins, changeRequests, organizations, personnel, roles, users } from '../schema.js';
import type { Pii } from '../../lib/pii.js';
import { hashPassword } from '../../lib/passwords.js';
import { insertAdmin, insertDepartments, insertOrg, insertPersonnel, insertUser, userValues } from './factory.js';
import { makeIdNumber, prng } from './codes.js';
import { seedDemoHours } from './demo-hours.js';
import { seedDemoAnnouncements } from './demo-announcements.js';
import { seedDemoEnrolment } from './demo-enrolment.js';

export interface DemoAccount {
  role: string;
  loginType: string;
  orgName: string;
  name: string;
  account: string;
  password: string;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲斌波宇浩凯健俊帆帅旭宁龙林欣晨辰阳佳琪雪婷思雨萱涵梓轩博文志鹏晓燕慧颖倩楠子怡嘉诚';

async function hrOrg(db: Db, division: string) {
  const [o] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.type, 'hr'), eq(organizations.divisionCode, division)));
  if (!o) throw new Error(`HR org for ${division} missing; run the reference seed first`);
  return o;
}

export async function seedDemo(db: Db, pii: Pii, opts: { password: string; personnelCount?: number }): Promise<DemoAccount[]> {
  const [existing] = await db.select({ n: count() }).from(personnel);
  if (existing!.n > 0) return [];
  const rnd = prng(20261123);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const demoHash = await hashPassword(opts.password);
  const accounts: DemoAccount[] = [];
  let seq = 0;

  const province = await hrOrg(db, '420000');
  const wuhan = await hrOrg(db, '420100');
  const jiangan = await hrOrg(db, '420102');
  const hongshan = await hrOrg(db, '420111');
  const yichang = await hrOrg(db, '420500');
  const xiling = await hrOrg(db, '420502');

  const demoAdmin = async (org: { id: number; name: string; divisionCode: string }, role: string, loginType: string, name: string) => {
    const deps = await insertDepartments(db, org.id, ['办公室', '人事科', '业务科']);
    const idNumber = makeIdNumber(org.divisionCode, `19${80 + (seq % 15)}0${1 + (seq % 9)}1${seq % 10}`, 100 + seq++);
    const u = await insertUser(db, pii, {
      idNumber,
      name,
      phone: `1387100${String(1000 + seq).slice(-4)}`,
      email: `demo${seq}@example.cn`,
      passwordHash: demoHash,
    });
    await insertAdmin(db, { orgId: org.id, userId: u.id, isSuper: true, departmentId: deps[0]!.id });
    accounts.push({ role, loginType, orgName: org.name, name, account: idNumber, password: opts.password });
    return deps;
  };
  const provinceDeps = await demoAdmin(province, '省人社厅管理员', 'hr', '周建国');
  {
    // 三员分立: the province's auditor reads the audit log (and statistics) and changes nothing
    const [role] = await db
      .insert(roles)
      .values({
        orgId: province.id,
        name: '审计管理员',
        description: '查看审计日志（三员分立：只读，不能变更数据）',
        permissions: ['audit.view', 'admin.view', 'stats.view'],
      })
      .returning();
    const idNumber = makeIdNumber(province.divisionCode, '19850315', 100 + seq++);
    const u = await insertUser(db, pii, {
      idNumber,
      name: '吴静怡',
      phone: `1387100${String(1000 + seq).slice(-4)}`,
      email: `demo${seq}@example.cn`,
      passwordHash: demoHash,
    });
    const a = await insertAdmin(db, { orgId: province.id, userId: u.id, departmentId: provinceDeps[0]!.id });
    await db.insert(adminRoles).values({ adminId: a.id, roleId: role!.id });
    accounts.push({
      role: '审计管理员（省人社厅）',
      loginType: 'hr',
      orgName: province.name,
      name: '吴静怡',
      account: idNumber,
      password: opts.password,
    });
  }
  await demoAdmin(wuhan, '市州人社局管理员（武汉市）', 'hr', '李文华');
  await demoAdmin(jiangan, '县区人社局管理员（江岸区）', 'hr', '陈思远');
  await demoAdmin(yichang, '市州人社局管理员（宜昌市）', 'hr', '刘海涛');

  // Authorities, employers and bases.
  const eduJa = await insertOrg(db, { type: 'authority', name: '武汉市江岸区教育局', parentId: jiangan.id, divisionCode: '420102' });
  const healthJa = await insertOrg(db, { type: 'authority', name: '武汉市江岸区卫生健康局', parentId: jiangan.id, divisionCode: '420102' });
  const eduXl = await insertOrg(db, { type: 'authority', name: '宜昌市西陵区教育局', parentId: xiling.id, divisionCode: '420502' });
  await demoAdmin(eduJa, '主管部门管理员', 'authority', '黄立新');
  const employerDefs: [string, { id: number; path: string }, string, string[]][] = [
    ['武汉市江岸区育才中学', eduJa, '420102', ['ZXXJ']],
    ['武汉市江岸区实验小学', eduJa, '420102', ['ZXXJ']],
    ['武汉市江岸区人民医院', healthJa, '420102', ['WSJS']],
    ['武汉长江勘察设计有限公司', jiangan, '420102', ['GCJS', 'KJ', 'JJ']],
    ['武汉光谷软件技术有限公司', hongshan, '420111', ['GCJS', 'KJ']],
    ['武汉市洪山区农业技术推广中心', hongshan, '420111', ['NYJS']],
    ['宜昌市西陵区第一中学', eduXl, '420502', ['ZXXJ']],
    ['宜昌三峡水利建设有限公司', xiling, '420502', ['GCJS', 'JJ', 'TJ']],
  ];
  const employers: { id: number; name: string; divisionCode: string; series: string[]; deptIds: number[] }[] = [];
  for (const [name, parent, division, series] of employerDefs) {
    const o = await insertOrg(db, { type: 'employer', name, parentId: parent.id, divisionCode: division });
    const deps =
      name === '武汉市江岸区育才中学'
        ? await demoAdmin(o, '用人单位管理员', 'employer', '王晓燕')
        : await insertDepartments(db, o.id, ['办公室', '人事科', '业务科']);
    employers.push({ id: o.id, name, divisionCode: division, series, deptIds: deps.map((d) => d.id) });
  }
  const base = await insertOrg(db, { type: 'base', name: '武汉城市职业学院继续教育基地', parentId: wuhan.id, divisionCode: '420100' });
  await demoAdmin(base, '继续教育基地管理员', 'base', '赵明辉');
  await insertOrg(db, { type: 'base', name: '三峡大学专业技术人员继续教育基地', parentId: yichang.id, divisionCode: '420500' });

  // Personnel: the first one is the demo 专业技术人员 account.
  const total = opts.personnelCount ?? 3000;
  const levels: TitleLevel[] = ['senior', 'viceSenior', 'intermediate', 'intermediate', 'assistant', 'assistant', 'junior'];
  const educations = ['doctor', 'master', 'bachelor', 'bachelor', 'bachelor', 'college'];
  const school = employers[0]!;
  const demoPerson = makeIdNumber('420102', '19900612', 201);
  const u0 = await insertUser(db, pii, {
    idNumber: demoPerson,
    name: '张雨萱',
    phone: '13971230001',
    email: 'zhangyx@example.cn',
    passwordHash: demoHash,
  });
  await insertPersonnel(db, {
    userId: u0.id,
    orgId: school.id,
    departmentId: school.deptIds[2],
    titleSeries: 'ZXXJ',
    titleLevel: 'intermediate',
    education: 'master',
  });
  accounts.push({ role: '专业技术人员', loginType: 'personnel', orgName: school.name, name: '张雨萱', account: demoPerson, password: opts.password });

  const BATCH = 500;
  for (let start = 1; start < total; start += BATCH) {
    const rows: (typeof users.$inferInsert)[] = [];
    const meta: { emp: (typeof employers)[number]; series: string; level: TitleLevel; education: string }[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const emp = employers[i % employers.length]!;
      const series = pick(emp.series);
      const def = TITLE_SERIES.find((s) => s.code === series)!;
      let level = pick(levels);
      if (!def.levels.includes(level)) level = 'assistant';
      const y = 1962 + Math.floor(rnd() * 38),
        m = 1 + Math.floor(rnd() * 12),
        d = 1 + Math.floor(rnd() * 28);
      const idNumber = makeIdNumber(
        emp.divisionCode === '420100' ? '420102' : emp.divisionCode,
        `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`,
        i,
      );
      const name = pick([...SURNAMES]) + pick([...GIVEN]) + (rnd() < 0.6 ? pick([...GIVEN]) : '');
      rows.push(
        userValues(pii, {
          idNumber,
          name,
          phone: `13${5 + Math.floor(rnd() * 5)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
          passwordHash: null,
        }),
      );
      meta.push({ emp, series, level, education: pick(educations) });
    }
    const inserted = await db.insert(users).values(rows).onConflictDoNothing().returning({ id: users.id, hash: users.idNumberHash });
    const byHash = new Map(inserted.map((r) => [r.hash, r.id]));
    const prow = rows.flatMap((r, k) => {
      const id = byHash.get(r.idNumberHash);
      if (!id) return [];
      const m = meta[k]!;
      return [
        {
          userId: id,
          orgId: m.emp.id,
          departmentId: pick(m.emp.deptIds) as number,
          titleSeries: m.series,
          titleLevel: m.level,
          education: m.education,
        },
      ];
    });
    if (prow.length) await db.insert(personnel).values(prow);
  }
  // Waiting work for the review queues: pending registrations and a pending title change.
  const pendingEmp = await insertOrg(db, {
    type: 'employer',
    name: '武汉江岸新建设计院有限公司',
    parentId: jiangan.id,
    divisionCode: '420102',
    status: 'pending',
  });
  const pendingBase = await insertOrg(db, {
    type: 'base',
    name: '武汉科技职业学院继续教育中心',
    parentId: wuhan.id,
    divisionCode: '420100',
    status: 'pending',
  });
  for (const [org, name] of [
    [pendingEmp, '何建平'],
    [pendingBase, '罗晓梅'],
  ] as const) {
    const deps = await insertDepartments(db, org.id, ['办公室']);
    const u = await insertUser(db, pii, {
      idNumber: makeIdNumber('420102', '19880808', 300 + seq++),
      name,
      passwordHash: null,
      phone: '13607180000',
    });
    await insertAdmin(db, { orgId: org.id, userId: u.id, isSuper: true, departmentId: deps[0]!.id });
  }
  for (const name of ['邓佳琪', '彭浩然']) {
    const u = await insertUser(db, pii, {
      idNumber: makeIdNumber('420102', '19950315', 400 + seq++),
      name,
      passwordHash: null,
      phone: '13707180000',
    });
    await db.insert(personnel).values({
      userId: u.id,
      orgId: school.id,
      departmentId: school.deptIds[2],
      titleSeries: 'ZXXJ',
      titleLevel: 'assistant',
      education: 'bachelor',
      status: 'pending',
    });
  }
  const [teacher] = await db.select().from(personnel).where(eq(personnel.userId, u0.id));
  await db.insert(changeRequests).values({
    kind: 'title',
    orgId: school.id,
    personnelId: teacher!.id,
    reviewerOrgId: school.id,
    createdBy: u0.id,
    before: { titleSeries: 'ZXXJ', titleLevel: 'intermediate', titleName: '一级教师', titleDate: '2018-09-01' },
    after: { titleSeries: 'ZXXJ', titleLevel: 'viceSenior', titleName: '高级教师', titleDate: '2025-09-01' },
  });
  await db.update(personnel).set({ titleName: '一级教师', titleDate: '2018-09-01' }).where(eq(personnel.id, teacher!.id));
  // Classes and approved hours for last year and this year (the demo teacher's year stays empty: the journeys assert it).
  const [reviewer] = await db.select({ userId: admins.userId }).from(admins).where(eq(admins.orgId, province.id));
  await seedDemoHours(db, { reviewerUserId: reviewer!.userId, exclude: [teacher!.id], noPendingUnder: wuhan.path, rnd });
  // 培训报名: classes starting in the coming weeks (one nearly full)
  await seedDemoEnrolment(db, { reviewerUserId: reviewer!.userId, exclude: [teacher!.id] });
  // 通知公告: the province's and 武汉市's, on the home page and the dashboards
  await seedDemoAnnouncements(db);
  await analyze(db); // planner statistics for the bulk of rows just inserted
  return accounts;
}
