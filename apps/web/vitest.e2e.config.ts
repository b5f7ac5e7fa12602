import { defineConfig } from 'vitest/config';

/** End-to-end: the built app in Debian's Chromium. One browser, tests in order. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
