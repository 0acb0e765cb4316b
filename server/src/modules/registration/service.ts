/**
 * Self-registration (注册) of organisations and personnel, and the registrant's own view of the review.
 * Review chain (also in docs/architecture.md): an organisation's registration is reviewed by the superior it chose
 * (its parent); a person's by the organisation they registered into; HR departments can also decide any pending
 * registration in their jurisdiction, so that an unresponsive unit never blocks a registrant.
 */
import { and, eq, ilike, inArray, like, ne } from 'drizzle-orm';
import {
  checkIdNumber,
  isCode,
  ORG_TYPE_CODES,
  ORG_TYPES,
  type OrgRegistrationBody,
  type PersonnelRegistrationBody,
  type HrLevel,
} from '@hbzsgx/domain';
import { userValues } from '../../lib/people.js';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { admins, departments, divisions, organizations, personnel, users } from '../../db/schema.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { hashPassword } from '../../lib/passwords.js';
import { escapeLike } from '../../lib/scope.js';
import { findUserByIdNumber } from '../auth/service.js';
import type { Actor } from '../../plugins/access.js';

/** A public route's context: whoever is signed in, or nobody. */
type PublicContext = ServiceContext<Actor | null>;

type Org = typeof organizations.$inferSelect;

/** Which superior an organisation type may choose; the HR level of a new HR department follows its parent. */
export function checkParent(type: OrgRegistrationBody['type'], parent: Org): { hrLevel: HrLevel | null } {
  const bad = (m: string) => new BadRequestError(`上级：${m}`, { field: 'parentId' });
  if (parent.status !== 'active') throw bad('所选上级部门尚未通过审核或已停用');
  switch (type) {
    case 'employer':
      if (parent.type !== 'hr' && parent.type !== 'authority') throw bad('用人单位的上级应为人社部门或主管部门');
      return { hrLevel: null };
    case 'authority':
    case 'base':
      if (parent.type !== 'hr') throw bad('上级应为人社部门');
      return { hrLevel: null };
    case 'hr':
      if (parent.type !== 'hr' || parent.hrLevel === 'county') throw bad('人社部门的上级应为省级或市州级人社部门');
      return { hrLevel: parent.hrLevel === 'province' ? 'city' : 'county' };
  }
}

/** The division must be the superior's or lie under it (an HR department's division is one level below). */
export async function checkDivision(db: Db, code: string, parent: Org, type: OrgRegistrationBody['type']) {
  const chain: string[] = [];
  for (let cur: string | null = code; cur;) {
    const [d] = await db.select().from(divisions).where(eq(divisions.code, cur));
    if (!d) break;
    chain.push(d.code);
    cur = d.parentCode;
  }
  const bad = () => new BadRequestError('所属地区：不在所选上级部门的辖区内', { field: 'divisionCode' });
  if (!chain.length) throw new BadRequestError('所属地区：行政区划不存在', { field: 'divisionCode' });
  if (type === 'hr') {
    if (chain[1] !== parent.divisionCode) throw bad();
  } else if (!chain.includes(parent.divisionCode)) throw bad();
}

/** 选择上级部门/所在单位: active organisations only, by types, name and division (at most 50). */
export async function pickerOrgs(ctx: PublicContext, q: { types?: string; keyword?: string; divisionCode?: string }) {
  const types = q.types ? q.types.split(',').filter((t) => isCode(ORG_TYPE_CODES, t)) : undefined;
  const prefix = q.divisionCode?.replace(/(00)+$/, '');
  const rows = await ctx.db
    .select({
      id: organizations.id,
      name: organizations.name,
      type: organizations.type,
      hrLevel: organizations.hrLevel,
      divisionCode: organizations.divisionCode,
      divisionName: divisions.name,
    })
    .from(organizations)
    .innerJoin(divisions, eq(divisions.code, organizations.divisionCode))
    .where(
      and(
        eq(organizations.status, 'active'),
        types ? inArray(organizations.type, types) : undefined,
        q.keyword ? ilike(organizations.name, `%${escapeLike(q.keyword)}%`) : undefined,
        prefix ? like(organizations.divisionCode, `${prefix}%`) : undefined,
      ),
    )
    .orderBy(organizations.divisionCode, organizations.id)
    .limit(50);
  return rows.map((r) => ({ ...r, typeName: ORG_TYPES[r.type] }));
}

/** The departments of an active organisation (none for any other). */
export async function publicDepartments(ctx: PublicContext, orgId: number) {
  const [o] = await ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, orgId), eq(organizations.status, 'active')));
  if (!o) return [];
  return ctx.db
    .select({ id: departments.id, name: departments.name, parentId: departments.parentId })
    .from(departments)
    .where(eq(departments.orgId, o.id));
}

async function assertNewIdNumber(ctx: PublicContext, idNumber: string, field: string) {
  if (await findUserByIdNumber(ctx, idNumber))
    throw new ConflictError('该证件号已注册，请直接登录；如忘记密码请联系所在单位管理员', 'DUPLICATE_ID_NUMBER', field);
}

