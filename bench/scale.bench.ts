/**
 * Hubei's real size (issue 10): every working list page, timed as the platform serves it, beside a raw-SQL baseline
 * of the same rows, then the busiest pages over HTTP under load.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/scale.bench.ts --personnel N --claims M [--keep] [--reuse <dbname>]
 *        [--runs 15] [--only <regex>] [--seconds 20] [--connections 50] [--no-http]
 *
 * Pages (page 1 and page 500, 20 rows each, for the province HR, 武汉市 HR and 江岸区 HR): every 学时审核 queue
 * (base/employer/personal × 待审核/已审核, and 单位培训学时审核's plans × both tabs), 学时审验 (and its 随机抽查 of 20), 专技人员信息查询 (no filter, 姓名, 证件号, 单位, 职称系列,
 * 完成情况), 注册审核 (专技人员 and 单位, both tabs), 调转记录, 审计日志, 下属机构; and issue 12's pages (page 1): 培训报名
 * (a 江岸区 person's catalogue, by 科目类型, all classes; 我的报名), the fullest class's 报名名单 (first and last page), 通知公告
 * (管理 of the province and 武汉市, the 江岸区 admin's list, the home page's), 找回密码申请 (both tabs, the three HR admins),
 * 我的消息 and its unread count (a person, an admin) — no baseline. "ms" is the median of --runs calls
 * (after a warm-up) of the function the route calls, given the route's own parsed query (its Zod schema from
 * app.routeAccess, so defaults are the route's) through serviceContext(); "baselineMs" the median of the same rows
 * (same columns, same bounded or exact total) fetched by hand-written SQL — the best index scan the schema allows
 * today: the page's ids by the jurisdiction keys in the page's order, then their columns — the two timed in turns
 * (timedInTurns), so a drift of the machine weighs on both. "same" says whether both returned the same ids in the same
 * order and the same total.
 * HTTP: the real app (LOG_LEVEL info to /dev/null, the configured pool and statement timeout) and a bare Fastify
 * hello, each loaded by autocannon in a child process (50 connections, 20 s): p50/p99 of the province, city and county
 * 学时审核 (base, 待审核) and 专技人员信息查询 first pages, signed in as each HR admin.
 * stderr: progress and a human table; stdout's last line: `SCALE {"personnel":N,"claims":M,"pages":[…],"http":[…]}`.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { serviceContext } from '../server/src/context.js';
import { openDatabase, queryRows, type Database } from '../server/src/db/client.js';
import type { organizations } from '../server/src/db/schema.js';
import { COUNT_CAP, rememberCappedCounts } from '../server/src/lib/paging.js';
import { listForReader, listManaged, listPublic } from '../server/src/modules/announcements/service.js';
import { listAuditLogs, type AuditFilters } from '../server/src/modules/audit/service.js';
import { claimClassQueue } from '../server/src/modules/claim-review/class-queue.js';
import { claimQueue } from '../server/src/modules/claim-review/queue.js';
import { listForAudit } from '../server/src/modules/claim-review/service.js';
import { catalogue, myEnrolments, roster, type CatalogueQuery } from '../server/src/modules/enrolment/service.js';
import { myMessages, unreadCount, type MessageQuery } from '../server/src/modules/messages/service.js';
import { passwordResetQueue } from '../server/src/modules/password-reset/queue.js';
import { listPersonnel } from '../server/src/modules/personnel/query.js';
import { registrationQueue } from '../server/src/modules/registration-review/queue.js';
import { seatActor, type Actor } from '../server/src/plugins/access.js';
import { listSuborgs } from '../server/src/modules/suborgs/service.js';
import { listTransfers } from '../server/src/modules/transfers/service.js';
import {
  arg,
  argText,
  BENCH_PASSWORD,
  benchDeps,
  benchIdx,
  flag,
  generateDataset,
  loadDataset,
  median,
  ms,
  openBenchDatabase,
  YEAR,
  type Dataset,
} from './dataset.js';

// 15 by default: on this VM a median of 5 moved pages of 1–6 ms across ratio 2 from run to run (bench/README.md)
const RUNS = Math.max(5, arg('runs', 15));
const ONLY = argText('only') ? new RegExp(argText('only')!) : null;
const SECONDS = arg('seconds', 20);
const CONNECTIONS = arg('connections', 50);
const PAGE_SIZE = 20;
const DEEP = 500;
const NAME = '张伟';

type OrgRow = typeof organizations.$inferSelect;
type Level = 'province' | 'city' | 'county';
interface Result {
  ids: number[];
  total: number;
}
interface Page {
  page: string;
  run: () => Promise<Result>;
  baseline?: () => Promise<Result>;
}
interface Measured {
  page: string;
  ms: number | null;
  baselineMs: number | null;
  ratio: number | null;
  rows?: number;
  total?: number;
  same?: boolean;
  error?: string;
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Each function's median of RUNS calls after one warm-up call (plans, caches), the functions called in turns — a page
 * and its baseline: service, baseline, baseline, service, … — rather than all runs of one after the other, so a drift
 * of the machine (the VM's neighbours, autovacuum, the OS cache) weighs on both alike.
 */
