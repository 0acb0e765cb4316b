import type { HrLevel, LoginType, MenuItem, OrgType } from '@hbzsgx/domain';

/** Answer of GET /api/auth/me. */
export interface Me {
  user: { id: number; name: string };
  kind: 'admin' | 'personnel';
  loginType: LoginType;
  org: { id: number; type: OrgType; hrLevel: HrLevel | null; path: string; name: string; typeName: string; hrLevelName: string | null };
  isSuper: boolean;
  /** The admin seat of this session (null for personnel). */
  adminId: number | null;
  permissions: string[];
  menus: MenuItem[];
  /** Registration state of the organisation/person ('active' once approved). */
  registration: 'active' | 'pending' | 'rejected';
  mustChangePassword: boolean;
  idleMinutes: number;
  /** 三员分立 on: the audit duty only beside read-only permissions (packages/domain permissions.ts). */
  separationOfDuties: boolean;
}

export interface Page<T> {
  total: number;
  items: T[];
}
export interface Items<T> {
  items: T[];
}
export interface Ok {
  ok: true;
}
