import { useQuery } from '@tanstack/react-query';
import { DEFAULT_PASSWORD_POLICY, type LoginType, type PasswordPolicy } from '@hbzsgx/domain';
import { api } from '../../app/api';
import type { Ok } from '../../app/types';

export interface Captcha {
  enabled: boolean;
  captchaId: string;
  image: string;
}
export interface LoginBody {
  loginType: LoginType;
  account: string;
  password: string;
  captchaId: string;
  captcha: string;
}

export const authApi = {
  captcha: () => api.get<Captcha>('/api/auth/captcha'),
  login: (body: LoginBody) => api.post<{ mustChangePassword: boolean }>('/api/auth/login', body),
  logout: () => api.post<Ok>('/api/auth/logout'),
  changePassword: (body: { oldPassword: string; newPassword: string }) => api.post<Ok>('/api/auth/password', body),
  policy: () => api.get<PasswordPolicy>('/api/auth/password-policy'),
};

/** The server's password policy (falls back to the default while loading). */
export function usePasswordPolicy(): PasswordPolicy {
  const q = useQuery({ queryKey: ['auth', 'password-policy'], queryFn: authApi.policy, staleTime: Infinity });
  return q.data ?? DEFAULT_PASSWORD_POLICY;
}

export function policyText(p: PasswordPolicy): string {
  return `密码长度不少于${p.minLength}位，须包含大写字母、小写字母、数字、特殊字符中的至少${p.minClasses}类，且不能与证件号相同。`;
}
