import type { currentUser, Wire } from '@hbzsgx/domain';

/** Answer of GET /api/auth/me. */
export type Me = Wire<typeof currentUser>;

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
