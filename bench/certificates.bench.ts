/**
 * Certificate benchmark: generates the shared data set, then measures
 *   1. single prints (学时证明 of one person-year: issue in a transaction + PDF with QR code): first print, reprint
 *      (the unchanged certificate reused), and reprint with the list of approved claims on the page,
 *   2. a 200-person batch (one transaction, one 200-page PDF),
 * as certificates per second, with the issue/render split. Target: ≥ 20 certificates/s.
 * Usage: npx tsx bench/certificates.bench.ts [--personnel 20000] [--claims 200000] [--singles 100] [--batch 200]
 *        (PGlite in a temporary directory by default; DATABASE_URL=postgres://… for PostgreSQL).
 */
import { asc, eq } from 'drizzle-orm';
import { serviceContext } from '../server/src/context.js';
import { personnel } from '../server/src/db/schema.js';
import { issueCertificates, type IssuedCertificate } from '../server/src/modules/certificates/issue.js';
import { renderCertificates } from '../server/src/modules/certificates/pdf.js';
import { arg, benchDeps, generateDataset, ms, openBenchDatabase, YEAR } from './dataset.js';

const PERSONNEL = arg('personnel', 20_000);
const CLAIMS = arg('claims', 200_000);
const SINGLES = arg('singles', 100);
const BATCH = arg('batch', 200);
const BASE = 'https://jxjy.hbrs.gov.cn';

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  const { database, cleanup } = await openBenchDatabase();
  const db = database.db;
  try {
    const ds = await generateDataset(database, { personnel: PERSONNEL, claims: CLAIMS });
    const ctx = serviceContext(benchDeps(database, ds.pii), ds.actorOf(ds.province), { ip: '127.0.0.1' });
    const ids = (await db.select({ id: personnel.id }).from(personnel).where(eq(personnel.status, 'active')).orderBy(asc(personnel.id))).map(
      (r) => r.id,
    );
    const render = (certs: IssuedCertificate[], includeClaims = false) =>
      renderCertificates(
        certs.map((c) => ({ code: c.code, issuedAt: c.issuedAt, content: c.content })),
        { baseUrl: BASE, includeClaims },
      );
    await render(await db.transaction((tx) => issueCertificates(tx, ctx, [ids[0]!], YEAR))); // warm-up: fonts parsed once

    // 1. single prints, one after another (first print issues; the reprint reuses the unchanged certificate)
    const singles = async (people: number[], includeClaims = false) => {
      let issueMs = 0,
        renderMs = 0,
        bytes = 0;
      const t0 = process.hrtime.bigint();
      for (const id of people) {
        let t = process.hrtime.bigint();
        const certs = await db.transaction((tx) => issueCertificates(tx, ctx, [id], YEAR));
        issueMs += ms(t);
        t = process.hrtime.bigint();
        bytes += (await render(certs, includeClaims)).length;
        renderMs += ms(t);
      }
      const total = ms(t0);
      return {
        perSecond: round((people.length * 1000) / total),
        issueMs: round(issueMs / people.length),
        renderMs: round(renderMs / people.length),
        kb: round(bytes / people.length / 1024),
      };
    };
    const step = Math.max(1, Math.floor(ids.length / SINGLES));
    const sample = Array.from({ length: SINGLES }, (_, i) => ids[1 + ((i * step) % (ids.length - 1))]!);
    const first = await singles(sample);
    const reprint = await singles(sample);
    const withList = await singles(sample, true);

    // 2. one batch of BATCH people not printed before
    const batchIds = ids.filter((id) => !sample.includes(id)).slice(-BATCH);
    let t = process.hrtime.bigint();
    const certs = await db.transaction((tx) => issueCertificates(tx, ctx, batchIds, YEAR, { orgId: ds.employers[0]! }));
    const batchIssueMs = ms(t);
    t = process.hrtime.bigint();
    const pdf = await render(certs);
    const batchRenderMs = ms(t);

    const result = {
      db: database.kind,
      personnel: PERSONNEL,
      claims: CLAIMS,
      generateSeconds: ds.generateSeconds,
      singleFirstPerSecond: first.perSecond,
      singleFirstIssueMs: first.issueMs,
      singleFirstRenderMs: first.renderMs,
      singleReprintPerSecond: reprint.perSecond,
      singleReprintIssueMs: reprint.issueMs,
      singlePdfKb: first.kb,
      singleWithClaimsListPerSecond: withList.perSecond,
      singleWithClaimsListRenderMs: withList.renderMs,
      batchPeople: certs.length,
      batchIssueMs: Math.round(batchIssueMs),
      batchRenderMs: Math.round(batchRenderMs),
      batchPerSecond: round((certs.length * 1000) / (batchIssueMs + batchRenderMs)),
      batchPdfMb: round(pdf.length / 1024 / 1024, 2),
    };
    console.table(result);
    console.log(JSON.stringify(result));
  } finally {
    await cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
