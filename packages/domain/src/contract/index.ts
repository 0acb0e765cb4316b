/** One module per feature's answers; see common.ts. */
export * from './common.js';
export * from './sessions.js';
export * from './hourPolicies.js';
export * from './auth.js';