async function assertNewCreditCode(db: Db, code: string, selfId?: number) {
  const [o] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.creditCode, code));
  if (o && o.id !== selfId) throw new ConflictError('该统一社会信用代码已注册', 'DUPLICATE_CREDIT_CODE', 'creditCode');
}

/** `field` is where the 证件号 sits in the request body ('admin.idNumber' for organisations, 'idNumber' for people). */
async function newUserValues(
  ctx: PublicContext,
  a: { idType: OrgRegistrationBody['admin']['idType']; idNumber: string; realName: string; phone: string; email: string; password: string },
  field: string,
) {
  const id = checkIdNumber(a.idType, a.idNumber);
  if (!id.ok) throw new BadRequestError(`证件号：${id.reason}`, { field });
  await assertNewIdNumber(ctx, id.value, field);
  return {
    idNumber: id.value,
    values: userValues(ctx.deps.pii, {
      idType: a.idType,
      idNumber: id.value,
      name: a.realName,
      phone: a.phone,
      email: a.email,
      passwordHash: await hashPassword(a.password),
      mustChangePassword: false, // they chose the password themselves
    }),
  };
}

export async function registerOrg(ctx: PublicContext, body: OrgRegistrationBody) {
  const { db } = ctx;
  const [parent] = await db.select().from(organizations).where(eq(organizations.id, body.parentId));
  if (!parent) throw new NotFoundError('上级部门', 'parentId');
  const { hrLevel } = checkParent(body.type, parent);
  await checkDivision(db, body.divisionCode, parent, body.type);
  await assertNewCreditCode(db, body.creditCode);
  const user = await newUserValues(ctx, body.admin, 'admin.idNumber');
  return db.transaction(async (tx) => {
    const o = (
      await tx
        .insert(organizations)
        .values({
          type: body.type,
          hrLevel,
          name: body.name,
          creditCode: body.creditCode,
          divisionCode: body.divisionCode,
          parentId: parent.id,
          path: 'pending',
          contactName: body.contactName,
          contactPhone: body.contactPhone,
          address: body.address,
          status: 'pending',
        })
        .returning()
    )[0]!;
    const path = `${parent.path}${o.id}/`;
    await tx.update(organizations).set({ path }).where(eq(organizations.id, o.id));
    const dept = (await tx.insert(departments).values({ orgId: o.id, name: '办公室' }).returning())[0]!;
    const u = (await tx.insert(users).values(user.values).returning())[0]!;
    await tx.insert(admins).values({ orgId: o.id, userId: u.id, isSuper: true, departmentId: dept.id });
    await ctx.audit(
      {
        action: 'registration.submit',
        targetType: 'organization',
        targetId: o.id,
        userId: u.id,
        name: u.name,
        orgId: o.id,
        orgPath: path,
        detail: { type: body.type, name: body.name, parentId: parent.id },
      },
      tx,
    );
    return { id: o.id, status: 'pending' as const };
  });
}

export async function registerPersonnel(ctx: PublicContext, body: PersonnelRegistrationBody) {
  const { db } = ctx;
  const [org] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, body.orgId), eq(organizations.status, 'active')));
  if (!org) throw new NotFoundError('所在单位', 'orgId');
  if (body.departmentId != null) {
    const [d] = await db
      .select()
      .from(departments)
      .where(and(eq(departments.id, body.departmentId), eq(departments.orgId, org.id)));
    if (!d) throw new NotFoundError('部门', 'departmentId');
  }
  const user = await newUserValues(ctx, body, 'idNumber');
  return db.transaction(async (tx) => {
    const u = (await tx.insert(users).values(user.values).returning())[0]!;
    const p = (
      await tx
        .insert(personnel)
        .values({
          userId: u.id,
          orgId: org.id,
          departmentId: body.departmentId,
          titleSeries: body.titleSeries,
          titleLevel: body.titleLevel,
          titleName: body.titleName || null,
          titleDate: body.titleDate || null,
          education: body.education,
          status: 'pending',
        })
        .returning()
    )[0]!;
    await ctx.audit(
      {
        action: 'registration.submit',
        targetType: 'personnel',
        targetId: p.id,
        userId: u.id,
        name: u.name,
        orgId: org.id,
        orgPath: org.path,
        detail: { orgId: org.id },
      },
      tx,
    );
    return { id: p.id, status: 'pending' as const };
  });
}

