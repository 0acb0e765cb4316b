/**
 * Demo 通知公告 / 政策文件 for a fresh installation: a few published ones of the province (全省) and of 武汉市 (its
 * jurisdiction only), one of them pinned, and a 武汉市 draft — so the home page, every dashboard and 通知公告管理 show
 * them on `npm start`. Dates are days before now, so the list's order (pinned, newest first) is visible.
 */
import { and, eq } from 'drizzle-orm';
import { beijingYear, type AnnouncementKind, type AnnouncementStatus } from '@hbzsgx/domain';
import type { Db } from '../client.js';
import { admins, announcements, organizations } from '../schema.js';

interface DemoAnnouncement {
  org: 'province' | 'wuhan';
  kind: AnnouncementKind;
  title: string;
  body: string;
  daysAgo: number;
  pinned?: boolean;
  status?: AnnouncementStatus;
}

const year = beijingYear();
const DEMO: DemoAnnouncement[] = [
  {
    org: 'province',
    kind: 'notice',
    pinned: true,
    daysAgo: 20,
    title: `关于做好${year}年度全省专业技术人员继续教育工作的通知`,
    body: `各市、州、直管市、神农架林区人力资源和社会保障局，省直各有关单位：

为深入实施专业技术人才知识更新工程，根据《专业技术人员继续教育规定》（人力资源社会保障部令第25号），现就做好${year}年度全省专业技术人员继续教育工作通知如下：

一、专业技术人员每年参加继续教育的时间累计不少于90学时，其中专业科目一般不少于总学时的三分之二。
二、各用人单位应督促本单位专业技术人员按时参加继续教育，并通过本平台及时登记、申报学时。
三、各级人社部门要加强对继续教育基地的指导和监督，严格学时审核与审验。
四、本年度学时登记截止时间为${year}年12月31日，逾期不予补录。

湖北省人力资源和社会保障厅
${year}年3月1日`,
  },
  {
    org: 'province',
    kind: 'policy',
    pinned: true,
    daysAgo: 40,
    title: '湖北省专业技术人员继续教育学时认定办法',
    body: `第一条 为规范全省专业技术人员继续教育学时认定工作，根据《专业技术人员继续教育规定》，制定本办法。

第二条 专业技术人员参加继续教育的学时，按照以下方式认定：
（一）参加继续教育基地举办的培训班，按实际培训学时认定；
（二）参加单位组织的培训，经单位审核、人社部门审核后认定；
（三）个人参加学术会议、发表论文等，凭证明材料申报，经审核后认定。

第三条 学时认定标准由省人力资源和社会保障厅按年度设定，并在本平台公布。

第四条 本办法自发布之日起施行。`,
  },
  {
    org: 'province',
    kind: 'notice',
    daysAgo: 6,
    title: `关于开展${year}年度专业技术人员公需科目网络培训的通知`,
    body: `各有关单位：

${year}年度专业技术人员公需科目网络培训已在本平台开通，培训内容包括习近平新时代中国特色社会主义思想、数字经济与创新驱动、专业技术人员职业道德等。

请各单位组织本单位专业技术人员按时参加，培训合格后学时自动登记。`,
  },
  {
    org: 'province',
    kind: 'policy',
    daysAgo: 12,
    title: '《专业技术人员继续教育规定》政策解读',
    body: `一、继续教育的对象是谁？
国家机关、企业、事业单位以及社会团体等组织的专业技术人员。

二、每年要参加多少学时？
每年累计不少于90学时，其中专业科目一般不少于总学时的三分之二。

三、学时可以结转吗？
当年度的学时不结转至下一年度。`,
  },
  {
    org: 'wuhan',
    kind: 'notice',
    daysAgo: 3,
    title: `武汉市${year}年度专业技术人员继续教育学时审验工作安排`,
    body: `各区人力资源局，市直各有关单位：

${year}年度学时审验工作将于11月启动，请各单位于10月31日前完成本单位专业技术人员学时的审核，逾期未审核的申报将不纳入本年度审验。

联系电话：027-12345678

武汉市人力资源和社会保障局`,
  },
  {
    org: 'wuhan',
    kind: 'policy',
    daysAgo: 15,
    title: '武汉市关于专业技术人员继续教育学时登记有关问题的说明',
    body: `一、在外省参加的继续教育，可凭培训证明以个人申报方式登记。
二、单位内部培训须先在平台申报单位培训计划，经审核通过后方可登记学时。
三、对学时登记有疑问的，请咨询所在区人力资源局。`,
  },
  {
    org: 'wuhan',
    kind: 'notice',
    status: 'draft',
    daysAgo: 1,
    title: `关于举办武汉市${year}年度高级研修班的通知（草稿）`,
    body: '研修班安排待定。',
  },
];

async function publisher(db: Db, division: string) {
  const [row] = await db
    .select({ id: organizations.id, cityHrId: organizations.cityHrId, userId: admins.userId })
    .from(organizations)
    .innerJoin(admins, and(eq(admins.orgId, organizations.id), eq(admins.isSuper, true)))
    .where(and(eq(organizations.type, 'hr'), eq(organizations.divisionCode, division)))
    .limit(1);
  if (!row) throw new Error(`demo announcements: no HR admin for ${division}`);
  return row;
}

export async function seedDemoAnnouncements(db: Db, now = new Date()): Promise<void> {
  const orgs = { province: await publisher(db, '420000'), wuhan: await publisher(db, '420100') };
  await db.insert(announcements).values(
    DEMO.map((a) => {
      const org = orgs[a.org];
      const at = new Date(now.getTime() - a.daysAgo * 86_400_000);
      const status = a.status ?? 'published';
      return {
        kind: a.kind,
        title: a.title,
        body: a.body,
        pinned: a.pinned ?? false,
        publisherOrgId: org.id,
        cityHrId: org.cityHrId,
        status,
        publishedAt: status === 'published' ? at : null,
        createdBy: org.userId,
        createdAt: at,
        updatedAt: at,
      };
    }),
  );
}
