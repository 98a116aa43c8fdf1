import { defineConfig } from 'vitest/config';

const unit = {
  include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  globalSetup: ['src/testing/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    allowOnly: false,
    projects: [
      { test: { ...unit, name: 'pglite', env: { MEDIRED_TEST_DB: 'pglite' } } },
      { test: { ...unit, name: 'postgres', env: { MEDIRED_TEST_DB: 'postgres', MEDIRED_TEST_REDIS_URL: 'redis://127.0.0.1:6379' } } },
      { test: { name: 'e2e', include: ['e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