async function timedInTurns(fns: (() => Promise<Result>)[]): Promise<{ ms: number; result: Result }[]> {
  const results: Result[] = [];
  for (const f of fns) results.push(await f());
  const xs: number[][] = fns.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? fns.keys() : [...fns.keys()].reverse();
    for (const k of order) {
      const t = process.hrtime.bigint();
      results[k] = await fns[k]!();
      xs[k]!.push(ms(t));
    }
  }
  return fns.map((_, k) => ({ ms: round(median(xs[k]!), 2), result: results[k]! }));
}

async function main() {
  const bench = await openBenchDatabase();
  const { database } = bench;
  const db = database.db;
  try {
    let ds: Dataset;
    if (bench.reused) {
      console.error(`reusing ${bench.name}: applying any new migrations first`);
      await database.migrate();
      ds = await loadDataset(database);
    } else ds = await generateDataset(database, { personnel: arg('personnel', 200_000), claims: arg('claims', 2_000_000) });
    const deps = benchDeps(database, ds.pii);
    // the app: for the routes' own query schemas, and the HTTP run (its own pool, as a server process has)
    const appConfig = loadConfig({ CAPTCHA: 'off', SEED_DEMO: 'off', LOG_LEVEL: 'info' });
    const appDb: Database = bench.url
      ? await openDatabase({
          databaseUrl: bench.url,
          dataDir: os.tmpdir(),
          poolSize: appConfig.DB_POOL_SIZE,
          statementTimeoutMs: appConfig.STATEMENT_TIMEOUT_MS,
        })
      : database;
    const app = await buildApp({ config: appConfig, database: appDb, pii: ds.pii }, { logger: { file: '/dev/null' } });
    await app.ready();
    const querySchema = (url: string) => {
      const r = app.routeAccess.find((x) => x.method === 'GET' && x.url === url);
      if (!r?.schemas.querystring) throw new Error(`no GET ${url} with a query schema`);
      return r.schemas.querystring as z.ZodType;
    };
    const parse = <T>(url: string, q: Record<string, unknown>) => querySchema(url).parse(q) as T;

    const byDivision = (list: OrgRow[], code: string) => list.find((o) => o.divisionCode === code) ?? list[0]!;
    const actors: [Level, OrgRow][] = [
      ['province', ds.province],
      ['city', byDivision(ds.cities, '420100')],
      ['county', byDivision(ds.counties, '420102')],
    ];
    const cols = new Set(
      (
        await queryRows<{ c: string }>(
          db,
          sql`SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = 'public'`,
        )
      ).map((r) => r.c),
    );
    const rows = <T>(text: string) => queryRows<T>(db, sql.raw(text));
    const ids = async (text: string) => (await rows<{ id: number }>(text)).map((r) => Number(r.id));
    /** The bounded total as the platform shows it (exact up to COUNT_CAP). */
    const bounded = async (from: string) =>
      Math.min(COUNT_CAP, (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} LIMIT ${COUNT_CAP + 1}) x`))[0]!.n);
    const exact = async (from: string) => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${from}`))[0]!.n;
    const [policy] = await rows<{ total_required: number; public_min: number; professional_min: number }>(
      `SELECT total_required, public_min, professional_min FROM hour_policies WHERE year = ${YEAR - 1}`,
    );

    // 姓名: a common name; the baseline narrows by the name_grams() GIN index where the schema has one (as lib/name-search.ts)
    const hasGrams = (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'name_grams'`))[0]!.n > 0;
    const chars = Array.from(NAME);
    const grams = chars.length === 1 ? chars : chars.slice(1).map((c, i) => chars[i]! + c);
    const nameCond = `${hasGrams ? `name_grams(u.name) @> ARRAY[${grams.map(lit).join(', ')}]::text[] AND ` : ''}u.name ILIKE ${lit(`%${NAME}%`)}`;

    const pages: Page[] = [];
    for (const [level, org] of actors) {
      const ctx = serviceContext(deps, ds.actorOf(org));
      const region = (t: string, city = 'city_hr_id', county = 'county_hr_id') =>
        level === 'province' ? '' : level === 'city' ? ` AND ${t}.${city} = ${org.id}` : ` AND ${t}.${county} = ${org.id}`;
      const under = lit(`${org.path}%`);
      for (const p of [1, DEEP]) {
        const off = (p - 1) * PAGE_SIZE;
        const paging = { page: p, pageSize: PAGE_SIZE };

        // 学时审核: each source, both tabs
        for (const source of ['base', 'employer', 'personal'] as const)
          for (const tab of ['pending', 'done'] as const) {
            const where = `c.source = '${source}' AND ${tab === 'pending' ? `c.status = 'pending'` : `c.status IN ('approved', 'rejected', 'revoked') AND c.reviewed_by IS NOT NULL`}${region('c')}`;
            pages.push({
              page: `claims-${tab}-${source}-${level}-p${p}`,
              run: async () => {
                const r = await claimQueue.list(ctx, undefined as never, parse('/api/reviews/claims', { tab, source, ...paging }));
                return { ids: r.items.map((i) => i.id), total: r.total };
              },
              baseline: async () => ({
                total: await bounded(`claims c WHERE ${where}`),
                ids: await ids(claimRows(`SELECT c.id FROM claims c WHERE ${where} ORDER BY c.id DESC LIMIT ${PAGE_SIZE} OFFSET ${off}`)),
              }),
            });
          }

        // 单位培训学时审核: one row per unit training plan with an employer claim in the tab, newest plan first
        for (const tab of ['pending', 'done'] as const) {
          const done = `k.status IN ('approved', 'rejected', 'revoked') AND k.reviewed_by IS NOT NULL`;
          const inTab = tab === 'pending' ? `k.status = 'pending'` : done;
          // the plans with claims in the tab, newest first, from the plans' counts by their jurisdiction keys
          const distinctPlans = `SELECT t.class_id AS id FROM plan_claim_counts t WHERE t.${tab === 'pending' ? 'pending' : 'reviewed'} > 0${region('t')} ORDER BY t.class_id DESC`;
          const from = `(${distinctPlans}) d`;
          pages.push({
            page: `claim-classes-${tab}-${level}-p${p}`,
            run: async () => {
              const r = await claimClassQueue.list(ctx, undefined as never, parse('/api/reviews/claim-classes', { tab, ...paging }));
              return { ids: r.items.map((i) => i.id), total: r.total };
            },
            baseline: async () => ({
              total: await bounded(from),
              ids: await ids(`WITH ids AS (${distinctPlans} LIMIT ${PAGE_SIZE} OFFSET ${off}),
                  n AS (SELECT k.class_id, count(*) FILTER (WHERE ${inTab}) AS claims, count(*) FILTER (WHERE k.status = 'pending') AS pending,
                               count(*) FILTER (WHERE ${inTab} AND k.flagged) AS flagged, max(k.created_at) FILTER (WHERE ${inTab}) AS declared,
                               max(k.reviewed_at) FILTER (WHERE ${done}) AS reviewed_at,
                               (array_agg(k.reviewed_by ORDER BY k.reviewed_at DESC NULLS LAST) FILTER (WHERE ${done}))[1] AS reviewed_by
                        FROM claims k WHERE k.class_id IN (SELECT id FROM ids) AND k.source = 'employer' GROUP BY k.class_id)
                SELECT c.id, c.year, c.name, o.name AS org_name, c.subject_type, c.learning_form, c.hours, c.start_date, c.end_date,
                       n.claims, n.pending, n.flagged, n.declared, n.reviewed_at, n.reviewed_by
                FROM ids JOIN training_classes c ON c.id = ids.id JOIN organizations o ON o.id = c.base_org_id LEFT JOIN n ON n.class_id = c.id
                ORDER BY c.id DESC`),
            }),
          });
        }

        // 学时审验 (市州 and province): approved claims of the jurisdiction's people
        if (level !== 'county') {
          const personKeys = cols.has('claims.person_city_hr_id');
          const where = `c.status = 'approved'${
            level === 'province'
              ? ''
              : personKeys
                ? ` AND c.person_city_hr_id = ${org.id}`
                : ` AND c.personnel_id IN (SELECT id FROM personnel WHERE city_hr_id = ${org.id})`
          }`;
          pages.push({
            page: `claim-audit-${level}-p${p}`,
            run: async () => {
              const r = await listForAudit(ctx, parse('/api/audits/claims', paging));
              return { ids: r.items.map((i) => i.id), total: r.total };
            },
            baseline: async () => ({
              total: await bounded(`claims c WHERE ${where}`),
              ids: await ids(claimRows(`SELECT c.id FROM claims c WHERE ${where} ORDER BY c.id DESC LIMIT ${PAGE_SIZE} OFFSET ${off}`)),
            }),
          });
        }

        // 学时审验 › 随机抽查 (20 claims of the same selection; no baseline: the draw is random)
        if (level !== 'county' && p === 1)
          pages.push({
            page: `claim-audit-sample-${level}`,
            run: async () => {
              const r = await listForAudit(ctx, parse('/api/audits/claims', { sample: 20 }));
              return { ids: r.items.map((i) => i.id), total: r.total };
            },
          });

        // 专技人员信息查询: no filter, then each filter alone
        const person = await rows<{ enc: string }>(
          `SELECT u.id_number_enc AS enc FROM personnel p JOIN users u ON u.id = p.user_id WHERE p.status = 'active'${region('p')} ORDER BY p.id LIMIT 1 OFFSET 10`,
        );
        const idNumber = ds.idNumberOf(benchIdx(person[0]!.enc)!);
        const [unit] = await rows<{ id: number; path: string }>(
          `SELECT o.id, o.path FROM stat_org_personnel s JOIN organizations o ON o.id = s.org_id
           WHERE s.title_series = '*' AND s.title_level = '*' AND o.type = 'employer' AND o.path LIKE ${under} ORDER BY s.persons DESC, o.id LIMIT 1`,
        );
        const filters: [string, Record<string, unknown>, string][] = [
          ['all', {}, ''],
          ['name', { personName: NAME }, ` AND p.user_id = ANY(ARRAY(SELECT u.id FROM users u WHERE ${nameCond}))`],
          ['idNumber', { idNumber }, ` AND p.user_id = (SELECT u.id FROM users u WHERE u.id_number_hash = ${lit(ds.pii.blindIndex(idNumber))})`],
          [
            'idSuffix',
            { idNumber: idNumber.slice(-4) },
            ` AND p.user_id = ANY(ARRAY(SELECT u.id FROM users u WHERE right(u.id_number_masked, 4) = ${lit(idNumber.slice(-4))}))`,
          ],
          ['unit', { orgId: unit!.id }, ` AND p.org_id = ANY(ARRAY(SELECT o.id FROM organizations o WHERE o.path LIKE ${lit(`${unit!.path}%`)}))`],
          ['series', { titleSeries: 'WSJS' }, ` AND p.title_series = 'WSJS'`],
          [
            'completed',
            { year: YEAR - 1, completed: 'yes' },
            ` AND EXISTS (SELECT 1 FROM person_year_totals t WHERE t.personnel_id = p.id AND t.year = ${YEAR - 1}
               AND hours_completed(t.public_hours, t.professional_hours, ${policy!.total_required}, ${policy!.public_min}, ${policy!.professional_min}))`,
          ],
        ];
        for (const [name, f, cond] of filters) {
          const year = (f.year as number | undefined) ?? YEAR;
          // (a unit in scope bounds the rows by itself: no jurisdiction key beside it)
          const where = `p.status = 'active'${name === 'unit' ? '' : region('p')}${cond}`;
          // 已完成 by hand the way the schema allows best: the year's completed totals' partial index in the list's order
          const fromTotals = name === 'completed' && cols.has('person_year_totals.completed');
          const twhere = `t.year = ${year} AND t.completed AND t.person_active${region('t')}`;
          const pageIds = fromTotals
            ? `SELECT t.personnel_id AS id FROM person_year_totals t WHERE ${twhere}
               ORDER BY t.person_created_at DESC, t.personnel_id DESC LIMIT ${PAGE_SIZE} OFFSET ${off}`
            : `SELECT p.id FROM personnel p WHERE ${where} ORDER BY p.created_at DESC, p.id DESC LIMIT ${PAGE_SIZE} OFFSET ${off}`;
          pages.push({
            page: `personnel-${name}-${level}-p${p}`,
            run: async () => {
              const r = await listPersonnel(ctx, parse('/api/personnel', { ...f, ...paging }));
              return { ids: r.items.map((i) => i.id), total: r.total };
            },
            baseline: async () => ({
              total: await bounded(fromTotals ? `person_year_totals t WHERE ${twhere}` : `personnel p WHERE ${where}`),
              ids: await ids(`WITH ids AS (${pageIds})
                SELECT p.id, u.name, u.id_type, u.id_number_masked, u.phone_masked, u.gender, o.id AS org_id, o.name AS org_name, d.name AS department_name,
                       p.title_series, p.title_level, p.title_name, p.education, u.status, p.created_at, t.public_hours, t.professional_hours,
                       hp.total_required, hp.public_min, hp.professional_min
                FROM ids JOIN personnel p ON p.id = ids.id JOIN users u ON u.id = p.user_id JOIN organizations o ON o.id = p.org_id
                LEFT JOIN departments d ON d.id = p.department_id LEFT JOIN person_year_totals t ON t.personnel_id = p.id AND t.year = ${year}
                LEFT JOIN hour_policies hp ON hp.year = ${year}
                ORDER BY p.created_at DESC, p.id DESC`),
            }),
          });
        }

        // 注册审核: 专技人员 (by the person's jurisdiction keys) and 单位 (organisations of the subtree), both tabs
        for (const tab of ['pending', 'done'] as const) {
          // never the reviewer's own registration (lib/self-review.ts: their own profile; an organisation where they hold a seat)
          const uid = ctx.actor.userId;
          const where = `${tab === 'pending' ? `p.status = 'pending'` : `p.status IN ('active', 'rejected') AND p.reviewed_at IS NOT NULL`}${region('p')}
            AND p.id IS DISTINCT FROM (SELECT own.id FROM personnel own WHERE own.user_id = ${uid})`;
          const order = tab === 'pending' ? 'p.created_at, p.id' : 'p.reviewed_at DESC, p.id DESC';
          pages.push({
            page: `registrations-personnel-${tab}-${level}-p${p}`,
            run: async () => {
              const r = await registrationQueue.list(ctx, 'personnel', parse('/api/reviews/registrations/:kind', { tab, ...paging }));
              return { ids: r.items.map((i) => i.id), total: r.total };
            },
            baseline: async () => ({
              total: await bounded(`personnel p WHERE ${where}`),
              ids: await ids(`WITH ids AS (SELECT p.id FROM personnel p WHERE ${where} ORDER BY ${order} LIMIT ${PAGE_SIZE} OFFSET ${off})
                SELECT p.id, u.name, u.id_number_masked, u.phone_masked, o.name AS org_name, d.name AS department_name, p.title_series, p.title_level,
                       p.status, p.reject_reason, p.created_at, p.reviewed_at
                FROM ids JOIN personnel p ON p.id = ids.id JOIN users u ON u.id = p.user_id JOIN organizations o ON o.id = p.org_id
                LEFT JOIN departments d ON d.id = p.department_id ORDER BY ${order}`),
            }),
          });
          const owhere = `o.type = 'employer' AND o.id <> ${org.id}
            AND NOT EXISTS (SELECT 1 FROM admins seat WHERE seat.org_id = o.id AND seat.user_id = ${uid} AND seat.removed_at IS NULL) AND ${
              tab === 'pending' ? `o.status = 'pending'` : `o.status IN ('active', 'rejected') AND o.reviewed_at IS NOT NULL`
            }${region('o')}`;
          pages.push({
            page: `registrations-employer-${tab}-${level}-p${p}`,
            run: async () => {
              const r = await registrationQueue.list(ctx, 'employer', parse('/api/reviews/registrations/:kind', { tab, ...paging }));
              return { ids: r.items.map((i) => i.id), total: r.total };
            },
            baseline: async () => ({
              total: await exact(`organizations o WHERE ${owhere}`),
              ids: await ids(`SELECT o.id, o.name, o.credit_code, o.type, o.hr_level, v.name AS division_name, pa.name AS parent_name, o.contact_name,
                       o.contact_phone, o.address, o.status, o.reject_reason, o.created_at, o.reviewed_at
                FROM organizations o JOIN divisions v ON v.code = o.division_code LEFT JOIN organizations pa ON pa.id = o.parent_id
                WHERE ${owhere} ORDER BY ${tab === 'pending' ? 'o.created_at' : 'o.reviewed_at DESC'} LIMIT ${PAGE_SIZE} OFFSET ${off}`),
            }),
          });
        }

        // 调转记录 (all directions): the actor's own organisation's transfers in and out
        const twhere = `(t.to_org_id = ${org.id} OR t.from_org_id = ${org.id})`;
        pages.push({
          page: `transfers-${level}-p${p}`,
          run: async () => {
            const r = await listTransfers(ctx, parse('/api/transfers', { direction: 'all', ...paging }));
            return { ids: r.items.map((i) => i.id), total: r.total };
          },
          baseline: async () => ({
            total: await exact(`transfers t WHERE ${twhere}`),
            ids: await ids(`SELECT t.*, u.name, u.id_number_masked, fo.name AS from_org_name, tor.name AS to_org_name
              FROM transfers t JOIN personnel p ON p.id = t.personnel_id JOIN users u ON u.id = p.user_id
              JOIN organizations fo ON fo.id = t.from_org_id JOIN organizations tor ON tor.id = t.to_org_id
              WHERE ${twhere} ORDER BY t.id DESC LIMIT ${PAGE_SIZE} OFFSET ${off}`),
          }),
        });

        // 审计日志 of the jurisdiction (the actors' organisations: by the rows' jurisdiction keys where the schema has them)
        const awhere = cols.has('audit_logs.actor_county_hr_id')
          ? level === 'province'
            ? 'a.actor_org_id IS NOT NULL'
            : `true${region('a', 'actor_city_hr_id', 'actor_county_hr_id')}`
          : `a.actor_org_path LIKE ${under}`;
        pages.push({
          page: `audit-log-${level}-p${p}`,
          run: async () => {
            const q = parse<AuditFilters & { page: number; pageSize: number }>('/api/audit-logs', paging);
            const r = await listAuditLogs(ctx, q, q);
            return { ids: r.items.map((i) => i.id), total: r.total };
          },
          baseline: async () => ({
            total: await bounded(`audit_logs a WHERE ${awhere}`),
            // with 操作人 and 对象 by name, for the target types the data set writes (the page resolves every type)
            ids: await ids(`SELECT x.*, coalesce(x.actor_name, (SELECT name FROM users WHERE id = x.actor_user_id)) AS actor,
                CASE x.target_type
                  WHEN 'claim' THEN (SELECT u.name || '·' || c.year || '年·' || c.title FROM claims c JOIN personnel p ON p.id = c.personnel_id
                                     JOIN users u ON u.id = p.user_id WHERE c.id = x.target_id::int)
                  WHEN 'personnel' THEN (SELECT u.name FROM personnel p JOIN users u ON u.id = p.user_id WHERE p.id = x.target_id::int)
                  WHEN 'transfer' THEN (SELECT u.name FROM transfers t JOIN personnel p ON p.id = t.personnel_id JOIN users u ON u.id = p.user_id
                                        WHERE t.id = x.target_id::int)
                  WHEN 'certificate' THEN (SELECT u.name || '·' || c.year || '年' FROM certificates c JOIN personnel p ON p.id = c.personnel_id
                                           JOIN users u ON u.id = p.user_id WHERE c.id = x.target_id::int)
                END AS target
              FROM (SELECT a.* FROM audit_logs a WHERE ${awhere} ORDER BY a.id DESC LIMIT ${PAGE_SIZE} OFFSET ${off}) x ORDER BY x.id DESC`),
          }),
        });

        // 下属机构: the jurisdiction's organisations in tree order
        const swhere = `o.path LIKE ${under}`;
        pages.push({
          page: `suborgs-${level}-p${p}`,
          run: async () => {
            const r = await listSuborgs(ctx, parse('/api/suborgs', paging));
            return { ids: r.items.map((i) => i.id), total: r.total };
          },
          baseline: async () => ({
            total: await exact(`organizations o WHERE ${swhere}`),
            // with 重置密码's test (a super admin to reset) for the page's rows
            ids: await ids(`SELECT x.*, EXISTS (SELECT 1 FROM admins a WHERE a.org_id = x.id AND a.is_super AND a.removed_at IS NULL) AS has_super
              FROM (SELECT o.id, o.path, o.name, o.credit_code, o.type, o.hr_level, o.status, v.name AS division_name, o.created_at
                    FROM organizations o JOIN divisions v ON v.code = o.division_code WHERE ${swhere} ORDER BY o.path LIMIT ${PAGE_SIZE} OFFSET ${off}) x
              ORDER BY x.path`),
          }),
        });
      }
    }

    // issue 12's list pages: 培训报名 (catalogue, 我的报名), 报名名单, 通知公告 (管理, reader, home page), 找回密码申请,
    // 我的消息 — each the route's service call on its parsed query; no baselines (each is one index range already)
    const [has] = await rows<{ e: boolean; a: boolean; r: boolean; m: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM class_enrolments) AS e, EXISTS (SELECT 1 FROM announcements) AS a,
              EXISTS (SELECT 1 FROM password_reset_requests) AS r, EXISTS (SELECT 1 FROM messages) AS m`,
    );
    const skipped = Object.entries({ 培训报名: has!.e, 通知公告: has!.a, 找回密码申请: has!.r, 站内消息: has!.m }).filter(([, x]) => !x);
    if (skipped.length)
      console.error(
        `note: no ${skipped.map(([k]) => k).join('/')} rows (a data set generated before issue 12's tables were): their pages are skipped`,
      );
    const county = actors[2]![1];
    const p1 = { page: 1, pageSize: PAGE_SIZE };
    /** A seat as the platform loads it (plugins/access.ts seatActor): a person, or an organisation's admin. */
    const seat = async (s: { userId: number; adminId: number | null; personnelId: number | null; loginType: Actor['loginType'] }) => {
      const a = await seatActor(deps, s);
      if (!a) throw new Error(`no active seat for user ${s.userId}`);
      return serviceContext(deps, a);
    };
    if (has!.e) {
      // the 江岸区 person with the most enrolments (我的报名 has rows; the catalogue is the county's, city's and province's bases')
      const [me] = await rows<{ pid: number; uid: number }>(
        `SELECT p.id AS pid, p.user_id AS uid FROM class_enrolments e JOIN personnel p ON p.id = e.personnel_id
         WHERE p.county_hr_id = ${county.id} AND p.status = 'active' GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
      );
      if (me) {
        const ctx = await seat({ userId: me.uid, adminId: null, personnelId: me.pid, loginType: 'personnel' });
        const cat = (q: Record<string, unknown>) => async () => {
          const parsed = parse<Omit<CatalogueQuery, 'upcoming'> & { upcoming: string }>('/api/me/classes', { ...q, ...p1 });
          const r = await catalogue(ctx, { ...parsed, upcoming: parsed.upcoming === 'true' });
          return { ids: r.items.map((i) => i.id), total: r.total };
        };
        pages.push({ page: 'enrol-catalogue-county-p1', run: cat({}) });
        pages.push({ page: 'enrol-catalogue-professional-county-p1', run: cat({ subjectType: 'professional' }) });
        pages.push({ page: 'enrol-catalogue-all-county-p1', run: cat({ upcoming: 'false' }) });
        pages.push({
          page: 'enrol-mine-county-p1',
          run: async () => {
            const r = await myEnrolments(ctx, parse('/api/me/enrolments', p1));
            return { ids: r.items.map((i) => i.id), total: r.total };
          },
        });
      }
      // 报名名单 of the fullest class, as its base's admin: page 1 and the last page
      const [cls] = await rows<{ id: number; n: number; uid: number; aid: number }>(
        `SELECT c.id, c.enrolled_count AS n, a.user_id AS uid, a.id AS aid FROM training_classes c
         JOIN admins a ON a.org_id = c.base_org_id AND a.is_super AND a.removed_at IS NULL
         ORDER BY c.enrolled_count DESC, c.id LIMIT 1`,
      );
      if (cls && cls.n > 0) {
        const ctx = await seat({ userId: cls.uid, adminId: cls.aid, personnelId: null, loginType: 'base' });
        const last = Math.ceil(cls.n / PAGE_SIZE);
        for (const p of last > 1 ? [1, last] : [1])
          pages.push({
            page: `enrol-roster-largest-p${p}`,
            run: async () => {
              const r = await roster(ctx, cls.id, parse('/api/classes/:id/roster', { page: p, pageSize: PAGE_SIZE }));
              return { ids: r.items.map((i) => i.enrolmentId), total: r.total };
            },
          });
      }
    }
    if (has!.a) {
      for (const [level, org] of [actors[0]!, actors[1]!]) {
        const ctx = serviceContext(deps, ds.actorOf(org));
        pages.push({
          page: `announce-admin-${level}-p1`,
          run: async () => {
            const r = await listManaged(ctx, parse('/api/announcement-admin', p1));
            return { ids: r.items.map((i) => i.id), total: r.total };
          },
        });
      }
      const countyCtx = serviceContext(deps, ds.actorOf(county));
      pages.push({
        page: 'announce-reader-county-p1',
        run: async () => {
          const r = await listForReader(countyCtx, parse('/api/announcements', { page: 1 }));
          return { ids: r.items.map((i) => i.id), total: r.total };
        },
      });
      const publicCtx = serviceContext(deps, null);
      pages.push({
        page: 'announce-public-p1',
        run: async () => {
          const r = await listPublic(publicCtx, parse('/api/public/announcements', { page: 1 }));
          return { ids: r.items.map((i) => i.id), total: r.total };
        },
      });
    }
    if (has!.r)
      for (const [level, org] of actors) {
        const ctx = serviceContext(deps, ds.actorOf(org));
        for (const tab of ['pending', 'done'] as const)
          pages.push({
            page: `password-resets-${tab}-${level}-p1`,
            run: async () => {
              const r = await passwordResetQueue.list(ctx, undefined as never, parse('/api/reviews/password-resets', { tab, ...p1 }));
              return { ids: r.items.map((i) => i.id), total: r.total };
            },
          });
      }
    if (has!.m) {
      // the 江岸区 person with the most unread messages (then the most), and the admin seat with the most (a base's: its classes' approvals)
      const [person] = await rows<{ pid: number; uid: number }>(
        `SELECT p.id AS pid, p.user_id AS uid FROM messages m JOIN personnel p ON p.user_id = m.user_id
         WHERE p.county_hr_id = ${county.id} AND m.admin_id IS NULL GROUP BY p.id
         ORDER BY count(*) FILTER (WHERE m.read_at IS NULL) DESC, count(*) DESC, p.id LIMIT 1`,
      );
      const [admin] = await rows<{ uid: number; aid: number; type: Actor['loginType'] }>(
        `SELECT a.user_id AS uid, a.id AS aid, o.type FROM (SELECT admin_id, count(*) AS n, count(*) FILTER (WHERE read_at IS NULL) AS u FROM messages WHERE admin_id IS NOT NULL GROUP BY 1) m
         JOIN admins a ON a.id = m.admin_id JOIN organizations o ON o.id = a.org_id ORDER BY m.n DESC, m.u DESC, a.id LIMIT 1`,
      );
      const seats: [string, Parameters<typeof seat>[0] | null][] = [
        ['person', person ? { userId: person.uid, adminId: null, personnelId: person.pid, loginType: 'personnel' } : null],
        ['admin', admin ? { userId: admin.uid, adminId: admin.aid, personnelId: null, loginType: admin.type } : null],
      ];
      for (const [who, s] of seats) {
        if (!s) continue;
        const ctx = await seat(s);
        pages.push({
          page: `messages-${who}-p1`,
          run: async () => {
            const r = await myMessages(ctx, parse<MessageQuery>('/api/messages', p1));
            return { ids: r.items.map((i) => i.id), total: r.total };
          },
        });
        pages.push({
          page: `messages-unread-${who}`,
          run: async () => ({ ids: [], total: (await unreadCount(ctx)).count }),
        });
      }
    }

    const measured: Measured[] = [];
    const chosen = pages.filter((p) => !ONLY || ONLY.test(p.page));
    // each page timed as a first visit: its bounded count counted every call, not remembered (lib/paging.ts); the
    // HTTP run below serves as the server does, remembering
    rememberCappedCounts(false);
    console.error(`${chosen.length} pages × ${RUNS} runs (+1 warm-up), service and baseline`);
    for (const p of chosen) {
      const m: Measured = { page: p.page, ms: null, baselineMs: null, ratio: null };
      try {
        const [s, b] = await timedInTurns(p.baseline ? [p.run, p.baseline] : [p.run]);
        m.ms = s!.ms;
        m.rows = s!.result.ids.length;
        m.total = s!.result.total;
        if (b) {
          m.baselineMs = b.ms;
          m.ratio = round(s!.ms / Math.max(b.ms, 0.01), 2);
          m.same = b.result.total === s!.result.total && b.result.ids.join() === s!.result.ids.join();
        }
      } catch (e) {
        m.error = (e as Error).message.split('\n')[0]!.slice(0, 200);
      }
      measured.push(m);
      console.error(
        `${p.page.padEnd(44)} ${String(m.ms ?? '—').padStart(9)} ms  baseline ${String(m.baselineMs ?? '—').padStart(8)} ms  ×${String(m.ratio ?? '—').padEnd(6)}` +
          ` rows ${String(m.rows ?? '—').padStart(2)}  total ${String(m.total ?? '—').padStart(6)}${m.same === false ? '  DIFFERENT ROWS' : ''}${m.error ? `  ERROR ${m.error}` : ''}`,
      );
    }

    rememberCappedCounts(true);
    const http: Record<string, unknown>[] = [];
    if (!flag('no-http')) http.push(...(await httpRun(app, ds, actors)));

    printTable(measured, http);
    const personnel = ds.personnel;
    console.log(
      `SCALE ${JSON.stringify({ personnel, claims: ds.claims, db: database.kind, generateSeconds: ds.generateSeconds, pages: measured, http })}`,
    );
    await app.close();
    if (appDb !== database) await appDb.close();
  } finally {
    await bench.cleanup();
  }
}

/** The 学时审核 page's row query for the claim ids a selection yields (the same columns as listClaims). */
function claimRows(idsSql: string) {
  return `WITH ids AS (${idsSql})
    SELECT c.id, d.name AS declaring_org, c.title, u.name, u.id_number_masked, c.year, o.name AS org_name, p.title_series, c.score, c.hours,
           c.qualified, c.status, c.subject_type, c.learning_form, c.flagged, c.flag_reasons, c.reject_reason, c.revoke_reason, c.basis,
           c.evidence_file_id, c.created_at, c.reviewed_at
    FROM ids JOIN claims c ON c.id = ids.id JOIN personnel p ON p.id = c.personnel_id JOIN users u ON u.id = p.user_id
    JOIN organizations o ON o.id = p.org_id JOIN organizations d ON d.id = c.declaring_org_id
    ORDER BY c.id DESC`;
}

/** autocannon in a child process (its own event loop and CPU share), as a client machine would be. */
function autocannon(
  url: string,
  headers: Record<string, string>,
): Promise<{ p50: number; p99: number; rps: number; non2xx: number; errors: number }> {
  const script = `const a = require('autocannon'); const o = JSON.parse(process.argv[1]);
    a(o).then((r) => process.stdout.write(JSON.stringify({ p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average,
      non2xx: r.non2xx, errors: r.errors + r.timeouts })));`;
  const opts = { url, headers, connections: CONNECTIONS, duration: SECONDS };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, JSON.stringify(opts)], { cwd: path.resolve(import.meta.dirname, '..') });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`autocannon exited ${code}`))));
  });
}

async function httpRun(app: Awaited<ReturnType<typeof buildApp>>, ds: Dataset, actors: [Level, OrgRow][]) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const out: Record<string, unknown>[] = [];
  const record = (page: string, r: Awaited<ReturnType<typeof autocannon>>) => {
    out.push({ page, p50: r.p50, p99: r.p99, rps: round(r.rps), non2xx: r.non2xx, errors: r.errors });
    console.error(
      `${page.padEnd(44)} p50 ${String(r.p50).padStart(6)} ms  p99 ${String(r.p99).padStart(6)} ms  ${round(r.rps)} req/s  non-2xx ${r.non2xx}  errors ${r.errors}`,
    );
  };
  const bare = Fastify();
  bare.get('/hello', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddr = bare.server.address();
  console.error(`HTTP: ${CONNECTIONS} connections, ${SECONDS} s each`);
  record('http-bare-fastify', await autocannon(`http://127.0.0.1:${typeof bareAddr === 'object' && bareAddr ? bareAddr.port : 0}/hello`, {}));
  await bare.close();
  for (const [level, org] of actors) {
    if (ONLY && !ONLY.test(`http-${level}`)) continue;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { host: '127.0.0.1', origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ loginType: 'hr', account: ds.hrAdmin(org).account, password: BENCH_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login of ${org.name}'s admin: ${login.status} ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    for (const [name, url] of [
      [`http-claims-pending-base-${level}`, '/api/reviews/claims?source=base&tab=pending&page=1&pageSize=20'],
      [`http-personnel-${level}`, '/api/personnel?page=1&pageSize=20'],
    ] as const) {
      const first = await fetch(`${base}${url}`, { headers: { cookie } });
      if (first.status !== 200) console.error(`${name}: first answer ${first.status} ${(await first.text()).slice(0, 200)}`);
      record(name, await autocannon(`${base}${url}`, { cookie }));
    }
  }
  return out;
}

