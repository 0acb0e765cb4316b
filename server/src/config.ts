/** Configuration from environment variables, checked against a schema at start. */
import { z } from 'zod';
import path from 'node:path';

const bool = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  /** PostgreSQL: connections per process (several processes share the server's max_connections). */
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
  /** PostgreSQL: a statement running longer is cancelled (SQLSTATE 57014, answered 503), so one slow page cannot hold a connection for minutes; 0 = none. */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** PostgreSQL: the statement timeout of a list export's statements (each reads one batch of the list); 0 = none. */
  EXPORT_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(120_000),
  /** PostgreSQL: the statement timeout of background work (imports, scheduled jobs such as the audit purge); 0 = none. */
  JOB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  /** redis://…: rate limits shared by every server process (else each process counts alone, in memory). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL')
    .optional(),
  /** The prefix of this installation's keys in Redis. */
  REDIS_PREFIX: z.string().min(1).max(64).default('hbzsgx:'),
  /** GET /metrics (Prometheus) answers only `Authorization: Bearer <METRICS_TOKEN>`; unset = no metrics. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** A background job (import or export) whose worker sent no heartbeat for this long (its process died) is taken over by another process. */
  IMPORT_STALE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /**
   * A list export of more rows than this runs as a background job (我的导出) instead of downloading at once. At most
   * the lists' bounded count (10,000, lib/paging.ts COUNT_CAP), so that the page's own count decides it exactly.
   */
  EXPORT_SYNC_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10_000),
  /** Hours a finished background export stays downloadable; then its file is deleted. */
  EXPORT_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(30, '等保要求空闲超时不超过30分钟').default(30),
  CAPTCHA: z.enum(['on', 'off']).default('on'),
  /** 32-byte key (hex or base64) for AES-256-GCM of personal data and the HMAC blind index. */
  DATA_KEY: z.string().optional(),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  /** Days until a password must be changed again; 0 = no expiry (ASVS); 等保 deployments set e.g. 90. */
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(0),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(10).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(15).default(15),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180, '审计日志保留不少于180天').default(180),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  COOKIE_SECURE: bool.default(false),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: bool.default(true),
  /** 三员分立: the audit duty only beside read-only permissions; super admins appoint auditors (packages/domain permissions.ts). */
  SEPARATION_OF_DUTIES: bool.default(true),
  /** The OpenAPI document and Swagger UI at /docs; production deployments may switch them off (then /docs is 404). */
  API_DOCS: bool.default(true),
  /** Public address of the platform (https://host[:port]), printed in certificates' QR codes; default: the request's host. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL' })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
});

export type Config = z.infer<typeof envSchema> & { dataDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${msg}`);
  }
  const cfg = { ...parsed.data, ...overrides };
  // npm runs workspace scripts inside server/; relative paths mean relative to where the user ran npm.
  const base = env.INIT_CWD ?? process.cwd();
  return { ...cfg, dataDir: path.resolve(base, cfg.DATA_DIR) };
}