/** The registrant's own registration: status, the reason of a rejection, who reviews, what was submitted. */
export async function myRegistration(ctx: ServiceContext) {
  const { db, actor } = ctx;
  if (actor.kind === 'admin') {
    const [o] = await db.select().from(organizations).where(eq(organizations.id, actor.org.id));
    if (!o) throw new NotFoundError('机构');
    const [parent] = o.parentId ? await db.select().from(organizations).where(eq(organizations.id, o.parentId)) : [];
    const [division] = await db.select({ n: divisions.name }).from(divisions).where(eq(divisions.code, o.divisionCode));
    return {
      kind: 'org' as const,
      status: o.status,
      rejectReason: o.rejectReason,
      reviewerName: parent?.name ?? null,
      data: {
        type: o.type,
        name: o.name,
        creditCode: o.creditCode,
        divisionCode: o.divisionCode,
        parentId: o.parentId,
        divisionName: division?.n ?? null,
        parentName: parent?.name ?? null,
        contactName: o.contactName,
        contactPhone: o.contactPhone,
        address: o.address,
      },
    };
  }
  const row = await ownPersonnelRow(ctx);
  const [dept] = row.p.departmentId ? await db.select({ n: departments.name }).from(departments).where(eq(departments.id, row.p.departmentId)) : [];
  return {
    kind: 'personnel' as const,
    status: row.p.status,
    rejectReason: row.p.rejectReason,
    reviewerName: row.org.name,
    data: {
      realName: row.u.name,
      idNumberMasked: row.u.idNumberMasked,
      orgId: row.p.orgId,
      orgName: row.org.name,
      departmentId: row.p.departmentId,
      departmentName: dept?.n ?? null,
      titleSeries: row.p.titleSeries,
      titleLevel: row.p.titleLevel,
      titleName: row.p.titleName,
      titleDate: row.p.titleDate,
      education: row.p.education,
    },
  };
}

/** The signed-in person's personnel record with their account and organisation. */
async function ownPersonnelRow(ctx: ServiceContext) {
  const id = ctx.actor.personnelId;
  const [row] = id
    ? await ctx.db
        .select({ p: personnel, u: users, org: organizations })
        .from(personnel)
        .innerJoin(users, eq(users.id, personnel.userId))
        .innerJoin(organizations, eq(organizations.id, personnel.orgId))
        .where(eq(personnel.id, id))
    : [];
  if (!row) throw new NotFoundError('人员');
  return row;
}

/** 修改机构注册信息并重新提交: only the organisation's registrant (its super admin), only after a rejection. */
export async function resubmitOrg(ctx: ServiceContext, body: Omit<OrgRegistrationBody, 'admin' | 'type'>) {
  const { actor } = ctx;
  if (actor.kind !== 'admin' || !actor.isSuper) throw new BadRequestError('只有机构的注册人可以重新提交');
  return ctx.db.transaction(async (tx) => {
    const [o] = await tx.select().from(organizations).where(eq(organizations.id, actor.org.id)).for('update');
    if (!o || o.status !== 'rejected') throw new ConflictError('只有被驳回的注册可以修改后重新提交');
    const [parent] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.id, body.parentId), ne(organizations.id, o.id)));
    if (!parent) throw new NotFoundError('上级部门', 'parentId');
    const { hrLevel } = checkParent(o.type, parent);
    await checkDivision(tx, body.divisionCode, parent, o.type);
    await assertNewCreditCode(tx, body.creditCode, o.id);
    const path = `${parent.path}${o.id}/`;
    await tx
      .update(organizations)
      .set({
        ...body,
        hrLevel,
        path,
        status: 'pending',
        rejectReason: null,
        reviewedAt: null,
        reviewedBy: null,
        updatedAt: ctx.now(),
      })
      .where(eq(organizations.id, o.id));
    await ctx.audit({ action: 'registration.resubmit', targetType: 'organization', targetId: o.id, orgPath: path }, tx);
    return { status: 'pending' as const };
  });
}

/** 修改个人注册信息并重新提交: only a person, only after a rejection. */
export async function resubmitPersonnel(
  ctx: ServiceContext,
  body: {
    realName: string;
    orgId: number;
    departmentId: number | null;
    education: string;
    titleSeries: string;
    titleLevel: string;
    titleName: string;
    titleDate: string;
  },
) {
  const personnelId = ctx.actor.kind === 'personnel' ? ctx.actor.personnelId : null;
  if (!personnelId) throw new BadRequestError('只有专业技术人员可以使用此功能');
  return ctx.db.transaction(async (tx) => {
    const [p] = await tx.select().from(personnel).where(eq(personnel.id, personnelId)).for('update');
    if (!p || p.status !== 'rejected') throw new ConflictError('只有被驳回的注册可以修改后重新提交');
    const [org] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.id, body.orgId), eq(organizations.status, 'active')));
    if (!org) throw new NotFoundError('所在单位', 'orgId');
    if (body.departmentId != null) {
      const [d] = await tx
        .select()
        .from(departments)
        .where(and(eq(departments.id, body.departmentId), eq(departments.orgId, org.id)));
      if (!d) throw new NotFoundError('部门', 'departmentId');
    }
    await tx.update(users).set({ name: body.realName }).where(eq(users.id, p.userId));
    await tx
      .update(personnel)
      .set({
        orgId: org.id,
        departmentId: body.departmentId,
        education: body.education,
        titleSeries: body.titleSeries,
        titleLevel: body.titleLevel,
        titleName: body.titleName || null,
        titleDate: body.titleDate || null,
        status: 'pending',
        rejectReason: null,
        reviewedAt: null,
        reviewedBy: null,
      })
      .where(eq(personnel.id, p.id));
    await ctx.audit({ action: 'registration.resubmit', targetType: 'personnel', targetId: p.id, orgId: org.id, orgPath: org.path }, tx);
    return { status: 'pending' as const };
  });
}