function printTable(pages: Measured[], http: Record<string, unknown>[]) {
  const line = '─'.repeat(100);
  console.error(`\n${line}\n${'page'.padEnd(44)} ${'ms'.padStart(9)} ${'baseline'.padStart(9)} ${'ratio'.padStart(7)}  rows   total  same`);
  for (const p of pages)
    console.error(
      `${p.page.padEnd(44)} ${String(p.ms ?? '—').padStart(9)} ${String(p.baselineMs ?? '—').padStart(9)} ${String(p.ratio ?? '—').padStart(7)}  ${String(p.rows ?? '—').padStart(4)} ${String(p.total ?? '—').padStart(7)}  ${p.error ? `ERROR ${p.error}` : p.same === false ? 'NO' : 'yes'}`,
    );
  const over = pages.filter((p) => p.ms != null && p.ms > 100).length;
  const bad = pages.filter((p) => p.ratio != null && p.ratio > 2).length;
  console.error(`${line}\n${pages.length} pages: ${over} over 100 ms, ${bad} with ratio > 2, ${pages.filter((p) => p.error).length} errors`);
  for (const h of http) console.error(`${String(h.page).padEnd(44)} p50 ${h.p50} ms  p99 ${h.p99} ms  ${h.rps} req/s`);
  console.error(line);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
