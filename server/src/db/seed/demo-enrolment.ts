/**
 * Demo 培训报名: a few approved classes of each demo base that start in the coming weeks, open for enrolment, and one
 * nearly full (its seats taken by real enrolments of people the base serves, so enrolled_count = its live rows).
 * The demo teacher (`exclude`) is enrolled in none: the journeys enrol her themselves.
 */
import { and, eq, notInArray } from 'drizzle-orm';
import { beijingDate } from '@hbzsgx/domain';
import type { Db } from '../client.js';
import { classEnrolments, organizations, personnel, trainingClasses } from '../schema.js';
import { underPath } from '../../lib/scope.js';

const CLASSES = [
  {
    name: '专业技术人员公需科目：人工智能与数字素养',
    subjectType: 'public',
    learningForm: 'faceToFace',
    hours: 12,
    days: 9,
    capacity: 120,
    series: [],
  },
  {
    name: '中小学教师教学能力提升专题研修班',
    subjectType: 'professional',
    learningForm: 'faceToFace',
    hours: 24,
    days: 14,
    capacity: 60,
    series: ['ZXXJ', 'ZZJS'],
  },
  { name: '专业技术人员创新方法与成果转化培训', subjectType: 'professional', learningForm: 'blended', hours: 16, days: 21, capacity: 80, series: [] },
  {
    name: '专业技术人员职业道德与法治专题讲座',
    subjectType: 'public',
    learningForm: 'faceToFace',
    hours: 6,
    days: 12,
    capacity: 3,
    series: [],
    nearlyFull: true,
  },
] as const;

export async function seedDemoEnrolment(db: Db, opts: { reviewerUserId: number; exclude: number[]; now?: Date }) {
  const now = opts.now ?? new Date();
  const at = (days: number) => beijingDate(new Date(now.getTime() + days * 86_400_000));
  const bases = await db
    .select({ id: organizations.id, parentId: organizations.parentId })
    .from(organizations)
    .where(and(eq(organizations.type, 'base'), eq(organizations.status, 'active')));
  let n = 0;
  for (const base of bases) {
    const [hr] = await db.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, base.parentId!));
    for (const c of CLASSES) {
      const startDate = at(c.days);
      const endDate = at(c.days + Math.max(0, Math.ceil(c.hours / 8) - 1));
      const [row] = await db
        .insert(trainingClasses)
        .values({
          baseOrgId: base.id,
          year: Number(startDate.slice(0, 4)),
          name: c.name,
          subjectType: c.subjectType,
          learningForm: c.learningForm,
          hours: c.hours,
          startDate,
          endDate,
          place: c.learningForm === 'blended' ? '继续教育基地教学楼（线上线下结合）' : '继续教育基地教学楼',
          capacity: c.capacity,
          targetSeries: [...c.series],
          status: 'approved',
          reviewedBy: opts.reviewerUserId,
          reviewedAt: now,
          createdBy: opts.reviewerUserId,
        })
        .returning({ id: trainingClasses.id });
      n++;
      if (!('nearlyFull' in c)) continue;
      // capacity − 1 seats taken by people of the base's HR subtree
      const takers = await db
        .select({ id: personnel.id })
        .from(personnel)
        .innerJoin(organizations, eq(organizations.id, personnel.orgId))
        .where(
          and(
            eq(personnel.status, 'active'),
            underPath(organizations.path, hr!.path),
            opts.exclude.length ? notInArray(personnel.id, opts.exclude) : undefined,
          ),
        )
        .orderBy(personnel.id)
        .limit(c.capacity - 1);
      if (!takers.length) continue;
      await db.insert(classEnrolments).values(takers.map((t) => ({ classId: row!.id, personnelId: t.id })));
      await db.update(trainingClasses).set({ enrolledCount: takers.length }).where(eq(trainingClasses.id, row!.id));
    }
  }
  return { classes: n };
}
