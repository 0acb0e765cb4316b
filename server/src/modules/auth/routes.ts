/** 认证: 验证码, 登录, 退出, 当前用户, 修改密码, 密码策略. Data logic in service.ts; the session cookie is set here. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  captchaChallenge,
  changePasswordBody,
  currentUser as currentUserSchema,
  loginBody,
  loginResult,
  okResponse,
  passwordPolicyResponse,
} from '@hbzsgx/domain';
import { contextOf, publicContextOf } from '../../context.js';
import { SESSION_COOKIE } from '../../plugins/access.js';
import { auditInvalidLogin, changePassword, currentUser, issueCaptcha, login, logout, passwordPolicy } from './service.js';

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const tags = ['认证'];
  const loginLimit = { max: deps.config.RATE_LIMIT_LOGIN_PER_MINUTE, timeWindow: '1 minute' };

  app.get(
    '/api/auth/captcha',
    {
      config: { access: { public: true }, rateLimit: loginLimit },
      schema: { tags, summary: '获取图形验证码', response: { 200: captchaChallenge } },
    },
    async (req) => issueCaptcha(publicContextOf(req)),
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true }, rateLimit: loginLimit },
      schema: { tags, summary: '管理人员登录', body: loginBody, response: { 200: loginResult } },
      // a refused login form is a failed login attempt too: audited (the account stripped of what cannot be stored), then 400
      attachValidation: true,
    },
    async (req, reply) => {
      if (req.validationError) {
        await auditInvalidLogin(publicContextOf(req), req.body);
        throw req.validationError;
      }
      const { token, mustChangePassword } = await login(publicContextOf(req), req.body, {
        previousToken: req.cookies[SESSION_COOKIE],
        userAgent: req.headers['user-agent'] ?? '',
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.COOKIE_SECURE || req.protocol === 'https',
      });
      return { mustChangePassword };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { authenticated: true, allowPasswordChange: true, allowRegistrant: true } },
      schema: { tags, summary: '退出登录', response: { 200: okResponse } },
    },
    async (req, reply) => {
      const done = await logout(contextOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return done;
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: { authenticated: true, allowPasswordChange: true, allowRegistrant: true } },
      schema: { tags, summary: '当前用户、机构、权限与菜单', response: { 200: currentUserSchema } },
    },
    async (req) => currentUser(contextOf(req)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { authenticated: true, allowPasswordChange: true, allowRegistrant: true }, rateLimit: loginLimit },
      schema: { tags, summary: '修改密码', body: changePasswordBody, response: { 200: okResponse } },
    },
    async (req) => changePassword(contextOf(req), req.body),
  );

  app.get(
    '/api/auth/password-policy',
    {
      config: { access: { public: true } },
      schema: { tags, summary: '密码策略', response: { 200: passwordPolicyResponse } },
    },
    async (req) => passwordPolicy(publicContextOf(req)),
  );
}
