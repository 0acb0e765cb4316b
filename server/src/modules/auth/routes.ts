import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordBody, loginBody, MENUS, REGISTRANT_MENU, visibleMenus, ORG_TYPES, HR_LEVELS } from '@hbzsgx/domain';
import { actorOf } from '../../plugins/access.js';
import { auditInvalidLogin, changePassword, login, logout } from './service.js';

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const loginLimit = { max: deps.config.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: '1 minute' };

  app.get(
    '/api/auth/captcha',
    {
      config: { access: { public: true }, rateLimit: loginLimit },
      schema: { tags: ['认证'], summary: '获取图形验证码' },
    },
    async () => {
      if (!deps.captcha.enabled) return { enabled: false, captchaId: '', image: '' };
      return { enabled: true, ...(await deps.captcha.issue()) };
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true }, rateLimit: loginLimit },
      schema: { tags: ['认证'], summary: '管理人员登录', body: loginBody },
      // a refused login form is a failed login attempt too: audited (the account stripped of what cannot be stored), then 400
      attachValidation: true,
    },
    async (req, reply) => {
      if (req.validationError) {
        await auditInvalidLogin(deps, req);
        throw req.validationError;
      }
      return login(deps, req, reply, req.body);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { authenticated: true, allowPasswordChange: true, allowRegistrant: true } },
      schema: { tags: ['认证'], summary: '退出登录' },
    },
    async (req, reply) => {
      await logout(deps, req, reply, actorOf(req));
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: { authenticated: true, allowPasswordChange: true, allowRegistrant: true } },
      schema: { tags: ['认证'], summary: '当前用户、机构、权限与菜单' },
    },
    async (req) => {
      const a = actorOf(req);
      const perms = [...a.permissions];
      const menuKey = a.kind === 'personnel' ? 'personnel' : a.org.type;
      return {
        user: { id: a.userId, name: a.name },
        kind: a.kind,
        loginType: a.loginType,
        org: { ...a.org, typeName: ORG_TYPES[a.org.type], hrLevelName: a.org.hrLevel ? HR_LEVELS[a.org.hrLevel] : null },
        isSuper: a.isSuper,
        adminId: a.adminId,
        permissions: perms,
        menus: a.registration === 'active' ? visibleMenus(MENUS[menuKey], new Set(perms), a.org.hrLevel) : REGISTRANT_MENU,
        registration: a.registration,
        mustChangePassword: a.mustChangePassword,
        idleMinutes: deps.config.SESSION_IDLE_MINUTES,
        separationOfDuties: deps.config.SEPARATION_OF_DUTIES,
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { authenticated: true, allowPasswordChange: true, allowRegistrant: true }, rateLimit: loginLimit },
      schema: { tags: ['认证'], summary: '修改密码', body: changePasswordBody },
    },
    async (req) => {
      await changePassword(deps, req, actorOf(req), req.body);
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/password-policy',
    {
      config: { access: { public: true } },
      schema: { tags: ['认证'], summary: '密码策略', response: { 200: z.object({ minLength: z.number(), minClasses: z.number() }) } },
    },
    async () => ({ minLength: deps.config.PASSWORD_MIN_LENGTH, minClasses: deps.config.PASSWORD_MIN_CLASSES }),
  );
}
