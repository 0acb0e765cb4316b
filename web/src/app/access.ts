/** UI flags derived from the session's permissions (the server checks them again on every request). */
import type { OrgType, Permission } from '@hbzsgx/domain';
import { useSession } from './session';
import type { Me } from './types';

/** `orgTypes`: the page serves only these organisation types (e.g. HR's region statistics), whatever the permission. */
export type RouteRule = { permission: Permission; orgTypes?: readonly OrgType[] } | { kind: Me['kind'] } | { authenticated: true };

export function can(me: Me | null, p: Permission): boolean {
  return !!me && me.permissions.includes(p);
}

export function allows(me: Me | null, rule: RouteRule): boolean {
  if (!me) return false;
  if ('permission' in rule) return can(me, rule.permission) && (!rule.orgTypes || rule.orgTypes.includes(me.org.type));
  if ('kind' in rule) return me.kind === rule.kind;
  return true;
}

/** `const { can } = useAccess(); can('dept.manage')` */
export function useAccess() {
  const { me } = useSession();
  return {
    can: (p: Permission) => can(me, p),
    isSuper: !!me?.isSuper,
    isBase: me?.org.type === 'base',
    orgType: me?.org.type,
  };
}
