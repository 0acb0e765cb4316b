/**
 * Issuing certificates (签发). Printing a person-year either reuses the live certificate — when everything it states
 * (hours, unit, title, requirement, issuer, approved claims) is still what would be printed now, so a reprint carries
 * the same code and issue date — or issues a new one and marks the old one superseded (revoked_at), so a holder of
 * the old paper sees 已作废 when verifying. All of it in one transaction with the people's rows locked (concurrent
 * prints of the same person serialise; the partial unique index certificates_live_uq is the last guard), audited.
 * Rendering the PDF happens after commit, outside the transaction.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { certificates, personnel } from '../../db/schema.js';
import { ConflictError } from '../../errors.js';
import { newCode } from './code.js';
import { canonical, certificatePolicy, loadContents, readSnapshot, type CertificateContent } from './content.js';

export interface IssuedCertificate {
  id: number;
  code: string;
  personnelId: number;
  year: number;
  issuedAt: Date;
  content: CertificateContent;
  /** true when an unchanged live certificate was printed again. */
  reused: boolean;
}

/** Issues (or reuses) the certificates of `personnelIds` for `year`, in input order, as ctx's actor. Call inside a transaction `tx`. */
export async function issueCertificates(
  tx: Db,
  ctx: ServiceContext,
  personnelIds: number[],
  year: number,
  batch?: { orgId: number },
): Promise<IssuedCertificate[]> {
  if (!personnelIds.length) return [];
  const policy = await certificatePolicy(tx, year);
  // ordered row locks: two prints touching the same people wait for each other instead of deadlocking
  await tx.select({ id: personnel.id }).from(personnel).where(inArray(personnel.id, personnelIds)).orderBy(personnel.id).for('update');
  const contents = await loadContents(tx, personnelIds, year, policy);
  const live = await tx
    .select()
    .from(certificates)
    .where(and(inArray(certificates.personnelId, personnelIds), eq(certificates.year, year), isNull(certificates.revokedAt)));
  const liveOf = new Map(live.map((c) => [c.personnelId, c]));

  const reused: IssuedCertificate[] = [];
  const fresh: { personnelId: number; issuerOrgId: number; content: CertificateContent; supersedes: number | null }[] = [];
  for (const c of contents) {
    const cur = liveOf.get(c.personnelId);
    if (cur && canonical(cur.snapshot) === canonical(c.content)) {
      reused.push({ id: cur.id, code: cur.code, personnelId: c.personnelId, year, issuedAt: cur.issuedAt, content: c.content, reused: true });
    } else {
      fresh.push({ ...c, supersedes: cur?.id ?? null });
    }
  }

  const now = ctx.now();
  const superseded = fresh.flatMap((f) => (f.supersedes == null ? [] : [f.supersedes]));
  if (superseded.length) {
    const done = await tx
      .update(certificates)
      .set({ revokedAt: now })
      .where(and(inArray(certificates.id, superseded), isNull(certificates.revokedAt)))
      .returning({ id: certificates.id });
    if (done.length !== superseded.length) throw new ConflictError('证书已被他人同时更新，请重新打印');
  }
  const inserted = fresh.length
    ? await tx
        .insert(certificates)
        .values(
          fresh.map((f) => ({
            code: newCode(),
            personnelId: f.personnelId,
            year,
            issuerOrgId: f.issuerOrgId,
            snapshot: f.content as unknown as Record<string, unknown>,
            issuedBy: ctx.actor.userId,
            issuedAt: now,
          })),
        )
        .returning()
    : [];
  const issued = inserted.map((r): IssuedCertificate => ({
    id: r.id,
    code: r.code,
    personnelId: r.personnelId,
    year,
    issuedAt: r.issuedAt,
    content: readSnapshot(r),
    reused: false,
  }));

  if (batch) {
    await ctx.audit(
      {
        action: 'certificate.batch',
        targetType: 'organization',
        targetId: batch.orgId,
        detail: { year, people: contents.length, issued: issued.length, reprinted: reused.length, superseded: superseded.length },
      },
      tx,
    );
  } else {
    const supersedesOf = new Map(fresh.map((f) => [f.personnelId, f.supersedes]));
    for (const c of issued) {
      await ctx.audit(
        {
          action: 'certificate.issue',
          targetType: 'certificate',
          targetId: c.id,
          detail: { personnelId: c.personnelId, year, supersedes: supersedesOf.get(c.personnelId) ?? null },
        },
        tx,
      );
    }
    for (const c of reused) {
      await ctx.audit({ action: 'certificate.reprint', targetType: 'certificate', targetId: c.id, detail: { personnelId: c.personnelId, year } }, tx);
    }
  }
  const all = new Map([...issued, ...reused].map((c) => [c.personnelId, c]));
  return personnelIds.flatMap((id) => {
    const c = all.get(id);
    return c ? [c] : [];
  });
}
