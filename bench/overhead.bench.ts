/**
 * Request overhead (issue 10 item 5): bare Fastify against the platform's trivial routes, 50 connections, by
 * autocannon — /api/health without and with a session cookie (public: the session is not looked at), a trivial
 * authenticated route (/api/bench/ping, added here: the access hook's session → actor, from the actor cache once
 * warm) and /api/auth/me (menus). Target: an authenticated trivial route within 3× of bare Fastify.
 *   npx tsx bench/overhead.bench.ts [--seconds 10] [--connections 50] [--rounds 1]   (DATABASE_URL=postgres://… for PostgreSQL)
 * Results go to stderr (stdout carries the server's request log, as in production); the last line is
 * `OVERHEAD {…}` (machine-readable).
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { okResponse } from '@hbzsgx/domain';
import { buildApp } from '../server/src/app.js';
import { seedReference } from '../server/src/db/seed/reference.js';
import { seedDemo } from '../server/src/db/seed/demo.js';
import { arg, benchDeps, openBenchDatabase } from './dataset.js';

const seconds = arg('seconds', 10);
const connections = arg('connections', 50);
/** Rounds > 1: every target runs `seconds` per round, the targets interleaved, and each figure is the median of its
 * rounds — on a machine shared with other work, bare and platform are then measured under the same load. */
const rounds = arg('rounds', 1);

type Figures = { rps: number; p50: number; p99: number };
async function run(url: string, headers: Record<string, string> = {}): Promise<Figures> {
  const r = await autocannon({ url, connections, duration: seconds, headers });
  if (r.non2xx) throw new Error(`${url}: ${r.non2xx} non-2xx answers`);
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99 };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { database, cleanup } = await openBenchDatabase();
try {
  await database.migrate();
  await seedReference(database.db);
  const deps = benchDeps(database);
  const accounts = await seedDemo(database.db, deps.pii, { password: 'Demo@2026init', personnelCount: 50 });
  const app = await buildApp({ config: deps.config, database, pii: deps.pii });
  // the trivial authenticated route of the target: the access hook (session → actor) and nothing else
  app.get('/api/bench/ping', { config: { access: { authenticated: true } }, schema: { response: { 200: okResponse } } }, async () => ({
    ok: true as const,
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const county = accounts.find((a) => a.role.startsWith('县区人社局管理员（江岸区）'))!;
  const h = { host: '127.0.0.1', origin: base, 'content-type': 'application/json' };
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: h,
    body: JSON.stringify({ loginType: 'hr', account: county.account, password: 'Demo@2026init' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  await fetch(`${base}/api/auth/password`, {
    method: 'POST',
    headers: { ...h, cookie },
    body: JSON.stringify({ oldPassword: 'Demo@2026init', newPassword: 'County@2026bench' }),
  });

  const bare = Fastify();
  bare.get('/hello', async () => ({ ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddr = bare.server.address();
  const bareUrl = `http://127.0.0.1:${typeof bareAddr === 'object' && bareAddr ? bareAddr.port : 0}/hello`;

  const targets = {
    bare: () => run(bareUrl),
    health: () => run(`${base}/api/health`),
    healthWithSession: () => run(`${base}/api/health`, { cookie }),
    authenticated: () => run(`${base}/api/bench/ping`, { cookie }),
    me: () => run(`${base}/api/auth/me`, { cookie }),
  };
  type Target = keyof typeof targets;
  const runs = Object.fromEntries(Object.keys(targets).map((k) => [k, [] as Figures[]])) as Record<Target, Figures[]>;
  for (let i = 0; i < rounds; i++) for (const k of Object.keys(targets) as Target[]) runs[k].push(await targets[k]());
  const results = Object.fromEntries(
    (Object.keys(targets) as Target[]).map((k) => [
      k,
      { rps: median(runs[k].map((f) => f.rps)), p50: median(runs[k].map((f) => f.p50)), p99: median(runs[k].map((f) => f.p99)) },
    ]),
  ) as Record<Target, Figures>;
  const ratio = (k: keyof typeof results) => Math.round((results.bare.rps / results[k].rps) * 10) / 10;
  console.error(`${database.kind}, ${connections} connections, ${seconds} s each${rounds > 1 ? `, median of ${rounds} interleaved rounds` : ''}`);
  for (const [k, v] of Object.entries(results)) console.error(`${k.padEnd(18)} ${String(v.rps).padStart(7)} req/s  p50 ${v.p50} ms  p99 ${v.p99} ms`);
  console.error(
    `slower than bare: health ×${ratio('health')}, health with session ×${ratio('healthWithSession')}, ` +
      `authenticated ×${ratio('authenticated')}, me ×${ratio('me')}`,
  );
  console.error(`OVERHEAD ${JSON.stringify({ db: database.kind, connections, rounds, ...results })}`);
  await bare.close();
  await app.close();
} finally {
  await cleanup();
}
