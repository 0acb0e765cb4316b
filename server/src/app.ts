/** Builds the Fastify app: cross-cutting plugins first, then each feature module registers its own routes. */
import Fastify, { type FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { health, readiness } from '@hbzsgx/domain';
import { checkReady } from './db/client.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerQueryCancellation } from './plugins/cancel.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import { registerErrorHandler } from './plugins/errors.js';
import { loggerOptions } from './lib/logging.js';
import { registerAccess } from './plugins/access.js';
import { captchaService } from './modules/auth/captcha.js';
import authRoutes from './modules/auth/routes.js';
import orgInfoRoutes from './modules/org-info/routes.js';
import departmentRoutes from './modules/departments/routes.js';
import adminRoutes from './modules/admins/routes.js';
import roleRoutes from './modules/roles/routes.js';
import auditRoutes from './modules/audit/routes.js';
import sessionRoutes from './modules/sessions/routes.js';
import suborgRoutes from './modules/suborgs/routes.js';
import dashboardRoutes from './modules/dashboard/routes.js';
import divisionRoutes from './modules/divisions/routes.js';
import profileRoutes from './modules/profile/routes.js';
import registrationRoutes from './modules/registration/routes.js';
import registrationReviewRoutes from './modules/registration-review/routes.js';
import changeReviewRoutes from './modules/change-review/routes.js';
import transferRoutes from './modules/transfers/routes.js';
import policyRoutes from './modules/ledger/policy-routes.js';
import trainingRoutes from './modules/training/routes.js';
import enrolmentRoutes from './modules/enrolment/routes.js';
import claimReviewRoutes from './modules/claim-review/routes.js';
import annualDocRoutes from './modules/annual-docs/routes.js';
import personalClaimRoutes from './modules/personal-claims/routes.js';
import materialRoutes from './modules/materials/routes.js';
import statisticsRoutes from './modules/statistics/routes.js';
import workplaceStatsRoutes from './modules/statistics/workplace-routes.js';
import personnelRoutes from './modules/personnel/routes.js';
import certificateRoutes from './modules/certificates/routes.js';
import exportRoutes from './modules/exports/routes.js';
import messageRoutes from './modules/messages/routes.js';
import announcementRoutes from './modules/announcements/routes.js';
import passwordResetRoutes from './modules/password-reset/routes.js';

/**
 * Security headers (helmet's, computed once at start: plugins/security-headers.ts). The Content-Security-Policy
 * fits what the pages load: the built Vite app and the Swagger UI are scripts from 'self' only (no inline script);
 * antd's CSS-in-JS and ECharts' tooltips write inline styles; the image captcha is an svg data: URL; the evidence
 * viewer shows blob: images and PDFs (an iframe); files are saved through blob: links. No framing by anyone
 * (clickjacking). HSTS and upgrade-insecure-requests only when the platform is served over TLS (COOKIE_SECURE=on):
 * on a plain-http intranet they would break every request.
 */
export function helmetOptions(config: Config) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(config.COOKIE_SECURE ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'same-origin' as const },
    strictTransportSecurity: config.COOKIE_SECURE ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

export type App = FastifyInstance;
export type TypedApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(deps: Omit<AppDeps, 'captcha'>, opts: { logger?: boolean | object } = {}) {
  const app = Fastify({
    // redaction, masked query strings and safe errors whatever a caller (a test) sets
    logger: opts.logger === false ? false : loggerOptions(deps.config.LOG_LEVEL, typeof opts.logger === 'object' ? opts.logger : {}),
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', { ...deps, captcha: captchaService(deps.database.db, deps.config) });

  registerErrorHandler(app);
  // first of the request hooks: every statement of a request (the session lookup too) is cancelled if its client goes
  registerQueryCancellation(app);
  registerSecurityHeaders(app, helmetOptions(deps.config)); // computed once (helmet's own output)
  // Downloads (every xlsx export, template, certificate, uploaded file: anything sent as an attachment) and the
  // unmasked identity routes (pii.view) must not stay in a browser's or a proxy's cache.
  app.addHook('onSend', async (req, reply) => {
    if (
      /^attachment/i.test(String(reply.getHeader('content-disposition') ?? '')) ||
      (req.routeOptions.config as { access?: { permission?: string } } | undefined)?.access?.permission === 'pii.view'
    ) {
      reply.header('Cache-Control', 'no-store');
    }
  });
  await app.register(cookie);
  // Rate limits (login, captcha, registration, 证书验证): in Redis when REDIS_URL is set, so N processes allow what one
  // does; an unreachable Redis refuses rather than lets everything through (skipOnError false).
  const redis = deps.config.REDIS_URL ? new Redis(deps.config.REDIS_URL, { connectTimeout: 2000, maxRetriesPerRequest: 1 }) : null;
  if (redis) {
    redis.on('error', (err: Error) => app.log.warn({ err }, 'redis unavailable'));
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  }
  await app.register(rateLimit, { global: false, ...(redis ? { redis, nameSpace: `${deps.config.REDIS_PREFIX}rl:`, skipOnError: false } : {}) });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  if (deps.config.API_DOCS) {
    await app.register(swagger, {
      openapi: { info: { title: '湖北省专业技术人员继续教育公共服务平台 API', version: '1.0.0' } },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
  }
  registerAccess(app);
  registerMetrics(app);

  await app.register(authRoutes);
  await app.register(profileRoutes);
  await app.register(orgInfoRoutes);
  await app.register(departmentRoutes);
  await app.register(adminRoutes);
  await app.register(roleRoutes);
  await app.register(auditRoutes);
  await app.register(sessionRoutes);
  await app.register(suborgRoutes);
  await app.register(dashboardRoutes);
  await app.register(divisionRoutes);
  await app.register(registrationRoutes);
  await app.register(registrationReviewRoutes);
  await app.register(changeReviewRoutes);
  await app.register(transferRoutes);
  await app.register(policyRoutes);
  await app.register(trainingRoutes);
  await app.register(enrolmentRoutes);
  await app.register(claimReviewRoutes);
  await app.register(annualDocRoutes);
  await app.register(personalClaimRoutes);
  await app.register(materialRoutes);
  await app.register(statisticsRoutes);
  await app.register(workplaceStatsRoutes);
  await app.register(personnelRoutes);
  await app.register(certificateRoutes);
  await app.register(exportRoutes);
  await app.register(passwordResetRoutes);
  await app.register(messageRoutes);
  await app.register(announcementRoutes);
  app.get('/api/health', { config: { access: { public: true } }, schema: { summary: '健康检查', response: { 200: health } } }, async () => ({
    ok: true as const,
    db: deps.database.kind,
  }));
  app.get(
    '/api/ready',
    {
      config: { access: { public: true } },
      schema: { summary: '就绪检查（数据库可用且迁移已完成；503 表示尚未就绪）', response: { 200: readiness } },
    },
    async () => ({ ok: true as const, db: deps.database.kind, ...(await checkReady(deps.database.probe)) }),
  );

  // The built web app, with client-side routes falling back to index.html; unknown API paths answer 404 JSON.
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/docs')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ code: 'NOT_FOUND', message: '接口不存在' });
  });
  return app;
}
