/**
 * Demo hours: approved training classes of the demo bases for last year and this year, and their learners' claims
 * for most demo personnel, so that 我的学时, the review lists and 查询统计 show real figures — some people complete,
 * some short of 公需 or 专业 hours, some without any. Claims are inserted as 待审核 and then moved through the
 * ledger (transitionClaims), so person_year_totals are built by the same code as in production.
 * Each person is served by the base of their city (the base whose HR department's subtree holds their unit).
 */
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { beijingDate, beijingDayStart, beijingYear, fromBeijing, type LearningForm, type SubjectType } from '@hbzsgx/domain';
import type { Db } from '../client.js';
import { claims, organizations, personnel, trainingClasses } from '../schema.js';
import { transitionClaims } from '../../modules/ledger/service.js';

interface ClassDef {
  name: string;
  subjectType: SubjectType;
  learningForm: LearningForm;
  hours: number;
  series: string[];
}

const PUBLIC: ClassDef[] = [
  { name: '专业技术人员公需科目：数字经济与数字化转型', subjectType: 'public', learningForm: 'online', hours: 18, series: [] },
  { name: '专业技术人员公需科目：法治素养与职业道德', subjectType: 'public', learningForm: 'faceToFace', hours: 12, series: [] },
];
/** Two professional classes per family of title series (36 + 24 = 60 学时, the usual 专业 minimum). */
const PROFESSIONAL: { series: string[]; classes: [string, LearningForm, string, LearningForm] }[] = [
  {
    series: ['ZXXJ', 'ZZJS', 'GDJS', 'JGYX'],
    classes: ['中小学教师课堂教学能力提升研修班', 'faceToFace', '教师信息技术应用能力提升网络研修', 'online'],
  },
  { series: ['WSJS'], classes: ['卫生技术人员临床诊疗新进展培训班', 'faceToFace', '医疗质量与患者安全专题网络培训', 'online'] },
  { series: ['GCJS'], classes: ['工程技术人员BIM与智能建造专题培训', 'blended', '工程项目管理实务网络课程', 'online'] },
  { series: ['KJ', 'JJ', 'TJ', 'SJ'], classes: ['财会经济人员政策法规与实务更新培训', 'faceToFace', '数字化财务与管理会计网络课程', 'online'] },
  { series: ['NYJS'], classes: ['现代农业技术推广与应用培训班', 'faceToFace', '农产品质量安全专题网络培训', 'online'] },
  { series: [], classes: ['专业技术人员创新能力提升研修班', 'faceToFace', '专业前沿与学术规范网络课程', 'online'] },
];

type Profile = 'none' | 'complete' | 'publicShort' | 'professionalShort';
/** Last year is mostly done; this year is still under way. */
function profile(r: number, current: boolean): Profile {
  const [none, complete, publicShort] = current ? [0.15, 0.5, 0.72] : [0.08, 0.72, 0.84];
  return r < none ? 'none' : r < complete ? 'complete' : r < publicShort ? 'publicShort' : 'professionalShort';
}

