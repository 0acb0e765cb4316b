/**
 * 电子证书查询打印 (HR): the jurisdiction's active personnel with a year's hours, completion (the one rule) and their
 * live certificate; the units whose staff can be printed as a batch. Scope: the person's organisation in the HR
 * department's subtree (lib/scope.ts), in the query itself.
 */
import { and, asc, count, desc, eq, exists, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { completion, normalizeIdNumber, TITLE_LEVELS, TITLE_SERIES } from '@hbzsgx/domain';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { certificates, organizations, personnel, personYearTotals, users } from '../../db/schema.js';
import type { Pii } from '../../lib/pii.js';
import { escapeLike, orgScope } from '../../lib/scope.js';
import type { Actor } from '../../plugins/access.js';
import { certificatePolicy } from './content.js';
import { VALIDITY_NAMES, type Validity } from './verify.js';

/** At most this many people in one batch PDF (a 500-page PDF is ~25 s of a server core and a large download). */
export const BATCH_CAP = 500;

export interface PeopleFilters {
  year: number;
  name?: string;
  idNumber?: string;
  orgId?: number;
  orgName?: string;
  sort?: 'name' | 'orgName' | 'totalHours';
  order?: 'asc' | 'desc';
}

const LEVEL_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(TITLE_LEVELS));
const totalHours = sql<number>`coalesce(${personYearTotals.publicHours}, 0) + coalesce(${personYearTotals.professionalHours}, 0)`;

function where(actor: Actor, pii: Pii, f: PeopleFilters): SQL | undefined {
  return and(
    orgScope(actor),
    eq(personnel.status, 'active'),
    f.name ? ilike(users.name, `%${escapeLike(f.name)}%`) : undefined,
    // exact 证件号 through the blind index: the plain number is never stored nor compared
    f.idNumber ? eq(users.idNumberHash, pii.blindIndex(normalizeIdNumber(f.idNumber))) : undefined,
    f.orgId ? eq(organizations.id, f.orgId) : undefined,
    f.orgName ? ilike(organizations.name, `%${escapeLike(f.orgName)}%`) : undefined,
  );
}

export async function searchPeople(ctx: ServiceContext, f: PeopleFilters, page: { page: number; pageSize: number }) {
  const { db } = ctx;
  const policy = await certificatePolicy(db, f.year);
  const cond = where(ctx.actor, ctx.deps.pii, f);
  const [n] = await db
    .select({ n: count() })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .innerJoin(organizations, eq(organizations.id, personnel.orgId))
    .where(cond);
  const dir = f.order === 'desc' ? desc : asc;
  const order =
    f.sort === 'name'
      ? [dir(users.name), asc(personnel.id)]
      : f.sort === 'orgName'
        ? [dir(organizations.name), asc(personnel.id)]
        : f.sort === 'totalHours'
          ? [dir(totalHours), asc(personnel.id)]
          : [asc(personnel.id)];
  const rows = await db
    .select({
      personnelId: personnel.id,
      name: users.name,
      idNumberMasked: users.idNumberMasked,
      orgId: organizations.id,
      orgName: organizations.name,
      titleSeries: personnel.titleSeries,
      titleLevel: personnel.titleLevel,
      publicHours: personYearTotals.publicHours,
      professionalHours: personYearTotals.professionalHours,
      certificateId: certificates.id,
      code: certificates.code,
      issuedAt: certificates.issuedAt,
      printedPublic: sql<string | null>`${certificates.snapshot}->>'publicHours'`,
      printedProfessional: sql<string | null>`${certificates.snapshot}->>'professionalHours'`,
    })
    .from(personnel)
    .innerJoin(users, eq(users.id, personnel.userId))
    .innerJoin(organizations, eq(organizations.id, personnel.orgId))
    .leftJoin(personYearTotals, and(eq(personYearTotals.personnelId, personnel.id), eq(personYearTotals.year, f.year)))
    .leftJoin(certificates, and(eq(certificates.personnelId, personnel.id), eq(certificates.year, f.year), isNull(certificates.revokedAt)))
    .where(cond)
    .orderBy(...order)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return {
    total: n?.n ?? 0,
    policy,
    items: rows.map((r, i) => {
      const c = completion({ publicHours: r.publicHours ?? 0, professionalHours: r.professionalHours ?? 0 }, policy);
      const printed =
        r.certificateId != null && r.code != null && r.issuedAt != null ? { id: r.certificateId, code: r.code, issuedAt: r.issuedAt } : null;
      const validity: Validity =
        Number(r.printedPublic) === c.publicHours && Number(r.printedProfessional) === c.professionalHours ? 'valid' : 'changed';
      return {
        seq: (page.page - 1) * page.pageSize + i + 1,
        personnelId: r.personnelId,
        name: r.name,
        idNumberMasked: r.idNumberMasked,
        orgId: r.orgId,
        orgName: r.orgName,
        titleSeriesName: TITLE_SERIES.find((s) => s.code === r.titleSeries)?.name ?? '',
        titleLevelName: (r.titleLevel && LEVEL_NAMES.get(r.titleLevel)) || '',
        year: f.year,
        publicHours: c.publicHours,
        professionalHours: c.professionalHours,
        totalHours: c.totalHours,
        completed: c.completed,
        completionName: c.completed ? '已完成' : '未完成',
        certificate: printed && { ...printed, validity, validityName: VALIDITY_NAMES[validity] },
      };
    }),
  };
}

/** Organisations in the jurisdiction that have active personnel (for 批量打印), with their head count. */
export async function listUnits(ctx: ServiceContext, keyword?: string) {
  const { db, actor } = ctx;
  const activeHere = and(eq(personnel.orgId, organizations.id), eq(personnel.status, 'active'));
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type })
    .from(organizations)
    .where(
      and(
        orgScope(actor),
        eq(organizations.status, 'active'),
        keyword ? ilike(organizations.name, `%${escapeLike(keyword)}%`) : undefined,
        exists(
          db
            .select({ one: sql`1` })
            .from(personnel)
            .where(activeHere),
        ),
      ),
    )
    .orderBy(asc(organizations.name))
    .limit(30);
  // counted for the page of units only (a province-wide GROUP BY over all personnel would be needless work)
  const counts = orgs.length
    ? await db
        .select({ orgId: personnel.orgId, n: count() })
        .from(personnel)
        .where(
          and(
            inArray(
              personnel.orgId,
              orgs.map((o) => o.id),
            ),
            eq(personnel.status, 'active'),
          ),
        )
        .groupBy(personnel.orgId)
    : [];
  return { cap: BATCH_CAP, items: orgs.map((o) => ({ ...o, people: counts.find((c) => c.orgId === o.id)?.n ?? 0 })) };
}

/** The active personnel of one organisation (already checked to be in scope), in a stable order for parts. */
export async function unitPeople(db: Db, orgId: number): Promise<number[]> {
  const rows = await db
    .select({ id: personnel.id })
    .from(personnel)
    .where(and(eq(personnel.orgId, orgId), eq(personnel.status, 'active')))
    .orderBy(asc(personnel.id));
  return rows.map((r) => r.id);
}
