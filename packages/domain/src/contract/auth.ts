/** 认证: 验证码, 登录, 当前用户 (server/src/modules/auth). */
import { z } from 'zod';
import { HR_DUTY_CODES, HR_LEVEL_CODES, LOGIN_TYPE_CODES, ORG_TYPE_CODES } from '../orgTypes.js';
import { PERMISSION_CODES, type MenuItem } from '../permissions.js';

/** The image captcha: `enabled: false` (CAPTCHA=off) answers an empty challenge the login form skips. */
export const captchaChallenge = z.object({ enabled: z.boolean(), captchaId: z.string(), image: z.string() });
export const loginResult = z.object({ mustChangePassword: z.boolean() });
export const passwordPolicyResponse = z.object({ minLength: z.number().int(), minClasses: z.number().int() });

/** One entry of the left menu (packages/domain permissions.ts MENUS), children to any depth. */
export const menuItem: z.ZodType<MenuItem, MenuItem> = z.object({
  key: z.string(),
  title: z.string(),
  path: z.string().optional(),
  icon: z.string().optional(),
  permission: z.enum(PERMISSION_CODES).optional(),
  hrDuty: z.enum(HR_DUTY_CODES).optional(),
  get children() {
    return z.array(menuItem).optional();
  },
});

/** GET /api/auth/me: who is signed in, their organisation, permissions and menu. */
export const currentUser = z.object({
  user: z.object({ id: z.number().int(), name: z.string() }),
  kind: z.enum(['admin', 'personnel']),
  loginType: z.enum(LOGIN_TYPE_CODES),
  org: z.object({
    id: z.number().int(),
    type: z.enum(ORG_TYPE_CODES),
    hrLevel: z.enum(HR_LEVEL_CODES).nullable(),
    path: z.string(),
    name: z.string(),
    typeName: z.string(),
    hrLevelName: z.string().nullable(),
  }),
  isSuper: z.boolean(),
  /** The admin seat of this session (null for personnel). */
  adminId: z.number().int().nullable(),
  permissions: z.array(z.enum(PERMISSION_CODES)),
  menus: z.array(menuItem),
  /** Registration state of the organisation/person ('active' once approved). */
  registration: z.enum(['active', 'pending', 'rejected']),
  mustChangePassword: z.boolean(),
  idleMinutes: z.number().int(),
  /** 三员分立 on: the audit duty only beside read-only permissions (packages/domain permissions.ts). */
  separationOfDuties: z.boolean(),
});
