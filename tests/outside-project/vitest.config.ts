import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // npm installs the packed packages and tfjs from the registry in beforeAll.
    hookTimeout: 300_000,
    testTimeout: 120_000,
  },
});
