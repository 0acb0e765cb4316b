import { useQuery } from '@tanstack/react-query';
import {
  DEFAULT_PASSWORD_POLICY,
  type captchaChallenge,
  type changePasswordBody,
  type loginBody,
  type loginResult,
  type okResponse,
  type PasswordPolicy,
  type passwordPolicyResponse,
  type Wire,
} from '@hbzsgx/domain';
import { api } from '../../app/api';

export type Captcha = Wire<typeof captchaChallenge>;
export type LoginBody = Wire<typeof loginBody>;

export const authApi = {
  captcha: () => api.get<Captcha>('/api/auth/captcha'),
  login: (body: LoginBody) => api.post<Wire<typeof loginResult>>('/api/auth/login', body),
  logout: () => api.post<Wire<typeof okResponse>>('/api/auth/logout'),
  changePassword: (body: Wire<typeof changePasswordBody>) => api.post<Wire<typeof okResponse>>('/api/auth/password', body),
  policy: () => api.get<Wire<typeof passwordPolicyResponse>>('/api/auth/password-policy'),
};

/** The server's password policy (falls back to the default while loading). */
export function usePasswordPolicy(): PasswordPolicy {
  const q = useQuery({ queryKey: ['auth', 'password-policy'], queryFn: authApi.policy, staleTime: Infinity });
  return q.data ?? DEFAULT_PASSWORD_POLICY;
}

export function policyText(p: PasswordPolicy): string {
  return `密码长度不少于${p.minLength}位，须包含大写字母、小写字母、数字、特殊字符中的至少${p.minClasses}类，且不能与证件号相同。`;
}