const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * reviewerUserId: who declared and decided (the province admin); exclude: personnel left without hours (the demo
 * teacher, whose year the journeys assert); noPendingUnder: an organisation path under which no claims are left
 * waiting (the journeys expect 武汉's review queues to hold only their own).
 */
export async function seedDemoHours(db: Db, opts: { reviewerUserId: number; exclude: number[]; noPendingUnder: string; rnd: () => number }) {
  const { rnd } = opts;
  const now = new Date();
  const thisYear = beijingYear(now);
  const years = [thisYear - 1, thisYear];
  const bases = await db
    .select({ id: organizations.id, path: organizations.path })
    .from(organizations)
    .where(and(eq(organizations.type, 'base'), eq(organizations.status, 'active')));
  if (!bases.length) return { classes: 0, claims: 0 };

  // ---- classes: every base, both years, the public classes and each series family's two professional ones
  type Cls = { id: number; baseOrgId: number; year: number; def: ClassDef; endDate: string };
  const defs: ClassDef[] = [
    ...PUBLIC,
    ...PROFESSIONAL.flatMap((f) => [
      { name: f.classes[0], subjectType: 'professional' as const, learningForm: f.classes[1], hours: 36, series: f.series },
      { name: f.classes[2], subjectType: 'professional' as const, learningForm: f.classes[3], hours: 24, series: f.series },
    ]),
  ];
  const classRows: (typeof trainingClasses.$inferInsert)[] = [];
  const meta: Omit<Cls, 'id'>[] = [];
  for (const base of bases) {
    for (const year of years) {
      // this year's classes lie in the months already past, so their hours can have been approved
      const months = year === thisYear ? Math.max(1, Number(beijingDate(now).slice(5, 7)) - 1) : 11;
      defs.forEach((def, k) => {
        const start = `${year}-${pad(1 + ((k * 3 + base.id) % months))}-${pad(5 + (k % 4) * 5)}`;
        const endDate = def.learningForm === 'online' ? addDays(start, 27) : addDays(start, Math.ceil(def.hours / 8) - 1);
        classRows.push({
          baseOrgId: base.id,
          year,
          name: `${year}年${def.name}`,
          subjectType: def.subjectType,
          learningForm: def.learningForm,
          hours: def.hours,
          startDate: start,
          endDate,
          place: def.learningForm === 'online' ? '网络学习平台' : '继续教育基地教学楼',
          capacity: 200,
          targetSeries: def.series,
          status: 'approved',
          reviewedBy: opts.reviewerUserId,
          reviewedAt: beijingDayStart(start),
          createdBy: opts.reviewerUserId,
        });
        meta.push({ baseOrgId: base.id, year, def, endDate });
      });
    }
  }
  const inserted = await db.insert(trainingClasses).values(classRows).returning({ id: trainingClasses.id });
  const classes: Cls[] = inserted.map((r, i) => ({ id: r.id, ...meta[i]! }));
  const classOf = (baseId: number, year: number, name: string) =>
    classes.find((c) => c.baseOrgId === baseId && c.year === year && c.def.name === name)!;

  // ---- learners: active personnel, each served by the base of the HR department whose subtree holds their unit
  const people = await db
    .select({ id: personnel.id, series: personnel.titleSeries, path: organizations.path })
    .from(personnel)
    .innerJoin(organizations, eq(organizations.id, personnel.orgId))
    .where(and(eq(personnel.status, 'active'), opts.exclude.length ? notInArray(personnel.id, opts.exclude) : undefined))
    .orderBy(personnel.id);
  const baseScope = bases.map((b) => ({ id: b.id, scope: b.path.replace(/\d+\/$/, '') })).sort((a, b) => b.scope.length - a.scope.length);
  const baseFor = (path: string) => (baseScope.find((b) => path.startsWith(b.scope)) ?? baseScope[baseScope.length - 1]!).id;

  const rows: NewClaim[] = [];
  const claim = (personnelId: number, c: Cls, to: NewClaim['to']): NewClaim => ({
    personnelId,
    year: c.year,
    declaringOrgId: c.baseOrgId,
    classId: c.id,
    title: `${c.year}年${c.def.name}`,
    subjectType: c.def.subjectType,
    learningForm: c.def.learningForm,
    hours: c.def.hours,
    score: to === 'rejected' ? String(40 + Math.floor(rnd() * 19)) : String(70 + Math.floor(rnd() * 29)),
    qualified: to !== 'rejected',
    createdAt: fromBeijing(`${addDays(c.endDate, 3)} 10:00`).toISOString(),
    to,
  });
  for (const p of people) {
    const baseId = baseFor(p.path);
    const family = PROFESSIONAL.find((f) => p.series && f.series.includes(p.series)) ?? PROFESSIONAL[PROFESSIONAL.length - 1]!;
    for (const year of years) {
      const prof = profile(rnd(), year === thisYear);
      if (prof === 'none') continue;
      const pub = prof === 'publicShort' ? [PUBLIC[0]!] : PUBLIC;
      const pro = prof === 'professionalShort' ? [family.classes[0]] : [family.classes[0], family.classes[2]];
      for (const d of pub) rows.push(claim(p.id, classOf(baseId, year, d.name), 'approved'));
      for (const n of pro) rows.push(claim(p.id, classOf(baseId, year, n), 'approved'));
      // what is missing has a story: a failed score (驳回, 成绩不合格), or — this year, outside 武汉 — a score waiting for review
      const missing =
        prof === 'publicShort'
          ? classOf(baseId, year, PUBLIC[1]!.name)
          : prof === 'professionalShort'
            ? classOf(baseId, year, family.classes[2])
            : null;
      const r = rnd();
      if (missing && r < 0.25) rows.push(claim(p.id, missing, 'rejected'));
      else if (missing && r < 0.6 && year === thisYear && !p.path.startsWith(opts.noPendingUnder)) rows.push(claim(p.id, missing, 'pending'));
    }
  }

  // ---- insert as 待审核, then decide through the ledger: the rejected first, then the approved, then those left waiting
  const demoClass = inArray(
    claims.classId,
    classes.map((c) => c.id),
  );
  for (const to of ['rejected', 'approved', 'pending'] as const) {
    await insertClaims(
      db,
      rows.filter((r) => r.to === to),
    );
    if (to === 'pending') break;
    const ids = (
      await db
        .select({ id: claims.id })
        .from(claims)
        .where(and(eq(claims.status, 'pending'), demoClass))
    ).map((r) => r.id);
    for (let i = 0; i < ids.length; i += 2000) {
      const batch = ids.slice(i, i + 2000);
      await db.transaction((tx) =>
        transitionClaims(tx, { ids: batch, to, actorUserId: opts.reviewerUserId, reason: to === 'rejected' ? '成绩不合格' : undefined }),
      );
    }
  }
  return { classes: classes.length, claims: rows.length };
}

interface NewClaim {
  personnelId: number;
  year: number;
  declaringOrgId: number;
  classId: number;
  title: string;
  subjectType: SubjectType;
  learningForm: LearningForm;
  hours: number;
  score: string;
  qualified: boolean;
  createdAt: string;
  to: 'approved' | 'rejected' | 'pending';
}

/**
 * Inserts 待审核 base claims (学员成绩 of a class) in chunks. One JSON parameter per chunk instead of a dozen per row:
 * PGlite parses parameters slowly, and this runs on every first start and in every journey's setup.
 * Nothing is read back from db.execute (its result shape differs by driver).
 */
async function insertClaims(db: Db, rows: NewClaim[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = JSON.stringify(rows.slice(i, i + 5000).map(({ to: _to, ...r }) => r));
    await db.execute(sql`
      insert into claims (personnel_id, year, source, declaring_org_id, class_id, title, subject_type, learning_form, hours, score, qualified, status, created_at)
      select "personnelId", year, 'base', "declaringOrgId", "classId", title, "subjectType", "learningForm", hours, score, qualified, 'pending', "createdAt"
      from jsonb_to_recordset(${chunk}::jsonb) as x("personnelId" int, year int, "declaringOrgId" int, "classId" int, title text, "subjectType" text,
        "learningForm" text, hours numeric, score text, qualified boolean, "createdAt" timestamptz)`);
  }
}
