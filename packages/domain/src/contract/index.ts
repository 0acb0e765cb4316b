/** One module per feature's answers; see common.ts. */
export * from './common.js';
export * from './auth.js';
export * from './departments.js';
export * from './sessions.js';
export * from './annual-docs.js';
export * from './hourPolicies.js';
export * from './registration-review.js';
export * from './materials.js';
export * from './training.js';
export * from './statistics.js';
export * from './roles.js';
export * from './change-review.js';
export * from './transfers.js';
export * from './claim-review.js';
export * from './personal-claims.js';
export * from './admins.js';
export * from './org-info.js';
