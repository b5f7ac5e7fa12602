import { defineConfig } from 'vitest/config';

/** Unit tests: pure logic in Node, DOM views in jsdom (chosen per file with `@vitest-environment`). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'build/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
