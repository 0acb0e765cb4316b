/** Password policy (等保2.0 三级): length and character classes, configurable on the server. */
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

export function passwordClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
}

/** Returns a Chinese reason when the password breaks the policy, else null. */
export function checkPassword(pw: string, opts: { idNumber?: string; policy?: PasswordPolicy } = {}): string | null {
  const p = opts.policy ?? DEFAULT_PASSWORD_POLICY;
  if (pw.length < p.minLength) return `密码长度不能少于${p.minLength}位`;
  if (pw.length > 64) return '密码长度不能超过64位';
  if (opts.idNumber && pw.toUpperCase() === opts.idNumber.toUpperCase()) return '密码不能与证件号相同';
  if (passwordClasses(pw) < p.minClasses) return `密码须包含大写字母、小写字母、数字、特殊字符中的至少${p.minClasses}类`;
  return null;
}
