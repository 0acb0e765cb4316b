/** Starts the platform: migrate, seed once, serve the API and the built web app. */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { loadConfig } from './config.js';
import { analyze, openDatabase } from './db/client.js';
import { createPii, resolveDataKey } from './lib/pii.js';
import { seedReference } from './db/seed/reference.js';
import { seedDemo, type DemoAccount } from './db/seed/demo.js';
import { buildApp } from './app.js';
import { safeErrorText } from './lib/logging.js';
import { purgeAuditLogs } from './modules/audit/retention.js';
import { purgeExpiredExports } from './modules/exports/service.js';
import { Scheduler } from './lib/scheduler.js';
import { runReminders } from './modules/messages/reminders.js';
import { LOGIN_TYPES, type LoginType } from '@hbzsgx/domain';

function demoPassword(): string {
  const pool = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(8);
  return 'Hb@' + [...bytes].map((b) => pool[b % pool.length]).join('');
}

async function main() {
  const config = loadConfig();
  if (config.CAPTCHA === 'off') {
    const line = '!'.repeat(72);
    console.warn(`${line}\n!!  CAPTCHA=off: 图形验证码已关闭。仅用于自动化测试，切勿用于生产环境。\n${line}`);
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    poolSize: config.DB_POOL_SIZE,
    statementTimeoutMs: config.STATEMENT_TIMEOUT_MS,
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down`);
    try {
      await scheduler.stop(); // no new run; one in progress finishes (its transaction commits or rolls back)
      await app?.close();
      await database.close();
      process.exit(0);
    } catch (e) {
      console.error(safeErrorText(e));
      process.exit(1);
    }
  };
  const scheduler = new Scheduler(database.db, {
    statementTimeoutMs: config.JOB_STATEMENT_TIMEOUT_MS,
    log: { info: (m) => console.log(m), error: (m) => console.error(m) },
  });
  // eslint-disable-next-line prefer-const -- declared before the signal handlers that read it, assigned once the app is built
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await database.migrate();
  const pii = createPii(resolveDataKey(config.DATA_KEY, config.dataDir, (m) => console.warn(m)));
  const accountsFile = path.join(config.dataDir, 'demo-accounts.json');
  if (await seedReference(database.db)) console.log('已导入湖北省行政区划与人社部门树');
  if (config.SEED_DEMO) {
    const accounts = await seedDemo(database.db, pii, { password: demoPassword() });
    if (accounts.length) fs.writeFileSync(accountsFile, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  }
  // Scheduled jobs: each slot runs in one process however many share the database (lib/scheduler.ts)
  scheduler.add({
    name: 'audit-purge',
    everyMs: 24 * 3600_000,
    run: async (tx) => {
      const n = await purgeAuditLogs(tx, config.AUDIT_RETENTION_DAYS);
      return `删除 ${n} 条超过 ${config.AUDIT_RETENTION_DAYS} 天的审计日志`;
    },
  });
  scheduler.add({
    name: 'export-purge',
    everyMs: 3600_000,
    run: async (tx, now) => {
      const n = await purgeExpiredExports(tx, config, now);
      return `删除 ${n} 个超过 ${config.EXPORT_RETENTION_HOURS} 小时保留期的后台导出文件`;
    },
  });
  scheduler.add({
    name: 'reminders',
    everyMs: 24 * 3600_000,
    run: async (tx, now) => {
      const r = await runReminders(tx, now);
      return r.date ? `学时提醒（${r.date}）：${r.people} 人，${r.unitAdmins} 位单位管理员` : '今日无学时提醒';
    },
  });
  if (database.kind === 'pglite') {
    // PGlite has no autovacuum: the planner statistics are refreshed at start and every hour (the seeds and each
    // finished import refresh them too). PostgreSQL's autovacuum does this there (README, Running on PostgreSQL).
    scheduler.add({ name: 'analyze', everyMs: 3600_000, run: (tx) => analyze(tx) });
  }
  await scheduler.runDue(); // before serving: the first requests are planned on fresh statistics
  scheduler.start();
  app = await buildApp({ config, database, pii });
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`\n湖北省专业技术人员继续教育公共服务平台 已启动: http://localhost:${config.PORT}  (数据库: ${database.kind})`);
  if (fs.existsSync(accountsFile)) {
    const accounts = JSON.parse(fs.readFileSync(accountsFile, 'utf8')) as DemoAccount[];
    console.log('\n演示账号（首次登录须修改密码；修改后此处的初始密码失效）:');
    for (const a of accounts) {
      console.log(
        `  ${a.role.padEnd(16, '　')} 用户类型: ${LOGIN_TYPES[a.loginType as LoginType]}  账号: ${a.account}  初始密码: ${a.password}  (${a.orgName} ${a.name})`,
      );
    }
    console.log(`  (列表保存在 ${accountsFile})\n`);
  }
}

main().catch((e) => {
  console.error('启动失败:', safeErrorText(e));
  process.exit(1);
});
