/**
 * Printing: check who may print whom, issue (or reuse) in one transaction, then render after commit.
 * HR ('cert.print') prints people whose organisation is in its subtree (else 404); a person prints only themself.
 * `baseUrl` is where the QR codes point (the route knows it: PUBLIC_URL, else the address the request came to).
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { completion, beijingYear } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import { certificates, hourPolicies, organizations, personnel, personYearTotals } from '../../db/schema.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../errors.js';
import { loadOrgInScope, orgScope } from '../../lib/scope.js';
import type { Actor } from '../../plugins/access.js';
import { issueCertificates, type IssuedCertificate } from './issue.js';
import { renderCertificates, renderMultiYear } from './pdf.js';
import { issueMultiYear, multiYearOptions } from './multi-year.js';
import { BATCH_CAP, unitPeople } from './search.js';
import { VALIDITY_NAMES, validityOf } from './verify.js';
import { readSnapshot } from './content.js';

async function render(certs: IssuedCertificate[], baseUrl: string, includeClaims: boolean) {
  return renderCertificates(
    certs.map((c) => ({ code: c.code, issuedAt: c.issuedAt, content: c.content })),
    { baseUrl, includeClaims },
  );
}

/** Issues (or reuses) one person's certificate for the year, in its own transaction. */
async function issueOne(ctx: ServiceContext, personnelId: number, year: number): Promise<IssuedCertificate> {
  const [cert] = await ctx.db.transaction((tx) => issueCertificates(tx, ctx, [personnelId], year));
  if (!cert) throw new NotFoundError('专业技术人员', 'personnelId');
  return cert;
}

/** HR prints for a person only when the person is active and in the actor's jurisdiction (else 404). */
async function checkInScope(ctx: ServiceContext, personnelId: number) {
  const [p] = await ctx.db
    .select({ id: personnel.id })
    .from(personnel)
    .innerJoin(organizations, eq(organizations.id, personnel.orgId))
    .where(and(eq(personnel.id, personnelId), eq(personnel.status, 'active'), orgScope(ctx.actor)));
  if (!p) throw new NotFoundError('专业技术人员', 'personnelId');
}

/** One person's PDF, printed by HR. */
export async function printForPerson(ctx: ServiceContext, body: { personnelId: number; year: number; includeClaims: boolean }, baseUrl: string) {
  await checkInScope(ctx, body.personnelId);
  const cert = await issueOne(ctx, body.personnelId, body.year);
  return { cert, pdf: await render([cert], baseUrl, body.includeClaims) };
}

/** A person's own PDF. */
export async function printOwn(ctx: ServiceContext, body: { year: number; includeClaims: boolean }, baseUrl: string) {
  const cert = await issueOne(ctx, ownPersonnelId(ctx.actor), body.year);
  return { cert, pdf: await render([cert], baseUrl, body.includeClaims) };
}

/**
 * 批量打印: all active personnel of one organisation in the jurisdiction, one page each, in one PDF. Above BATCH_CAP
 * people the unit is printed in parts (第 k 批 = the k-th BATCH_CAP people by id), chosen explicitly.
 */
export async function printBatch(ctx: ServiceContext, body: { orgId: number; year: number; part?: number; includeClaims: boolean }, baseUrl: string) {
  const { db } = ctx;
  const org = await loadOrgInScope(db, ctx.actor, body.orgId);
  const ids = await unitPeople(db, org.id);
  if (!ids.length) throw new BadRequestError(`所在单位：${org.name}没有在职的专业技术人员`, { field: 'orgId' });
  const parts = Math.ceil(ids.length / BATCH_CAP);
  if (parts > 1 && !body.part) {
    throw new BadRequestError(
      `批次：${org.name}共有 ${ids.length} 名专业技术人员，超过单次批量打印上限 ${BATCH_CAP} 人，请分 ${parts} 批打印（选择第 1—${parts} 批）`,
      { field: 'part' },
    );
  }
  const part = body.part ?? 1;
  if (part > parts) throw new BadRequestError(`批次：${org.name}只有 ${parts} 批（每批最多 ${BATCH_CAP} 人）`, { field: 'part' });
  const slice = ids.slice((part - 1) * BATCH_CAP, part * BATCH_CAP);
  const certs = await db.transaction((tx) => issueCertificates(tx, ctx, slice, body.year, { orgId: org.id }));
  const pdf = await render(certs, baseUrl, body.includeClaims);
  return { org, part, parts, certs, pdf };
}

type Range = { fromYear: number; toYear: number };
async function printMultiYear(ctx: ServiceContext, personnelId: number, r: Range, baseUrl: string) {
  const cert = await issueMultiYear(ctx, personnelId, r.fromYear, r.toYear);
  return { cert, pdf: await renderMultiYear({ code: cert.code, issuedAt: cert.issuedAt, content: cert.content }, { baseUrl }) };
}

/** 多年度学时证明 of a person in the actor's jurisdiction: the years to choose from, and the PDF. */
export async function multiYearOptionsFor(ctx: ServiceContext, personnelId: number) {
  await checkInScope(ctx, personnelId);
  return multiYearOptions(ctx.db, personnelId);
}
export async function printMultiYearFor(ctx: ServiceContext, body: Range & { personnelId: number }, baseUrl: string) {
  await checkInScope(ctx, body.personnelId);
  return printMultiYear(ctx, body.personnelId, body, baseUrl);
}

/** One's own 多年度学时证明. */
export const myMultiYearOptions = (ctx: ServiceContext) => multiYearOptions(ctx.db, ownPersonnelId(ctx.actor));
export const printMultiYearOwn = (ctx: ServiceContext, body: Range, baseUrl: string) => printMultiYear(ctx, ownPersonnelId(ctx.actor), body, baseUrl);

function ownPersonnelId(actor: Actor): number {
  if (!actor.personnelId) throw new ForbiddenError('只有专业技术人员可以下载本人的学时证明');
  return actor.personnelId;
}

/** 我的电子证书: every year that has a requirement (and is not in the future), with hours, completion and the live certificate. */
export async function myCertificates(ctx: ServiceContext) {
  const { db } = ctx;
  const personnelId = ownPersonnelId(ctx.actor);
  const thisYear = beijingYear();
  const policies = (await db.select().from(hourPolicies).orderBy(desc(hourPolicies.year))).filter((p) => p.year <= thisYear);
  const totals = await db.select().from(personYearTotals).where(eq(personYearTotals.personnelId, personnelId));
  const live = await db
    .select()
    .from(certificates)
    .where(
      and(
        eq(certificates.personnelId, personnelId),
        isNull(certificates.revokedAt),
        inArray(certificates.year, policies.length ? policies.map((p) => p.year) : [0]),
      ),
    );
  return {
    items: policies.map((p) => {
      const t = totals.find((x) => x.year === p.year);
      const c = completion({ publicHours: t?.publicHours ?? 0, professionalHours: t?.professionalHours ?? 0 }, p);
      const cert = live.find((x) => x.year === p.year);
      const validity = cert ? validityOf({ revokedAt: null, snapshot: readSnapshot(cert) }, c) : null;
      return {
        year: p.year,
        publicHours: c.publicHours,
        professionalHours: c.professionalHours,
        totalHours: c.totalHours,
        completed: c.completed,
        completionName: c.completed ? '已完成' : '未完成',
        policy: { totalRequired: p.totalRequired, publicMin: p.publicMin, professionalMin: p.professionalMin },
        certificate: cert && validity ? { code: cert.code, issuedAt: cert.issuedAt, validity, validityName: VALIDITY_NAMES[validity] } : null,
      };
    }),
  };
}
