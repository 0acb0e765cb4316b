import type { currentUser, Wire } from '@hbzsgx/domain';

/** Answer of GET /api/auth/me. */
export type Me = Wire<typeof currentUser>;
