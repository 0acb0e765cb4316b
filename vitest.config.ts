import { defineConfig } from 'vitest/config';

const jsonOut = process.env.TEST_REPORT_JSON;

export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['server/test/globalSetup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: jsonOut ? ['default', ['json', { outputFile: jsonOut }]] : ['default'],
  },
});
